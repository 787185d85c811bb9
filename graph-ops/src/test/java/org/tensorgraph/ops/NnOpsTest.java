package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.MathTestSupport.assertClose;
import static org.tensorgraph.ops.MathTestSupport.buildError;
import static org.tensorgraph.ops.MathTestSupport.eval;
import static org.tensorgraph.ops.MathTestSupport.runtimeError;
import static org.tensorgraph.ops.MathTestSupport.staticShape;
import static org.tensorgraph.ops.MathTestSupport.types;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/**
 * Softmax, LogSoftmax and the two cross-entropy ops against textbook formulas, plus TF 1.15's
 * recorded outputs and messages. (Relu, Relu6, Elu and Softplus are covered by {@link
 * MathUnaryTest} with the other element-wise functions.)
 */
class NnOpsTest {
  private static final DType F = DType.FLOAT32;

  record SmCase(String op, DType dtype, Shape shape) {}

  static Stream<SmCase> softmaxCases() {
    return Stream.of(F, DType.FLOAT64).flatMap(t -> Stream.of("Softmax", "LogSoftmax")
        .flatMap(op -> Stream.of(Shape.of(3, 5), Shape.of(7), Shape.of(2, 3, 4), Shape.of(2, 0),
            Shape.of(0, 4), Shape.of(4, 1)).map(s -> new SmCase(op, t, s))));
  }

  @ParameterizedTest
  @MethodSource("softmaxCases")
  void softmaxMatchesFormula(SmCase c) {
    Tensor x = MathTestSupport.random(c.dtype(), c.shape(), 41);
    Tensor got = eval(c.op(), Map.of(), x);
    int cols = (int) c.shape().dim(-1);
    double[] v = MathTestSupport.doubles(x);
    double[] want = new double[v.length];
    for (int r = 0; cols > 0 && r < v.length / cols; r++) {
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        sum += Math.exp(v[r * cols + j]);
      }
      for (int j = 0; j < cols; j++) {
        double p = Math.exp(v[r * cols + j]) / sum;
        want[r * cols + j] = c.op().equals("Softmax") ? p : Math.log(p);
      }
    }
    // float32 is TF's own float computation (EigenReduce; conformance checks its bits): exp and
    // the row sum round in float, and LogSoftmax's shifted - log(sum) cancels.
    boolean f32 = c.dtype() == F;
    assertClose(MathTestSupport.fromDoubles(c.dtype(), c.shape(), want), got,
        f32 ? 8 : 64, f32 && c.op().equals("LogSoftmax") ? 4e-7 : 1e-300);
    assertEquals(Shape.of(-1, 5), staticShape(c.op(), Map.of(), types(c.dtype()),
        Shape.of(-1, 5)));
  }

  @Test
  void softmaxTfValuesAndErrors() {
    // TF 1.15 outputs
    assertClose(Tensor.of(new float[] {1, 0, 0}), eval("Softmax", Map.of(),
        Tensor.of(new float[] {1000, 0, -1000})), 0, 0);
    assertClose(Tensor.of(new float[][][] {{{0.26894143f, 0.7310586f}, {0.11920291f, 0.880797f}}}),
        eval("Softmax", Map.of(), Tensor.of(new float[][][] {{{1, 2}, {3, 5}}})), 2, 0);
    assertClose(Tensor.of(new float[][][] {{{-1.3132616f, -0.31326166f},
        {-2.126928f, -0.12692805f}}}), eval("LogSoftmax", Map.of(),
            Tensor.of(new float[][][] {{{1, 2}, {3, 5}}})), 2, 0);
    assertEquals("Shape must be at least rank 1 but is rank 0 for 'Softmax' (op: 'Softmax') with "
        + "input shapes: [].", buildError("Softmax", Map.of(), types(F), Shape.scalar())
            .getMessage());
    assertEquals("logits must have >= 1 dimension, got []", runtimeError("Softmax", Map.of(),
        Tensor.of(1f)).rawMessage());
    assertTrue(buildError("Softmax", Map.of(), types(DType.INT32), Shape.of(2)).getMessage()
        .startsWith("Value for attr 'T' of int32 is not in the list of allowed values: float, "
            + "double\n"));
  }

  // ---------------------------------------------------------------- dense cross-entropy

  record XentCase(DType dtype, Shape logits, Shape labels) {}

  static Stream<XentCase> xentCases() {
    return Stream.of(F, DType.FLOAT64).flatMap(t -> Stream.of(
        new XentCase(t, Shape.of(4, 5), Shape.of(4, 5)),
        new XentCase(t, Shape.of(4, 5), Shape.of(1, 5)),
        new XentCase(t, Shape.of(1, 5), Shape.of(3, 5)),
        new XentCase(t, Shape.of(4, 5), Shape.of(4, 1)),
        new XentCase(t, Shape.of(2, 0), Shape.of(2, 0)),
        new XentCase(t, Shape.of(0, 3), Shape.of(0, 3))));
  }

  @ParameterizedTest
  @MethodSource("xentCases")
  void xentMatchesFormula(XentCase c) {
    Tensor logits = MathTestSupport.random(c.dtype(), c.logits(), 51);
    Tensor labels = MathTestSupport.random(c.dtype(), c.labels(), 52);
    Graph g = MathTestSupport.graph();
    Output op0 = g.opBuilder("SoftmaxCrossEntropyWithLogits", null)
        .addInput(MathTestSupport.constant(g, logits))
        .addInput(MathTestSupport.constant(g, labels)).build().output(0);
    List<Tensor> got = MathTestSupport.runAll(List.of(op0, op0.op().output(1)), Map.of());
    long[] od = MathTestSupport.refBroadcast(c.logits().dims(), c.labels().dims());
    int rows = (int) od[0];
    int cols = (int) od[1];
    double[] loss = new double[rows];
    double[] back = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        sum += Math.exp(logits.getAsDouble(MathTestSupport.refSourceIndex(c.logits().dims(),
            new int[] {r, j})));
      }
      for (int j = 0; j < cols; j++) {
        int[] idx = {r, j};
        double z = logits.getAsDouble(MathTestSupport.refSourceIndex(c.logits().dims(), idx));
        double y = labels.getAsDouble(MathTestSupport.refSourceIndex(c.labels().dims(), idx));
        double p = Math.exp(z) / sum;
        loss[r] += -y * Math.log(p);
        back[r * cols + j] = p - y;
      }
    }
    double ulps = c.dtype() == F ? 8 : 1024; // labels are signed here: the loss can cancel
    assertClose(MathTestSupport.fromDoubles(c.dtype(), Shape.of(rows), loss), got.get(0), ulps,
        1e-6);
    assertClose(MathTestSupport.fromDoubles(c.dtype(), Shape.of(od), back), got.get(1), ulps,
        1e-6);
    assertEquals(Shape.of(rows), op0.shape());
    assertEquals(Shape.of(od), op0.op().output(1).shape());
  }

  @Test
  void xentTfValuesShapesAndErrors() {
    Graph g = MathTestSupport.graph();
    Output o = g.opBuilder("SoftmaxCrossEntropyWithLogits", null)
        .addInput(MathTestSupport.constant(g, Tensor.of(new float[][] {{1, 2, 3}, {1, 1, 1}})))
        .addInput(MathTestSupport.constant(g, Tensor.of(new float[][] {{0, 0, 1}})))
        .build().output(0);
    List<Tensor> r = MathTestSupport.runAll(List.of(o, o.op().output(1)), Map.of());
    // TF 1.15 outputs (labels broadcast over the batch)
    assertClose(Tensor.of(new float[] {0.40760595f, 1.0986123f}), r.get(0), 2, 0);
    assertClose(Tensor.of(new float[][] {{0.09003057f, 0.24472848f, -0.33475906f},
        {0.33333334f, 0.33333334f, -0.6666666f}}), r.get(1), 2, 0);
    DType[] ff = types(F, F);
    assertEquals(Shape.of(-1), staticShape("SoftmaxCrossEntropyWithLogits", Map.of(), ff,
        Shape.unknown(), Shape.unknown()));
    assertEquals(Shape.of(2), staticShape("SoftmaxCrossEntropyWithLogits", Map.of(), ff,
        Shape.of(2, 4), Shape.of(-1, 1)));
    assertEquals(Shape.of(2), staticShape("SoftmaxCrossEntropyWithLogits", Map.of(), ff,
        Shape.of(1, -1), Shape.of(2, 4)));
    assertEquals("Dimensions must be equal, but are 3 and 2 for 'SoftmaxCrossEntropyWithLogits' "
        + "(op: 'SoftmaxCrossEntropyWithLogits') with input shapes: [2,3], [1,2].",
        buildError("SoftmaxCrossEntropyWithLogits", Map.of(), ff, Shape.of(2, 3), Shape.of(1, 2))
            .getMessage());
    assertEquals("Shape must be broadcasted with rank 2, but is rank 1 for "
        + "'SoftmaxCrossEntropyWithLogits' (op: 'SoftmaxCrossEntropyWithLogits') with input "
        + "shapes: [3], [3].", buildError("SoftmaxCrossEntropyWithLogits", Map.of(), ff,
            Shape.of(3), Shape.of(3)).getMessage());
    assertEquals("logits and labels must be broadcastable: logits_size=[2,3] labels_size=[3,3]",
        runtimeError("SoftmaxCrossEntropyWithLogits", Map.of(), Tensor.of(new float[2][3]),
            Tensor.of(new float[3][3])).rawMessage());
    assertEquals("logits and labels must be either 2-dimensional, or broadcasted to be "
        + "2-dimensional", runtimeError("SoftmaxCrossEntropyWithLogits", Map.of(),
            Tensor.of(new float[3]), Tensor.of(new float[3])).rawMessage());
  }

  // ---------------------------------------------------------------- sparse cross-entropy

  @Test
  void sparseXentMatchesFormula() {
    for (DType t : List.of(F, DType.FLOAT64)) {
      for (DType lt : List.of(DType.INT32, DType.INT64)) {
        Tensor logits = MathTestSupport.random(t, Shape.of(6, 4), 61);
        double[] lab = {0, 3, 1, 1, 2, 0};
        Tensor labels = MathTestSupport.fromDoubles(lt, Shape.of(6), lab);
        Graph g = MathTestSupport.graph();
        Output o = g.opBuilder("SparseSoftmaxCrossEntropyWithLogits", null)
            .addInput(MathTestSupport.constant(g, logits))
            .addInput(MathTestSupport.constant(g, labels)).build().output(0);
        List<Tensor> got = MathTestSupport.runAll(List.of(o, o.op().output(1)), Map.of());
        double[] loss = new double[6];
        double[] back = new double[24];
        for (int r = 0; r < 6; r++) {
          double sum = 0;
          for (int j = 0; j < 4; j++) {
            sum += Math.exp(logits.getAsDouble(r * 4 + j));
          }
          for (int j = 0; j < 4; j++) {
            double p = Math.exp(logits.getAsDouble(r * 4 + j)) / sum;
            back[r * 4 + j] = p - (j == lab[r] ? 1 : 0);
            if (j == lab[r]) {
              loss[r] = -Math.log(p);
            }
          }
        }
        double ulps = t == F ? 4 : 64;
        assertClose(MathTestSupport.fromDoubles(t, Shape.of(6), loss), got.get(0), ulps, 1e-7);
        assertClose(MathTestSupport.fromDoubles(t, Shape.of(6, 4), back), got.get(1), ulps, 1e-7);
      }
    }
  }

  @Test
  void sparseXentShapesAndErrors() {
    DType[] fi = types(F, DType.INT32);
    String op = "SparseSoftmaxCrossEntropyWithLogits";
    assertEquals(Shape.of(1), staticShape(op, Map.of(), fi, Shape.of(-1, 2), Shape.of(1)));
    assertEquals(Shape.of(-1), staticShape(op, Map.of(), fi, Shape.unknown(), Shape.unknown()));
    assertEquals("Dimensions must be equal, but are 1 and 2 for '" + op + "' (op: '" + op
        + "') with input shapes: [1,?], [2].", buildError(op, Map.of(), fi, Shape.of(1, -1),
            Shape.of(2)).getMessage());
    assertTrue(buildError(op, Map.of(), fi, Shape.of(1, 2, 3), Shape.unknown()).getMessage()
        .startsWith("Shape must be rank 2 but is rank 3"));
    assertTrue(buildError(op, Map.of(), fi, Shape.unknown(), Shape.of(1, 2)).getMessage()
        .startsWith("Shape must be rank 1 but is rank 2"));
    Tensor logits = Tensor.of(new float[][] {{1, 2, 3}, {1, 1, 1}});
    assertEquals("Received a label value of 3 which is outside the valid range of [0, 3).  "
        + "Label values: 3 0", runtimeError(op, Map.of(), logits, Tensor.of(new int[] {3, 0}))
            .rawMessage());
    assertEquals("Received a label value of -1 which is outside the valid range of [0, 3).  "
        + "Label values: -1 0", runtimeError(op, Map.of(), logits, Tensor.of(new long[] {-1, 0}))
            .rawMessage());
    assertEquals("logits and labels must have the same first dimension, got logits shape [2,3] "
        + "and labels shape [3]", runtimeError(op, Map.of(), logits,
            Tensor.of(new int[] {1, 0, 0})).rawMessage());
    assertEquals("logits must be 2-D, but got shape [3]", runtimeError(op, Map.of(),
        Tensor.of(new float[] {1, 2, 3}), Tensor.of(new int[] {1})).rawMessage());
    assertEquals("labels must be 1-D, but got shape [1,1]", runtimeError(op, Map.of(),
        Tensor.of(new float[][] {{1, 2, 3}}), Tensor.of(new int[][] {{1}})).rawMessage());
    assertEquals("Must have at least one class, but got logits shape [2,0]", runtimeError(op,
        Map.of(), Tensor.zeros(F, Shape.of(2, 0)), Tensor.of(new int[] {0, 0})).rawMessage());
    assertTrue(buildError(op, Map.of(), types(F, F), Shape.of(1, 2), Shape.of(1)).getMessage()
        .startsWith("Value for attr 'Tlabels' of float is not in the list of allowed values: "
            + "int32, int64"));
    // Tlabels defaults to int64 when set by hand; inferred from the input otherwise
    Graph g = MathTestSupport.graph();
    Output o = g.opBuilder(op, null).addInput(MathTestSupport.constant(g, logits))
        .addInput(MathTestSupport.constant(g, Tensor.of(new int[] {2, 0}))).build().output(0);
    assertEquals(DType.INT32, o.op().attrType("Tlabels"));
    assertClose(Tensor.of(new float[] {0.40760595f, 1.0986123f}), MathTestSupport.run(o), 2, 0);
  }
}
