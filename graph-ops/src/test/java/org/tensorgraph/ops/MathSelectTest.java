package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Select, SelectV2, ClipByValue and AddN: references, shape rules and TF 1.15's messages. */
class MathSelectTest {
  private static final DType F = DType.FLOAT32;
  private static final DType B = DType.BOOL;

  record SelCase(String op, DType dtype, Shape cond, Shape t, Shape e) {}

  static Stream<SelCase> selectCases() {
    return Stream.of(
        new SelCase("Select", F, Shape.of(2, 3), Shape.of(2, 3), Shape.of(2, 3)),
        new SelCase("Select", DType.INT64, Shape.scalar(), Shape.of(2, 3), Shape.of(2, 3)),
        new SelCase("Select", DType.FLOAT64, Shape.of(4), Shape.of(4, 2, 3), Shape.of(4, 2, 3)),
        new SelCase("Select", B, Shape.of(4), Shape.of(4), Shape.of(4)),
        new SelCase("Select", DType.INT32, Shape.of(0), Shape.of(0, 3), Shape.of(0, 3)),
        new SelCase("SelectV2", F, Shape.of(2, 1), Shape.of(3), Shape.scalar()),
        new SelCase("SelectV2", DType.INT32, Shape.of(4), Shape.of(3, 1), Shape.of(1, 4)),
        new SelCase("SelectV2", F, Shape.scalar(), Shape.of(2, 2), Shape.of(2, 2)),
        new SelCase("SelectV2", B, Shape.of(2, 3), Shape.of(2, 3), Shape.of(2, 3)));
  }

  @ParameterizedTest
  @MethodSource("selectCases")
  void selectMatchesReference(SelCase c) {
    Tensor cond = MathTestSupport.random(B, c.cond(), 1);
    Tensor t = MathTestSupport.random(c.dtype(), c.t(), 2);
    Tensor e = MathTestSupport.random(c.dtype(), c.e(), 3);
    Tensor got = eval(c.op(), Map.of(), cond, t, e);
    long[] cd = cond.shape().dims();
    long[] td = t.shape().dims();
    long[] ed = e.shape().dims();
    boolean rowMode = c.op().equals("Select") && cd.length == 1 && td.length > 1;
    long[] od = c.op().equals("Select") ? td
        : MathTestSupport.refBroadcast(MathTestSupport.refBroadcast(cd, td), ed);
    double[] want = new double[MathTestSupport.count(od)];
    for (int i = 0; i < want.length; i++) {
      int[] idx = MathTestSupport.unflatten(od, i);
      int ci = rowMode ? idx[0] : MathTestSupport.refSourceIndex(cd, idx);
      boolean pick = cond.getAsDouble(ci) != 0;
      want[i] = pick ? t.getAsDouble(MathTestSupport.refSourceIndex(td, idx))
          : e.getAsDouble(MathTestSupport.refSourceIndex(ed, idx));
    }
    assertEquals(MathTestSupport.fromDoubles(c.dtype(), Shape.of(od), want), got);
  }

  @Test
  void selectShapeRuleAndBuildErrors() {
    DType[] ty = types(B, F, F);
    assertEquals(Shape.of(2, 3), staticShape("Select", Map.of(), ty, Shape.of(-1),
        Shape.of(2, -1), Shape.of(-1, 3)));
    assertEquals(Shape.of(-1, 3), staticShape("Select", Map.of(), ty, Shape.unknown(),
        Shape.of(-1, 3), Shape.unknown()));
    assertEquals("Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] and "
        + "[2]. for 'Select' (op: 'Select') with input shapes: [3], [2,3], [2,3].",
        buildError("Select", Map.of(), ty, Shape.of(3), Shape.of(2, 3), Shape.of(2, 3))
            .getMessage());
    assertEquals("Dimension 0 in both shapes must be equal, but are 2 and 1. Shapes are [2,2] and "
        + "[1,2]. for 'Select' (op: 'Select') with input shapes: [1,2], [2,2], [2,2].",
        buildError("Select", Map.of(), ty, Shape.of(1, 2), Shape.of(2, 2), Shape.of(2, 2))
            .getMessage());
    assertEquals("Shapes must be equal rank, but are 3 and 2 for 'Select' (op: 'Select') with "
        + "input shapes: [1,2], [1,2,2], [1,2,2].", buildError("Select", Map.of(), ty,
            Shape.of(1, 2), Shape.of(1, 2, 2), Shape.of(1, 2, 2)).getMessage());
    assertEquals("Dimensions must be equal, but are 3 and 2 for 'SelectV2' (op: 'SelectV2') with "
        + "input shapes: [3], [2,2], [2,2].", buildError("SelectV2", Map.of(), ty, Shape.of(3),
            Shape.of(2, 2), Shape.of(2, 2)).getMessage());
    assertEquals(Shape.of(4, 3, -1), staticShape("SelectV2", Map.of(), ty, Shape.of(4, 1, 1),
        Shape.of(3, 1), Shape.of(-1)));
  }

  record ErrCase(String op, Tensor cond, Tensor t, Tensor e, String message) {}

  /** Messages recorded from TF 1.15's kernels. */
  static Stream<ErrCase> runtimeErrors() {
    return Stream.of(
        new ErrCase("Select", Tensor.of(new boolean[] {true, false, true}),
            Tensor.of(new float[2][3]), Tensor.of(new float[2][3]),
            "Number of batches of 'then' must match size of 'cond', but saw: 2 vs. 3"),
        new ErrCase("Select", Tensor.of(new boolean[][] {{true, false}}),
            Tensor.of(new float[2][2]), Tensor.of(new float[2][2]),
            "Inputs to operation Select of type Select must have the same size and shape.  "
                + "Input 0: [1,2] != input 1: [2,2]"),
        new ErrCase("Select", Tensor.of(new boolean[] {true, false}), Tensor.of(new float[2]),
            Tensor.of(new float[3]), "Inputs to operation Select of type Select must have the "
                + "same size and shape.  Input 0: [2] != input 2: [3]"),
        new ErrCase("Select", Tensor.of(true), Tensor.of(new float[2]), Tensor.of(new float[3]),
            "'then' and 'else' must have the same size.  but received: [2] vs. [3]"),
        new ErrCase("Select", Tensor.of(new boolean[] {true}), Tensor.of(1f), Tensor.of(2f),
            "'then' must be at least a vector, but saw shape: []"),
        new ErrCase("SelectV2", Tensor.of(new boolean[] {true, false, true}),
            Tensor.of(new float[2][2]), Tensor.of(new float[2][2]),
            "condition [3], then [2,2], and else [2,2] must be broadcastable"),
        new ErrCase("SelectV2", Tensor.of(new boolean[] {true, false}),
            Tensor.of(new float[2][3]), Tensor.of(new float[2][2]),
            "then [2,3] and else [2,2] must be broadcastable"));
  }

  @ParameterizedTest
  @MethodSource("runtimeErrors")
  void selectRuntimeErrorsHaveTfText(ErrCase c) {
    assertEquals(c.message(), runtimeError(c.op(), Map.of(), c.cond(), c.t(), c.e())
        .rawMessage());
  }

  @Test
  void selectRejectsNonBoolCondition() {
    IllegalArgumentException e = buildError("Select", Map.of(), types(F, F, F), Shape.of(2),
        Shape.of(2), Shape.of(2));
    assertEquals(true, e.getMessage().contains("Input 'condition' of 'Select' Op has type float32 "
        + "that does not match expected type of bool"), e.getMessage());
  }

  // ---------------------------------------------------------------- ClipByValue

  @Test
  void clipByValue() {
    Tensor x = Tensor.of(new float[] {1, 5, 9});
    assertEquals(Tensor.of(new float[] {2, 4, 8}),
        eval("ClipByValue", Map.of(), x, Tensor.of(2f), Tensor.of(new float[] {3, 4, 8})));
    // TF 1.15: min > max gives min everywhere (min(max(...)) order)
    assertEquals(Tensor.of(new float[] {5, 5, 5}),
        eval("ClipByValue", Map.of(), x, Tensor.of(5f), Tensor.of(2f)));
    assertEquals(Tensor.of(new int[] {2, 4, 4}), eval("ClipByValue", Map.of(),
        Tensor.of(new int[] {1, 5, 9}), Tensor.of(2), Tensor.of(4)));
    assertEquals("clip_value_min and clip_value_max must be either of the same shape as input, or "
        + "a scalar. input shape: [2,3]clip_value_min shape: [2]clip_value_max shape: [2,3]",
        runtimeError("ClipByValue", Map.of(), Tensor.of(new float[2][3]), Tensor.of(new float[2]),
            Tensor.of(new float[2][3])).rawMessage());
    assertEquals(Shape.of(-1, 3), staticShape("ClipByValue", Map.of(), types(F, F, F),
        Shape.of(-1, 3), Shape.scalar(), Shape.scalar()));
  }

  // ---------------------------------------------------------------- AddN

  private static Output addN(Graph g, List<Output> xs) {
    return g.opBuilder("AddN", null).addInputList(xs).build().output(0);
  }

  @Test
  void addNSumsLeftToRight() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)) {
      Graph g = MathTestSupport.graph();
      Tensor[] xs = new Tensor[4];
      double[] want = new double[6];
      for (int i = 0; i < 4; i++) {
        xs[i] = MathTestSupport.random(t, Shape.of(2, 3), i);
        for (int j = 0; j < 6; j++) {
          want[j] = t == DType.FLOAT32 ? (float) (want[j] + xs[i].getAsDouble(j))
              : want[j] + xs[i].getAsDouble(j);
        }
      }
      Output s = addN(g, Stream.of(xs).map(x -> MathTestSupport.constant(g, x)).toList());
      assertEquals(MathTestSupport.fromDoubles(t, Shape.of(2, 3), want), MathTestSupport.run(s));
    }
  }

  @Test
  void addNShapesAndErrors() {
    Graph g = MathTestSupport.graph();
    Output a = MathTestSupport.placeholder(g, F, Shape.of(-1, 3));
    Output b = MathTestSupport.placeholder(g, F, Shape.of(2, -1));
    assertEquals(Shape.of(2, 3), addN(g, List.of(a, b)).shape());
    Graph g1 = MathTestSupport.graph();
    Output c = MathTestSupport.constant(g1, Tensor.of(new float[2]));
    Output d = MathTestSupport.constant(g1, Tensor.of(new float[3]));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> addN(g1, List.of(c, d)));
    assertEquals("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and "
        + "[3].\n\tFrom merging shape 0 with other shapes. for 'AddN' (op: 'AddN') with input "
        + "shapes: [2], [3].", e.getMessage());
    Graph g2 = MathTestSupport.graph();
    Output p = MathTestSupport.placeholder(g2, F, Shape.unknown());
    Output q = MathTestSupport.placeholder(g2, F, Shape.unknown());
    Output s = addN(g2, List.of(p, q));
    assertEquals("Inputs to operation AddN of type AddN must have the same size and shape.  "
        + "Input 0: [2] != input 1: [3]", org.junit.jupiter.api.Assertions.assertThrows(
            org.tensorgraph.core.errors.InvalidArgumentException.class,
            () -> MathTestSupport.run(s, Map.of(p, Tensor.of(new float[2]),
                q, Tensor.of(new float[3])))).rawMessage());
    Graph g3 = MathTestSupport.graph();
    IllegalArgumentException bool = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> addN(g3,
            List.of(MathTestSupport.constant(g3, Tensor.of(true)))));
    assertEquals(true, bool.getMessage().startsWith("Value for attr 'T' of bool is not in the "
        + "list of allowed values"), bool.getMessage());
  }
}
