package org.tensorgraph.ops.gemm;

import java.util.concurrent.Executor;

/**
 * float32 {@code C = op(A) op(B)}, row-major, with {@code op} the identity or the transpose: the
 * kernel of {@code MatMul} and {@code BatchMatMulV2}.
 *
 * <pre>{@code
 * float[] c = new float[m * n];
 * Gemm.sgemm(false, true, m, n, k, a, 0, b, 0, c, 0, Runnable::run, 1);  // C = A B^T
 * }</pre>
 *
 * <p>The kernel is the Vector API one ({@code GemmVector}) when the JVM runs with {@code
 * --add-modules jdk.incubator.vector}, else the pure-Java one ({@link GemmJava}); the system
 * property {@code tensorgraph.gemm=java} forces the latter. Products of under {@link
 * #SMALL_FLOPS} run a plain loop, since packing would cost more than it saves.
 *
 * <p>Accuracy: each element is one FMA chain over k in order, the same bits on every kernel and
 * thread split (see {@link GemmProvider}), so within about {@code k * 2^-24 * sum_p |A(i,p)
 * B(p,j)|} of the exact value (the classic bound; in practice far less), and equal to TF's to the
 * last few bits only when no cancellation happens.
 *
 * <p>Threads: a product is split across the intra-op executor only above {@link
 * #FLOPS_PER_PIECE} floating-point operations per piece. A session's intra-op executor lingers
 * (its threads poll for the next piece for a while, see the session's {@code SpinHandoff}), so a
 * hand-off costs well under a microsecond when pieces come often, as in a loop.
 */
public final class Gemm {
  /** Below this many flops (2 m n k) a plain strided loop wins: the 4x7 times 7x4 of the demo. */
  static final long SMALL_FLOPS = 2 * 4096;
  /**
   * The least work worth a thread: 0.5 MFLOP is ~6 us at the Vector API kernel's 80 GFLOP/s.
   * Waking a parked pool thread costs 20-50 us here, and at 8 MFLOP per piece that was the limit;
   * with a lingering intra-op executor the hand-off is ~0.3 us (measured with a probe, 5 us pieces:
   * 5.4 us a pair split, 10 us serial), so an RNN step's product splits: BasicLSTM 32, 100, 64,
   * 128 (4 MFLOP steps) went from 11.0 to 9.0 ms, BasicRNN 32, 100, 64, 128 (1 MFLOP) from 5.6 to
   * 3.5 ms, on a loaded machine. The system property {@code tensorgraph.gemm.piece} overrides it.
   */
  static final long FLOPS_PER_PIECE = Long.getLong("tensorgraph.gemm.piece", 512L << 10);

  /**
   * A packed B is kept as this many column slices (at most), so that a product with few rows
   * splits into whole slices: one per core of this machine.
   */
  static final int SLICES = Runtime.getRuntime().availableProcessors();
  /** Slices start on multiples of this many columns (whole panels for every kernel). */
  static final int SLICE_ALIGN = 64;
  /** Products with fewer rows split by packed slices rather than by rows. */
  static final int SLICED_ROWS = 96;

  private static final GemmProvider PROVIDER = load();

  private Gemm() {}

  /** The kernel in use: {@code "java"} or {@code "vector(L)"} with L floats per vector. */
  public static String kernelName() {
    return PROVIDER.name();
  }

  /**
   * {@code c[cOff..] = op(A) op(B)}, an {@code m x n} row-major block (overwritten). A is stored
   * {@code m x k} ({@code k x m} if {@code transA}) at {@code aOff}, B {@code k x n} ({@code n x
   * k} if {@code transB}) at {@code bOff}. Splits into at most {@code parallelism} pieces run on
   * {@code executor} and the calling thread when the product is large enough.
   */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a,
      int aOff, float[] b, int bOff, float[] c, int cOff, Executor executor, int parallelism) {
    sgemm(transA, m, a, aOff, k, new Operand(transB, k, n, b, bOff, null, n), c, cOff, false,
        executor, parallelism);
  }

  /**
   * B packed once for many products with different A: a loop body's weight matrix, say. Holds
   * {@code b} itself too (small products read it directly), so {@code b} must not change while
   * the result is in use.
   *
   * <pre>{@code
   * Gemm.Packed w = Gemm.pack(false, k, n, weights, 0);
   * Gemm.sgemm(false, m, h, 0, w, c, 0, true, Runnable::run, 1);  // C += H W
   * }</pre>
   */
  public static Packed pack(boolean transB, int k, int n, float[] b, int bOff) {
    int rs = transB ? 1 : n;
    int cs = transB ? k : 1;
    int slices = Math.max(1, Math.min(SLICES, n / SLICE_ALIGN));
    int width = roundUp(ceilDiv(n, slices), SLICE_ALIGN);
    Object[] packs = new Object[ceilDiv(n, width)];
    for (int s = 0; s < packs.length; s++) {
      int j0 = s * width;
      packs[s] = PROVIDER.pack(b, bOff + j0 * cs, rs, cs, k, Math.min(width, n - j0));
    }
    return new Packed(new Operand(transB, k, n, b, bOff, packs, width));
  }

  /**
   * {@code C = op(A) B}, or {@code C += op(A) B} when {@code accumulate}, with B packed by {@link
   * #pack}; A is {@code m x b.k()}. Accumulating continues each element's FMA chain, so a product
   * over {@code k1 + k2} equals one over {@code k1} followed by an accumulating one over {@code
   * k2}, bit for bit.
   */
  public static void sgemm(boolean transA, int m, float[] a, int aOff, Packed b, float[] c,
      int cOff, boolean accumulate, Executor executor, int parallelism) {
    sgemm(transA, m, a, aOff, b.operand.k, b.operand, c, cOff, accumulate, executor, parallelism);
  }

  /** A packed B operand: see {@link #pack}. */
  public static final class Packed {
    private final Operand operand;

    private Packed(Operand operand) {
      this.operand = operand;
    }

    /** B's rows (the product's inner dimension). */
    public int k() {
      return operand.k;
    }

    /** B's columns. */
    public int n() {
      return operand.n;
    }
  }

  /** B with its strides, and its packed form when it has one. */
  private static final class Operand {
    final int k;
    final int n;
    final float[] b;
    final int off;
    final int rs;
    final int cs;
    /** Packed column slices of {@link #width} columns (the last may be narrower); or null. */
    final Object[] packed; // null: pack per product
    final int width;

    Operand(boolean trans, int k, int n, float[] b, int off, Object[] packed, int width) {
      this.k = k;
      this.n = n;
      this.b = b;
      this.off = off;
      this.rs = trans ? 1 : n;
      this.cs = trans ? k : 1;
      this.packed = packed;
      this.width = width;
    }

    /** One single-threaded product of {@code rows} rows (A at {@code aOff}, C at {@code cOff}). */
    void product(int rows, float[] a, int aOff, int ars, int acs, float[] c, int cOff,
        boolean accumulate) {
      if (packed == null) {
        PROVIDER.sgemm(rows, n, k, a, aOff, ars, acs, b, off, rs, cs, c, cOff, n, accumulate);
        return;
      }
      for (int s = 0; s < packed.length; s++) {
        slice(s, rows, a, aOff, ars, acs, c, cOff, accumulate);
      }
    }

    /** The product's columns of packed slice {@code s}. */
    void slice(int s, int rows, float[] a, int aOff, int ars, int acs, float[] c, int cOff,
        boolean accumulate) {
      int j0 = s * width;
      PROVIDER.sgemmPacked(rows, Math.min(width, n - j0), k, a, aOff, ars, acs, packed[s], c,
          cOff + j0, n, accumulate);
    }
  }

  private static void sgemm(boolean transA, int m, float[] a, int aOff, int k, Operand b,
      float[] c, int cOff, boolean accumulate, Executor executor, int parallelism) {
    int n = b.n;
    if (m <= 0 || n <= 0) {
      return;
    }
    int ars = transA ? 1 : k;
    int acs = transA ? m : 1;
    long flops = 2L * m * n * k;
    if (flops < SMALL_FLOPS) {
      small(m, n, k, a, aOff, ars, acs, b.b, b.off, b.rs, b.cs, c, cOff, n, accumulate);
      return;
    }
    int pieces = (int) Math.min(Math.max(1, parallelism), flops / FLOPS_PER_PIECE);
    if (pieces <= 1) {
      b.product(m, a, aOff, ars, acs, c, cOff, accumulate);
    } else if (b.packed != null && b.packed.length >= pieces && m < SLICED_ROWS) {
      // few rows (an RNN step): pieces of whole tiles, not a row split with ragged tiles
      Parallel.run(pieces, executor, p -> {
        for (int s = p; s < b.packed.length; s += pieces) {
          b.slice(s, m, a, aOff, ars, acs, c, cOff, accumulate);
        }
      });
    } else if (m >= n || b.packed != null) { // rows: each piece reads all of B
      int rows = roundUp(ceilDiv(m, pieces), 8);
      Parallel.run(ceilDiv(m, rows), executor, p -> {
        int i0 = p * rows;
        b.product(Math.min(rows, m - i0), a, aOff + i0 * ars, ars, acs, c, cOff + i0 * n,
            accumulate);
      });
    } else { // columns: each piece packs its own columns of B, nothing is packed twice
      int cols = roundUp(ceilDiv(n, pieces), 64);
      Parallel.run(ceilDiv(n, cols), executor, p -> {
        int j0 = p * cols;
        PROVIDER.sgemm(m, Math.min(cols, n - j0), k, a, aOff, ars, acs, b.b, b.off + j0 * b.cs,
            b.rs, b.cs, c, cOff + j0, n, accumulate);
      });
    }
  }

  /**
   * The same product by the plain loop: used below {@link #SMALL_FLOPS}, and by tests as the
   * reference every kernel must equal bit for bit (one FMA chain per element in k order).
   */
  static void small(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b,
      int bOff, int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = accumulate ? c[cOff + i * ldc + j] : 0f;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[aOff + i * ars + p * acs], b[bOff + p * brs + j * bcs], s);
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }

  /** The pure-Java kernel, whatever {@link #kernelName()} says: for tests and comparisons. */
  static GemmProvider javaKernel() {
    return PROVIDER instanceof GemmJava ? PROVIDER : new GemmJava();
  }

  static GemmProvider provider() {
    return PROVIDER;
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  private static int roundUp(int x, int multiple) {
    return ceilDiv(x, multiple) * multiple;
  }

  /**
   * The Vector API kernel when its module is in the boot layer and the CPU has 256-bit vectors
   * or wider, loaded reflectively so that this class never links against an incubator module
   * (Lucene's way); the pure-Java kernel otherwise.
   */
  private static GemmProvider load() {
    boolean vectorWanted = !"java".equals(System.getProperty("tensorgraph.gemm"));
    if (vectorWanted && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        Object p = Class.forName("org.tensorgraph.ops.gemm.GemmVector")
            .getDeclaredMethod("create").invoke(null);
        if (p != null) {
          return (GemmProvider) p;
        }
      } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
        // fall through: the pure-Java kernel is always correct
      }
    }
    return new GemmJava();
  }
}
