package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The array forms of {@link EigenFloat} against its per-element functions, bit for bit (raw
 * bits, so NaN payloads and signs and the sign of zero count): the packet function on the first
 * {@code n - n % 8} elements, the scalar one on the rest. Both kernels are checked: the one this
 * JVM loaded, the pure-Java one directly, and the Vector API one in a child JVM that has the
 * incubator module (this JVM's tests run without it).
 */
class EigenFloatArrayTest {
  /** The four functions, each with its packet and scalar per-element forms. */
  enum Fn {
    TANH, LOGISTIC, EXP, LOG;

    float packet(float x) {
      switch (this) {
        case TANH: return EigenFloat.tanh(x);
        case LOGISTIC: return EigenFloat.logistic(x);
        case EXP: return EigenFloat.exp(x);
        default: return EigenFloat.log(x);
      }
    }

    float scalar(float x) {
      switch (this) {
        case TANH: return EigenFloat.tanh(x);
        case LOGISTIC: return EigenFloat.logisticScalar(x);
        case EXP: return EigenFloat.expScalar(x);
        default: return EigenFloat.logScalar(x);
      }
    }

    void array(float[] in, float[] out, int n) {
      switch (this) {
        case TANH: EigenFloat.tanh(in, out, n); return;
        case LOGISTIC: EigenFloat.logistic(in, out, n); return;
        case EXP: EigenFloat.exp(in, out, n); return;
        default: EigenFloat.log(in, out, n);
      }
    }

    void kernel(EigenFloatKernel k, float[] in, float[] out, int n) {
      switch (this) {
        case TANH: k.tanh(in, out, 0, n); return;
        case LOGISTIC: k.logistic(in, out, 0, n); return;
        case EXP: k.exp(in, out, 0, n); return;
        default: k.log(in, out, 0, n);
      }
    }
  }

  @Test
  void randomBitPatterns() {
    checkAll(randomBits(1 << 20, 11));
  }

  @Test
  void specials() {
    checkSpecials();
  }

  @Test
  void everyLengthUpTo40SplitsPacketAndTail() {
    checkLengths(40);
  }

  @Test
  void piecesOfAnArrayHaveTheWholeArraysBits() {
    checkPieces();
  }

  /**
   * Tanh and Sigmoid over [0, n) computed as two or three pieces, split anywhere (inside a vector,
   * inside the last n % 8): the bits of the one call over the whole array.
   */
  static void checkPieces() {
    float[] x = randomBits(1000, 13);
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.isNaN(x[i]) ? x[i] : x[i] % 20f; // in the functions' interesting range
    }
    for (int n : new int[] {0, 1, 7, 8, 9, 31, 100, 997, 1000}) {
      float[] wantT = new float[n];
      float[] wantS = new float[n];
      EigenFloat.tanh(x, wantT, n);
      EigenFloat.logistic(x, wantS, n);
      for (int a = 0; a <= n; a += Math.max(1, n / 13)) {
        for (int b = a; b <= n; b += Math.max(1, n / 7)) {
          float[] t = new float[n];
          float[] s = new float[n];
          int[] cuts = {0, a, b, n};
          for (int c = 0; c < 3; c++) {
            EigenFloat.tanh(x, t, cuts[c], cuts[c + 1]);
            EigenFloat.logistic(x, s, cuts[c], cuts[c + 1], n);
          }
          String where = "n=" + n + " cuts " + a + "," + b;
          assertArrayEquals(bits(wantT), bits(t), "tanh " + where);
          assertArrayEquals(bits(wantS), bits(s), "sigmoid " + where);
        }
      }
    }
  }

  private static int[] bits(float[] v) {
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Float.floatToRawIntBits(v[i]);
    }
    return r;
  }

  @Test
  void pureJavaKernelDirectly() {
    EigenFloatKernel java = new EigenFloatJava();
    float[] x = concat(specialValues(), randomBits(1 << 18, 12));
    for (Fn f : Fn.values()) {
      checkPackets(f, java, x);
    }
  }

  /** The Vector API kernel, in a JVM with the module (skipped where the JDK has none). */
  @Test
  void vectorKernelInChildJvm() throws Exception {
    if (ModuleFinder.ofSystem().find("jdk.incubator.vector").isEmpty()) {
      return;
    }
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator
        + "java";
    Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("java.class.path"), EigenFloatArrayTest.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM timed out");
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("kernel vector("), output);
  }

  /** The child JVM's checks: the same as this class's tests, on the kernel that JVM loaded. */
  public static void main(String[] args) {
    System.out.println("kernel " + EigenFloat.kernelName());
    checkAll(randomBits(1 << 20, 11));
    checkSpecials();
    checkLengths(40);
    checkPieces();
    if (EigenFloat.kernelName().startsWith("vector")) { // the packets without the tail code
      float[] x = concat(specialValues(), randomBits(1 << 18, 12));
      for (Fn f : Fn.values()) {
        checkPackets(f, EigenFloat.kernel(), x);
      }
    }
    System.out.println("ok");
  }

  // Every special in a packet (8 random floats after them: no special in the tail), then alone
  // (n = 1: the scalar function only).
  private static void checkSpecials() {
    float[] specials = specialValues();
    checkAll(concat(specials, randomBits(8, 15)));
    for (Fn f : Fn.values()) {
      for (float s : specials) {
        checkArray(f, new float[] {s}, 1, false);
      }
    }
  }

  private static void checkAll(float[] x) {
    for (Fn f : Fn.values()) {
      checkArray(f, x, x.length, false);
      checkArray(f, x, x.length, true);
    }
  }

  // Every n in [0, max], from random offsets into specials and random bits, apart and in place.
  private static void checkLengths(int max) {
    float[] pool = concat(specialValues(), randomBits(4096, 13));
    Random r = new Random(14);
    for (Fn f : Fn.values()) {
      for (int n = 0; n <= max; n++) {
        for (int t = 0; t < 20; t++) {
          int from = r.nextInt(pool.length - n);
          float[] x = Arrays.copyOfRange(pool, from, from + n + 3); // 3 past n: must stay
          checkArray(f, x, n, t % 2 == 0);
        }
      }
    }
  }

  // EigenFloat's array form over x[0..n) against the per-element split; x itself unchanged.
  private static void checkArray(Fn f, float[] x, int n, boolean inPlace) {
    float[] in = x.clone();
    float[] out = inPlace ? in : new float[x.length];
    float[] before = out.clone();
    f.array(in, out, n);
    int bulk = n - n % EigenFloat.PACKET;
    for (int i = 0; i < x.length; i++) {
      float want = i < bulk ? f.packet(x[i]) : i < n ? f.scalar(x[i]) : before[i];
      assertBits(f + (inPlace ? " in place" : "") + " n=" + n, i, x[i], want, out[i]);
    }
  }

  // One kernel on whole packets against the packet function.
  private static void checkPackets(Fn f, EigenFloatKernel k, float[] x) {
    int n = x.length - x.length % EigenFloat.PACKET;
    float[] out = new float[n];
    f.kernel(k, x, out, n);
    for (int i = 0; i < n; i++) {
      assertBits(f + " on " + k.name(), i, x[i], f.packet(x[i]), out[i]);
    }
  }

  private static void assertBits(String what, int i, float x, float want, float got) {
    int w = Float.floatToRawIntBits(want);
    int g = Float.floatToRawIntBits(got);
    if (w != g) {
      throw new AssertionError(String.format("%s: element %d, x = %s (0x%08x): want %s (0x%08x),"
          + " got %s (0x%08x)", what, i, x, Float.floatToRawIntBits(x), want, w, got, g));
    }
  }

  private static float[] randomBits(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = Float.intBitsToFloat(r.nextInt());
    }
    return x;
  }

  /**
   * Zeros, infinities, NaNs (quiet and signalling, both signs, with payloads), subnormals, the
   * MIN_NORMAL neighbourhood, each function's clamp bounds and branch points, and the inputs
   * where an intermediate or result crosses into the subnormals (Tanh's x p near |x| = 2.4e-36,
   * Exp's results below x = -87.3), each with its float neighbours, both signs.
   */
  static float[] specialValues() {
    List<Float> v = new ArrayList<>();
    float[] seeds = {0f, Float.MIN_VALUE, 2 * Float.MIN_VALUE, 0x1.234p-140f, 0x1.fffffcp-127f,
        Float.MIN_NORMAL, 0x1p-125f, 1e-37f, 2.4e-36f, 2.45e-36f, 2.5e-36f, 1e-30f, 0x1p-75f,
        0x1p-64f, 1e-10f, 0.5f, 0.70710677f, 0.7071068f, 1f, 2f, 9f, 11.98f, 17.99f, 18f, 18.5f,
        20f, 80f, 87.3f, 87.33655f, 87.5f, 88.3762626647949f, 88.3762626647950f, 88.72283f, 89f,
        100f, 1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
    for (float s : seeds) {
      for (float x : new float[] {s, -s}) {
        v.add(x);
        v.add(Math.nextUp(x));
        v.add(Math.nextDown(x));
      }
    }
    // the flush thresholds of Tanh (x p) and Exp (e^x), densely
    for (float s : new float[] {2.4e-36f, 2.45e-36f, -87.33655f, -87.3f}) {
      float x = s;
      for (int i = 0; i < 256; i++, x = Math.nextUp(x)) {
        v.add(x);
        v.add(-x);
      }
    }
    int[] nanBits = {0x7fc00000, 0x7fc00001, 0x7fc12345, 0x7fffffff, 0x7f800001, 0x7fa00000,
        0x7fbfffff};
    for (int b : nanBits) {
      v.add(Float.intBitsToFloat(b));
      v.add(Float.intBitsToFloat(b | 0x80000000));
    }
    float[] x = new float[v.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = v.get(i);
    }
    return x;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
