package org.tensorgraph.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.NodeDef;

/**
 * TF's own {@code dynamic_rnn} graph ({@link TfV1Rnn}) is a v1 loop over TensorArrays, not our
 * functional graph under another name, and it computes what ours computes: the {@code tfNative}
 * benchmark measures equal work. No timings.
 */
class TfV1RnnTest {
  private static final String TF_PROBLEM = TfBridge.unavailableReason();

  @ParameterizedTest
  @ValueSource(strings = {"basic-3-5-4-6", "lstm-3-5-4-6", "gru-3-5-4-6"})
  void isOneV1WhileFrameOverTensorArrays(String row) {
    RnnCase c = RnnCase.parse(row);
    GraphDef def = TfV1Rnn.graphDef(c, TfV1Rnn.weightsOf(c.build()));
    Map<String, Integer> ops = new TreeMap<>();
    def.getNodeList().forEach(n -> ops.merge(n.getOp(), 1, Integer::sum));
    // Loop variables: iteration counter, time, output TensorArray's flow, state (LSTM: c and h).
    int vars = c.cell().equals("lstm") ? 5 : 4;
    for (String op : List.of("Merge", "Switch", "NextIteration", "Exit")) {
      assertEquals(vars, ops.get(op), op + " in " + ops);
    }
    assertEquals(1, ops.get("LoopCond"), ops.toString());
    assertEquals(2, ops.get("TensorArrayV3"), ops.toString());
    for (String op : List.of("TensorArrayScatterV3", "TensorArrayReadV3", "TensorArrayWriteV3",
        "TensorArrayGatherV3")) {
      assertEquals(1, ops.get(op), op + " in " + ops);
    }
    assertTrue(ops.keySet().stream().noneMatch(op -> op.contains("While")
        || op.startsWith("TensorList") || op.endsWith("PartitionedCall")), ops.toString());
    assertEquals(0, def.getLibrary().getFunctionCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic-3-5-4-6", "lstm-3-5-4-6", "gru-3-5-4-6"})
  void entersTheFrameAsPythonDoes(String row) {
    RnnCase c = RnnCase.parse(row);
    GraphDef def = TfV1Rnn.graphDef(c, TfV1Rnn.weightsOf(c.build()));
    Map<String, NodeDef> byName = new TreeMap<>();
    def.getNodeList().forEach(n -> byName.put(n.getName(), n));
    int constants = 0;
    for (NodeDef n : def.getNodeList()) {
      if (n.getOp().equals("Enter")) {
        assertEquals(TfV1Rnn.FRAME, n.getAttrOrThrow("frame_name").getS().toStringUtf8());
        assertEquals(32, n.getAttrOrThrow("parallel_iterations").getI());
        // Loop variables (rnn/while/Enter, Enter_1, ...) change per iteration; weights, TensorArray
        // handles and bounds are loop constants.
        boolean loopVar = n.getName().matches("rnn/while/Enter(_\\d+)?");
        assertEquals(!loopVar, n.getAttrOrThrow("is_constant").getB(), n.getName());
        constants += loopVar ? 0 : 1;
      }
      if (n.getOp().equals("Merge")) {
        assertEquals("NextIteration", byName.get(n.getInput(1)).getOp(), n.getName());
      }
    }
    // Bounds 2, input TensorArray handle and flow 2, output handle 1, kernel and bias per layer.
    assertEquals(5 + TfV1Rnn.variableNames(c).size(), constants);
  }

  @Test
  void aMissingWeightIsNamed() {
    RnnCase c = RnnCase.parse("gru-3-5-4-6");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TfV1Rnn.graphDef(c, Map.of()));
    assertEquals("No value for variable rnn/gru_cell/gates/kernel of RnnCase[cell=gru, batch=3,"
        + " time=5, input=4, units=6]; weights hold []", e.getMessage());
  }

  /**
   * Within 1e-5 of ours, as the functional graph's TF run is. At 1000 steps too: TF's matmul sums
   * in another order than ours, so each step may differ by a rounding (about 1e-7), but these
   * recurrences forget a perturbation of the state geometrically (tanh and sigmoid of small
   * initial weights), so differences do not compound over time. Observed: at most 6.3e-7 (BasicRNN
   * 1-1000-32-64), while a wrong gate order or a lost step differs by about 0.1.
   */
  @ParameterizedTest
  @ValueSource(strings = {"basic-3-5-4-6", "lstm-3-5-4-6", "gru-3-5-4-6", "basic-1-1000-32-64",
      "lstm-1-1000-32-64"})
  void tfNativeComputesWhatOursComputes(String row) {
    assumeTrue(TF_PROBLEM == null, () -> "TensorFlow 1.15 unavailable: " + TF_PROBLEM);
    RnnBench b = new RnnBench();
    b.rnn = row;
    b.setUp("ours");
    float[] ours;
    try {
      ours = b.ours.values().get(0);
    } finally {
      b.tearDown();
    }
    b.setUp("tfNative");
    try {
      assertEquals("LoopCond", b.tf.graph().operation("rnn/while/LoopCond").type());
      assertNull(b.tf.graph().operation("rnn/while"), "the functional graph's While op");
      float[] theirs = b.tf.values().get(0);
      assertEquals(ours.length, theirs.length);
      double worst = 0;
      for (int i = 0; i < ours.length; i++) {
        worst = Math.max(worst, Math.abs((double) ours[i] - theirs[i]));
      }
      assertTrue(worst <= 1e-5, row + ": largest difference " + worst);
    } finally {
      b.tearDown();
    }
  }
}
