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
    Gemm.small(40, 50, 30, a, 5, 30, 1, b, 9, 50, 1, want, 0, 50);
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
        cj, 0, n);
    assertClose(ta, tb, m, n, k, a, b, cj, "java");
    if (Gemm.provider() instanceof GemmJava && par == 1) {
      assertArrayEquals(cj, c); // same kernel, same order: bit for bit
    }
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
