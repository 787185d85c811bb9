package org.tensorgraph.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.ops.MatMulKernels;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;

/**
 * {@code MatMul} of two float32 variables, [m, k] x [k, n]: the 1024³ and the products one
 * RNN step makes ({@code [batch, input + units] x [input + units, gates * units]}).
 *
 * <pre>{@code
 * $ java -jar benchmarks/target/benchmarks.jar MatMulBench -p shape=1024x1024x1024
 * }</pre>
 *
 * <p>{@code ours} and {@code tf} run the same graph ({@code a/read}, {@code b/read}, {@code
 * MatMul}) through a session (ours with one intra-op thread per processor, so large products
 * are split); {@code oursKernel} calls {@code MatMulKernels.gemm} on the same values directly,
 * on the calling thread only, with a fresh output as the op allocates.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class MatMulBench extends SideBySide {
  /**
   * m x k x n. Step shapes: BasicRNN 32,100,64,128 is 32x192x128; BasicLSTM 32,100,64,128 is
   * 32x192x512, 64,50,256,256 is 64x512x1024, 128,50,512,512 is 128x1024x2048, 1,1000,32,64 is
   * 1x96x256.
   */
  @Param({"1024x1024x1024", "32x192x128", "32x192x512", "64x512x1024", "128x1024x2048",
      "1x96x256"})
  public String shape;

  private int m;
  private int k;
  private int n;
  private Variable a;
  private Variable b;
  private float[] aValues;
  private float[] bValues;

  @Override
  protected BenchGraph build() {
    String[] mkn = shape.split("x");
    m = Integer.parseInt(mkn[0]);
    k = Integer.parseInt(mkn[1]);
    n = Integer.parseInt(mkn[2]);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.setRandomSeed(SEED);
    a = tf.getVariable("a", Shape.of(m, k), DType.FLOAT32, Initializers.randomUniform(-1, 1,
        null));
    b = tf.getVariable("b", Shape.of(k, n), DType.FLOAT32, Initializers.randomUniform(-1, 1,
        null));
    return new BenchGraph(g, tf.globalVariablesInitializer(),
        List.of(tf.matmul(a.value(), b.value())), Map.of(), true);
  }

  @Override
  protected void afterSetUp(String method) {
    if (method.equals("oursKernel")) {
      aValues = (float[]) ours.fetch(a.value()).rawData();
      bValues = (float[]) ours.fetch(b.value()).rawData();
    }
  }

  /** Session.run of the MatMul graph. */
  @Benchmark
  public List<Tensor> ours() {
    return ours.run();
  }

  /** The MatMul kernel alone on the same values. */
  @Benchmark
  public float[] oursKernel() {
    float[] c = new float[m * n];
    MatMulKernels.gemm(aValues, 0, bValues, 0, c, 0, m, k, n);
    return c;
  }

  /** TF 1.15's Session.run of the same graph. */
  @Benchmark
  public int tf() {
    return tf.run();
  }
}
