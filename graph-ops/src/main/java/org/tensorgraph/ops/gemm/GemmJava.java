package org.tensorgraph.ops.gemm;

import java.util.Arrays;

/**
 * The pure-Java float32 product: B packed into row arrays, C accumulated in row arrays, and every
 * hot loop written so that Java 17's C2 turns it into AVX/AVX-512 code.
 *
 * <p>Why this shape: C2's SuperWord (JDK 17) vectorizes a loop only when every array in it is
 * indexed by the bare loop variable, and when it stores to one array; {@code c[cOff + j]}, or two
 * loads from one array at different offsets, leave the loop scalar (measured: 5-8 against 55
 * GFLOP/s). So the kernel is {@code crow[j] = fma(a3, b3[j], ... fma(a0, b0[j], crow[j]))}: one
 * C row, four packed B rows, the same index everywhere. Four k-steps per pass mean C is loaded
 * and stored once per four FMAs; eight would halve that again, but a loop over nine arrays is
 * not vectorized when compiled on its own (9 against 43 GFLOP/s), only sometimes when inlined.
 *
 * <p>Blocking: {@link #NC} columns at a time, so four B rows (8 KB) stay in L1 while the
 * kernel walks {@link #MC} C rows (128 KB, in L2); B is packed once per column block when K is at
 * most {@link #KC}, else once per (row block, K block), which costs 1/MC of the multiply.
 * Results are sequential FMA sums in k order, whatever the blocking or thread split.
 */
final class GemmJava implements GemmProvider {
  /** Columns per block: one C row segment is 2 KB, four B rows 8 KB (L1 is 32 KB). */
  static final int NC = 512;
  /** C rows per block: 64 x 2 KB = 128 KB of accumulators, in L2 with room for B. */
  static final int MC = 64;
  /** K rows packed at once: 512 x 2 KB = 1 MB of packed B at most per thread. */
  static final int KC = 512;

  /** Per-thread packed buffers, grown on demand and reused across calls. */
  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  @Override
  public String name() {
    return "java";
  }

  @Override
  public void sgemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
      int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate) {
    Workspace w = WORKSPACE.get();
    float[][] bp = w.bRows(Math.min(k, KC));
    float[][] cp = w.cRows(Math.min(m, MC));
    boolean packOnce = k <= KC;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int ic = 0; ic < m; ic += MC) {
        int mc = Math.min(MC, m - ic);
        loadC(cp, c, cOff + ic * ldc + jc, ldc, mc, nc, accumulate);
        for (int pc = 0; pc < k; pc += KC) {
          int kc = Math.min(KC, k - pc);
          if (!packOnce || ic == 0) {
            packB(b, bOff + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
          }
          block(a, aOff + ic * ars + pc * acs, ars, acs, mc, kc, nc, bp, 0, cp);
        }
        storeC(cp, c, cOff + ic * ldc + jc, ldc, mc, nc);
      }
    }
  }

  /** B as one array of k packed rows per {@link #NC}-column block. */
  @Override
  public Object pack(float[] b, int bOff, int brs, int bcs, int k, int n) {
    float[][][] blocks = new float[(n + NC - 1) / NC][][];
    for (int jb = 0; jb < blocks.length; jb++) {
      int nc = Math.min(NC, n - jb * NC);
      blocks[jb] = new float[k][nc];
      packB(b, bOff + jb * NC * bcs, brs, bcs, k, nc, blocks[jb]);
    }
    return blocks;
  }

  @Override
  public void sgemmPacked(int m, int n, int k, float[] a, int aOff, int ars, int acs,
      Object packed, float[] c, int cOff, int ldc, boolean accumulate) {
    float[][][] blocks = (float[][][]) packed;
    float[][] cp = WORKSPACE.get().cRows(Math.min(m, MC));
    for (int jb = 0; jb < blocks.length; jb++) {
      int jc = jb * NC;
      int nc = Math.min(NC, n - jc);
      for (int ic = 0; ic < m; ic += MC) {
        int mc = Math.min(MC, m - ic);
        loadC(cp, c, cOff + ic * ldc + jc, ldc, mc, nc, accumulate);
        for (int pc = 0; pc < k; pc += KC) { // KC rows at a time keep the B rows in L2
          block(a, aOff + ic * ars + pc * acs, ars, acs, mc, Math.min(KC, k - pc), nc,
              blocks[jb], pc, cp);
        }
        storeC(cp, c, cOff + ic * ldc + jc, ldc, mc, nc);
      }
    }
  }

  /** The accumulator rows start at 0, or at C's values so that the FMA chain continues. */
  private static void loadC(float[][] cp, float[] c, int off, int ldc, int mc, int nc,
      boolean accumulate) {
    for (int i = 0; i < mc; i++) {
      if (accumulate) {
        System.arraycopy(c, off + i * ldc, cp[i], 0, nc);
      } else {
        Arrays.fill(cp[i], 0, nc, 0f);
      }
    }
  }

  private static void storeC(float[][] cp, float[] c, int off, int ldc, int mc, int nc) {
    for (int i = 0; i < mc; i++) {
      System.arraycopy(cp[i], 0, c, off + i * ldc, nc);
    }
  }

  /** Copies the {@code kc x nc} block of B at {@code off} into the first rows of {@code bp}. */
  static void packB(float[] b, int off, int brs, int bcs, int kc, int nc, float[][] bp) {
    if (bcs == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, off + p * brs, bp[p], 0, nc);
      }
      return;
    }
    for (int j = 0; j < nc; j++) { // B transposed: read its rows (our columns) contiguously
      int src = off + j * bcs;
      for (int p = 0; p < kc; p++) {
        bp[p][j] = b[src + p * brs];
      }
    }
  }

  /** {@code cp[i] += A(i, 0..kc) * bp[p0..p0+kc]} for the {@code mc} rows of this block. */
  private static void block(float[] a, int aOff, int ars, int acs, int mc, int kc, int nc,
      float[][] bp, int p0, float[][] cp) {
    int p = 0;
    for (; p + 4 <= kc; p += 4) {
      float[] b0 = bp[p0 + p], b1 = bp[p0 + p + 1], b2 = bp[p0 + p + 2], b3 = bp[p0 + p + 3];
      for (int i = 0; i < mc; i++) {
        int ai = aOff + i * ars + p * acs;
        row4(cp[i], nc, a[ai], a[ai + acs], a[ai + 2 * acs], a[ai + 3 * acs], b0, b1, b2, b3);
      }
    }
    for (; p < kc; p++) {
      float[] b0 = bp[p0 + p];
      for (int i = 0; i < mc; i++) {
        row1(cp[i], nc, a[aOff + i * ars + p * acs], b0);
      }
    }
  }

  private static void row4(float[] c, int nc, float x0, float x1, float x2, float x3, float[] b0,
      float[] b1, float[] b2, float[] b3) {
    for (int j = 0; j < nc; j++) {
      c[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], c[j]))));
    }
  }

  private static void row1(float[] c, int nc, float x0, float[] b0) {
    for (int j = 0; j < nc; j++) {
      c[j] = Math.fma(x0, b0[j], c[j]);
    }
  }

  /** Packed rows of {@link #NC} floats; separate arrays, so C2 indexes each by the bare j. */
  private static final class Workspace {
    private float[][] b = new float[0][];
    private float[][] c = new float[0][];

    float[][] bRows(int rows) {
      if (b.length < rows) {
        b = grow(b, rows);
      }
      return b;
    }

    float[][] cRows(int rows) {
      if (c.length < rows) {
        c = grow(c, rows);
      }
      return c;
    }

    private static float[][] grow(float[][] old, int rows) {
      float[][] r = Arrays.copyOf(old, rows);
      for (int i = old.length; i < rows; i++) {
        r[i] = new float[NC];
      }
      return r;
    }
  }
}
