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
 * <p>Accuracy: each element is a float32 sum of k products, so it is within about {@code k *
 * 2^-24 * sum_p |A(i,p) B(p,j)|} of the exact value (the classic bound; in practice far less),
 * and equal to TF's to the last few bits only when no cancellation happens.
 *
 * <p>Threads: a product is split across the intra-op executor only above {@link
 * #FLOPS_PER_PIECE} floating-point operations per piece; handing a piece to another thread and
 * joining it costs about 20 microseconds here, about 1% of a piece that size.
 */
public final class Gemm {
  /** Below this many flops (2 m n k) a plain strided loop wins: the 4x7 times 7x4 of the demo. */
  static final long SMALL_FLOPS = 2 * 4096;
  /**
   * The least work worth a thread: 32 MFLOP is ~0.4 ms at the Vector API kernel's 80 GFLOP/s
   * (0.8 ms at the pure-Java kernel's 40), so the ~20 us hand-off stays at 5% or less. So 256^3
   * stays on one thread and 128 x 512 x 512 splits in two. (Chosen from those kernel speeds and
   * the hand-off cost; the shared 2-core machine was too loaded to time the crossover.)
   */
  static final long FLOPS_PER_PIECE = 32L << 20;

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
    if (m <= 0 || n <= 0) {
      return;
    }
    int ars = transA ? 1 : k;
    int acs = transA ? m : 1;
    int brs = transB ? 1 : n;
    int bcs = transB ? k : 1;
    long flops = 2L * m * n * k;
    if (flops < SMALL_FLOPS) {
      small(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, n);
      return;
    }
    int pieces = (int) Math.min(Math.max(1, parallelism), flops / FLOPS_PER_PIECE);
    if (pieces <= 1) {
      PROVIDER.sgemm(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, n);
    } else if (m >= n) { // rows: each piece packs all of B, but B is the smaller side
      int rows = roundUp(ceilDiv(m, pieces), 16);
      Parallel.run(ceilDiv(m, rows), executor, p -> {
        int i0 = p * rows;
        PROVIDER.sgemm(Math.min(rows, m - i0), n, k, a, aOff + i0 * ars, ars, acs, b, bOff, brs,
            bcs, c, cOff + i0 * n, n);
      });
    } else { // columns: each piece packs its own columns of B, nothing is packed twice
      int cols = roundUp(ceilDiv(n, pieces), 64);
      Parallel.run(ceilDiv(n, cols), executor, p -> {
        int j0 = p * cols;
        PROVIDER.sgemm(m, Math.min(cols, n - j0), k, a, aOff, ars, acs, b, bOff + j0 * bcs, brs,
            bcs, c, cOff + j0, n);
      });
    }
  }

  /** The same product by the plain loop, for tests: a second opinion with a different order. */
  static void small(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b,
      int bOff, int brs, int bcs, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0;
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
