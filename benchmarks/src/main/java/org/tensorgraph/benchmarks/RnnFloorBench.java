package org.tensorgraph.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link LstmFloor}: the BasicLSTM rows of {@link RnnBench} as a plain single-threaded loop over
 * the same kernels, for the ratio of our {@code Session.run} time to the work it must do.
 *
 * <pre>{@code
 * $ java -jar benchmarks/target/benchmarks.jar 'RnnFloorBench|RnnBench.ours$' \
 *     -p rnn=lstm-1-1000-32-64
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class RnnFloorBench {
  /** {@code lstm-batch-time-input-units}, see {@link RnnCase}. */
  @Param({"lstm-4-2-3-4", "lstm-32-100-64-128", "lstm-1-1000-32-64"})
  public String rnn;

  private LstmFloor floor;

  @Setup
  public void setUp() {
    RnnCase c = RnnCase.parse(rnn);
    BenchGraph g = c.build();
    floor = LstmFloor.of(c, TfV1Rnn.weightsOf(g), g.feeds().values().iterator().next());
  }

  /** The loop, no graph. */
  @Benchmark
  public float[] floor() {
    return floor.run();
  }
}
