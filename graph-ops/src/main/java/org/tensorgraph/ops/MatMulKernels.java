package org.tensorgraph.ops;

import org.tensorgraph.core.DType;

/**
 * Dense matrix-product loops for {@code MatMul} and {@code BatchMatMulV2}: {@code C[m,n] =
 * A[m,k] B[k,n]}, row-major, in i-k-j order so the inner loop streams one row of B into one row of
 * C (contiguous, vectorized by C2). Transposed operands are copied to row-major first.
 *
 * <p>Floats accumulate in their own precision in k order; TF's Eigen kernel blocks and may use
 * FMA, so float32 results can differ from TF's in the last bits (tests allow a few ulp of the
 * sum of magnitudes). A cache-blocked, packed kernel comes with the performance work (DESIGN §8).
 *
 * <pre>{@code
 * float[] c = new float[m * n];
 * MatMulKernels.gemm(a, 0, b, 0, c, 0, m, k, n);
 * }</pre>
 */
public final class MatMulKernels {
  private MatMulKernels() {}

  /** {@code c[cOff..] = a[aOff..] (m x k) * b[bOff..] (k x n)}; c's block must be zero. */
  public static void gemm(Object a, int aOff, Object b, int bOff, Object c, int cOff, int m, int k,
      int n) {
    if (c instanceof float[]) {
      gemmF((float[]) a, aOff, (float[]) b, bOff, (float[]) c, cOff, m, k, n);
    } else if (c instanceof double[]) {
      gemmD((double[]) a, aOff, (double[]) b, bOff, (double[]) c, cOff, m, k, n);
    } else if (c instanceof int[]) {
      gemmI((int[]) a, aOff, (int[]) b, bOff, (int[]) c, cOff, m, k, n);
    } else {
      gemmL((long[]) a, aOff, (long[]) b, bOff, (long[]) c, cOff, m, k, n);
    }
  }

  static void gemmF(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k,
      int n) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      int ai = aOff + i * k;
      for (int p = 0; p < k; p++) {
        float av = a[ai + p];
        int bp = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
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
