package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.MathTestSupport.assertClose;
import static org.tensorgraph.ops.MathTestSupport.buildError;
import static org.tensorgraph.ops.MathTestSupport.eval;
import static org.tensorgraph.ops.MathTestSupport.runtimeError;
import static org.tensorgraph.ops.MathTestSupport.staticShape;
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
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;

/** Broadcasting binary cwise ops against a per-element reference with explicit index arithmetic. */
class MathBinaryTest {
  static final String[] OPS = {"Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "FloorDiv",
      "FloorMod", "Maximum", "Minimum", "Pow"};
  static final DType[] NUMERIC = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64};
  static final Shape[][] SHAPES = {
      {Shape.of(2, 3), Shape.of(2, 3)}, {Shape.of(2, 3), Shape.scalar()},
      {Shape.scalar(), Shape.of(2, 3)}, {Shape.of(2, 3), Shape.of(3)},
      {Shape.of(3, 1), Shape.of(1, 4)}, {Shape.of(2, 1, 3), Shape.of(4, 1)},
      {Shape.of(0, 3), Shape.of(3)}, {Shape.of(1, 1), Shape.of(5)},
      {Shape.of(4, 1, 1), Shape.of(1, 1)}, {Shape.scalar(), Shape.scalar()},
      {Shape.of(2, 3, 4), Shape.of(2, 1, 4)}, {Shape.of(3), Shape.of(3, 1)},
      {Shape.of(40), Shape.of(40)}};

  record OpCase(String op, DType dtype, Shape x, Shape y) {}

  static Stream<OpCase> cases() {
    List<OpCase> r = new ArrayList<>();
    for (String op : OPS) {
      for (DType t : NUMERIC) {
        for (Shape[] s : SHAPES) {
          r.add(new OpCase(op, t, s[0], s[1]));
        }
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesReference(OpCase c) {
    Tensor x = MathTestSupport.random(c.dtype(), c.x(), 1);
    Tensor y = operandY(c, MathTestSupport.random(c.dtype(), c.y(), 2));
    Tensor actual = eval(c.op(), Map.of(), x, y);
    Tensor expected = reference(c.op(), x, y);
    assertClose(expected, actual, 1, 0);
  }

  /** Keeps integer divisors non-zero and integer exponents non-negative (errors tested apart). */
  private static Tensor operandY(OpCase c, Tensor y) {
    if (!c.dtype().isInteger()) {
      return y;
    }
    double[] v = MathTestSupport.doubles(y);
    for (int i = 0; i < v.length; i++) {
      if (c.op().equals("Pow")) {
        v[i] = Math.abs(v[i]) % 6;
      } else if (v[i] == 0) {
        v[i] = 3;
      }
    }
    return MathTestSupport.fromDoubles(c.dtype(), y.shape(), v);
  }

  /** numpy broadcasting by explicit multi-index arithmetic, op by op in double or long. */
  static Tensor reference(String op, Tensor x, Tensor y) {
    long[] xd = x.shape().dims();
    long[] yd = y.shape().dims();
    long[] od = MathTestSupport.refBroadcast(xd, yd);
    assertNotNull(od);
    int n = MathTestSupport.count(od);
    double[] out = new double[n];
    long[] outL = new long[n];
    boolean ints = x.dtype().isInteger();
    for (int i = 0; i < n; i++) {
      int[] idx = MathTestSupport.unflatten(od, i);
      int xi = MathTestSupport.refSourceIndex(xd, idx);
      int yi = MathTestSupport.refSourceIndex(yd, idx);
      if (ints) {
        outL[i] = refLong(op, x.dtype() == DType.INT32, longAt(x, xi), longAt(y, yi));
      } else {
        out[i] = refDouble(op, x.dtype() == DType.FLOAT32, x.getAsDouble(xi), y.getAsDouble(yi));
      }
    }
    Shape s = Shape.of(od);
    if (x.dtype() == DType.INT64) {
      return Tensor.of(s, outL);
    }
    if (x.dtype() == DType.INT32) {
      int[] r = new int[n];
      for (int i = 0; i < n; i++) {
        r[i] = (int) outL[i];
      }
      return Tensor.of(s, r);
    }
    return MathTestSupport.fromDoubles(x.dtype(), s, out);
  }

  private static long longAt(Tensor t, int i) {
    return t.dtype() == DType.INT64 ? t.toLongArray()[i] : t.toIntArray()[i];
  }

  private static double refDouble(String op, boolean f32, double a, double b) {
    switch (op) {
      case "Add": case "AddV2": return a + b;
      case "Sub": return a - b;
      case "Mul": return a * b;
      case "RealDiv": case "Div": return a / b;
      case "FloorDiv": return Math.floor(f32 ? (float) (a / b) : a / b);
      case "FloorMod": {
        double r = a % b; // Java's % on doubles is C's fmod
        if (r != 0 && (r < 0) != (b < 0)) {
          r += b;
        }
        return r;
      }
      case "Maximum": return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a < b ? b : a;
      case "Minimum": return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : b < a ? b : a;
      case "Pow": return Math.pow(a, b);
      default: throw new AssertionError(op);
    }
  }

  private static long refLong(String op, boolean i32, long a, long b) {
    long r;
    switch (op) {
      case "Add": case "AddV2": r = a + b; break;
      case "Sub": r = a - b; break;
      case "Mul": r = a * b; break;
      case "RealDiv": case "Div": r = a / b; break;
      case "FloorDiv": r = a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); break;
      case "FloorMod": r = a - b * (a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0)); break;
      case "Maximum": r = a > b ? a : b; break;
      case "Minimum": r = a < b ? a : b; break;
      case "Pow": {
        r = 1;
        for (long k = 0; k < b; k++) {
          r *= a;
        }
        break;
      }
      default: throw new AssertionError(op);
    }
    return i32 ? (int) r : r;
  }

  // ---------------------------------------------------------------- TF 1.15's own results

  record TfCase(String op, Tensor x, Tensor y, Tensor expected) {}

  /** Outputs recorded from TF 1.15 (libtensorflow 1.15.0, CPU) for the same inputs. */
  static Stream<TfCase> tfCases() {
    float nan = Float.NaN;
    return Stream.of(
        new TfCase("Div", Tensor.of(new int[] {7, -7, 7, -7}), Tensor.of(new int[] {2, 2, -2, -2}),
            Tensor.of(new int[] {3, -3, -3, 3})),
        new TfCase("RealDiv", Tensor.of(new int[] {7, -7}), Tensor.of(new int[] {2, 2}),
            Tensor.of(new int[] {3, -3})),
        new TfCase("FloorDiv", Tensor.of(new int[] {7, -7, 7, -7}),
            Tensor.of(new int[] {2, 2, -2, -2}), Tensor.of(new int[] {3, -4, -4, 3})),
        new TfCase("FloorDiv", Tensor.of(new long[] {-7}), Tensor.of(new long[] {2}),
            Tensor.of(new long[] {-4})),
        new TfCase("FloorMod", Tensor.of(new int[] {7, -7, 7, -7}),
            Tensor.of(new int[] {2, 2, -2, -2}), Tensor.of(new int[] {1, 1, -1, -1})),
        new TfCase("FloorMod", Tensor.of(new float[] {7, -7, 7, -7, 5.5f, -0f}),
            Tensor.of(new float[] {2, 2, -2, -2, 0, 3}),
            Tensor.of(new float[] {1, 1, -1, -1, nan, -0f})),
        new TfCase("FloorDiv", Tensor.of(new float[] {7, -7, 7, -7, 1}),
            Tensor.of(new float[] {2, 2, -2, -2, 0}),
            Tensor.of(new float[] {3, -4, -4, 3, Float.POSITIVE_INFINITY})),
        new TfCase("Div", Tensor.of(new float[] {7, -1, 0}), Tensor.of(new float[] {0, 0, 0}),
            Tensor.of(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, nan})),
        new TfCase("Pow", Tensor.of(new int[] {3, 2, -2}), Tensor.of(new int[] {4, 31, 3}),
            Tensor.of(new int[] {81, Integer.MIN_VALUE, -8})),
        new TfCase("Pow", Tensor.of(new float[] {2, -8, 0, -1}),
            Tensor.of(new float[] {0.5f, 1f / 3, -1, Float.POSITIVE_INFINITY}),
            Tensor.of(new float[] {1.4142135f, nan, Float.POSITIVE_INFINITY, 1})),
        new TfCase("Maximum", Tensor.of(new float[] {nan, 1}), Tensor.of(new float[] {1, nan}),
            Tensor.of(new float[] {nan, nan})),
        new TfCase("Minimum", Tensor.of(new float[] {nan, 1}), Tensor.of(new float[] {1, nan}),
            Tensor.of(new float[] {nan, nan})),
        new TfCase("Maximum", Tensor.of(new float[] {-0f, 0f}), Tensor.of(new float[] {0f, -0f}),
            Tensor.of(new float[] {-0f, 0f})),
        new TfCase("Minimum", Tensor.of(new float[] {-0f, 0f}), Tensor.of(new float[] {0f, -0f}),
            Tensor.of(new float[] {-0f, 0f})),
        new TfCase("Maximum", Tensor.of(-0f), Tensor.of(new float[] {-0f, 0f}),
            Tensor.of(new float[] {-0f, -0f})),
        new TfCase("Maximum", Tensor.of(new double[] {-0.0, 0.0}), Tensor.of(new double[] {0, -0.0}),
            Tensor.of(new double[] {-0.0, 0.0})),
        new TfCase("Add", Tensor.of(new int[] {Integer.MAX_VALUE}), Tensor.of(new int[] {1}),
            Tensor.of(new int[] {Integer.MIN_VALUE})));
  }

  @ParameterizedTest
  @MethodSource("tfCases")
  void agreesWithTensorFlow(TfCase c) {
    Tensor actual = eval(c.op(), Map.of(), c.x(), c.y());
    assertEquals(c.expected().shape(), actual.shape());
    for (int i = 0; i < actual.size(); i++) {
      double e = c.expected().getAsDouble(i);
      double a = actual.getAsDouble(i);
      assertTrue(Double.compare(e, a) == 0 || Double.isNaN(e) && Double.isNaN(a),
          c.op() + " element " + i + ": " + e + " vs " + a);
    }
  }

  // ---------------------------------------------------------------- shapes and errors

  record ShapeCase(Shape x, Shape y, Shape expected) {}

  static Stream<ShapeCase> partialShapes() {
    return Stream.of(
        new ShapeCase(Shape.of(-1, 3), Shape.of(3), Shape.of(-1, 3)),
        new ShapeCase(Shape.of(-1), Shape.of(1), Shape.of(-1)),
        new ShapeCase(Shape.of(-1, 1), Shape.of(5), Shape.of(-1, 5)),
        new ShapeCase(Shape.of(-1), Shape.of(-1), Shape.of(-1)),
        new ShapeCase(Shape.of(2, -1), Shape.of(-1, 3), Shape.of(2, 3)),
        new ShapeCase(Shape.unknown(), Shape.of(3), Shape.unknown()),
        new ShapeCase(Shape.of(4, 1, -1), Shape.of(7, 1), Shape.of(4, 7, -1)),
        new ShapeCase(Shape.scalar(), Shape.of(-1, 2), Shape.of(-1, 2)));
  }

  @ParameterizedTest
  @MethodSource("partialShapes")
  void partialShapesFollowTfBroadcastRule(ShapeCase c) {
    for (String op : List.of("Add", "Mul", "FloorMod", "Pow")) {
      assertEquals(c.expected(), staticShape(op, Map.of(),
          types(DType.FLOAT32, DType.FLOAT32), c.x(), c.y()), op);
    }
  }

  @Test
  void staticShapeMismatchFailsAtBuildWithTfText() {
    IllegalArgumentException e = buildError("Add", Map.of(), types(DType.FLOAT32, DType.FLOAT32),
        Shape.of(2, 3), Shape.of(4));
    assertEquals("Dimensions must be equal, but are 3 and 4 for 'Add' (op: 'Add') with input "
        + "shapes: [2,3], [4].", e.getMessage());
  }

  @Test
  void runtimeMismatchFailsWithTfText() {
    StatusException e = runtimeError("Mul", Map.of(), Tensor.of(new float[2][3][4]),
        Tensor.of(new float[3][5]));
    assertTrue(e instanceof InvalidArgumentException);
    assertEquals("Incompatible shapes: [2,3,4] vs. [3,5]", e.rawMessage());
    assertEquals("Mul", e.nodeName());
  }

  @Test
  void integerDivisionByZeroFails() {
    for (String op : List.of("Div", "FloorDiv", "FloorMod", "RealDiv")) {
      StatusException e = runtimeError(op, Map.of(), Tensor.of(new int[] {7, 1}),
          Tensor.of(new int[] {1, 0}));
      assertEquals("Integer division by zero", e.rawMessage(), op);
    }
  }

  @Test
  void integerNegativePowerFails() {
    StatusException e = runtimeError("Pow", Map.of(), Tensor.of(new long[] {2}),
        Tensor.of(new long[] {-1}));
    assertEquals("Integers to negative integer powers are not allowed", e.rawMessage());
  }

  @Test
  void boolIsRejectedAtBuildWithAllowedList() {
    for (String op : OPS) {
      IllegalArgumentException e = buildError(op, Map.of(), types(DType.BOOL, DType.BOOL),
          Shape.of(2), Shape.of(2));
      assertTrue(e.getMessage().startsWith("Value for attr 'T' of bool is not in the list of "
          + "allowed values: float, double, int32, int64"), e.getMessage());
      assertTrue(e.getMessage().contains("{{node " + op + "}}"), e.getMessage());
    }
  }

  @Test
  void mixedDtypesAreRejected() {
    IllegalArgumentException e = buildError("Add", Map.of(), types(DType.FLOAT32, DType.INT32),
        Shape.of(2), Shape.of(2));
    assertTrue(e.getMessage().contains("int32") && e.getMessage().contains("float32"),
        e.getMessage());
  }

  @Test
  void emptyBroadcastKeepsShape() {
    Tensor r = eval("Add", Map.of(), Tensor.zeros(DType.FLOAT32, Shape.of(0, 3)),
        Tensor.zeros(DType.FLOAT32, Shape.of(2, 1, 1)));
    assertEquals(Shape.of(2, 0, 3), r.shape());
    assertArrayEquals(new float[0], r.toFloatArray());
  }
}
