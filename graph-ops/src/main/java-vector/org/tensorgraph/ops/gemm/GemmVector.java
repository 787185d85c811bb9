package org.tensorgraph.ops.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled float32 product on the Vector API ({@code jdk.incubator.vector}), loaded
 * by {@link Gemm} only when that module is in the boot layer; compiled separately (this source
 * directory gets {@code --add-modules jdk.incubator.vector}) so the rest never links to it.
 *
 * <p>The classic GotoBLAS/BLIS structure: A is packed into panels of {@link #MR} rows, B into
 * panels of two vectors' width ({@code NR = 2L}, 32 floats with AVX-512), both with zero
 * padding, so the micro-kernel never meets an edge. The micro-kernel keeps a {@code 6 x 2L}
 * tile of C in 12 vector registers across the whole k loop: per k step it loads two B vectors,
 * broadcasts six A values and issues 12 FMAs, one load per 6 FMAs (x86 has 16 vector registers
 * with AVX2, 32 with AVX-512; 12 + 2 + 1 fit both). Blocking: a {@link #KC} x NR panel of B
 * (32 KB with AVX-512) stays in L1, an {@link #MC} x KC block of A (96 KB) in L2, a KC x
 * {@link #NC} block of B (1 MB) in L2/L3.
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
      () -> new float[][] {new float[MC * KC], new float[NC * KC], new float[MR * NR]});

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
      int brs, int bcs, float[] c, int cOff, int ldc) {
    if (k == 0) {
      for (int i = 0; i < m; i++) {
        java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
      }
      return;
    }
    float[][] w = WORKSPACE.get();
    float[] ap = w[0];
    float[] bp = w[1];
    float[] tile = w[2];
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packB(b, bOff + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packA(a, aOff + ic * ars + pc * acs, ars, acs, mc, kc, ap);
          macro(mc, nc, kc, ap, bp, c, cOff + ic * ldc + jc, ldc, pc == 0, tile);
        }
      }
    }
  }

  /** All micro-tiles of one (MC x NC) block; edge tiles go through {@code tile}. */
  private static void macro(int mc, int nc, int kc, float[] ap, float[] bp, float[] c, int cOff,
      int ldc, boolean first, float[] tile) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = Math.min(MR, mc - ir);
        int co = cOff + ir * ldc + jr;
        if (mr == MR && nr == NR) {
          micro(kc, ap, ir * kc, bp, jr * kc, c, co, ldc, first);
        } else {
          micro(kc, ap, ir * kc, bp, jr * kc, tile, 0, NR, true);
          for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
              float v = tile[i * NR + j];
              c[co + i * ldc + j] = first ? v : c[co + i * ldc + j] + v;
            }
          }
        }
      }
    }
  }

  /** C tile (6 x 2L) = (first ? 0 : C) + A panel (6 x kc) * B panel (kc x 2L), in registers. */
  private static void micro(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
      int ldc, boolean first) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
    FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
    for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bo);
      FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
      FloatVector x = FloatVector.broadcast(S, ap[ao]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ao + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ao + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ao + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, ap[ao + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, ap[ao + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    store(c, co, c00, c01, first);
    store(c, co + ldc, c10, c11, first);
    store(c, co + 2 * ldc, c20, c21, first);
    store(c, co + 3 * ldc, c30, c31, first);
    store(c, co + 4 * ldc, c40, c41, first);
    store(c, co + 5 * ldc, c50, c51, first);
  }

  private static void store(float[] c, int o, FloatVector x, FloatVector y, boolean first) {
    if (!first) {
      x = x.add(FloatVector.fromArray(S, c, o));
      y = y.add(FloatVector.fromArray(S, c, o + L));
    }
    x.intoArray(c, o);
    y.intoArray(c, o + L);
  }

  /** A block (mc x kc) into MR-row panels, p-major inside a panel: {@code ap[ir*kc + p*MR + r]}. */
  private static void packA(float[] a, int off, int ars, int acs, int mc, int kc, float[] ap) {
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      int base = ir * kc;
      for (int r = 0; r < MR; r++) {
        int src = off + (ir + r) * ars;
        for (int p = 0; p < kc; p++) {
          ap[base + p * MR + r] = r < mr ? a[src + p * acs] : 0f;
        }
      }
    }
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
