package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.tensorgraph.conformance.Differential.Tolerance;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;

/**
 * Compares TF's tensor with ours: dtype, shape, then every element. Integers and bools must be
 * equal; floats per {@link Tolerance}. A failure names the worst element: its index, both values
 * and their distance in ulps.
 */
final class TensorCompare {
  static final long MAX_ULPS = 2;
  static final double MAX_RELATIVE = 1e-6;

  private TensorCompare() {}

  static void assertMatches(Tensor tf, Tensor ours, Tolerance tolerance, String what) {
    assertEquals(tf.dtype(), ours.dtype(), what + ": dtype");
    assertEquals(tf.shape(), ours.shape(), what + ": shape");
    DType dtype = tf.dtype();
    if (!dtype.isFloating()) {
      assertArrayEquals(exactBits(tf), exactBits(ours), () -> what + ": TF " + tf.repr()
          + " vs ours " + ours.repr());
      return;
    }
    int worst = -1;
    long worstUlps = 0;
    for (int i = 0; i < tf.size(); i++) {
      double e = tf.getAsDouble(i);
      double a = ours.getAsDouble(i);
      long ulps = distance(tf, ours, i);
      if (!agrees(e, a, ulps, tolerance) && (worst < 0 || ulps > worstUlps)) {
        worst = i;
        worstUlps = ulps;
      }
    }
    if (worst >= 0) {
      fail(String.format("%s: element %d: TF %s vs ours %s (%d ulp, %s)%n TF   %s%n ours %s",
          what, worst, tf.getAsDouble(worst), ours.getAsDouble(worst), worstUlps, tolerance,
          tf.repr(), ours.repr()));
    }
  }

  private static boolean agrees(double e, double a, long ulps, Tolerance tolerance) {
    if (Double.isNaN(e) || Double.isNaN(a)) {
      return Double.isNaN(e) && Double.isNaN(a);
    }
    if (Double.isInfinite(e) || Double.isInfinite(a)) {
      return e == a; // MAX_VALUE is 1 ulp from infinity, but no approximation of it
    }
    if (tolerance == Tolerance.EXACT) {
      return ulps == 0 && (Double.doubleToRawLongBits(e) == Double.doubleToRawLongBits(a));
    }
    return e == a
        || ulps <= MAX_ULPS
        || Math.abs(e - a) <= MAX_RELATIVE * Math.max(Math.abs(e), Math.abs(a));
  }

  // Ulps between the two values in their own precision (float32 ulps for float32 tensors).
  private static long distance(Tensor tf, Tensor ours, int i) {
    if (tf.dtype() == DType.FLOAT32) {
      float[] e = (float[]) tf.rawData();
      float[] a = (float[]) ours.rawData();
      return Math.abs((long) Bits.ordered(e[i]) - Bits.ordered(a[i]));
    }
    double[] e = (double[]) tf.rawData();
    double[] a = (double[]) ours.rawData();
    long d = Bits.ordered(e[i]) - Bits.ordered(a[i]);
    return d == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(d);
  }

  private static long[] exactBits(Tensor t) {
    long[] bits = new long[t.size()];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = switch (t.dtype()) {
        case INT32 -> ((int[]) t.rawData())[i];
        case INT64 -> ((long[]) t.rawData())[i];
        default -> ((boolean[]) t.rawData())[i] ? 1 : 0;
      };
    }
    return bits;
  }
}
