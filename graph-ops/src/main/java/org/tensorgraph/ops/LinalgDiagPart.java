package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;

/**
 * TF 1.15's {@code MatrixDiagPart} and {@code MatrixDiagPartV2} (one kernel, as in
 * matrix_diag_op.cc; V1 is V2 with k = 0 and padding 0): the diagonals of the innermost matrices,
 * packed as {@link LinalgDiag} packs them, padded at the end where a diagonal is shorter than the
 * longest.
 *
 * <pre>{@code
 * // MatrixDiagPart([[1, 2, 3], [4, 5, 6]])                         -> [1, 5]
 * // MatrixDiagPartV2([[1, 2, 3], [4, 5, 6]], k=[0, 1], padding=9)  -> [[2, 6], [1, 5]]
 * }</pre>
 */
final class LinalgDiagPart {
  private LinalgDiagPart() {}

  static void matrixDiagPart(KernelContext ctx) {
    Tensor in = ctx.input(0);
    int[] k = ctx.numInputs() > 1 ? LinalgDiag.diagIndex(ctx.input(1)) : new int[] {0, 0};
    if (in.rank() < 2) {
      throw new InvalidArgumentException("input must be at least 2-dim, received shape: "
          + in.shape());
    }
    int rows = (int) in.shape().dim(-2);
    int cols = (int) in.shape().dim(-1);
    // TF's two texts differ by a period
    String[] which = {"lower_diag_index is out of bound: %d. It must", "upper_diag_index is out "
        + "of bound: %d It must"};
    for (int i = 0; i < 2; i++) {
      if (!((-rows < k[i] && k[i] < cols) || k[i] == 0)) {
        throw new InvalidArgumentException(String.format(which[i], k[i]) + " be between " + -rows
            + " and " + cols);
      }
    }
    LinalgDiag.checkOrder(k[0], k[1]);
    int numDiags = k[1] - k[0] + 1;
    int maxLen = Math.min(rows + Math.min(k[1], 0), cols - Math.max(k[0], 0));
    Shape out = in.shape().subShape(0, in.rank() - 2)
        .concatenate(numDiags > 1 ? Shape.of(numDiags, maxLen) : Shape.of(maxLen));
    int n = Tensor.checkedElementCount(out);
    Object data = ElementwiseBinary.allocate(in.dtype(), n);
    if (ctx.numInputs() > 1) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(ctx.input(2).rawData(), 0, data, i, 1);
      }
    }
    int batches = rows * cols == 0 ? 0 : in.size() / (rows * cols);
    LinalgDiag.copyDiagonals(data, in.rawData(), batches, k[0], k[1], maxLen, rows, cols, false);
    ctx.setOutput(0, Tensor.wrap(out, data));
  }

  /** TF's {@code MatrixDiagPart} shape function: [..., M, N] -> [..., min(M, N)]. */
  static List<Shape> matrixDiagPartShape(InferenceContext c) {
    Shape in = ShapeRules.withRankAtLeast(c.inputShape(0), 2);
    if (!in.hasRank()) {
      return List.of(Shape.unknown());
    }
    return List.of(in.subShape(0, in.rank() - 2)
        .concatenate(Shape.of(LinalgOps.minDim(in.dim(-2), in.dim(-1)))));
  }

  /**
   * TF's {@code MatrixDiagPartV2} shape function: with a constant k, [..., (numDiags,) maxLen]
   * (maxLen unknown unless both matrix dims are), after TF's bound checks; else unknown.
   */
  static List<Shape> matrixDiagPartV2Shape(InferenceContext c) {
    Shape in = ShapeRules.withRankAtLeast(c.inputShape(0), 2);
    Shape kShape = c.inputShape(1);
    if (kShape.hasRank() && kShape.rank() > 1) {
      throw new IllegalArgumentException("Shape must be at most rank 1 but is rank "
          + kShape.rank());
    }
    ShapeRules.withRank(c.inputShape(2), 0);
    Tensor kt = c.inputConstant(1);
    if (!in.hasRank() || kt == null || kt.size() < 1 || kt.size() > 2) {
      return List.of(Shape.unknown());
    }
    int lower = kt.toIntArray()[0];
    int upper = kt.size() == 2 ? kt.toIntArray()[1] : lower;
    long rows = in.dim(-2);
    long cols = in.dim(-1);
    long maxLen = Shape.UNKNOWN;
    if (rows != Shape.UNKNOWN && cols != Shape.UNKNOWN) {
      if (lower != 0 && (-rows >= lower || lower >= cols)) {
        throw new IllegalArgumentException("lower_diag_index is out of bound.");
      }
      if (upper != 0 && (-rows >= upper || upper >= cols)) {
        throw new IllegalArgumentException("upper_diag_index is out of bound.");
      }
      maxLen = Math.min(rows + Math.min(upper, 0), cols - Math.max(lower, 0));
    }
    if (lower > upper) {
      throw new IllegalArgumentException("lower_diag_index is greater than upper_diag_index");
    }
    Shape batch = in.subShape(0, in.rank() - 2);
    return List.of(batch.concatenate(lower < upper ? Shape.of(upper - lower + 1, maxLen)
        : Shape.of(maxLen)));
  }
}
