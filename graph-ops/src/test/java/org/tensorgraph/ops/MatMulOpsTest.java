package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpRegistry;

/** MatMul, BatchMatMulV2 and BiasAdd against a naive triple loop, with TF 1.15's messages. */
class MatMulOpsTest {
  private static final DType F = DType.FLOAT32;

  record MmCase(DType dtype, int m, int k, int n, boolean ta, boolean tb) {}

  static Stream<MmCase> matMulCases() {
    List<MmCase> r = new ArrayList<>();
    int[][] sizes = {{2, 3, 4}, {1, 7, 4}, {5, 1, 1}, {0, 3, 2}, {3, 0, 2}, {17, 33, 9}};
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)) {
      for (int[] s : sizes) {
        for (int tr = 0; tr < 4; tr++) {
          r.add(new MmCase(t, s[0], s[1], s[2], (tr & 1) != 0, (tr & 2) != 0));
        }
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("matMulCases")
  void matMulMatchesTripleLoop(MmCase c) {
    Shape as = c.ta() ? Shape.of(c.k(), c.m()) : Shape.of(c.m(), c.k());
    Shape bs = c.tb() ? Shape.of(c.n(), c.k()) : Shape.of(c.k(), c.n());
    Tensor a = MathTestSupport.random(c.dtype(), as, 11);
    Tensor b = MathTestSupport.random(c.dtype(), bs, 12);
    Tensor got = eval("MatMul", Map.of("transpose_a", c.ta(), "transpose_b", c.tb()), a, b);
    double[] want = new double[c.m() * c.n()];
    double[] mag = new double[want.length];
    for (int i = 0; i < c.m(); i++) {
      for (int j = 0; j < c.n(); j++) {
        for (int p = 0; p < c.k(); p++) {
          double av = a.getAsDouble(c.ta() ? p * c.m() + i : i * c.k() + p);
          double bv = b.getAsDouble(c.tb() ? j * c.k() + p : p * c.n() + j);
          want[i * c.n() + j] += av * bv;
          mag[i * c.n() + j] += Math.abs(av * bv);
        }
      }
    }
    Tensor expected = MathTestSupport.fromDoubles(c.dtype(), Shape.of(c.m(), c.n()), want);
    // float32 sums in float: allow k rounding steps of the magnitude sum
    double abs = c.dtype() == F ? max(mag) * c.k() * 0x1p-24 : max(mag) * c.k() * 0x1p-53;
    assertClose(expected, got, 1, abs);
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  @Test
  void matMulShapesAndErrors() {
    DType[] ff = types(F, F);
    assertEquals(Shape.of(-1, 4), staticShape("MatMul", Map.of(), ff, Shape.of(-1, 7),
        Shape.of(7, 4)));
    assertEquals(Shape.of(3, -1), staticShape("MatMul", Map.of("transpose_a", true,
        "transpose_b", true), ff, Shape.of(-1, 3), Shape.unknown()));
    assertEquals("Dimensions must be equal, but are 3 and 4 for 'MatMul' (op: 'MatMul') with "
        + "input shapes: [2,3], [4,5].", buildError("MatMul", Map.of(), ff, Shape.of(2, 3),
            Shape.of(4, 5)).getMessage());
    assertEquals("Dimensions must be equal, but are 2 and 4 for 'MatMul' (op: 'MatMul') with "
        + "input shapes: [2,3], [4,5].", buildError("MatMul", Map.of("transpose_a", true), ff,
            Shape.of(2, 3), Shape.of(4, 5)).getMessage());
    assertEquals("Shape must be rank 2 but is rank 1 for 'MatMul' (op: 'MatMul') with input "
        + "shapes: [3], [3,5].", buildError("MatMul", Map.of(), ff, Shape.of(3), Shape.of(3, 5))
            .getMessage());
    assertEquals("Matrix size-incompatible: In[0]: [2,3], In[1]: [4,5]", runtimeError("MatMul",
        Map.of(), Tensor.of(new float[2][3]), Tensor.of(new float[4][5])).rawMessage());
    assertEquals("In[1] is not a matrix. Instead it has shape [3]", runtimeError("MatMul",
        Map.of(), Tensor.of(new float[2][3]), Tensor.of(new float[3])).rawMessage());
    assertTrue(buildError("MatMul", Map.of(), types(DType.BOOL, DType.BOOL), Shape.of(1, 1),
        Shape.of(1, 1)).getMessage().startsWith("Value for attr 'T' of bool is not in the list "
            + "of allowed values: float, double, int32, int64"));
    OpRegistry reg = MathTestSupport.graph().registry();
    assertEquals(OpDef.Cost.EXPENSIVE, reg.get("MatMul").cost());
    assertEquals(OpDef.Cost.EXPENSIVE, reg.get("BatchMatMulV2").cost());
  }

  // ---------------------------------------------------------------- BatchMatMulV2

  record BmmCase(DType dtype, Shape x, Shape y, boolean adjX, boolean adjY) {}

  static Stream<BmmCase> bmmCases() {
    return Stream.of(
        new BmmCase(F, Shape.of(3, 2, 4), Shape.of(3, 4, 5), false, false),
        new BmmCase(F, Shape.of(2, 1, 2, 4), Shape.of(3, 4, 5), false, false),
        new BmmCase(DType.FLOAT64, Shape.of(2, 4), Shape.of(3, 4, 5), false, false),
        new BmmCase(DType.INT32, Shape.of(3, 4, 2), Shape.of(1, 5, 4), true, true),
        new BmmCase(DType.INT64, Shape.of(2, 3, 4), Shape.of(4, 5), false, false),
        new BmmCase(F, Shape.of(0, 2, 3), Shape.of(3, 4), false, false),
        new BmmCase(F, Shape.of(2, 3, 0), Shape.of(2, 0, 4), false, false),
        new BmmCase(F, Shape.of(2, 4, 3), Shape.of(2, 4, 5), true, false));
  }

  @ParameterizedTest
  @MethodSource("bmmCases")
  void batchMatMulMatchesReference(BmmCase c) {
    Tensor x = MathTestSupport.random(c.dtype(), c.x(), 21);
    Tensor y = MathTestSupport.random(c.dtype(), c.y(), 22);
    Tensor got = eval("BatchMatMulV2", Map.of("adj_x", c.adjX(), "adj_y", c.adjY()), x, y);
    long[] xd = c.x().dims();
    long[] yd = c.y().dims();
    int xr = (int) xd[xd.length - 2];
    int xc = (int) xd[xd.length - 1];
    int yr = (int) yd[yd.length - 2];
    int yc = (int) yd[yd.length - 1];
    int m = c.adjX() ? xc : xr;
    int k = c.adjX() ? xr : xc;
    int n = c.adjY() ? yr : yc;
    long[] xb = java.util.Arrays.copyOf(xd, xd.length - 2);
    long[] yb = java.util.Arrays.copyOf(yd, yd.length - 2);
    long[] ob = MathTestSupport.refBroadcast(xb, yb);
    int batches = MathTestSupport.count(ob);
    double[] want = new double[batches * m * n];
    for (int bi = 0; bi < batches; bi++) {
      int[] idx = MathTestSupport.unflatten(ob, bi);
      int xo = MathTestSupport.refSourceIndex(xb, idx) * xr * xc;
      int yo = MathTestSupport.refSourceIndex(yb, idx) * yr * yc;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            double av = x.getAsDouble(xo + (c.adjX() ? p * xc + i : i * xc + p));
            double bv = y.getAsDouble(yo + (c.adjY() ? j * yc + p : p * yc + j));
            s += av * bv;
          }
          want[(bi * m + i) * n + j] = s;
        }
      }
    }
    long[] od = java.util.Arrays.copyOf(ob, ob.length + 2);
    od[ob.length] = m;
    od[ob.length + 1] = n;
    assertClose(MathTestSupport.fromDoubles(c.dtype(), Shape.of(od), want), got, 4, 1e-5);
  }

  @Test
  void batchMatMulShapesAndErrors() {
    DType[] ff = types(F, F);
    assertEquals(Shape.of(2, 3, -1, 5), staticShape("BatchMatMulV2", Map.of(), ff,
        Shape.of(2, 1, -1, 4), Shape.of(3, 4, 5)));
    assertEquals(Shape.unknown(), staticShape("BatchMatMulV2", Map.of(), ff, Shape.unknown(),
        Shape.of(3, 4, 5)));
    assertEquals("Dimensions must be equal, but are 3 and 4 for 'BatchMatMulV2' (op: "
        + "'BatchMatMulV2') with input shapes: [2,2,3], [3,4,5].", buildError("BatchMatMulV2",
            Map.of(), ff, Shape.of(2, 2, 3), Shape.of(3, 4, 5)).getMessage());
    assertEquals("Dimensions must be equal, but are 2 and 3 for 'BatchMatMulV2' (op: "
        + "'BatchMatMulV2') with input shapes: [2,2,3], [3,3,5].", buildError("BatchMatMulV2",
            Map.of(), ff, Shape.of(2, 2, 3), Shape.of(3, 3, 5)).getMessage());
    assertEquals("Shape must be at least rank 2 but is rank 1 for 'BatchMatMulV2' (op: "
        + "'BatchMatMulV2') with input shapes: [3], [3,5].", buildError("BatchMatMulV2",
            Map.of(), ff, Shape.of(3), Shape.of(3, 5)).getMessage());
    assertEquals("In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [3,4,5]",
        runtimeError("BatchMatMulV2", Map.of(), Tensor.of(new float[2][2][3]),
            Tensor.of(new float[3][4][5])).rawMessage());
    assertEquals("In[0] mismatch In[1] shape: 3 vs. 4: [1,2,3] [1,4,5] 0 0",
        runtimeError("BatchMatMulV2", Map.of(), Tensor.of(new float[1][2][3]),
            Tensor.of(new float[1][4][5])).rawMessage());
    assertEquals("In[1] ndims must be >= 2: 1", runtimeError("BatchMatMulV2", Map.of(),
        Tensor.of(new float[2][3]), Tensor.of(new float[3])).rawMessage());
  }

  // ---------------------------------------------------------------- BiasAdd

  @Test
  void biasAddNhwcAndNchw() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)) {
      Tensor v = MathTestSupport.random(t, Shape.of(2, 3, 4), 31);
      Tensor b4 = MathTestSupport.random(t, Shape.of(4), 32);
      Tensor b3 = MathTestSupport.random(t, Shape.of(3), 33);
      Tensor nhwc = eval("BiasAdd", Map.of(), v, b4);
      Tensor nchw = eval("BiasAdd", Map.of("data_format", "NCHW"), v, b3);
      double[] w1 = new double[24];
      double[] w2 = new double[24];
      for (int i = 0; i < 24; i++) {
        w1[i] = v.getAsDouble(i) + b4.getAsDouble(i % 4);
        w2[i] = v.getAsDouble(i) + b3.getAsDouble((i / 4) % 3);
      }
      assertClose(MathTestSupport.fromDoubles(t, v.shape(), w1), nhwc, 1, 0);
      assertClose(MathTestSupport.fromDoubles(t, v.shape(), w2), nchw, 1, 0);
    }
    // TF 1.15's result for this NCHW case
    assertEquals(Tensor.of(new float[][][] {{{11, 12}, {23, 24}, {35, 36}}}),
        eval("BiasAdd", Map.of("data_format", "NCHW"),
            Tensor.of(new float[][][] {{{1, 2}, {3, 4}, {5, 6}}}), Tensor.of(new float[] {10, 20,
                30})));
  }

  @Test
  void biasAddShapesAndErrors() {
    DType[] ff = types(F, F);
    assertEquals(Shape.of(-1, 4), staticShape("BiasAdd", Map.of(), ff, Shape.of(-1, -1),
        Shape.of(4)));
    assertEquals(Shape.of(-1, 3, 5), staticShape("BiasAdd", Map.of("data_format", "NCHW"), ff,
        Shape.of(-1, -1, 5), Shape.of(3)));
    assertEquals(Shape.unknown(), staticShape("BiasAdd", Map.of(), ff, Shape.unknown(),
        Shape.of(3)));
    assertEquals("Dimensions must be equal, but are 3 and 4 for 'BiasAdd' (op: 'BiasAdd') with "
        + "input shapes: [2,3], [4].", buildError("BiasAdd", Map.of(), ff, Shape.of(2, 3),
            Shape.of(4)).getMessage());
    assertEquals("Shape must be at least rank 2 but is rank 1 for 'BiasAdd' (op: 'BiasAdd') with "
        + "input shapes: [3], [3].", buildError("BiasAdd", Map.of(), ff, Shape.of(3), Shape.of(3))
            .getMessage());
    assertEquals("Shape must be rank 1 but is rank 2 for 'BiasAdd' (op: 'BiasAdd') with input "
        + "shapes: [2,3], [1,3].", buildError("BiasAdd", Map.of(), ff, Shape.of(2, 3),
            Shape.of(1, 3)).getMessage());
    assertTrue(buildError("BiasAdd", Map.of("data_format", "NCWH"), ff, Shape.of(2, 3),
        Shape.of(3)).getMessage().startsWith("Value for attr 'data_format' of \"NCWH\" is not in "
            + "the list of allowed values: \"NHWC\", \"NCHW\""));
    assertEquals("Must provide as many biases as the last dimension of the input tensor: [4] vs. "
        + "[2,3]", runtimeError("BiasAdd", Map.of(), Tensor.of(new float[2][3]),
            Tensor.of(new float[4])).rawMessage());
    assertEquals("Input tensor must be at least 2D: [3]", runtimeError("BiasAdd", Map.of(),
        Tensor.of(new float[3]), Tensor.of(new float[3])).rawMessage());
    assertEquals("Biases must be 1D: [1,3]", runtimeError("BiasAdd", Map.of(),
        Tensor.of(new float[2][3]), Tensor.of(new float[1][3])).rawMessage());
  }
}
