package org.tensorgraph.ops.gemm;

/**
 * One single-threaded float32 product kernel over strided operands. Element {@code (i, p)} of A
 * is {@code a[aOff + i * ars + p * acs]}, element {@code (p, j)} of B is {@code b[bOff + p * brs
 * + j * bcs]}, and {@code c[cOff + i * ldc + j]} is set to {@code sum_p A(i, p) B(p, j)}: the
 * strides express transposed operands without copying them.
 */
interface GemmProvider {
  /** Sets the {@code m x n} block of C to A times B ({@code m, n >= 1}, {@code k >= 0}). */
  void sgemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
      int brs, int bcs, float[] c, int cOff, int ldc);

  /** A short name for reports and tests: {@code "java"}, {@code "vector(16)"}. */
  String name();
}
