package org.tensorgraph.ops.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The float32 product against a double-precision reference, for every transpose combination and
 * for sizes around each blocking edge (vector width, 8-step k unroll, {@code NC}, {@code MC},
 * {@code KC}), single-threaded and split over pools, including a pool of one thread that calls
 * into itself.
 *
 * <p>Bound: {@code |C - exact| <= k * 2^-24 * sum_p |A(i,p) B(p,j)|}, the standard bound for a
 * float32 sum of k products (each FMA rounds once).
 */
class GemmTest {
  private static final int[] DIMS = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 65, 97};

  @Test
  void kernelIsTheExpectedOne() {
    String expect = System.getProperty("tensorgraph.gemm.expect");
    if (expect != null) {
      assertTrue(Gemm.kernelName().startsWith(expect), Gemm.kernelName() + " vs " + expect);
    }
  }

  @Test
  void smallAndEdgeSizesEveryTranspose() {
    Random r = new Random(7);
    for (int t = 0; t < 4; t++) {
      for (int q = 0; q < 40; q++) {
        int m = DIMS[r.nextInt(DIMS.length)];
        int n = DIMS[r.nextInt(DIMS.length)];
        int k = DIMS[r.nextInt(DIMS.length)];
        check(t >= 2, (t & 1) == 1, m, n, k, r, Runnable::run, 1);
      }
    }
  }

  @Test
  void blockEdges() {
    Random r = new Random(11);
    int[][] shapes = {{1, 96, 64}, {4, 4, 7}, {65, 513, 9}, {130, 40, 520}, {3, 1030, 17},
        {70, 70, 1030}, {32, 128, 192}, {1, 2048, 100}, {129, 17, 300}};
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        check(t >= 2, (t & 1) == 1, s[0], s[1], s[2], r, Runnable::run, 1);
      }
    }
  }

  /**
   * The plan-time optimiser's contract: {@code [x, h] W} equals {@code x W_top} followed by an
   * accumulating {@code h W_bottom}, bit for bit, packed or not, for shapes across every block
   * edge (the vector kernel's KC = 256, the Java kernel's KC = 512).
   */
  @Test
  void splitInnerDimensionAccumulatesToTheSameBits() {
    Random r = new Random(13);
    int[][] shapes = {{1, 64, 32, 64}, {4, 4, 3, 4}, {32, 128, 64, 128}, {64, 1024, 256, 256},
        {7, 300, 200, 333}, {3, 40, 600, 1}, {20, 1030, 1, 520}, {130, 65, 257, 255}};
    for (int[] s : shapes) {
      int m = s[0], n = s[1], k1 = s[2], k2 = s[3], k = k1 + k2;
      float[] x = random(r, m * k);
      float[] w = random(r, k * n);
      float[] whole = new float[m * n];
      Gemm.sgemm(false, false, m, n, k, x, 0, w, 0, whole, 0, Runnable::run, 1);
      float[] top = new float[m * k1];
      float[] bottom = new float[m * k2];
      for (int i = 0; i < m; i++) {
        System.arraycopy(x, i * k, top, i * k1, k1);
        System.arraycopy(x, i * k + k1, bottom, i * k2, k2);
      }
      float[] split = new float[m * n];
      Gemm.sgemm(false, m, top, 0, Gemm.pack(false, k1, n, w, 0), split, 0, false, Runnable::run,
          1);
      Gemm.sgemm(false, m, bottom, 0, Gemm.pack(false, k2, n, w, k1 * n), split, 0, true,
          Runnable::run, 1);
      assertArrayEquals(whole, split, java.util.Arrays.toString(s));
    }
  }

  @Test
  void packedOperandsGiveTheUnpackedBitsEveryTranspose() throws Exception {
    Random r = new Random(17);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int[][] shapes = {{1, 96, 64}, {32, 128, 192}, {5, 1030, 300}, {200, 64, 520}, {2, 3, 4},
          {64, 1030, 300}, {90, 256, 400}}; // the last two split by packed column slices
      for (int[] s : shapes) {
        for (int t = 0; t < 4; t++) {
          boolean ta = t >= 2, tb = (t & 1) == 1;
          int m = s[0], n = s[1], k = s[2];
          float[] a = random(r, m * k);
          float[] b = random(r, k * n);
          float[] want = new float[m * n];
          Gemm.sgemm(ta, tb, m, n, k, a, 0, b, 0, want, 0, Runnable::run, 1);
          float[] got = random(r, m * n);
          Gemm.sgemm(ta, m, a, 0, Gemm.pack(tb, k, n, b, 0), got, 0, false, pool, 2);
          assertArrayEquals(want, got, java.util.Arrays.toString(s) + " t=" + t);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void accumulatingWithNoInnerDimensionKeepsC() {
    float[] c = {5, 6, 7, 8};
    Gemm.sgemm(false, 2, new float[0], 0, Gemm.pack(false, 0, 2, new float[0], 0), c, 0, true,
        Runnable::run, 1);
    assertArrayEquals(new float[] {5, 6, 7, 8}, c);
  }

  @Test
  void zeroInnerDimensionGivesZeros() {
    float[] c = {5, 5, 5, 5, 5, 5};
    Gemm.sgemm(false, false, 2, 3, 0, new float[0], 0, new float[0], 0, c, 0, Runnable::run, 1);
    assertArrayEquals(new float[6], c);
  }

  @Test
  void offsetsAreHonoured() {
    Random r = new Random(3);
    float[] a = random(r, 5 + 40 * 30);
    float[] b = random(r, 9 + 30 * 50);
    float[] c = new float[11 + 40 * 50];
    Gemm.sgemm(false, false, 40, 50, 30, a, 5, b, 9, c, 11, Runnable::run, 1);
    assertEquals(0f, c[10]);
    float[] want = new float[40 * 50];
    Gemm.small(40, 50, 30, a, 5, 30, 1, b, 9, 50, 1, want, 0, 50, false);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], c[11 + i], 1e-4f, "element " + i);
    }
  }

  @Test
  void splitAcrossAPoolMatchesOneThread() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Random r = new Random(5);
      check(false, false, 300, 260, 400, r, pool, 2); // rows split
      check(true, true, 64, 700, 800, r, pool, 2);    // columns split
      check(false, true, 256, 256, 600, r, pool, 4);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aOneThreadPoolCallingIntoItselfDoesNotDeadlock() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        Future<?> f = pool.submit(() -> check(false, false, 256, 256, 512, new Random(1), pool, 2));
        f.get();
      });
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aShutDownPoolRunsOnTheCaller() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.shutdown();
    check(false, false, 256, 256, 512, new Random(2), pool, 2);
  }

  @Test
  void failuresInPiecesReachTheCaller() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Parallel.run(4, pool, i -> {
        if (i == 2) {
          throw new IllegalArgumentException("piece 2");
        }
      });
      fail("no exception");
    } catch (IllegalArgumentException e) {
      assertEquals("piece 2", e.getMessage());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One product checked against the double reference, by the chosen and the pure-Java kernel. */
  static void check(boolean ta, boolean tb, int m, int n, int k, Random r,
      java.util.concurrent.Executor ex, int par) {
    float[] a = random(r, m * k);
    float[] b = random(r, k * n);
    float[] c = new float[m * n];
    Gemm.sgemm(ta, tb, m, n, k, a, 0, b, 0, c, 0, ex, par);
    assertClose(ta, tb, m, n, k, a, b, c, Gemm.kernelName());
    float[] cj = new float[m * n];
    Gemm.javaKernel().sgemm(m, n, k, a, 0, ta ? 1 : k, ta ? m : 1, b, 0, tb ? 1 : n, tb ? k : 1,
        cj, 0, n, false);
    assertClose(ta, tb, m, n, k, a, b, cj, "java");
    assertArrayEquals(cj, c); // one FMA chain per element in k order: every kernel, every split
    float[] plain = new float[m * n];
    Gemm.small(m, n, k, a, 0, ta ? 1 : k, ta ? m : 1, b, 0, tb ? 1 : n, tb ? k : 1, plain, 0, n,
        false);
    assertArrayEquals(plain, c, "the plain FMA loop's bits");
  }

  static void assertClose(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b,
      float[] c, String kernel) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double mag = 0;
        for (int p = 0; p < k; p++) {
          double x = a[ta ? p * m + i : i * k + p];
          double y = b[tb ? j * k + p : p * n + j];
          s += x * y;
          mag += Math.abs(x * y);
        }
        double bound = k * 0x1p-24 * mag + 1e-30;
        double got = c[i * n + j];
        if (!(Math.abs(got - s) <= bound)) {
          fail(String.format("%s ta=%b tb=%b %dx%dx%d: C[%d,%d] = %s, exact %s, bound %s", kernel,
              ta, tb, m, n, k, i, j, got, s, bound));
        }
      }
    }
  }

  static float[] random(Random r, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }
}
