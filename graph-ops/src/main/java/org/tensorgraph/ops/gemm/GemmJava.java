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
 * kernel walks {@link #MC} C rows (128 KB, in L2); each {@link #KC} x {@link #NC} block of B is
 * packed once, and C's rows are stored and loaded again between K blocks.
 * Results are sequential FMA sums in k order, whatever the blocking or thread split.
 */
final class GemmJava implements GemmProvider {
  /** Columns per block: one C row segment is 2 KB, four B rows 8 KB (L1 is 32 KB). */
  static final int NC = 512;
  /** C rows per block: 64 x 2 KB = 128 KB of accumulators, in L2 with room for B. */
  static final int MC = 64;
  /** K rows packed at once: 512 x 2 KB = 1 MB of packed B at most per thread. */
  static final int KC = 512;
  /**
   * A workspace row's length: {@link #NC} floats and padding to 2112 bytes with the header, a
   * multiple of 64, so that rows allocated one after another start alike in their cache lines.
   */
  static final int ROW = padded(NC);
  /** The least block (FMAs) for which rows are placed (see {@link #aligns}): about 20 us here. */
  private static final long ALIGN_FMAS = 1L << 20;

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
    boolean align = aligns(Math.min(m, MC), Math.min(n, NC), Math.min(k, KC));
    float[][] bp = w.bRows(Math.min(k, KC), align);
    Tile cp = w.tile;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        // why K blocks outside row blocks: B's block is packed once for all of C's rows; C's
        // rows carry the chain from one K block to the next (one float each, the same bits)
        packB(b, bOff + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          cp.start(bp, 0, kc, mc, align);
          loadC(cp.rows, c, cOff + ic * ldc + jc, ldc, mc, nc, accumulate || pc > 0);
          block(a, aOff + ic * ars + pc * acs, ars, acs, mc, kc, nc, bp, 0, cp);
          storeC(cp.rows, c, cOff + ic * ldc + jc, ldc, mc, nc);
        }
      }
    }
  }

  /** B as one array of k packed rows per {@link #NC}-column block. */
  @Override
  public Object pack(float[] b, int bOff, int brs, int bcs, int k, int n) {
    float[][][] blocks = new float[(n + NC - 1) / NC][][];
    for (int jb = 0; jb < blocks.length; jb++) {
      int nc = Math.min(NC, n - jb * NC);
      blocks[jb] = new float[k][];
      for (int p = 0; p < k; p++) {
        blocks[jb][p] = RowPhase.newRow(padded(nc), RowPhase.TARGET);
      }
      packB(b, bOff + jb * NC * bcs, brs, bcs, k, nc, blocks[jb]);
    }
    return blocks;
  }

  @Override
  public void sgemmPacked(int m, int n, int k, float[] a, int aOff, int ars, int acs,
      Object packed, float[] c, int cOff, int ldc, boolean accumulate) {
    float[][][] blocks = (float[][][]) packed;
    Tile cp = WORKSPACE.get().tile;
    boolean align = aligns(Math.min(m, MC), Math.min(n, NC), k);
    for (int jb = 0; jb < blocks.length; jb++) {
      int jc = jb * NC;
      int nc = Math.min(NC, n - jc);
      for (int ic = 0; ic < m; ic += MC) {
        int mc = Math.min(MC, m - ic);
        cp.start(blocks[jb], 0, k, mc, align);
        loadC(cp.rows, c, cOff + ic * ldc + jc, ldc, mc, nc, accumulate);
        for (int pc = 0; pc < k; pc += KC) { // KC rows at a time keep the B rows in L2
          block(a, aOff + ic * ars + pc * acs, ars, acs, mc, Math.min(KC, k - pc), nc,
              blocks[jb], pc, cp);
        }
        storeC(cp.rows, c, cOff + ic * ldc + jc, ldc, mc, nc);
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

  /**
   * {@code C[i] += A(i, 0..kc) * bp[p0..p0+kc]} for the {@code mc} rows of this block, C's rows
   * the tile's.
   */
  private static void block(float[] a, int aOff, int ars, int acs, int mc, int kc, int nc,
      float[][] bp, int p0, Tile tile) {
    float[][] cp = tile.rows;
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

  /** The least length from {@code n} whose array takes a multiple of 64 bytes (16-byte header). */
  static int padded(int n) {
    return n + Math.floorMod(12 - n, 16);
  }

  /**
   * Whether a block of {@code mc x nc x kc} is worth placing rows for: reading where a row lies
   * costs about a nanosecond, and a batch-1 RNN step's whole product takes a microsecond.
   */
  private static boolean aligns(int mc, int nc, int kc) {
    return RowPhase.known() && (long) mc * nc * kc >= ALIGN_FMAS;
  }

  /**
   * Packed rows of {@link #ROW} floats (separate arrays, so C2 indexes each by the bare j), all
   * starting alike in their cache lines, and C's tile.
   */
  private static final class Workspace {
    private final Object[] holder = new Object[1];
    private final int[] count = new int[8];
    private float[][] b = new float[0][];
    final Tile tile = new Tile();

    /**
     * The first {@code rows} packing rows, all starting alike when {@code align}: a collection
     * moves them, mostly in runs that keep one phase, so the rows off the most common phase are
     * replaced (2 KB each, a few times per collection).
     */
    float[][] bRows(int rows, boolean align) {
      if (b.length < rows) {
        b = Arrays.copyOf(b, rows);
        for (int i = 0; i < rows; i++) {
          b[i] = b[i] != null ? b[i] : RowPhase.newRow(ROW, RowPhase.TARGET);
        }
      }
      if (align) {
        int ph = majority(holder, count, b, 0, rows, 1);
        for (int i = 0; i < rows; i++) {
          if (RowPhase.of(holder, b[i]) != ph) {
            b[i] = RowPhase.newRow(ROW, ph);
          }
        }
      }
      return b;
    }
  }

  /** The most common phase of rows {@code p0, p0 + step, ...} below {@code p0 + n}. */
  private static int majority(Object[] holder, int[] count, float[][] b, int p0, int n,
      int step) {
    Arrays.fill(count, 0);
    int best = 0;
    for (int p = p0; p < p0 + n; p += step) {
      int ph = RowPhase.of(holder, b[p]) >> 3;
      if (++count[ph] > count[best]) {
        best = ph;
      }
    }
    return best << 3;
  }

  /**
   * C's accumulator rows, placed where most of the block's B rows start in their cache lines: a
   * vector loop is aligned to its store, the C row, so a B row that starts elsewhere splits a
   * cache line on every load (41 against 53-58 GFLOP/s here, see {@link RowPhase}). Packed
   * weights are allocated at {@link RowPhase#TARGET}, but a collection moves them, in runs that
   * keep one phase, not always the old one (and a packed B is shared, so it is never moved back);
   * so the tile keeps rows per phase, allocated on demand, and takes the majority's.
   */
  private static final class Tile {
    /** Per phase / 8, rows starting there (rows a collection moved are replaced when taken). */
    private final float[][][] sets = new float[8][][];
    private final Object[] holder = new Object[1];
    private final int[] count = new int[8];
    float[][] rows = new float[0][];

    /** Takes rows for {@code mc} sums, in the phase of most of {@code b[p0 .. p0 + kc)}. */
    void start(float[][] b, int p0, int kc, int mc, boolean align) {
      // every fourth row: the kernel reads four at a time
      int ph = align ? majority(holder, count, b, p0, kc, 4) : RowPhase.UNKNOWN;
      rows = set(ph == RowPhase.UNKNOWN ? RowPhase.TARGET : ph, mc, align);
    }

    private float[][] set(int ph, int mc, boolean align) {
      float[][] r = sets[ph >> 3];
      if (r == null || r.length < mc) {
        r = r == null ? new float[mc][] : Arrays.copyOf(r, mc);
        sets[ph >> 3] = r;
      }
      for (int i = 0; i < mc; i++) {
        if (r[i] == null || align && RowPhase.of(holder, r[i]) != ph) {
          r[i] = RowPhase.newRow(ROW, ph);
        }
      }
      return r;
    }
  }
}
