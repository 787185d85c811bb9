package org.tensorgraph.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.tensorgraph.session.ExecutorKind;

/**
 * The state every comparison shares: a benchmark class builds one {@link BenchGraph} from its
 * {@code @Param}s, and each {@code @Benchmark} method runs it on one side. The method's name says
 * which: {@code tf} runs it in TensorFlow 1.15, {@code tfNative} runs TF's own build of the same
 * model there ({@link #tfNativeGraph}), {@code oursDirect} runs it in a Tensorgraph session with
 * the direct executor, any other {@code ours...} in one with the threaded executor (the default).
 * A fork sets up only the side its method measures, so TF's native threads never run in a JVM
 * that measures Tensorgraph.
 *
 * <pre>{@code
 * @State(Scope.Benchmark)
 * public class MyBench extends SideBySide {
 *   @Param({"1024"}) public int n;
 *   protected BenchGraph build() { ... }
 *   @Benchmark public Object ours() { return ours.run(); }
 *   @Benchmark public int tf() { return tf.run(); }
 * }
 * }</pre>
 */
@State(Scope.Benchmark)
public abstract class SideBySide {
  /** Graph-level seed of every benchmark graph, so both sides initialize the same weights. */
  public static final long SEED = 20191022L;

  /** Tensorgraph's session, when the method measures Tensorgraph. */
  protected OursRun ours;
  /** TF's session, when the method measures TF (either graph). */
  protected TfRun tf;

  /** Builds the graph for the current {@code @Param} values. */
  protected abstract BenchGraph build();

  /**
   * The graph TF's own Python API would build for the same model, imported into TF, with {@code
   * g}'s feed, fetch and init names and {@code g}'s initial values; for {@code tfNative} methods.
   */
  protected org.tensorflow.Graph tfNativeGraph(BenchGraph g) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " has no TF-native graph; override tfNativeGraph to add a tfNative method");
  }

  /** Hook after a side is set up (say, to take a variable's value for a kernel-only method). */
  protected void afterSetUp(String method) {}

  /** JMH's trial setup: sets up the side that the running method measures. */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    setUp(benchmark.substring(benchmark.lastIndexOf('.') + 1));
  }

  /** Sets up the side that {@code method} measures (tests call this directly). */
  public void setUp(String method) {
    BenchGraph g = build();
    if (method.equals("tf")) {
      tf = TfRun.start(g);
    } else if (method.equals("tfNative")) {
      tf = TfRun.start(g, tfNativeGraph(g));
    } else if (method.startsWith("ours")) {
      ours = OursRun.start(g, method.equals("oursDirect") ? ExecutorKind.DIRECT
          : ExecutorKind.THREADED);
    } else {
      throw new IllegalArgumentException("A benchmark method is named tf, tfNative or ours...,"
          + " not "
          + method);
    }
    afterSetUp(method);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (ours != null) {
      ours.close();
      ours = null;
    }
    if (tf != null) {
      tf.close();
      tf = null;
    }
  }
}
