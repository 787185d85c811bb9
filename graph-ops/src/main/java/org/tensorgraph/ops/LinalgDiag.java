package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;

/**
 * The {@code MatrixDiag} and {@code MatrixSetDiag} kernels (V1 and V2 share them, as in TF 1.15's
 * matrix_diag_op.cc and matrix_set_diag_op.cc: V1 is V2 with k = 0, num_rows = num_cols = -1 and
 * padding 0) and the V2 shape rules. A band of diagonals k = [lower, upper] is packed as V2 packs
 * it: row {@code upper - d} holds diagonal d from its first element.
 *
 * <pre>{@code
 * // MatrixDiagV2(diagonal=[1, 2], k=1, num_rows=-1, num_cols=-1, padding_value=9)
 * //   -> [[9, 1, 9], [9, 9, 2], [9, 9, 9]]
 * // MatrixDiagV2(diagonal=[[1, 2], [3, 4]], k=[-1, 0], ...) -> [[1, 0], [3, 2]]
 * }</pre>
 */
final class LinalgDiag {
  private LinalgDiag() {}

  /** Reads {@code k} (scalar or 1-2 element vector) as TF's kernels do: {lower, upper}. */
  static int[] diagIndex(Tensor k) {
    if (k.rank() > 1) {
      throw new InvalidArgumentException("diag_index must be a scalar or vector, received shape: "
          + k.shape());
    }
    if (k.rank() == 1 && (k.size() < 1 || k.size() > 2)) {
      throw new InvalidArgumentException("diag_index must have only one or two elements, "
          + "received " + k.size() + " elements.");
    }
    int lower = k.toIntArray()[0];
    int upper = k.rank() == 1 && k.size() == 2 ? k.toIntArray()[1] : lower;
    return new int[] {lower, upper};
  }

  static void checkOrder(int lower, int upper) {
    if (lower > upper) {
      throw new InvalidArgumentException("lower_diag_index must not be larger than "
          + "upper_diag_index: " + lower + " > " + upper);
    }
  }

  /** The length of diagonal {@code d} of a rows x cols matrix. */
  static int length(int d, int rows, int cols) {
    return Math.min(rows + Math.min(d, 0), cols - Math.max(d, 0));
  }

  /**
   * Copies between packed diagonals and matrices for diagonals lower..upper of {@code batches}
   * rows x cols matrices. V2 packs each diagonal from its start ("LEFT_LEFT" in V3's terms):
   * diagonal d is row {@code upper - d} of the [numDiags, maxLen] block, element j at (j, j + d)
   * for d >= 0, (j - d, j) below. {@code toMatrix} false copies the other way (MatrixDiagPart).
   */
  static void copyDiagonals(Object packed, Object matrix, int batches, int lower,
      int upper, int maxLen, int rows, int cols, boolean toMatrix) {
    int numDiags = upper - lower + 1;
    for (int b = 0; b < batches; b++) {
      for (int d = lower; d <= upper; d++) {
        int base = (b * numDiags + upper - d) * maxLen;
        int len = length(d, rows, cols);
        for (int j = 0; j < len; j++) {
          int m = d >= 0 ? j : j - d;
          int n = d >= 0 ? j + d : j;
          int at = (b * rows + m) * cols + n;
          if (toMatrix) {
            System.arraycopy(packed, base + j, matrix, at, 1);
          } else {
            System.arraycopy(matrix, at, packed, base + j, 1);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- MatrixDiag(V2)

  static void matrixDiag(KernelContext ctx) {
    Tensor diag = ctx.input(0);
    int[] k = {0, 0};
    int rows = -1;
    int cols = -1;
    if (ctx.numInputs() > 1) {
      k = diagIndex(ctx.input(1));
      rows = ctx.input(2).toIntArray()[0];
      cols = ctx.input(3).toIntArray()[0];
    }
    checkOrder(k[0], k[1]);
    int numDiags = k[1] - k[0] + 1;
    if (numDiags > 1 && (diag.rank() < 2 || diag.shape().dim(-2) != numDiags)) {
      throw new InvalidArgumentException("The number of diagonals provided in the input does not "
          + "match the lower_diag_index and upper_diag_index range.");
    }
    // TF 1.15's kernel does not check the rank here (its shape function does): a scalar fed
    // through an unknown shape is read as a diagonal of length 1, giving a [1, 1] matrix
    int maxLen = diag.rank() == 0 ? 1 : (int) diag.shape().dim(-1);
    int[] size = outputSize(maxLen, k, rows, cols);
    int keep = Math.max(0, diag.rank() - (numDiags > 1 ? 2 : 1));
    Shape out = diag.shape().subShape(0, keep).concatenate(Shape.of(size[0], size[1]));
    int n = Tensor.checkedElementCount(out);
    Object data = ElementwiseBinary.allocate(diag.dtype(), n);
    if (ctx.numInputs() > 1) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(ctx.input(4).rawData(), 0, data, i, 1);
      }
    }
    int batches = size[0] * size[1] == 0 ? 0 : n / (size[0] * size[1]);
    copyDiagonals(diag.rawData(), data, batches, k[0], k[1], maxLen, size[0], size[1],
        true);
    ctx.setOutput(0, Tensor.wrap(out, data));
  }

  /** TF's resolution of num_rows and num_cols (-1: the smallest that fits, square if both). */
  private static int[] outputSize(int maxLen, int[] k, int rows, int cols) {
    int minRows = maxLen - Math.min(k[1], 0);
    int minCols = maxLen + Math.max(k[0], 0);
    if (rows != -1 && rows < minRows) {
      throw new InvalidArgumentException("The number of rows is too small.");
    }
    if (cols != -1 && cols < minCols) {
      throw new InvalidArgumentException("The number of columns is too small.");
    }
    if (rows == -1 && cols == -1) {
      rows = Math.max(minRows, minCols);
      cols = rows;
    } else if (rows == -1) {
      rows = minRows;
    } else if (cols == -1) {
      cols = minCols;
    }
    if (rows != minRows && cols != minCols) {
      throw new InvalidArgumentException("The number of rows or columns is not consistent with "
          + "the specified d_lower, d_upper, and diagonal.");
    }
    return new int[] {rows, cols};
  }

  // ---------------------------------------------------------------- MatrixSetDiag(V2)

  static void matrixSetDiag(KernelContext ctx) {
    Tensor in = ctx.input(0);
    Tensor diag = ctx.input(1);
    int[] k = ctx.numInputs() > 2 ? diagIndex(ctx.input(2)) : new int[] {0, 0};
    if (in.rank() < 2) {
      throw new InvalidArgumentException("input must be at least 2-dim, received shape: "
          + in.shape());
    }
    if (diag.rank() < 1) {
      throw new InvalidArgumentException("diagonal must be at least 1-dim, received shape: "
          + diag.shape());
    }
    int rows = (int) in.shape().dim(-2);
    int cols = (int) in.shape().dim(-1);
    String[] which = {"lower", "upper"};
    for (int i = 0; i < 2; i++) {
      if (!((-rows < k[i] && k[i] < cols) || k[i] == 0)) {
        throw new InvalidArgumentException(which[i] + "_diag_index is out of bound: " + k[i]
            + " It must be between " + -rows + " and " + cols);
      }
    }
    checkOrder(k[0], k[1]);
    int numDiags = k[1] - k[0] + 1;
    if (numDiags > 1 && (diag.rank() < 2 || diag.shape().dim(-2) != numDiags)) {
      throw new InvalidArgumentException("The number of diagonals provided in `diag` is not "
          + "consistent with `lower_diag_index` and `upper_diag_index`");
    }
    int maxLen = Math.min(rows + Math.min(k[1], 0), cols - Math.max(k[0], 0));
    Shape expected = in.shape().subShape(0, in.rank() - 2)
        .concatenate(numDiags > 1 ? Shape.of(numDiags, maxLen) : Shape.of(maxLen));
    if (!expected.equals(diag.shape())) {
      throw new InvalidArgumentException("Either first dimensions of diagonal don't match "
          + "input.shape[:-2], or diagonal.shape[:-1] is not equal to the longests diagonal in "
          + "range [lower_diag_index:upper_diag_index].\nInput shape: " + in.shape()
          + "\nDiagonal shape: " + diag.shape() + "\nExpected diagonal shape: " + expected);
    }
    Object data = ElementwiseBinary.allocate(in.dtype(), in.size());
    System.arraycopy(in.rawData(), 0, data, 0, in.size());
    int batches = rows * cols == 0 ? 0 : in.size() / (rows * cols);
    copyDiagonals(diag.rawData(), data, batches, k[0], k[1], maxLen, rows, cols, true);
    ctx.setOutput(0, Tensor.wrap(in.shape(), data));
  }

  // ---------------------------------------------------------------- V2 shape rules

  /** The constant int scalar input {@code i}, or null when unknown while building. */
  private static Integer constInt(InferenceContext c, int i) {
    Tensor t = c.inputConstant(i);
    return t == null || t.size() < 1 ? null : t.toIntArray()[0];
  }

  /**
   * TF's {@code MatrixDiagV2} shape function: [..., L] (one diagonal) or [..., numDiags, L] (a
   * band) -> [..., rows, cols], with rows and cols resolved from constant k, num_rows and num_cols
   * as the kernel resolves them; unknown where an input is not constant.
   */
  static List<Shape> matrixDiagV2Shape(InferenceContext c) {
    ShapeRules.withRankAtLeast(c.inputShape(0), 1);
    for (int i = 2; i <= 4; i++) {
      ShapeRules.withRank(c.inputShape(i), 0);
    }
    Shape diag = c.inputShape(0);
    Tensor kt = c.inputConstant(1);
    if (!diag.hasRank() || kt == null || kt.size() < 1 || kt.size() > 2) {
      return List.of(Shape.unknown());
    }
    int lower = kt.toIntArray()[0];
    int upper = kt.size() == 2 ? kt.toIntArray()[1] : lower;
    if (lower > upper) {
      throw new IllegalArgumentException("lower_diag_index is greater than upper_diag_index");
    }
    boolean band = lower < upper;
    if (band) {
      ShapeRules.withRankAtLeast(diag, 2);
      long num = diag.dim(-2);
      if (num != Shape.UNKNOWN && num != upper - lower + 1) {
        throw new IllegalArgumentException("The number of rows of `diagonal` doesn't match the "
            + "number of diagonals implied from `d_lower` and `d_upper`.");
      }
    }
    Integer rows = constInt(c, 2);
    Integer cols = constInt(c, 3);
    long len = diag.dim(-1);
    long r = Shape.UNKNOWN;
    long cl = Shape.UNKNOWN;
    if (len != Shape.UNKNOWN && rows != null && cols != null) {
      long minRows = len - Math.min(upper, 0);
      long minCols = len + Math.max(lower, 0);
      r = rows != -1 ? rows : cols == -1 ? Math.max(minRows, minCols) : minRows;
      cl = cols != -1 ? cols : rows == -1 ? Math.max(minRows, minCols) : minCols;
    }
    return List.of(diag.subShape(0, diag.rank() - (band ? 2 : 1)).concatenate(Shape.of(r, cl)));
  }

  /** TF's {@code MatrixSetDiagV2} shape function: the input's shape, refined by the diagonal's. */
  static List<Shape> matrixSetDiagV2Shape(InferenceContext c) {
    Shape in = ShapeRules.withRankAtLeast(c.inputShape(0), 2);
    Shape diag = ShapeRules.withRankAtLeast(c.inputShape(1), 1);
    Shape kShape = c.inputShape(2);
    if (kShape.hasRank() && kShape.rank() > 1) {
      throw new IllegalArgumentException("Shape must be at most rank 1 but is rank "
          + kShape.rank());
    }
    Tensor kt = c.inputConstant(2);
    boolean single = kt != null && (kt.size() == 1
        || kt.size() == 2 && kt.toIntArray()[0] == kt.toIntArray()[1]);
    if (kt == null || !in.hasRank()) {
      return List.of(in);
    }
    diag = ShapeRules.withRank(diag, single ? in.rank() - 1 : in.rank());
    int lower = kt.toIntArray()[0];
    int upper = kt.size() > 1 ? kt.toIntArray()[1] : lower;
    long rows = in.dim(-2);
    long cols = in.dim(-1);
    if (rows != Shape.UNKNOWN && cols != Shape.UNKNOWN) {
      if (lower != 0 && (-rows >= lower || lower >= cols)) {
        throw new IllegalArgumentException("lower_diag_index is out of bound.");
      }
      if (upper != 0 && (-rows >= upper || upper >= cols)) {
        throw new IllegalArgumentException("upper_diag_index is out of bound.");
      }
      if (lower > upper) {
        throw new IllegalArgumentException("lower_diag_index is greater than upper_diag_index");
      }
    }
    return List.of(LinalgOps.refineFromDiag(in, diag, single ? 1 : 2));
  }
}
