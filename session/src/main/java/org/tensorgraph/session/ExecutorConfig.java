package org.tensorgraph.session;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

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

  /**
   * Runs {@code fetches} on every configuration and checks each result equals the reference
   * interpreter's (an {@link AssertionError} naming the configuration otherwise); returns the
   * names of the nodes the direct executor ran, to check what a plan fused away.
   *
   * <pre>{@code
   * Set<String> ran = ExecutorConfig.sameOnEveryExecutor(g, List.of(y), Map.of(x, input));
   * assertFalse(ran.contains("mm"));  // the MatMul ran inside a fused entry
   * }</pre>
   */
  public static Set<String> sameOnEveryExecutor(Graph graph, List<Output> fetches,
      Map<Output, Tensor> feeds) {
    List<Tensor> want;
    try (Session s = REFERENCE.open(graph)) {
      want = s.run(fetches, feeds, List.of());
    }
    Set<String> ran = new HashSet<>();
    for (ExecutorConfig e : values()) {
      try (Session s = e.open(graph)) {
        RunMetadata md = new RunMetadata();
        List<Tensor> got = s.run(fetches, feeds, null, md);
        if (!want.equals(got)) {
          throw new AssertionError(e.name() + " ==> expected: " + want + " but was: " + got);
        }
        if (e == DIRECT) {
          md.nodeStats().forEach(n -> ran.add(n.node()));
        }
      }
    }
    return ran;
  }

  /** A new session on {@code graph} with this configuration; close it after use. */
  public Session open(Graph graph) {
    return new Session(graph, options);
  }
}
