package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** Bit-level comparison of flat arrays, and ulp statistics where bits may differ. */
final class Bits {
  private Bits() {}

  /** Asserts that two flat arrays of the same element type hold identical bits. */
  static void assertSameBits(Object expected, Object actual, String what) {
    assertEquals(expected.getClass(), actual.getClass(), what);
    if (expected instanceof float[] e) {
      assertArrayEquals(
          floatBits(e), floatBits((float[]) actual), () -> what + differences(e, actual));
    } else if (expected instanceof double[] e) {
      assertArrayEquals(doubleBits(e), doubleBits((double[]) actual), what);
    } else if (expected instanceof int[] e) {
      assertArrayEquals(e, (int[]) actual, what);
    } else {
      assertArrayEquals((long[]) expected, (long[]) actual, what);
    }
  }

  private static String differences(float[] expected, Object actual) {
    return ": TF " + Arrays.toString(expected) + " vs ours " + Arrays.toString((float[]) actual);
  }

  static int[] floatBits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  static long[] doubleBits(double[] values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToRawLongBits(values[i]);
    }
    return bits;
  }

  /** How many values matched exactly and the largest distance in ulps, over many arrays. */
  static final class UlpStats {
    long count;
    long exact;
    long maxUlp;

    void add(Object expected, Object actual) {
      if (expected instanceof float[] e) {
        float[] a = (float[]) actual;
        for (int i = 0; i < e.length; i++) {
          record(Math.abs((long) ordered(e[i]) - ordered(a[i])));
        }
      } else {
        double[] e = (double[]) expected;
        double[] a = (double[]) actual;
        for (int i = 0; i < e.length; i++) {
          record(Math.abs(ordered(e[i]) - ordered(a[i])));
        }
      }
    }

    private void record(long ulps) {
      count++;
      exact += ulps == 0 ? 1 : 0;
      maxUlp = Math.max(maxUlp, ulps);
    }

    @Override
    public String toString() {
      return String.format(
          "%d of %d values bit-exact (%.4f%%), max %d ulp",
          exact, count, 100.0 * exact / Math.max(1, count), maxUlp);
    }
  }

  // Maps a float's bits to an integer that is monotone in the float's value.
  static int ordered(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits < 0 ? Integer.MIN_VALUE - bits : bits;
  }

  static long ordered(double d) {
    long bits = Double.doubleToRawLongBits(d);
    return bits < 0 ? Long.MIN_VALUE - bits : bits;
  }
}
