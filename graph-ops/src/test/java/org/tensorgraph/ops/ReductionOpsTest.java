package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.MathTestSupport.assertClose;
import static org.tensorgraph.ops.MathTestSupport.buildError;
import static org.tensorgraph.ops.MathTestSupport.eval;
import static org.tensorgraph.ops.MathTestSupport.runtimeError;
import static org.tensorgraph.ops.MathTestSupport.types;

import java.util.ArrayList;
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

/** Reductions and ArgMax/ArgMin against a per-element reference, with TF 1.15's messages. */
class ReductionOpsTest {
  static final String[] NUMERIC_OPS = {"Sum", "Mean", "Prod", "Max", "Min"};

  record OpCase(String op, DType dtype, Shape shape, int[] axes, boolean keep) {
    @Override
    public String toString() {
      return op + " " + dtype + " " + shape + " axes=" + java.util.Arrays.toString(axes)
          + (keep ? " keep" : "");
    }
  }

  static Stream<OpCase> cases() {
    Object[][] layouts = {
        {Shape.of(3, 4), new int[] {1}}, {Shape.of(3, 4), new int[] {0}},
        {Shape.of(3, 4), new int[] {0, 1}}, {Shape.of(3, 4), new int[] {}},
        {Shape.of(2, 3, 4), new int[] {0, 2}}, {Shape.of(2, 3, 4), new int[] {-1}},
        {Shape.of(2, 3, 4), new int[] {1, -2, 1}}, {Shape.of(2, 1, 4), new int[] {1}},
        {Shape.of(0, 3), new int[] {0}}, {Shape.of(0, 3), new int[] {1}},
        {Shape.scalar(), new int[] {}}, {Shape.of(5), new int[] {0}},
        {Shape.of(2, 3, 4, 5), new int[] {1, 3}}};
    List<OpCase> r = new ArrayList<>();
    for (Object[] l : layouts) {
      for (boolean keep : new boolean[] {false, true}) {
        for (String op : NUMERIC_OPS) {
          for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)) {
            r.add(new OpCase(op, t, (Shape) l[0], (int[]) l[1], keep));
          }
        }
        r.add(new OpCase("All", DType.BOOL, (Shape) l[0], (int[]) l[1], keep));
        r.add(new OpCase("Any", DType.BOOL, (Shape) l[0], (int[]) l[1], keep));
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesReference(OpCase c) {
    Tensor x = MathTestSupport.random(c.dtype(), c.shape(), 5);
    Tensor axes = Tensor.of(c.axes());
    Tensor got = eval(c.op(), Map.of("keep_dims", c.keep()), x, axes);
    assertClose(reference(c, x), got, 4, floatSumBound(c, x));
  }

  /**
   * float32 Sum and Mean add in float, in TF's order (EigenReduce), not in double: each element is
   * within n * 2^-24 * sum|x| of the exact sum (|x| <= 3 here), which for a sum with cancellation is
   * more than a few ulp of the result.
   */
  static double floatSumBound(OpCase c, Tensor x) {
    if (c.dtype() != DType.FLOAT32 || !c.op().matches("Sum|Mean")) {
      return 0;
    }
    long n = Math.max(1, x.size());
    return n * n * 3 * Math.ulp(1f) / 2;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void int64AxesAndPlaceholdersGiveTheSame(OpCase c) {
    Tensor x = MathTestSupport.random(c.dtype(), c.shape(), 6);
    long[] ax = java.util.Arrays.stream(c.axes()).asLongStream().toArray();
    Graph g = MathTestSupport.graph();
    Output px = MathTestSupport.placeholder(g, c.dtype(), Shape.unknown());
    Output pa = MathTestSupport.placeholder(g, DType.INT64, Shape.of(-1));
    Output o = MathTestSupport.op(g, c.op(), List.of(px, pa), Map.of("keep_dims", c.keep()));
    assertEquals(Shape.unknown(), o.shape());
    Tensor got = MathTestSupport.run(o, Map.of(px, x, pa, Tensor.of(ax)));
    assertClose(reference(c, x), got, 4, floatSumBound(c, x));
  }

  /** Visits every input element, maps it to its output slot, combines in double/long. */
  static Tensor reference(OpCase c, Tensor x) {
    long[] dims = x.shape().dims();
    boolean[] red = new boolean[dims.length];
    for (int a : c.axes()) {
      red[a < 0 ? a + dims.length : a] = true;
    }
    List<Long> od = new ArrayList<>();
    for (int d = 0; d < dims.length; d++) {
      if (!red[d]) {
        od.add(dims[d]);
      } else if (c.keep()) {
        od.add(1L);
      }
    }
    Shape outShape = Shape.of(od.stream().mapToLong(Long::longValue).toArray());
    int n = Tensor.checkedElementCount(outShape);
    double[] acc = new double[n];
    long[] accL = new long[n];
    long[] cnt = new long[n];
    boolean ints = c.dtype().isInteger();
    long[] xl = c.dtype() == DType.INT64 ? x.toLongArray() : null;
    for (int i = 0; i < x.size(); i++) {
      int[] idx = MathTestSupport.unflatten(dims, i);
      int o = 0;
      for (int d = 0; d < dims.length; d++) {
        if (!red[d]) {
          o = o * (int) dims[d] + idx[d];
        }
      }
      double v = x.getAsDouble(i);
      long lv = xl != null ? xl[i] : (long) v;
      if (cnt[o] == 0) {
        acc[o] = v;
        accL[o] = lv;
      } else {
        acc[o] = combine(c.op(), acc[o], v);
        accL[o] = combineL(c.op(), accL[o], lv);
      }
      cnt[o]++;
    }
    double[] out = new double[n];
    for (int o = 0; o < n; o++) {
      out[o] = cnt[o] == 0 ? empty(c.op(), c.dtype())
          : ints ? finishL(c, accL[o], cnt[o]) : finish(c.op(), acc[o], cnt[o]);
    }
    if (c.dtype() == DType.INT64) {
      long[] r = new long[n];
      for (int o = 0; o < n; o++) {
        r[o] = cnt[o] == 0 ? (long) empty(c.op(), c.dtype()) : finishL(c, accL[o], cnt[o]);
      }
      return Tensor.of(outShape, r);
    }
    return MathTestSupport.fromDoubles(c.dtype(), outShape, out);
  }

  private static double combine(String op, double a, double v) {
    switch (op) {
      case "Sum": case "Mean": return a + v;
      case "Prod": return a * v;
      case "Max": case "Any": return Math.max(a, v);
      default: return Math.min(a, v);
    }
  }

  private static long combineL(String op, long a, long v) {
    switch (op) {
      case "Sum": case "Mean": return a + v;
      case "Prod": return a * v;
      case "Max": case "Any": return Math.max(a, v);
      default: return Math.min(a, v);
    }
  }

  private static double finish(String op, double a, long n) {
    return op.equals("Mean") ? a / n : a;
  }

  private static long finishL(OpCase c, long a, long n) {
    long wrapped = c.dtype() == DType.INT32 ? (int) a : a;
    return c.op().equals("Mean") ? wrapped / n : wrapped;
  }

  /** TF 1.15's results over no elements (recorded from libtensorflow 1.15.0). */
  private static double empty(String op, DType t) {
    switch (op) {
      case "Sum": case "Any": return 0;
      case "Mean": return t.isInteger() ? 0 : Double.NaN;
      case "Prod": case "All": return 1;
      case "Max": return t == DType.INT32 ? Integer.MIN_VALUE : t == DType.INT64 ? Long.MIN_VALUE
          : Double.NEGATIVE_INFINITY;
      default: return t == DType.INT32 ? Integer.MAX_VALUE : t == DType.INT64 ? Long.MAX_VALUE
          : Double.POSITIVE_INFINITY;
    }
  }

  // ---------------------------------------------------------------- TF-recorded values

  @Test
  void agreesWithTensorFlowOnEdgeCases() {
    Map<String, Object> none = Map.of();
    assertEquals(Tensor.of(new float[] {4, 6}), eval("Sum", none,
        Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(new int[] {0, 0})));
    assertEquals(Tensor.of(1), eval("Mean", none, Tensor.of(new int[] {1, 2, 2}),
        Tensor.of(new int[] {0})));
    assertEquals(Tensor.of(-1), eval("Mean", none, Tensor.of(new int[] {-1, -2, -2}),
        Tensor.of(new int[] {0})));
    assertEquals(Tensor.of(Integer.MIN_VALUE), eval("Sum", none,
        Tensor.of(new int[] {Integer.MAX_VALUE, 1}), Tensor.of(0)));
    assertEquals(Tensor.of(2f), eval("Max", none, Tensor.of(new float[] {1, Float.NaN, 2}),
        Tensor.of(0)));
    assertEquals(Tensor.of(1f), eval("Min", none, Tensor.of(new float[] {Float.NaN, 1, 2}),
        Tensor.of(0)));
    assertEquals(Tensor.of(new float[][] {{3}, {7}}), eval("Sum", Map.of("keep_dims", true),
        Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(1)));
    assertEquals(Tensor.of(3), eval("Mean", none, Tensor.of(new int[][] {{1, 2, 4}, {3, 5, 7}}),
        Tensor.of(new int[] {1, 0})));
    // float32 sum of 100003 uniform values: TF 1.15 gives 50060.68 (0x47438cae)
    float[] big = new float[100003];
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < big.length; i++) {
      big[i] = rnd.nextFloat();
    }
    Tensor s = eval("Sum", none, Tensor.of(big), Tensor.of(new int[] {0}));
    assertEquals(Float.intBitsToFloat(0x47438cae), s.floatValue(), 4 * Math.ulp(50060.68f));
    Tensor m = eval("Mean", none, Tensor.of(big), Tensor.of(new int[] {0}));
    assertEquals(Float.intBitsToFloat(0x3f0026c8), m.floatValue(), 4 * Math.ulp(0.5f));
  }

  @Test
  void shapeRule() {
    DType[] fi = types(DType.FLOAT32, DType.INT32);
    Graph g = MathTestSupport.graph();
    Output x = MathTestSupport.placeholder(g, DType.FLOAT32, Shape.of(-1, 3, 5));
    Output ax = MathTestSupport.constant(g, Tensor.of(new int[] {-1, 1}));
    assertEquals(Shape.of(-1), MathTestSupport.op(g, "Sum", List.of(x, ax), Map.of()).shape());
    assertEquals(Shape.of(-1, 1, 1), MathTestSupport.op(g, "Max", List.of(x, ax),
        Map.of("keep_dims", true)).shape());
    Output scalarAx = MathTestSupport.constant(g, Tensor.of(0));
    assertEquals(Shape.of(3, 5), MathTestSupport.op(g, "Mean", List.of(x, scalarAx), Map.of())
        .shape());
    assertEquals(Shape.of(-1, -1, -1), MathTestSupport.staticShape("Sum",
        Map.of("keep_dims", true), fi, Shape.of(-1, 3, 5), Shape.of(2)));
    assertEquals(Shape.unknown(), MathTestSupport.staticShape("Sum", Map.of(), fi,
        Shape.of(-1, 3, 5), Shape.of(2)));
    Output bad = MathTestSupport.constant(g, Tensor.of(new int[] {3}));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> MathTestSupport.op(g, "Sum", List.of(x, bad),
            Map.of()));
    assertEquals("Invalid reduction dimension 3 for input with 3 dimensions. for 'Sum_1' (op: "
        + "'Sum') with input shapes: [?,3,5], [1].", e.getMessage());
    assertEquals("Shape must be at most rank 1 but is rank 2 for 'Sum' (op: 'Sum') with input "
        + "shapes: [2,2], [1,1].", buildError("Sum", Map.of(), fi, Shape.of(2, 2), Shape.of(1, 1))
            .getMessage());
  }

  @Test
  void runtimeErrorsAndDtypes() {
    assertEquals("Invalid reduction dimension (2 for input with 2 dimension(s)",
        runtimeError("Sum", Map.of(), Tensor.of(new float[2][2]), Tensor.of(new int[] {2}))
            .rawMessage());
    assertEquals("Invalid reduction dimension (-3 for input with 2 dimension(s)",
        runtimeError("Prod", Map.of(), Tensor.of(new float[2][2]), Tensor.of(new int[] {-3}))
            .rawMessage());
    assertEquals("Invalid reduction dimension (0 for input with 0 dimension(s)",
        runtimeError("Max", Map.of(), Tensor.of(3f), Tensor.of(new int[] {0})).rawMessage());
    assertTrue(buildError("Sum", Map.of(), types(DType.BOOL, DType.INT32), Shape.of(2), Shape.of(1))
        .getMessage().startsWith("Value for attr 'T' of bool is not in the list of allowed values: "
            + "float, double, int32, int64"));
    assertTrue(buildError("All", Map.of(), types(DType.FLOAT32, DType.INT32), Shape.of(2),
        Shape.of(1)).getMessage().contains("does not match expected type of bool"));
    assertTrue(buildError("Sum", Map.of(), types(DType.FLOAT32, DType.FLOAT32), Shape.of(2),
        Shape.of(1)).getMessage().startsWith("Value for attr 'Tidx' of float is not in the list "
            + "of allowed values: int32, int64"));
  }

  // ---------------------------------------------------------------- ArgMax, ArgMin

  record ArgCase(String op, DType dtype, Shape shape, int axis, DType out) {}

  static Stream<ArgCase> argCases() {
    List<ArgCase> r = new ArrayList<>();
    Object[][] layouts = {{Shape.of(3, 4), 0}, {Shape.of(3, 4), 1}, {Shape.of(3, 4), -1},
        {Shape.of(2, 3, 4), 1}, {Shape.of(7), 0}, {Shape.of(0, 3), 1}};
    for (Object[] l : layouts) {
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)) {
        for (String op : List.of("ArgMax", "ArgMin")) {
          r.add(new ArgCase(op, t, (Shape) l[0], (Integer) l[1], t == DType.INT32 ? DType.INT32
              : DType.INT64));
        }
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("argCases")
  void argMatchesReference(ArgCase c) {
    // few distinct values so that ties happen: the first index wins
    double[] v = MathTestSupport.doubles(MathTestSupport.random(c.dtype(), c.shape(), 9));
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(v[i]) % 3;
    }
    Tensor x = MathTestSupport.fromDoubles(c.dtype(), c.shape(), v);
    Tensor got = eval(c.op(), Map.of("output_type", c.out()), x, Tensor.of(c.axis()));
    long[] dims = c.shape().dims();
    int axis = c.axis() < 0 ? c.axis() + dims.length : c.axis();
    List<Long> od = new ArrayList<>();
    for (int d = 0; d < dims.length; d++) {
      if (d != axis) {
        od.add(dims[d]);
      }
    }
    Shape outShape = Shape.of(od.stream().mapToLong(Long::longValue).toArray());
    double[] best = new double[Tensor.checkedElementCount(outShape)];
    double[] bestIdx = new double[best.length];
    boolean[] seen = new boolean[best.length];
    for (int i = 0; i < v.length; i++) {
      int[] idx = MathTestSupport.unflatten(dims, i);
      int o = 0;
      for (int d = 0; d < dims.length; d++) {
        if (d != axis) {
          o = o * (int) dims[d] + idx[d];
        }
      }
      boolean better = c.op().equals("ArgMax") ? v[i] > best[o] : v[i] < best[o];
      if (!seen[o] || better) {
        seen[o] = true;
        best[o] = v[i];
        bestIdx[o] = idx[axis];
      }
    }
    assertEquals(MathTestSupport.fromDoubles(c.out(), outShape, bestIdx), got);
  }

  @Test
  void argEdgeCasesAndErrors() {
    Map<String, Object> none = Map.of();
    // TF 1.15: NaN is skipped, ties keep the first index
    assertEquals(Tensor.of(2L), eval("ArgMax", none, Tensor.of(new float[] {1, Float.NaN, 2}),
        Tensor.of(0)));
    assertEquals(Tensor.of(2L), eval("ArgMax", none, Tensor.of(new float[] {Float.NaN, 1, 2}),
        Tensor.of(0)));
    assertEquals(Tensor.of(2L), eval("ArgMin", none, Tensor.of(new float[] {1, Float.NaN, 0}),
        Tensor.of(0)));
    assertEquals(Tensor.of(1L), eval("ArgMax", none, Tensor.of(new float[] {1, 3, 3}),
        Tensor.of(0)));
    assertEquals(Tensor.of(new int[] {1, 0}), eval("ArgMax", Map.of("output_type", DType.INT32),
        Tensor.of(new float[][] {{1, 5}, {7, 2}}), Tensor.of(-1L)));
    assertEquals("Reduction axis 0 is empty in shape [0,3]", runtimeError("ArgMax", none,
        Tensor.zeros(DType.FLOAT32, Shape.of(0, 3)), Tensor.of(0)).rawMessage());
    assertEquals("Expected dimension in the range [-2, 2), but got 2", runtimeError("ArgMax",
        none, Tensor.of(new float[2][3]), Tensor.of(2)).rawMessage());
    assertEquals("Expected dimension in the range [-2, 2), but got -3", runtimeError("ArgMin",
        none, Tensor.of(new float[2][3]), Tensor.of(-3)).rawMessage());
    assertEquals("Expected dimension in the range [0, 0), but got 0", runtimeError("ArgMax",
        none, Tensor.of(3f), Tensor.of(0)).rawMessage());
    DType[] fi = types(DType.FLOAT32, DType.INT32);
    assertEquals("Shape must be rank 0 but is rank 1 for 'ArgMax' (op: 'ArgMax') with input "
        + "shapes: [2,3], [1].", buildError("ArgMax", none, fi, Shape.of(2, 3), Shape.of(1))
            .getMessage());
    assertEquals(Shape.of(-1, -1), MathTestSupport.staticShape("ArgMax", none, fi,
        Shape.of(-1, 3, 4), Shape.scalar()));
    assertEquals(Shape.scalar(), MathTestSupport.staticShape("ArgMin", none, fi, Shape.of(-1),
        Shape.scalar()));
    Graph g = MathTestSupport.graph();
    Output x = MathTestSupport.placeholder(g, DType.FLOAT32, Shape.of(-1, 3, 4));
    Output o = MathTestSupport.op(g, "ArgMax", List.of(x, MathTestSupport.constant(g,
        Tensor.of(-2))), Map.of());
    assertEquals(Shape.of(-1, 4), o.shape());
    assertEquals(DType.INT64, o.dtype());
  }
}
