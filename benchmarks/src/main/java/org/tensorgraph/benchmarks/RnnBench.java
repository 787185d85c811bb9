package org.tensorgraph.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.tensorgraph.core.Tensor;

/**
 * {@code Session.run} of {@code dynamic_rnn}'s forward pass (fetching {@code outputs}) for every
 * row of issue 7's table, plus GRU rows of the same shapes, on three sides: {@code ours}; {@code
 * tf}, TF running the same graph imported from our GraphDef JSON (one functional {@code While} over
 * TensorList ops); and {@code tfNative}, TF running the graph its own {@code tf.nn.dynamic_rnn}
 * builds in a TF1 program ({@link TfV1Rnn}: v1 control flow, {@code TensorArrayV3}), with our
 * initial weights.
 *
 * <pre>{@code
 * $ java -jar benchmarks/target/benchmarks.jar RnnBench -p rnn=basic-4-2-3-4,lstm-4-2-3-4
 * $ java -jar benchmarks/target/benchmarks.jar 'RnnBench.(tf|tfNative)$' -p rnn=lstm-1-1000-32-64
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class RnnBench extends SideBySide {
  /** {@code cell-batch-time-input-units}, see {@link RnnCase}. */
  @Param({"basic-4-2-3-4", "basic-32-100-64-128", "basic-1-1000-32-64",
      "lstm-4-2-3-4", "lstm-32-100-64-128", "lstm-64-50-256-256", "lstm-1-1000-32-64",
      "lstm-128-50-512-512",
      "gru-4-2-3-4", "gru-32-100-64-128", "gru-64-50-256-256", "gru-1-1000-32-64"})
  public String rnn;

  @Override
  protected BenchGraph build() {
    return RnnCase.parse(rnn).build();
  }

  /** Tensorgraph's Session.run. */
  @Benchmark
  public List<Tensor> ours() {
    return ours.run();
  }

  /** TF 1.15's Session.run of the same graph. */
  @Benchmark
  public int tf() {
    return tf.run();
  }

  /** TF 1.15's Session.run of its own dynamic_rnn graph (v1 control flow), same weights. */
  @Benchmark
  public int tfNative() {
    return tf.run();
  }

  @Override
  protected org.tensorflow.Graph tfNativeGraph(BenchGraph g) {
    // The weights are our init's values: a session of ours runs it once and closes before TF's
    // session starts, so nothing of ours runs while TF is measured.
    return TfBridge.importGraphDef(TfV1Rnn.graphDef(RnnCase.parse(rnn), TfV1Rnn.weightsOf(g)));
  }
}
