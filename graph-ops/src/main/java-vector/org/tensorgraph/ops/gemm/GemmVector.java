package org.tensorgraph.ops.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled float32 product on the Vector API ({@code jdk.incubator.vector}), loaded
 * by {@link Gemm} only when that module is in the boot layer; compiled separately (this source
 * directory gets {@code --add-modules jdk.incubator.vector}) so the rest never links to it.
 *
 * <p>The GotoBLAS/BLIS structure with A read in place: B is packed into zero-padded panels of
 * two vectors' width ({@code NR = 2L}, 32 floats with AVX-512), either per product or once for
 * many ({@link #pack}). The micro-kernel keeps a {@code 6 x 2L} tile of C in 12 vector registers
 * across the whole k loop: per k step it loads two B vectors, broadcasts six A values and issues
 * 12 FMAs, one load per 6 FMAs (x86 has 16 vector registers with AVX2, 32 with AVX-512; 12 + 2
 * + 1 fit both). Blocking: a {@link #KC} x NR panel of B (32 KB with AVX-512) stays in L1, an
 * {@link #MC} x KC block of A (96 KB) in L2, a KC x {@link #NC} block of B (1 MB) in L2/L3.
 */
final class GemmVector implements GemmProvider {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int MR = 6;
  static final int NR = 2 * L;
  static final int KC = 256;
  static final int MC = 96;
  static final int NC = 1024;

  private static final ThreadLocal<float[][]> WORKSPACE = ThreadLocal.withInitial(
      () -> new float[][] {new float[NC * KC], new float[NR]}); // packed B, a tile row

  private GemmVector() {}

  /** The kernel, or null when vectors are narrower than 8 floats (no gain over C2's loops). */
  static GemmProvider create() {
    return L >= 8 ? new GemmVector() : null;
  }

  @Override
  public String name() {
    return "vector(" + L + ")";
  }

  @Override
  public void sgemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
      int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate) {
    if (k == 0) {
      clearUnlessAccumulating(m, n, c, cOff, ldc, accumulate);
      return;
    }
    float[][] w = WORKSPACE.get();
    float[] bp = w[0];
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packB(b, bOff + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
        rowBlocks(m, nc, kc, a, aOff + pc * acs, ars, acs, bp, c, cOff + jc, ldc,
            accumulate || pc > 0, w);
      }
    }
  }

  /** B as one packed array per ({@link #NC} columns, {@link #KC} rows) block. */
  @Override
  public Object pack(float[] b, int bOff, int brs, int bcs, int k, int n) {
    int kBlocks = (k + KC - 1) / KC;
    float[][][] blocks = new float[(n + NC - 1) / NC][kBlocks][];
    for (int jb = 0; jb < blocks.length; jb++) {
      int nc = Math.min(NC, n - jb * NC);
      int ncPadded = (nc + NR - 1) / NR * NR;
      for (int pb = 0; pb < kBlocks; pb++) {
        int kc = Math.min(KC, k - pb * KC);
        blocks[jb][pb] = new float[kc * ncPadded];
        packB(b, bOff + pb * KC * brs + jb * NC * bcs, brs, bcs, kc, nc, blocks[jb][pb]);
      }
    }
    return blocks;
  }

  @Override
  public void sgemmPacked(int m, int n, int k, float[] a, int aOff, int ars, int acs,
      Object packed, float[] c, int cOff, int ldc, boolean accumulate) {
    if (k == 0) {
      clearUnlessAccumulating(m, n, c, cOff, ldc, accumulate);
      return;
    }
    float[][][] blocks = (float[][][]) packed;
    float[][] w = WORKSPACE.get();
    for (int jb = 0; jb < blocks.length; jb++) {
      int nc = Math.min(NC, n - jb * NC);
      for (int pb = 0; pb < blocks[jb].length; pb++) {
        int kc = Math.min(KC, k - pb * KC);
        rowBlocks(m, nc, kc, a, aOff + pb * KC * acs, ars, acs, blocks[jb][pb], c,
            cOff + jb * NC, ldc, accumulate || pb > 0, w);
      }
    }
  }

  /** Every {@link #MC}-row block of A times one packed block of B. */
  private static void rowBlocks(int m, int nc, int kc, float[] a, int aOff, int ars, int acs,
      float[] bp, float[] c, int cOff, int ldc, boolean load, float[][] w) {
    for (int ic = 0; ic < m; ic += MC) {
      int mc = Math.min(MC, m - ic);
      if (!load) { // why: the micro-kernel always starts from C, so it must start from zeros
        for (int i = 0; i < mc; i++) {
          int row = cOff + (ic + i) * ldc;
          java.util.Arrays.fill(c, row, row + nc, 0f);
        }
      }
      block(mc, nc, kc, a, aOff + ic * ars, ars, acs, bp, c, cOff + ic * ldc, ldc, w[1]);
    }
  }

  private static void clearUnlessAccumulating(int m, int n, float[] c, int cOff, int ldc,
      boolean accumulate) {
    for (int i = 0; !accumulate && i < m; i++) {
      java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
    }
  }

  /**
   * All tiles of one block of C, A read in place: rows of six by {@link #micro}, the rows past
   * the last six and the last partial panel by {@link #fewRows}. Why no packed A: packing cost a
   * quarter of the multiply in an RNN step, where each packed row serves only n / NR panels,
   * while a tile's six rows stay in L1 across the k loop anyway (measured 62 -> 83 GFLOP/s at 32
   * x 128 x 128, 85 -> 90 at 1024^3).
   */
  private static void block(int mc, int nc, int kc, float[] a, int aOff, int ars, int acs,
      float[] bp, float[] c, int cOff, int ldc, float[] tile) {
    int full = mc / MR * MR;
    int last = nc / NR * NR;
    for (int jr = 0; jr < last; jr += NR) {
      for (int ir = 0; ir < full; ir += MR) {
        micro(kc, a, aOff + ir * ars, ars, acs, bp, jr * kc, c, cOff + ir * ldc + jr, ldc);
      }
    }
    if (last < nc) {
      fewRows(full, nc - last, kc, a, aOff, ars, acs, bp, last * kc, c, cOff + last, ldc, tile);
    }
    if (full < mc) {
      fewRows(mc - full, nc, kc, a, aOff + full * ars, ars, acs, bp, 0, c, cOff + full * ldc,
          ldc, tile);
    }
  }

  /**
   * C tile (6 x 2L) += A rows (6 x kc, row r at {@code ao + r * ars}, step {@code acs}) * B panel
   * (kc x 2L), in registers. Why load C into the accumulators rather than add it at the end: the
   * sum then stays one FMA chain in k order across K blocks (see {@link GemmProvider}). (No load
   * flag: a branch here kept C2 from intrinsifying the vector code: profiles showed the Vector
   * API's slow Java fallback.)
   */
  private static void micro(int kc, float[] a, int ao, int ars, int acs, float[] bp, int bo,
      float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.fromArray(S, c, co);
    FloatVector c01 = FloatVector.fromArray(S, c, co + L);
    FloatVector c10 = FloatVector.fromArray(S, c, co + ldc);
    FloatVector c11 = FloatVector.fromArray(S, c, co + ldc + L);
    FloatVector c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
    FloatVector c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
    FloatVector c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
    FloatVector c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
    FloatVector c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
    FloatVector c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
    FloatVector c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
    FloatVector c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
    for (int p = 0, ai = ao; p < kc; p++, ai += acs, bo += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bo);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
      FloatVector x = FloatVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ai + ars]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ai + 2 * ars]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ai + 3 * ars]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[ai + 4 * ars]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ai + 5 * ars]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    store(c, co, c00, c01);
    store(c, co + ldc, c10, c11);
    store(c, co + 2 * ldc, c20, c21);
    store(c, co + 3 * ldc, c30, c31);
    store(c, co + 4 * ldc, c40, c41);
    store(c, co + 5 * ldc, c50, c51);
  }

  /**
   * Rows of A, one at a time, against panels of a packed B block starting at {@code bpOff}: a
   * batch of 1 to 5 rows (no work on padding rows), and the last partial panel (through a tile
   * row, as its C row is shorter than a panel).
   */
  private static void fewRows(int mc, int nc, int kc, float[] a, int aOff, int ars, int acs,
      float[] bp, int bpOff, float[] c, int cOff, int ldc, float[] tile) {
    int jr = 0;
    // why four panels at once: eight independent FMA chains hide the FMA latency (4 cycles, 2
    // ports) that a one-row product is bound by; the chains are still one per element in k order
    for (; jr + 4 * NR <= nc; jr += 4 * NR) {
      for (int i = 0; i < mc; i++) {
        microRow4(kc, a, aOff + i * ars, acs, bp, bpOff + jr * kc, kc * NR, c,
            cOff + i * ldc + jr);
      }
    }
    for (; jr + 2 * NR <= nc; jr += 2 * NR) { // two panels at once: four FMA chains, not two
      for (int i = 0; i < mc; i++) {
        microRow2(kc, a, aOff + i * ars, acs, bp, bpOff + jr * kc, c, cOff + i * ldc + jr);
      }
    }
    for (; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      for (int i = 0; i < mc; i++) {
        int co = cOff + i * ldc + jr;
        if (nr == NR) {
          microRow(kc, a, aOff + i * ars, acs, bp, bpOff + jr * kc, c, co);
        } else {
          java.util.Arrays.fill(tile, 0, NR, 0f);
          System.arraycopy(c, co, tile, 0, nr);
          microRow(kc, a, aOff + i * ars, acs, bp, bpOff + jr * kc, tile, 0);
          System.arraycopy(tile, 0, c, co, nr);
        }
      }
    }
  }

  /**
   * One row: C row (2L) += A row (at {@code ao}, step {@code as}) * B panel, the same FMA chain
   * per element as {@link #micro}.
   */
  private static void microRow(int kc, float[] a, int ao, int as, float[] bp, int bo, float[] c,
      int co) {
    FloatVector c0 = FloatVector.fromArray(S, c, co);
    FloatVector c1 = FloatVector.fromArray(S, c, co + L);
    for (int p = 0; p < kc; p++, ao += as, bo += NR) {
      FloatVector x = FloatVector.broadcast(S, a[ao]);
      c0 = x.fma(FloatVector.fromArray(S, bp, bo), c0);
      c1 = x.fma(FloatVector.fromArray(S, bp, bo + L), c1);
    }
    c0.intoArray(c, co);
    c1.intoArray(c, co + L);
  }

  /** {@link #microRow} over two consecutive panels (a C row segment of 4L floats). */
  private static void microRow2(int kc, float[] a, int ao, int as, float[] bp, int bo, float[] c,
      int co) {
    int next = bo + NR * kc; // the second panel
    FloatVector c0 = FloatVector.fromArray(S, c, co);
    FloatVector c1 = FloatVector.fromArray(S, c, co + L);
    FloatVector c2 = FloatVector.fromArray(S, c, co + 2 * L);
    FloatVector c3 = FloatVector.fromArray(S, c, co + 3 * L);
    for (int p = 0; p < kc; p++, ao += as, bo += NR, next += NR) {
      FloatVector x = FloatVector.broadcast(S, a[ao]);
      c0 = x.fma(FloatVector.fromArray(S, bp, bo), c0);
      c1 = x.fma(FloatVector.fromArray(S, bp, bo + L), c1);
      c2 = x.fma(FloatVector.fromArray(S, bp, next), c2);
      c3 = x.fma(FloatVector.fromArray(S, bp, next + L), c3);
    }
    store(c, co, c0, c1);
    store(c, co + 2 * L, c2, c3);
  }

  /**
   * {@link #microRow} over four consecutive panels (a C row segment of 8L floats), {@code ps}
   * floats apart in {@code bp}.
   */
  private static void microRow4(int kc, float[] a, int ao, int as, float[] bp, int bo, int ps,
      float[] c, int co) {
    FloatVector c0 = FloatVector.fromArray(S, c, co);
    FloatVector c1 = FloatVector.fromArray(S, c, co + L);
    FloatVector c2 = FloatVector.fromArray(S, c, co + 2 * L);
    FloatVector c3 = FloatVector.fromArray(S, c, co + 3 * L);
    FloatVector c4 = FloatVector.fromArray(S, c, co + 4 * L);
    FloatVector c5 = FloatVector.fromArray(S, c, co + 5 * L);
    FloatVector c6 = FloatVector.fromArray(S, c, co + 6 * L);
    FloatVector c7 = FloatVector.fromArray(S, c, co + 7 * L);
    for (int p = 0; p < kc; p++, ao += as, bo += NR) {
      FloatVector x = FloatVector.broadcast(S, a[ao]);
      c0 = x.fma(FloatVector.fromArray(S, bp, bo), c0);
      c1 = x.fma(FloatVector.fromArray(S, bp, bo + L), c1);
      c2 = x.fma(FloatVector.fromArray(S, bp, bo + ps), c2);
      c3 = x.fma(FloatVector.fromArray(S, bp, bo + ps + L), c3);
      c4 = x.fma(FloatVector.fromArray(S, bp, bo + 2 * ps), c4);
      c5 = x.fma(FloatVector.fromArray(S, bp, bo + 2 * ps + L), c5);
      c6 = x.fma(FloatVector.fromArray(S, bp, bo + 3 * ps), c6);
      c7 = x.fma(FloatVector.fromArray(S, bp, bo + 3 * ps + L), c7);
    }
    store(c, co, c0, c1);
    store(c, co + 2 * L, c2, c3);
    store(c, co + 4 * L, c4, c5);
    store(c, co + 6 * L, c6, c7);
  }

  private static void store(float[] c, int o, FloatVector x, FloatVector y) {
    x.intoArray(c, o);
    y.intoArray(c, o + L);
  }

  /** B block (kc x nc) into NR-column panels: {@code bp[jr*kc + p*NR + j]}, zero-padded. */
  private static void packB(float[] b, int off, int brs, int bcs, int kc, int nc, float[] bp) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int base = jr * kc;
      for (int p = 0; p < kc; p++) {
        int dst = base + p * NR;
        int src = off + p * brs + jr * bcs;
        if (bcs == 1) {
          System.arraycopy(b, src, bp, dst, nr);
        } else {
          for (int j = 0; j < nr; j++) {
            bp[dst + j] = b[src + j * bcs];
          }
        }
        for (int j = nr; j < NR; j++) {
          bp[dst + j] = 0f;
        }
      }
    }
  }
}
