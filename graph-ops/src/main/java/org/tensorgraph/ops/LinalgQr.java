package org.tensorgraph.ops;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.KernelContext;

/**
 * The {@code Qr} kernel: Householder QR as Eigen's {@code HouseholderQR} does it (TF 1.15's
 * qr_op_impl.h), with the same reflector convention, so Q and R match TF's signs, not only up to
 * a sign per column.
 *
 * <p>Eigen's {@code makeHouseholder}: for the column {@code x = [c0; tail]}, {@code beta =
 * -sign(c0) * |x|} (c0 = 0 counts as positive), so {@code R[k][k] = beta} is negative where the
 * working column's leading entry is non-negative; a column whose tail is zero (below the float
 * type's smallest normal) is left alone ({@code tau = 0}, {@code R[k][k] = c0}). The arithmetic
 * runs in double for both float and double inputs and is rounded to T once at the end, so a float
 * result differs from TF's (which computes in float) by float rounding only.
 *
 * <pre>{@code
 * // a = [[3, 1], [4, 2]]  ->  q = [[-0.6, -0.8], [-0.8, 0.6]], r = [[-5, -2.2], [0, 0.4]]
 * }</pre>
 */
final class LinalgQr {
  private LinalgQr() {}

  static void qr(KernelContext ctx) {
    Tensor in = ctx.input(0);
    boolean full = ctx.op().attrBool("full_matrices");
    int rank = in.rank();
    int m = (int) in.shape().dim(rank - 2);
    int n = (int) in.shape().dim(rank - 1);
    int p = Math.min(m, n);
    int qCols = full ? m : p;
    int rRows = full ? m : p;
    Shape batch = in.shape().subShape(0, rank - 2);
    Shape qShape = batch.concatenate(Shape.of(m, qCols));
    Shape rShape = batch.concatenate(Shape.of(rRows, n));
    int batches = Tensor.checkedElementCount(batch);
    double[] q = new double[Tensor.checkedElementCount(qShape)];
    double[] r = new double[Tensor.checkedElementCount(rShape)];
    double tol = in.dtype() == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    for (int b = 0; b < batches; b++) {
      ctx.checkCancelled();
      double[] a = new double[m * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = in.getAsDouble(b * m * n + i);
      }
      double[] tau = factor(a, m, n, tol);
      copyUpper(a, m, n, r, b * rRows * n, rRows);
      formQ(a, tau, m, n, q, b * m * qCols, qCols);
    }
    ctx.setOutput(0, round(in.dtype(), qShape, q));
    ctx.setOutput(1, round(in.dtype(), rShape, r));
  }

  /**
   * Overwrites row-major {@code a} (m x n) with R on and above the diagonal and the reflectors'
   * essential parts below it (LAPACK's and Eigen's compact form); returns the taus.
   */
  static double[] factor(double[] a, int m, int n, double tol) {
    int p = Math.min(m, n);
    double[] tau = new double[p];
    for (int k = 0; k < p; k++) {
      double c0 = a[k * n + k];
      double tail = 0;
      for (int i = k + 1; i < m; i++) {
        tail += a[i * n + k] * a[i * n + k];
      }
      if (tail <= tol) { // nothing to annihilate: Eigen keeps the column (tau 0, beta = c0)
        for (int i = k + 1; i < m; i++) {
          a[i * n + k] = 0;
        }
        continue;
      }
      double beta = Math.sqrt(c0 * c0 + tail);
      if (c0 >= 0) {
        beta = -beta;
      }
      double scale = 1 / (c0 - beta);
      for (int i = k + 1; i < m; i++) {
        a[i * n + k] *= scale;
      }
      tau[k] = (beta - c0) / beta;
      a[k * n + k] = beta;
      // apply H = I - tau v v^T (v = [1; essential]) to the columns right of k
      for (int j = k + 1; j < n; j++) {
        double dot = a[k * n + j];
        for (int i = k + 1; i < m; i++) {
          dot += a[i * n + k] * a[i * n + j];
        }
        dot *= tau[k];
        a[k * n + j] -= dot;
        for (int i = k + 1; i < m; i++) {
          a[i * n + j] -= dot * a[i * n + k];
        }
      }
    }
    return tau;
  }

  /** R: the first {@code rows} rows of the upper triangle (zeros below the diagonal). */
  private static void copyUpper(double[] a, int m, int n, double[] r, int off, int rows) {
    for (int i = 0; i < Math.min(rows, m); i++) {
      for (int j = i; j < n; j++) {
        r[off + i * n + j] = a[i * n + j];
      }
    }
  }

  /** Q = H0 H1 ... H(p-1) applied to the first {@code cols} columns of the m x m identity. */
  private static void formQ(double[] a, double[] tau, int m, int n, double[] q, int off,
      int cols) {
    for (int i = 0; i < Math.min(m, cols); i++) {
      q[off + i * cols + i] = 1;
    }
    for (int k = tau.length - 1; k >= 0; k--) {
      if (tau[k] == 0) {
        continue;
      }
      for (int j = 0; j < cols; j++) {
        double dot = q[off + k * cols + j];
        for (int i = k + 1; i < m; i++) {
          dot += a[i * n + k] * q[off + i * cols + j];
        }
        dot *= tau[k];
        q[off + k * cols + j] -= dot;
        for (int i = k + 1; i < m; i++) {
          q[off + i * cols + j] -= dot * a[i * n + k];
        }
      }
    }
  }

  private static Tensor round(DType dtype, Shape shape, double[] v) {
    if (dtype == DType.FLOAT64) {
      return Tensor.wrap(shape, v);
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.wrap(shape, f);
  }
}
