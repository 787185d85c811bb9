package org.tensorgraph.session;

import java.util.Arrays;
import java.util.List;
import org.tensorgraph.core.graph.Graph;

/**
 * The executor configurations every graph-level test runs on, so that each test asserts the
 * same results from all of them. For any module's tests:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(ExecutorConfig.class)
 * void addsOne(ExecutorConfig exec) {
 *   try (Session s = exec.open(graph)) {
 *     assertEquals(Tensor.of(2f), s.run(y));
 *   }
 * }
 * }</pre>
 *
 * <p>Tests that keep a list of options can use {@link #all()}: {@code
 * @MethodSource("org.tensorgraph.session.ExecutorConfig#all")}.
 */
public enum ExecutorConfig {
  /** The reference interpreter. */
  REFERENCE(SessionOptions.builder().executor(ExecutorKind.REFERENCE).build()),
  /** The plan executor on the calling thread. */
  DIRECT(SessionOptions.builder().executor(ExecutorKind.DIRECT).build()),
  /** The threaded executor on a pool of one thread (plus the caller). */
  THREADED_1(SessionOptions.builder().executor(ExecutorKind.THREADED).interOpThreads(1).build()),
  /** The threaded executor on a pool of four threads. */
  THREADED_4(SessionOptions.builder().executor(ExecutorKind.THREADED).interOpThreads(4).build()),
  /** The plan executor with kernels split over an intra-op pool of two threads. */
  DIRECT_INTRA_2(SessionOptions.builder().executor(ExecutorKind.DIRECT).intraOpThreads(2)
      .build());

  private final SessionOptions options;

  ExecutorConfig(SessionOptions options) {
    this.options = options;
  }

  public SessionOptions options() {
    return options;
  }

  /** The options of every configuration, the reference interpreter first. */
  public static List<SessionOptions> all() {
    return Arrays.stream(values()).map(ExecutorConfig::options).toList();
  }

  /** A new session on {@code graph} with this configuration; close it after use. */
  public Session open(Graph graph) {
    return new Session(graph, options);
  }
}
