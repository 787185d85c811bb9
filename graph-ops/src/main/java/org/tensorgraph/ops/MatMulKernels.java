package org.tensorgraph.ops;

import java.lang.reflect.Array;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.ops.gemm.Gemm;

/**
 * Dense matrix-product loops for {@code MatMul} and {@code BatchMatMulV2}: {@code C[m,n] =
 * op(A) op(B)}, row-major. float32 goes to the packed, blocked {@link Gemm} kernel (transposes
 * read in place, large products split over the session's intra-op pool); the other dtypes run
 * an i-k-j loop whose inner loop streams one row of B into one row of C, with transposed
 * operands copied to row-major first.
 *
 * <p>Floats accumulate in their own precision in k order (float32 with FMA); TF's Eigen kernel
 * blocks differently, so float32 results can differ from TF's in the last bits (tests allow a
 * few ulp of the sum of magnitudes).
 *
 * <pre>{@code
 * float[] c = new float[m * n];
 * MatMulKernels.gemm(a, 0, b, 0, c, 0, m, k, n);
 * }</pre>
 */
public final class MatMulKernels {
  private MatMulKernels() {}

  /**
   * {@code c[cOff..] = op(a[aOff..]) op(b[bOff..])}, an {@code m x n} product over {@code k}; A is
   * stored {@code m x k} ({@code k x m} when {@code transA}), B {@code k x n} ({@code n x k} when
   * {@code transB}); c's block must be zero. A large float32 product uses the context's intra-op
   * pool.
   */
  public static void gemm(KernelContext ctx, boolean transA, boolean transB, Object a, int aOff,
      Object b, int bOff, Object c, int cOff, int m, int k, int n) {
    if (c instanceof float[]) {
      Gemm.sgemm(transA, transB, m, n, k, (float[]) a, aOff, (float[]) b, bOff, (float[]) c, cOff,
          ctx.intraOpExecutor(), ctx.intraOpParallelism());
      return;
    }
    Object ar = transA ? transposeOne(a, aOff, k, m) : a;
    Object br = transB ? transposeOne(b, bOff, n, k) : b;
    gemm(ar, transA ? 0 : aOff, br, transB ? 0 : bOff, c, cOff, m, k, n);
  }

  /** {@code c[cOff..] = a[aOff..] (m x k) * b[bOff..] (k x n)}; c's block must be zero. */
  public static void gemm(Object a, int aOff, Object b, int bOff, Object c, int cOff, int m, int k,
      int n) {
    if (c instanceof float[]) {
      Gemm.sgemm(false, false, m, n, k, (float[]) a, aOff, (float[]) b, bOff, (float[]) c, cOff,
          Runnable::run, 1);
    } else if (c instanceof double[]) {
      gemmD((double[]) a, aOff, (double[]) b, bOff, (double[]) c, cOff, m, k, n);
    } else if (c instanceof int[]) {
      gemmI((int[]) a, aOff, (int[]) b, bOff, (int[]) c, cOff, m, k, n);
    } else {
      gemmL((long[]) a, aOff, (long[]) b, bOff, (long[]) c, cOff, m, k, n);
    }
  }

  static void gemmD(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k,
      int n) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      int ai = aOff + i * k;
      for (int p = 0; p < k; p++) {
        double av = a[ai + p];
        int bp = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  static void gemmI(int[] a, int aOff, int[] b, int bOff, int[] c, int cOff, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      int ai = aOff + i * k;
      for (int p = 0; p < k; p++) {
        int av = a[ai + p];
        int bp = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  static void gemmL(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int m, int k,
      int n) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      int ai = aOff + i * k;
      for (int p = 0; p < k; p++) {
        long av = a[ai + p];
        int bp = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  /**
   * The transpose of each of {@code batches} row-major {@code rows x cols} matrices stored back to
   * back in {@code src}, as a new array of the same kind.
   */
  public static Object transpose(DType t, Object src, int batches, int rows, int cols) {
    Object dst = ElementwiseBinary.allocate(t, batches * rows * cols);
    for (int bi = 0; bi < batches; bi++) {
      int off = bi * rows * cols;
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          copy(src, off + r * cols + c, dst, off + c * rows + r);
        }
      }
    }
    return dst;
  }

  /** The transpose of the {@code rows x cols} matrix at {@code off}, as a new array. */
  private static Object transposeOne(Object src, int off, int rows, int cols) {
    Object dst = Array.newInstance(src.getClass().getComponentType(), rows * cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        copy(src, off + r * cols + c, dst, c * rows + r);
      }
    }
    return dst;
  }

  private static void copy(Object src, int s, Object dst, int d) {
    if (src instanceof float[]) {
      ((float[]) dst)[d] = ((float[]) src)[s];
    } else if (src instanceof double[]) {
      ((double[]) dst)[d] = ((double[]) src)[s];
    } else if (src instanceof int[]) {
      ((int[]) dst)[d] = ((int[]) src)[s];
    } else {
      ((long[]) dst)[d] = ((long[]) src)[s];
    }
  }
}
