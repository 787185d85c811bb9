package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tensorgraph.ops.MathTestSupport.buildError;
import static org.tensorgraph.ops.MathTestSupport.constant;
import static org.tensorgraph.ops.MathTestSupport.eval;
import static org.tensorgraph.ops.MathTestSupport.op;
import static org.tensorgraph.ops.MathTestSupport.run;
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
 * DiagPart, MatrixDiag(V2) and MatrixSetDiag(V2) on every executor against naive index loops,
 * with TF 1.15's shape-function and kernel messages.
 */
class LinalgDiagTest {
  private static final DType F = DType.FLOAT32;

  record DiagCase(DType dtype, Shape shape) {}

  static final List<DType> TYPES = List.of(F, DType.FLOAT64, DType.INT32, DType.INT64);

  static Stream<DiagCase> diagPartCases() {
    Shape[] shapes = {Shape.of(3, 3), Shape.of(1, 1), Shape.of(2, 3, 2, 3),
        Shape.of(2, 1, 2, 2, 1, 2), Shape.of(0, 0)};
    return TYPES.stream().flatMap(t -> Stream.of(shapes).map(s -> new DiagCase(t, s)));
  }

  @ParameterizedTest
  @MethodSource("diagPartCases")
  void diagPartPicksTheDiagonalOfTheSquareView(DiagCase c) {
    Tensor x = MathTestSupport.random(c.dtype(), c.shape(), 3);
    Tensor got = eval("DiagPart", Map.of(), x);
    int size = Math.toIntExact(c.shape().subShape(0, c.shape().rank() / 2).numElements());
    double[] want = new double[size];
    for (int i = 0; i < size; i++) { // element (i..., i...) of the [size, size] view
      want[i] = x.getAsDouble(i * size + i);
    }
    assertEquals(MathTestSupport.fromDoubles(c.dtype(), c.shape().subShape(0,
        c.shape().rank() / 2), want), got);
  }

  @Test
  void diagPartShapesAndErrors() {
    DType[] f = types(F);
    assertEquals(Shape.of(3, 2), staticShape("DiagPart", Map.of(), f, Shape.of(-1, 2, 3, -1)));
    assertEquals(Shape.unknown(), staticShape("DiagPart", Map.of(), f, Shape.unknown()));
    assertEquals("Input must have even and non-zero rank, input rank is 3 for 'DiagPart' (op: "
        + "'DiagPart') with input shapes: [2,2,2].", buildError("DiagPart", Map.of(), f,
            Shape.of(2, 2, 2)).getMessage());
    assertEquals("Input must have even and non-zero rank, input rank is 0 for 'DiagPart' (op: "
        + "'DiagPart') with input shapes: [].", buildError("DiagPart", Map.of(), f,
            Shape.scalar()).getMessage());
    assertEquals("Dimensions must be equal, but are 2 and 3 for 'DiagPart' (op: 'DiagPart') "
        + "with input shapes: [2,3].", buildError("DiagPart", Map.of(), f, Shape.of(2, 3))
            .getMessage());
    assertEquals("The rank of the tensor should be " + " ".repeat(41) + "even and positive, got "
        + "shape [2,2,2]", runtimeError("DiagPart", Map.of(), Tensor.of(new float[2][2][2]))
            .rawMessage());
    assertEquals("Invalid shape [3,3,7,3]: dimensions 0 and 2 do not match.",
        runtimeError("DiagPart", Map.of(), Tensor.of(new float[3][3][7][3])).rawMessage());
  }

  // ---------------------------------------------------------------- MatrixDiag

  static Stream<DiagCase> matrixDiagCases() {
    Shape[] shapes = {Shape.of(3), Shape.of(2, 4), Shape.of(2, 1, 3), Shape.of(0), Shape.of(2, 0)};
    return Stream.concat(TYPES.stream(), Stream.of(DType.BOOL))
        .flatMap(t -> Stream.of(shapes).map(s -> new DiagCase(t, s)));
  }

  @ParameterizedTest
  @MethodSource("matrixDiagCases")
  void matrixDiagPutsTheValuesOnTheMainDiagonal(DiagCase c) {
    Tensor d = MathTestSupport.random(c.dtype(), c.shape(), 5);
    Tensor got = eval("MatrixDiag", Map.of(), d);
    int n = (int) c.shape().dim(-1);
    double[] want = new double[d.size() * n];
    for (int b = 0; n > 0 && b < d.size() / n; b++) {
      for (int i = 0; i < n; i++) {
        want[(b * n + i) * n + i] = d.getAsDouble(b * n + i);
      }
    }
    assertEquals(MathTestSupport.fromDoubles(c.dtype(), c.shape().concatenate(Shape.of(n)), want),
        got);
    // V2 with k = 0, num_rows = num_cols = -1 and padding 0 is V1
    if (c.dtype() != DType.BOOL) {
      assertEquals(got, eval("MatrixDiagV2", Map.of(), d, Tensor.of(0), Tensor.of(-1),
          Tensor.of(-1), Constants.scalar(c.dtype(), 0)));
    }
  }

  @Test
  void matrixDiagV2OffDiagonalsRowsColsAndPadding() {
    Tensor d = Tensor.of(new float[] {1, 2});
    assertEquals(Tensor.of(new float[][] {{9, 1, 9}, {9, 9, 2}, {9, 9, 9}}), eval("MatrixDiagV2",
        Map.of(), d, Tensor.of(1), Tensor.of(-1), Tensor.of(-1), Tensor.of(9f)));
    assertEquals(Tensor.of(new float[][] {{0, 0}, {1, 0}, {0, 2}, {0, 0}}), eval("MatrixDiagV2",
        Map.of(), d, Tensor.of(new int[] {-1}), Tensor.of(4), Tensor.of(-1), Tensor.of(0f)));
    assertEquals(Tensor.of(new float[][] {{1, 0, 0}, {0, 2, 0}}), eval("MatrixDiagV2", Map.of(),
        d, Tensor.of(new int[] {0, 0}), Tensor.of(-1), Tensor.of(3), Tensor.of(0f)));
    Tensor zero = Tensor.of(0f);
    assertEquals("The number of rows is too small.", runtimeError("MatrixDiagV2", Map.of(), d,
        Tensor.of(-1), Tensor.of(2), Tensor.of(-1), zero).rawMessage());
    assertEquals("The number of columns is too small.", runtimeError("MatrixDiagV2", Map.of(), d,
        Tensor.of(1), Tensor.of(-1), Tensor.of(2), zero).rawMessage());
    assertEquals("The number of rows or columns is not consistent with the specified d_lower, "
        + "d_upper, and diagonal.", runtimeError("MatrixDiagV2", Map.of(), d, Tensor.of(0),
            Tensor.of(3), Tensor.of(3), zero).rawMessage());
    assertEquals("lower_diag_index must not be larger than upper_diag_index: 1 > 0",
        runtimeError("MatrixDiagV2", Map.of(), d, Tensor.of(new int[] {1, 0}), Tensor.of(-1),
            Tensor.of(-1), zero).rawMessage());
    assertEquals("diag_index must have only one or two elements, received 3 elements.",
        runtimeError("MatrixDiagV2", Map.of(), d, Tensor.of(new int[] {0, 1, 2}), Tensor.of(-1),
            Tensor.of(-1), zero).rawMessage());
    // a band: row upper - d of the packed block holds diagonal d from its first element
    assertEquals(Tensor.of(new float[][] {{1, 0}, {3, 2}}), eval("MatrixDiagV2", Map.of(),
        Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(new int[] {-1, 0}), Tensor.of(-1),
        Tensor.of(-1), zero));
    assertEquals(Tensor.of(new float[][] {{5, 1, 0}, {0, 6, 2}}), eval("MatrixDiagV2", Map.of(),
        Tensor.of(new float[][] {{1, 2}, {5, 6}}), Tensor.of(new int[] {0, 1}), Tensor.of(2),
        Tensor.of(3), zero));
    assertEquals("The number of diagonals provided in the input does not match the "
        + "lower_diag_index and upper_diag_index range.", runtimeError("MatrixDiagV2", Map.of(),
            Tensor.of(new float[3][2]), Tensor.of(new int[] {0, 1}), Tensor.of(-1),
            Tensor.of(-1), zero).rawMessage());
    // TF 1.15's kernel reads a scalar fed through an unknown shape as a diagonal of length 1
    Graph g = new Graph();
    Output p = MathTestSupport.placeholder(g, F, Shape.unknown());
    assertEquals(Tensor.of(new float[][] {{3}}), run(op(g, "MatrixDiag", p),
        Map.of(p, Tensor.of(3f))));
  }

  @Test
  void matrixDiagShapes() {
    DType[] f = types(F);
    assertEquals(Shape.of(2, -1, -1), staticShape("MatrixDiag", Map.of(), f, Shape.of(2, -1)));
    assertEquals(Shape.unknown(), staticShape("MatrixDiag", Map.of(), f, Shape.unknown()));
    assertEquals("Shape must be at least rank 1 but is rank 0 for 'MatrixDiag' (op: "
        + "'MatrixDiag') with input shapes: [].", buildError("MatrixDiag", Map.of(), f,
            Shape.scalar()).getMessage());
    Graph g = new Graph();
    Output d = MathTestSupport.placeholder(g, F, Shape.of(5, 2));
    Output v2 = op(g, "MatrixDiagV2", d, constant(g, Tensor.of(-1)), constant(g, Tensor.of(4)),
        constant(g, Tensor.of(-1)), constant(g, Tensor.of(0f)));
    assertEquals(Shape.of(5, 4, 2), v2.shape());
  }

  // ---------------------------------------------------------------- MatrixSetDiag

  static Stream<DiagCase> setDiagCases() {
    Shape[] shapes = {Shape.of(3, 3), Shape.of(2, 3, 5), Shape.of(2, 5, 3), Shape.of(0, 2),
        Shape.of(2, 1, 1)};
    return Stream.concat(TYPES.stream(), Stream.of(DType.BOOL))
        .flatMap(t -> Stream.of(shapes).map(s -> new DiagCase(t, s)));
  }

  @ParameterizedTest
  @MethodSource("setDiagCases")
  void matrixSetDiagReplacesOnlyTheMainDiagonal(DiagCase c) {
    int rank = c.shape().rank();
    int m = (int) c.shape().dim(rank - 2);
    int n = (int) c.shape().dim(rank - 1);
    int p = Math.min(m, n);
    Shape dshape = c.shape().subShape(0, rank - 2).concatenate(Shape.of(p));
    Tensor x = MathTestSupport.random(c.dtype(), c.shape(), 8);
    Tensor d = MathTestSupport.random(c.dtype(), dshape, 9);
    double[] want = MathTestSupport.doubles(x);
    for (int b = 0; p > 0 && b < d.size() / p; b++) {
      for (int i = 0; i < p; i++) {
        want[(b * m + i) * n + i] = d.getAsDouble(b * p + i);
      }
    }
    Tensor got = eval("MatrixSetDiag", Map.of(), x, d);
    assertEquals(MathTestSupport.fromDoubles(c.dtype(), c.shape(), want), got);
    assertEquals(got, eval("MatrixSetDiagV2", Map.of(), x, d, Tensor.of(0)));
  }

  @Test
  void matrixSetDiagV2OffDiagonalAndErrors() {
    Tensor x = Tensor.of(new int[][] {{7, 7, 7}, {7, 7, 7}});
    assertEquals(Tensor.of(new int[][] {{7, 1, 7}, {7, 7, 2}}), eval("MatrixSetDiagV2", Map.of(),
        x, Tensor.of(new int[] {1, 2}), Tensor.of(1)));
    assertEquals(Tensor.of(new int[][] {{7, 7, 7}, {5, 7, 7}}), eval("MatrixSetDiagV2", Map.of(),
        x, Tensor.of(new int[] {5}), Tensor.of(-1)));
    Tensor band = Tensor.of(new int[][] {{1, 2}, {3, 4}, {5, 0}});
    assertEquals(Tensor.of(new int[][] {{5, 3, 1}, {7, 0, 4}}), eval("MatrixSetDiagV2", Map.of(),
        x, band, Tensor.of(new int[] {0, 2})));
    assertEquals("The number of diagonals provided in `diag` is not consistent with "
        + "`lower_diag_index` and `upper_diag_index`", runtimeError("MatrixSetDiagV2", Map.of(),
            x, band, Tensor.of(new int[] {0, 1})).rawMessage());
    assertEquals("lower_diag_index is out of bound: 3 It must be between -2 and 3",
        runtimeError("MatrixSetDiagV2", Map.of(), x, Tensor.of(new int[] {1}), Tensor.of(3))
            .rawMessage());
    assertEquals("Either first dimensions of diagonal don't match input.shape[:-2], or "
        + "diagonal.shape[:-1] is not equal to the longests diagonal in range "
        + "[lower_diag_index:upper_diag_index].\nInput shape: [2,3]\nDiagonal shape: [3]\n"
        + "Expected diagonal shape: [2]", runtimeError("MatrixSetDiag", Map.of(), x,
            Tensor.of(new int[] {1, 2, 3})).rawMessage());
    assertEquals("input must be at least 2-dim, received shape: [3]", runtimeError(
        "MatrixSetDiag", Map.of(), Tensor.of(new int[3]), Tensor.of(new int[] {1})).rawMessage());
  }

  @Test
  void matrixSetDiagShapes() {
    DType[] ff = types(F, F);
    assertEquals(Shape.of(2, 3, 4), staticShape("MatrixSetDiag", Map.of(), ff,
        Shape.of(-1, 3, 4), Shape.of(2, 3)));
    assertEquals(Shape.of(2, -1, -1), staticShape("MatrixSetDiag", Map.of(), ff,
        Shape.unknown(), Shape.of(2, 3)));
    assertEquals("Dimensions must be equal, but are 3 and 4 for 'MatrixSetDiag' (op: "
        + "'MatrixSetDiag') with input shapes: [3,4], [4].", buildError("MatrixSetDiag",
            Map.of(), ff, Shape.of(3, 4), Shape.of(4)).getMessage());
    assertEquals("Shape must be rank 1 but is rank 2 for 'MatrixSetDiag' (op: "
        + "'MatrixSetDiag') with input shapes: [3,4], [1,3].", buildError("MatrixSetDiag",
            Map.of(), ff, Shape.of(3, 4), Shape.of(1, 3)).getMessage());
  }

  @Test
  void matrixSetDiagV2ShapeChecksAConstantK() {
    Graph g = new Graph();
    Output x = MathTestSupport.placeholder(g, F, Shape.of(2, 3, 4));
    Output d = MathTestSupport.placeholder(g, F, Shape.of(2, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> op(g, "MatrixSetDiagV2", x, d, constant(g, Tensor.of(new int[] {4}))));
    assertEquals("lower_diag_index is out of bound. for 'MatrixSetDiagV2' (op: "
        + "'MatrixSetDiagV2') with input shapes: [2,3,4], [2,1], [1].", e.getMessage());
    Output ok = op(g, "MatrixSetDiagV2", x, d, constant(g, Tensor.of(new int[] {3})));
    assertEquals(Shape.of(2, 3, 4), ok.shape());
  }

  // ---------------------------------------------------------------- MatrixDiagPart

  @ParameterizedTest
  @MethodSource("setDiagCases")
  void matrixDiagPartReadsTheMainDiagonal(DiagCase c) {
    int rank = c.shape().rank();
    int m = (int) c.shape().dim(rank - 2);
    int n = (int) c.shape().dim(rank - 1);
    int p = Math.min(m, n);
    Tensor x = MathTestSupport.random(c.dtype(), c.shape(), 10);
    int batches = m * n == 0 ? 0 : x.size() / (m * n);
    double[] want = new double[batches * p];
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < p; i++) {
        want[b * p + i] = x.getAsDouble((b * m + i) * n + i);
      }
    }
    Shape out = c.shape().subShape(0, rank - 2).concatenate(Shape.of(p));
    Tensor got = eval("MatrixDiagPart", Map.of(), x);
    assertEquals(MathTestSupport.fromDoubles(c.dtype(), out, want), got);
    if (c.dtype() != DType.BOOL) {
      assertEquals(got, eval("MatrixDiagPartV2", Map.of(), x, Tensor.of(0),
          Constants.scalar(c.dtype(), 0)));
    }
  }

  @Test
  void matrixDiagPartV2BandsPaddingAndErrors() {
    Tensor x = Tensor.of(new int[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(Tensor.of(new int[][] {{2, 6}, {1, 5}}), eval("MatrixDiagPartV2", Map.of(), x,
        Tensor.of(new int[] {0, 1}), Tensor.of(9)));
    assertEquals(Tensor.of(new int[][] {{3, 9}, {2, 6}, {1, 5}, {4, 9}}), eval(
        "MatrixDiagPartV2", Map.of(), x, Tensor.of(new int[] {-1, 2}), Tensor.of(9)));
    assertEquals(Tensor.of(new int[] {4}), eval("MatrixDiagPartV2", Map.of(), x, Tensor.of(-1),
        Tensor.of(9)));
    assertEquals("lower_diag_index is out of bound: -2. It must be between -2 and 3",
        runtimeError("MatrixDiagPartV2", Map.of(), x, Tensor.of(-2), Tensor.of(0)).rawMessage());
    assertEquals("input must be at least 2-dim, received shape: [3]", runtimeError(
        "MatrixDiagPart", Map.of(), Tensor.of(new int[3])).rawMessage());
    DType[] f = types(F);
    assertEquals(Shape.of(2, -1), staticShape("MatrixDiagPart", Map.of(), f, Shape.of(2, -1, 3)));
    assertEquals(Shape.of(2, 0), staticShape("MatrixDiagPart", Map.of(), f, Shape.of(2, -1, 0)));
    Graph g = new Graph();
    Output in = MathTestSupport.placeholder(g, F, Shape.of(5, 2, 3));
    Output band = op(g, "MatrixDiagPartV2", in, constant(g, Tensor.of(new int[] {-1, 1})),
        constant(g, Tensor.of(0f)));
    assertEquals(Shape.of(5, 3, 2), band.shape());
    assertEquals("diag_part", Ops.create(g).matrixDiagPart(in).op().name());
  }

  @Test
  void facadeBuildsEyeAsTf() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output square = tf.eye(3, 3, F);
    Output wide = tf.eye(2, 3, DType.FLOAT64);
    assertEquals("eye/diag", square.op().name());
    assertEquals("MatrixDiag", square.op().type());
    assertEquals("eye/ones", square.op().input(0).op().name());
    assertEquals("eye_1/set_diag", wide.op().name());
    assertEquals("MatrixSetDiag", wide.op().type());
    assertEquals("eye_1/zeros", wide.op().input(0).op().name());
    assertEquals(Tensor.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), run(square));
    assertEquals(Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}}), run(wide));
    assertEquals(Tensor.of(new double[][] {{1, 0}, {0, 1}, {0, 0}}),
        run(tf.eye(3, 2, DType.FLOAT64)));
    Output t = tf.matrixTranspose(wide);
    assertEquals("matrix_transpose/transpose", t.op().name());
    assertEquals(Shape.of(3, 2), t.shape());
    assertEquals("DiagPart", tf.diagPart(square).op().name());
  }
}
