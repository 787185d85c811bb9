package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Specials, monotonicity and error bounds of {@link EigenFloat} (the bit-exactness against TF
 * 1.15 is {@code EigenFloatConformanceTest}'s job). Bounds are measured on 2^20 evenly spaced
 * points, against the double-precision function.
 */
class EigenFloatTest {
  static final float NAN = Float.NaN;
  static final float INF = Float.POSITIVE_INFINITY;

  @Test
  void tanhSpecials() {
    assertEquals(NAN, EigenFloat.tanh(NAN));
    assertEquals(1f, EigenFloat.tanh(INF));
    assertEquals(-1f, EigenFloat.tanh(-INF));
    assertEquals(0f, EigenFloat.tanh(0f));
    assertEquals(-0f, EigenFloat.tanh(-0f)); // assertEquals on floats tells -0 from +0
    assertEquals(0f, EigenFloat.tanh(1e-37f)); // x * p is subnormal and TF flushes it
    assertEquals(-0f, EigenFloat.tanh(-Float.MIN_VALUE));
    assertEquals(EigenFloat.tanh(9f), EigenFloat.tanh(1e30f)); // clamped at 9
  }

  @Test
  void logisticSpecials() {
    assertEquals(NAN, EigenFloat.logistic(NAN));
    assertEquals(1f, EigenFloat.logistic(INF));
    assertEquals(0f, EigenFloat.logistic(-INF));
    assertEquals(0.5f, EigenFloat.logistic(0f));
    assertEquals(6.2584877e-6f, EigenFloat.logistic(-11.98f)); // TF 1.15's packet values
    assertEquals(6.198883e-6f, EigenFloat.logistic(-11.980002f));
    assertEquals(NAN, EigenFloat.logisticScalar(NAN));
    assertEquals(0f, EigenFloat.logisticScalar(-18.5f));
    assertEquals(1f, EigenFloat.logisticScalar(18.5f));
  }

  @Test
  void expSpecials() {
    assertEquals(NAN, EigenFloat.exp(NAN));
    assertEquals(INF, EigenFloat.exp(INF));
    assertEquals(0f, EigenFloat.exp(-INF));
    assertEquals(1f, EigenFloat.exp(0f));
    assertEquals(1f, EigenFloat.exp(Float.MIN_VALUE));
    assertEquals(INF, EigenFloat.exp(89f));
    assertEquals(0f, EigenFloat.exp(-87.7f)); // subnormal result, flushed
    assertEquals(0f, EigenFloat.expScalar(-100f));
    assertEquals(INF, EigenFloat.expScalar(89f));
  }

  @Test
  void logSpecials() {
    for (Function<Float, Float> log : java.util.List.<Function<Float, Float>>of(
        EigenFloat::log, EigenFloat::logScalar)) {
      assertEquals(NAN, log.apply(NAN));
      assertEquals(NAN, log.apply(-1f));
      assertEquals(NAN, log.apply(-INF));
      assertEquals(INF, log.apply(INF));
      assertEquals(-INF, log.apply(0f));
      assertEquals(-INF, log.apply(-0f));
      assertEquals(-INF, log.apply(Float.MIN_VALUE)); // denormals-are-zero
      assertEquals(-INF, log.apply(-1e-39f));
      assertEquals(0f, log.apply(1f));
    }
    assertEquals(1.9459102f, EigenFloat.log(7f)); // TF 1.15's packet value
    assertEquals(1.9459101f, EigenFloat.logScalar(7f));
  }

  @Test
  void monotoneWhereEigenIs() {
    assertNonDecreasing(EigenFloat::exp, -87f, 88f, 0);
    assertNonDecreasing(EigenFloat::log, 1e-6f, 1000f, 0);
    // The rationals are monotone only up to rounding: a step back of a few ulp occurs (the last
    // ones at x = 8.99998 for tanh and x = 17.9998 for sigmoid), and tanh even leaves [-1, 1]
    // (tanh(-8.635616f) = -1.0000001f). TF 1.15 returns the same values.
    assertNonDecreasing(EigenFloat::tanh, -10f, 10f, 5e-7f);
    assertNonDecreasing(EigenFloat::logistic, -20f, 20f, 4.5e-7f); // 2x the error bound
  }

  @Test
  void errorBounds() {
    // Measured maxima: tanh 3.52e-7 absolute (at -5.81); sigmoid 2.20e-7 absolute (at -16.8;
    // relative error is large for x < -9, where results are multiples of 2^-25); exp 7.96e-8
    // relative (under 1 ulp); log 2.72e-7 absolute on (0, 1000] (0.6 ulp at 345).
    assertTrue(maxAbsError(EigenFloat::tanh, Math::tanh, -10f, 10f) < 4e-7);
    assertTrue(maxAbsError(EigenFloat::logistic, x -> 1 / (1 + Math.exp(-x)), -20f, 20f) < 2.5e-7);
    assertTrue(maxRelError(EigenFloat::exp, Math::exp, -87f, 88f) < 1e-7);
    assertTrue(maxAbsError(EigenFloat::log, Math::log, 1e-6f, 1000f) < 3e-7);
  }

  @Test
  void arraysUseTheScalarFunctionsOnTheLastPartialPacket() {
    float[] x = new float[11];
    java.util.Arrays.fill(x, -17.866669f);
    float[] y = new float[11];
    EigenFloat.logistic(x, y, 11);
    assertEquals(EigenFloat.logistic(x[0]), y[7]);
    assertEquals(EigenFloat.logisticScalar(x[0]), y[8]);
    assertTrue(y[7] != y[8]);
  }

  @Test
  void glibcExpfAndLogfAreWithinAnUlpOfCorrectlyRounded() {
    assertEquals(1409.1151f, EigenFloatLibm.expf(7.250717f)); // (float) Math.exp: 1409.115
    assertEquals(5.1033444f, EigenFloatLibm.logf(164.57143f)); // (float) Math.log: 5.103345
    int expDiffers = 0;
    for (long b = 0; b < 1L << 32; b += 4099) {
      float x = Float.intBitsToFloat((int) b);
      float e = EigenFloatLibm.expf(x);
      float l = EigenFloatLibm.logf(x);
      assertTrue(ulps(e, (float) Math.exp(x)) <= 1, "expf " + x);
      assertTrue(ulps(l, (float) Math.log(x)) <= 1, "logf " + x);
      expDiffers += ulps(e, (float) Math.exp(x));
    }
    assertTrue(expDiffers > 0, "expf is not correctly rounded everywhere");
    assertEquals(0f, EigenFloatLibm.expf(Float.NEGATIVE_INFINITY));
    assertEquals(INF, EigenFloatLibm.expf(88.73f));
    assertEquals(NAN, EigenFloatLibm.expf(NAN));
    assertEquals(NAN, EigenFloatLibm.logf(-1f));
    assertEquals(-INF, EigenFloatLibm.logf(0f));
    assertEquals((float) Math.log(1e-40f), EigenFloatLibm.logf(1e-40f)); // subnormal
  }

  static int ulps(float a, float b) {
    if (Float.isNaN(a) || Float.isNaN(b)) {
      return Float.isNaN(a) && Float.isNaN(b) ? 0 : Integer.MAX_VALUE;
    }
    return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
  }

  static final int N = 1 << 20;

  static void assertNonDecreasing(Function<Float, Float> f, float lo, float hi, float slack) {
    float prev = f.apply(lo);
    for (int i = 1; i <= N; i++) {
      float x = lo + (hi - lo) * i / N;
      float y = f.apply(x);
      assertTrue(y >= prev - slack, "decreases at " + x + ": " + prev + " -> " + y);
      prev = y;
    }
  }

  static double maxAbsError(Function<Float, Float> f, DoubleUnaryOperator exact, float lo,
      float hi) {
    double max = 0;
    for (int i = 0; i <= N; i++) {
      float x = lo + (hi - lo) * i / N;
      max = Math.max(max, Math.abs(f.apply(x) - exact.applyAsDouble(x)));
    }
    return max;
  }

  static double maxRelError(Function<Float, Float> f, DoubleUnaryOperator exact, float lo,
      float hi) {
    double max = 0;
    for (int i = 0; i <= N; i++) {
      float x = lo + (hi - lo) * i / N;
      double e = exact.applyAsDouble(x);
      max = Math.max(max, Math.abs(f.apply(x) - e) / e);
    }
    return max;
  }
}
