package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.tensorgraph.core.errors.StatusException;

/** Cast (TF 1.15's recorded results), comparisons and logical ops (reference with broadcasting). */
class MathCastCompareTest {
  record CastCase(Tensor x, DType to, boolean truncate, Tensor tf) {}

  /** Outputs of TF 1.15 (libtensorflow 1.15.0 on x86-64) for the same inputs. */
  static Stream<CastCase> castCases() {
    float nan = Float.NaN;
    return Stream.of(
        new CastCase(Tensor.of(new float[] {1.9f, -1.9f, nan, 3e9f, -3e9f,
            Float.POSITIVE_INFINITY}), DType.INT32, false,
            Tensor.of(new int[] {1, -1, Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE,
                Integer.MIN_VALUE})),
        new CastCase(Tensor.of(new float[] {1.9f, -1.9f, nan, 3e19f, -3e19f, 9.2233715E18f}),
            DType.INT64, false, Tensor.of(new long[] {1, -1, Long.MIN_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE, 9223371487098961920L})),
        new CastCase(Tensor.of(new double[] {2147483647.9, 2147483648.0, -2147483648.9,
            -2147483649.0}), DType.INT32, false,
            Tensor.of(new int[] {2147483647, Integer.MIN_VALUE, Integer.MIN_VALUE,
                Integer.MIN_VALUE})),
        new CastCase(Tensor.of(new long[] {1L << 33 | 5, -1L}), DType.INT32, false,
            Tensor.of(new int[] {5, -1})),
        new CastCase(Tensor.of(new float[] {0f, -0f, 0.1f, nan}), DType.BOOL, false,
            Tensor.of(new boolean[] {false, false, true, true})),
        new CastCase(Tensor.of(new int[] {0, 2, -1}), DType.BOOL, false,
            Tensor.of(new boolean[] {false, true, true})),
        new CastCase(Tensor.of(new boolean[] {true, false}), DType.FLOAT32, false,
            Tensor.of(new float[] {1, 0})),
        new CastCase(Tensor.of(new boolean[] {true, false}), DType.INT64, false,
            Tensor.of(new long[] {1, 0})),
        new CastCase(Tensor.of(new double[] {1e300, 0.1}), DType.FLOAT32, false,
            Tensor.of(new float[] {Float.POSITIVE_INFINITY, 0.1f})),
        new CastCase(Tensor.of(new double[] {1e300, 0.1, 1.0000000596046448}), DType.FLOAT32, true,
            Tensor.of(new float[] {Float.POSITIVE_INFINITY, Float.intBitsToFloat(0x3dcccccc), 1})),
        new CastCase(Tensor.of(new long[] {(1L << 53) + 1, -3}), DType.FLOAT64, false,
            Tensor.of(new double[] {(double) ((1L << 53) + 1), -3})),
        new CastCase(Tensor.of(new long[] {(1L << 24) + 1, (1L << 60) + (1L << 36) + 1}),
            DType.FLOAT32, false, Tensor.of(new float[] {(1L << 24) + 1,
                (float) ((1L << 60) + (1L << 36) + 1)})),
        new CastCase(Tensor.of(new float[][] {{1.5f}}), DType.FLOAT32, false,
            Tensor.of(new float[][] {{1.5f}})));
  }

  @ParameterizedTest
  @MethodSource("castCases")
  void castAgreesWithTensorFlow(CastCase c) {
    Tensor y = eval("Cast", Map.of("DstT", c.to(), "Truncate", c.truncate()), c.x());
    assertEquals(c.tf(), y);
  }

  @Test
  void castAllPairsKeepShapeAndSmallIntegers() {
    DType[] all = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL};
    for (DType from : all) {
      for (DType to : all) {
        Tensor x = MathTestSupport.fromDoubles(from, Shape.of(2, 2), new double[] {0, 1, 1, 0});
        Tensor y = eval("Cast", Map.of("DstT", to), x);
        assertEquals(MathTestSupport.fromDoubles(to, Shape.of(2, 2), new double[] {0, 1, 1, 0}), y,
            from + "->" + to);
      }
    }
    assertEquals(Shape.of(-1, 3), staticShape("Cast", Map.of("DstT", DType.INT32),
        types(DType.FLOAT32), Shape.of(-1, 3)));
  }

  // ---------------------------------------------------------------- comparisons

  static final String[] CMP = {"Less", "LessEqual", "Greater", "GreaterEqual", "Equal",
      "NotEqual"};

  record CmpCase(String op, DType dtype, Shape x, Shape y) {}

  static Stream<CmpCase> cmpCases() {
    List<CmpCase> r = new ArrayList<>();
    Shape[][] shapes = {{Shape.of(3, 4), Shape.of(3, 4)}, {Shape.of(3, 4), Shape.of(4)},
        {Shape.of(3, 1), Shape.of(1, 4)}, {Shape.scalar(), Shape.of(5)},
        {Shape.of(0), Shape.of(1)}};
    for (String op : CMP) {
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL)) {
        if (t == DType.BOOL && !op.contains("Equal") || t == DType.BOOL && op.contains("Less")
            || t == DType.BOOL && op.contains("Greater")) {
          continue;
        }
        for (Shape[] s : shapes) {
          r.add(new CmpCase(op, t, s[0], s[1]));
        }
      }
    }
    for (String op : List.of("LogicalAnd", "LogicalOr")) {
      for (Shape[] s : shapes) {
        r.add(new CmpCase(op, DType.BOOL, s[0], s[1]));
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("cmpCases")
  void comparisonMatchesReference(CmpCase c) {
    // few distinct values so that equality happens
    Tensor x = squash(MathTestSupport.random(c.dtype(), c.x(), 3));
    Tensor y = squash(MathTestSupport.random(c.dtype(), c.y(), 4));
    Tensor z = eval(c.op(), Map.of(), x, y);
    long[] xd = x.shape().dims();
    long[] yd = y.shape().dims();
    long[] od = MathTestSupport.refBroadcast(xd, yd);
    boolean[] want = new boolean[MathTestSupport.count(od)];
    for (int i = 0; i < want.length; i++) {
      int[] idx = MathTestSupport.unflatten(od, i);
      double a = x.getAsDouble(MathTestSupport.refSourceIndex(xd, idx));
      double b = y.getAsDouble(MathTestSupport.refSourceIndex(yd, idx));
      want[i] = compare(c.op(), a, b);
    }
    assertEquals(Tensor.of(Shape.of(od), want), z);
  }

  private static Tensor squash(Tensor t) {
    if (t.dtype() == DType.BOOL) {
      return t;
    }
    double[] v = MathTestSupport.doubles(t);
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(v[i]) % 3;
    }
    return MathTestSupport.fromDoubles(t.dtype(), t.shape(), v);
  }

  private static boolean compare(String op, double a, double b) {
    switch (op) {
      case "Less": return a < b;
      case "LessEqual": return a <= b;
      case "Greater": return a > b;
      case "GreaterEqual": return a >= b;
      case "Equal": return a == b;
      case "NotEqual": return a != b;
      case "LogicalAnd": return a != 0 && b != 0;
      default: return a != 0 || b != 0;
    }
  }

  @Test
  void nanComparesFalseExceptNotEqual() {
    Tensor x = Tensor.of(new float[] {Float.NaN, Float.NaN});
    Tensor y = Tensor.of(new float[] {Float.NaN, 1});
    for (String op : CMP) {
      boolean want = op.equals("NotEqual");
      assertEquals(Tensor.of(new boolean[] {want, want}), eval(op, Map.of(), x, y), op);
    }
  }

  @Test
  void equalWithoutShapeErrorGivesScalar() {
    Map<String, Object> a = Map.of("incompatible_shape_error", false);
    assertEquals(Tensor.of(false), eval("Equal", a, Tensor.of(new float[2]),
        Tensor.of(new float[3])));
    assertEquals(Tensor.of(true), eval("NotEqual", a, Tensor.of(new float[2]),
        Tensor.of(new float[3])));
    assertEquals(Tensor.of(new boolean[] {true, false}), eval("Equal", a,
        Tensor.of(new float[] {1, 2}), Tensor.of(new float[] {1})));
    assertEquals(Shape.unknown(), staticShape("Equal", a, types(DType.FLOAT32, DType.FLOAT32),
        Shape.of(2), Shape.of(3)));
    IllegalArgumentException e = buildError("Equal", Map.of(),
        types(DType.FLOAT32, DType.FLOAT32), Shape.of(2), Shape.of(3));
    assertTrue(e.getMessage().startsWith("Dimensions must be equal, but are 2 and 3 for 'Equal'"),
        e.getMessage());
    StatusException r = runtimeError("Equal", Map.of(), Tensor.of(new float[2]),
        Tensor.of(new float[3]));
    assertEquals("Incompatible shapes: [2] vs. [3]", r.rawMessage());
  }

  @Test
  void dtypeRules() {
    IllegalArgumentException e = buildError("Less", Map.of(), types(DType.BOOL, DType.BOOL),
        Shape.of(1), Shape.of(1));
    assertTrue(e.getMessage().startsWith("Value for attr 'T' of bool is not in the list of allowed"
        + " values: float, double, int32, int64\n"), e.getMessage());
    e = buildError("LogicalAnd", Map.of(), types(DType.FLOAT32, DType.BOOL), Shape.of(1),
        Shape.of(1));
    assertTrue(e.getMessage().contains("does not match expected type of bool"), e.getMessage());
    assertEquals(Shape.of(-1, 4), staticShape("LogicalOr", Map.of(),
        types(DType.BOOL, DType.BOOL), Shape.of(-1, 1), Shape.of(4)));
  }
}
