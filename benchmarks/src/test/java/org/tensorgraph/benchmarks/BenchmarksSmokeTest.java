package org.tensorgraph.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Each benchmark's setup builds its graph and runs it once on every side, TF's included, and the
 * two sides compute the same values: the benchmarks measure equal work. Small parameter values
 * only, so this takes seconds; no timing is asserted (timings belong to JMH runs).
 */
class BenchmarksSmokeTest {
  private static final String TF_PROBLEM = TfBridge.unavailableReason();

  static {
    if (TF_PROBLEM != null) {
      System.err.println("benchmarks: TensorFlow 1.15 native library did not load, TF side"
          + " skipped (" + TF_PROBLEM + ")");
    }
  }

  /** A benchmark instance with small parameters, and the tolerance its outputs agree within. */
  record Case(String name, Supplier<SideBySide> bench, List<String> oursMethods,
      double tolerance) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("MatMul 32x192x128", () -> matMul("32x192x128"), List.of("ours", "oursKernel"),
            1e-4),
        new Case("Add 16384", () -> elementwise("Add"), List.of("ours"), 1e-6),
        new Case("Mul 16384", () -> elementwise("Mul"), List.of("ours"), 1e-6),
        new Case("Tanh 16384", () -> elementwise("Tanh"), List.of("ours"), 1e-5),
        new Case("Sigmoid 16384", () -> elementwise("Sigmoid"), List.of("ours"), 1e-5),
        new Case("Add chain 1000", BenchmarksSmokeTest::chain, List.of("ours", "oursDirect"), 0),
        new Case("BasicRNN 4, 2, 3, 4", () -> rnn("basic-4-2-3-4"), List.of("ours"), 1e-5),
        new Case("BasicLSTM 4, 2, 3, 4", () -> rnn("lstm-4-2-3-4"), List.of("ours"), 1e-5),
        new Case("GRU 4, 2, 3, 4", () -> rnn("gru-4-2-3-4"), List.of("ours"), 1e-5),
        new Case("BasicRNN 32, 100, 64, 128", () -> rnn("basic-32-100-64-128"), List.of("ours"),
            1e-5),
        new Case("BasicLSTM 32, 100, 64, 128", () -> rnn("lstm-32-100-64-128"), List.of("ours"),
            1e-5),
        new Case("GRU 32, 100, 64, 128", () -> rnn("gru-32-100-64-128"), List.of("ours"), 1e-5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachSideRunsOnceAndBothAgree(Case c) {
    List<float[]> ours = null;
    for (String method : c.oursMethods()) {
      SideBySide b = c.bench().get();
      b.setUp(method);
      try {
        if (method.equals("oursKernel")) {
          float[] kernel = ((MatMulBench) b).oursKernel();
          assertAgree(ours.get(0), kernel, c.tolerance(), c + " kernel vs session");
        } else {
          List<float[]> values = b.ours.values();
          assertTrue(values.get(0).length > 0, c.toString());
          if (ours != null) {
            assertAgree(ours.get(0), values.get(0), 0, c + " " + method);
          }
          ours = values;
        }
      } finally {
        b.tearDown();
      }
    }
    assumeTrue(TF_PROBLEM == null, () -> "TensorFlow 1.15 unavailable: " + TF_PROBLEM);
    SideBySide b = c.bench().get();
    b.setUp("tf");
    try {
      assertTrue(b.tf.run() > 0);
      List<float[]> theirs = b.tf.values();
      assertEquals(ours.size(), theirs.size());
      for (int i = 0; i < ours.size(); i++) {
        assertAgree(theirs.get(i), ours.get(i), c.tolerance(), c + " ours vs TF, fetch " + i);
      }
    } finally {
      b.tearDown();
    }
  }

  /** TF accepts the graph of every RNN row the benchmark runs (built and imported, not run). */
  @Test
  void tfImportsEveryRnnRowsGraph() throws NoSuchFieldException {
    assumeTrue(TF_PROBLEM == null, () -> "TensorFlow 1.15 unavailable: " + TF_PROBLEM);
    String[] rows = RnnBench.class.getField("rnn").getAnnotation(Param.class).value();
    assertTrue(rows.length >= 12, Arrays.toString(rows));
    for (String row : rows) {
      try (org.tensorflow.Graph g = TfBridge.importGraph(RnnCase.parse(row).build().graph())) {
        assertTrue(g.operation("rnn/while") != null, row);
      }
    }
  }

  @Test
  void rnnCasesParseAndLabelAsTheIssueDoes() {
    assertEquals("BasicLSTM 128, 50, 512, 512", RnnCase.parse("lstm-128-50-512-512").label());
    assertEquals("BasicRNN 4, 2, 3, 4", RnnCase.parse("basic-4-2-3-4").label());
    assertEquals("GRU 1, 1000, 32, 64", RnnCase.parse("gru-1-1000-32-64").label());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> RnnCase.parse("lstm-1-2"));
    assertEquals("An RNN case is cell-batch-time-input-units with cell basic, lstm or gru, like"
        + " lstm-32-100-64-128; got lstm-1-2", e.getMessage());
  }

  private static void assertAgree(float[] expected, float[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": element count");
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs((double) expected[i] - actual[i]);
      if (!(d <= worst)) {
        worst = d;
        at = i;
      }
    }
    double w = worst;
    int where = at;
    assertTrue(worst <= tol, () -> what + ": largest difference " + w + " at element " + where
        + " (" + expected[where] + " vs " + actual[where] + "), tolerance " + tol);
  }

  private static MatMulBench matMul(String shape) {
    MatMulBench b = new MatMulBench();
    b.shape = shape;
    return b;
  }

  private static ElementwiseBench elementwise(String op) {
    ElementwiseBench b = new ElementwiseBench();
    b.op = op;
    b.n = 16384;
    return b;
  }

  private static ExecutorOverheadBench chain() {
    ExecutorOverheadBench b = new ExecutorOverheadBench();
    b.nodes = 1000;
    return b;
  }

  private static RnnBench rnn(String row) {
    RnnBench b = new RnnBench();
    b.rnn = row;
    return b;
  }
}
