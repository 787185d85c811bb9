package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/** A 1000-step loop: right numbers, and memory linear in T (no per-step copy of the outputs). */
class LongSequenceTest {
  static final int BATCH = 2;
  static final int UNITS = 3;

  record Built(Graph g, Output x, BasicRnnCell cell, RnnResult r) {}

  static Built build(int steps) {
    Graph g = new Graph();
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(-1, steps, 2));
    BasicRnnCell cell = new BasicRnnCell(UNITS);
    return new Built(g, x, cell, Rnn.dynamicRnn(cell, x, DType.FLOAT32));
  }

  static float[][][] input(int steps) {
    float[][][] x = new float[BATCH][steps][2];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < steps; t++) {
        x[b][t][0] = (float) Math.sin(0.01 * t + b);
        x[b][t][1] = (float) Math.cos(0.003 * t * (b + 1));
      }
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void thousandStepsMatchANaiveLoop(ExecutorConfig exec) {
    int steps = 1000;
    Built b = build(steps);
    float[][][] x = input(steps);
    // Fixed, contracting weights: with random ones the map can be chaotic, and float32 vs
    // double rounding then grows to 1e-4 within a few hundred steps whatever the executor.
    float[][] w = Ref.rand(2 + UNITS, UNITS, 31);
    for (float[] row : w) {
      for (int j = 0; j < UNITS; j++) {
        row[j] *= 0.4f;
      }
    }
    float[] bias = {0.1f, -0.05f, 0.02f};
    RnnWeights.Assignment load = RnnWeights.assignment(b.g(), Map.of(
        "rnn/basic_rnn_cell/kernel", Tensor.of(w), "rnn/basic_rnn_cell/bias", Tensor.of(bias)),
        true);
    try (Session s = exec.open(b.g())) {
      s.run(load.target(), load.feeds());
      List<Tensor> got = s.run(List.of(b.r().outputs(), b.r().state()),
          Map.of(b.x(), Tensor.of(x)));
      assertEquals(Shape.of(BATCH, steps, UNITS), got.get(0).shape());
      float[][] h = new float[BATCH][UNITS];
      for (int t = 0; t < steps; t++) {
        h = Ref.rnn(DynamicRnnTest.step(x, t), h, w, bias);
        if (t % 97 == 0 || t == steps - 1) {
          Ref.close(h, Tensor.of(DynamicRnnTest.slice(got.get(0), t)));
        }
      }
      Ref.close(h, got.get(1));
    }
  }

  /**
   * Bytes the calling thread allocates for one run (the direct executor runs on it). A loop that
   * copied its output list each step would allocate O(T²); doubling T must about double it.
   */
  @Test
  void allocationGrowsLinearlyWithSteps() {
    long a1 = allocatedPerRun(1000);
    long a2 = allocatedPerRun(2000);
    long a4 = allocatedPerRun(4000);
    double r1 = (double) a2 / a1;
    double r2 = (double) a4 / a2;
    assertTrue(r1 < 2.6 && r2 < 2.6, "allocation per run: T=1000 " + a1 + " B, T=2000 " + a2
        + " B, T=4000 " + a4 + " B");
  }

  private static long allocatedPerRun(int steps) {
    Built b = build(steps);
    Map<Output, Tensor> feed = Map.of(b.x(), Tensor.of(input(steps)));
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (Session s = ExecutorConfig.DIRECT.open(b.g())) {
      s.run(Variables.globalVariablesInitializer(b.g()));
      s.run(b.r().outputs(), feed); // warm the plan cache
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long before = mx.getCurrentThreadAllocatedBytes();
        s.run(b.r().outputs(), feed);
        best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - before);
      }
      return best;
    }
  }
}
