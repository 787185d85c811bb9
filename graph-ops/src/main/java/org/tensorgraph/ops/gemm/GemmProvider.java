package org.tensorgraph.ops.gemm;

/**
 * One single-threaded float32 product kernel over strided operands. Element {@code (i, p)} of A
 * is {@code a[aOff + i * ars + p * acs]}, element {@code (p, j)} of B is {@code b[bOff + p * brs
 * + j * bcs]}, and {@code c[cOff + i * ldc + j]} receives {@code sum_p A(i, p) B(p, j)}: the
 * strides express transposed operands without copying them.
 *
 * <p>Every kernel computes each element as one sequential FMA chain in k order, {@code s =
 * fma(A(i,p), B(p,j), s)} for p = 0, 1, ..., starting from 0 (or from C when accumulating),
 * whatever its blocking. So all kernels give the same bits, and a product over k = k1 + k2 equals
 * a product over k1 followed by an accumulating product over k2: the plan-time optimiser relies
 * on that to split {@code concat([x, h]) W} into {@code x W_x} (hoisted) and {@code + h W_h}.
 */
interface GemmProvider {
  /**
   * Sets the {@code m x n} block of C to A times B, or adds A times B to it as a continued FMA
   * chain when {@code accumulate} ({@code m, n >= 1}, {@code k >= 0}).
   */
  void sgemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
      int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate);

  /** B ({@code k x n}, strided as above) in this kernel's layout, for {@link #sgemmPacked}. */
  Object pack(float[] b, int bOff, int brs, int bcs, int k, int n);

  /** {@link #sgemm} with B already packed by {@link #pack} ({@code k x n}). */
  void sgemmPacked(int m, int n, int k, float[] a, int aOff, int ars, int acs, Object packed,
      float[] c, int cOff, int ldc, boolean accumulate);

  /** A short name for reports and tests: {@code "java"}, {@code "vector(16)"}. */
  String name();
}
