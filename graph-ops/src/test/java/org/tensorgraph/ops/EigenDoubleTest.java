package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Specials and the error bound of {@link EigenDouble} (TF's bits: EigenFloatConformanceTest). */
class EigenDoubleTest {
  @Test
  void expSpecials() {
    assertEquals(Double.NaN, EigenDouble.exp(Double.NaN));
    assertEquals(Double.POSITIVE_INFINITY, EigenDouble.exp(Double.POSITIVE_INFINITY));
    assertEquals(0.0, EigenDouble.exp(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, EigenDouble.exp(0.0));
    assertEquals(1.0, EigenDouble.exp(1e-310)); // denormals-are-zero
    assertEquals(0.0, EigenDouble.exp(-709.0)); // subnormal result, flushed
    assertEquals(Double.POSITIVE_INFINITY, EigenDouble.exp(710.0));
    assertEquals(0.5, EigenDouble.logistic(0.0));
  }

  @Test
  void expWithinTwoUlpOfMathExp() {
    for (int i = 0; i <= 1 << 20; i++) {
      double x = -700 + 1400.0 * i / (1 << 20);
      double e = EigenDouble.exp(x);
      assertTrue(Math.abs(e - Math.exp(x)) <= 2 * Math.ulp(Math.exp(x)), "exp " + x);
    }
  }

  @Test
  void arraysUseLibmOnTheLastPartialPacket() {
    double[] x = {-4.9997, -4.9997, -4.9997, -4.9997, -4.9997};
    double[] y = new double[5];
    EigenDouble.exp(x, y, 5);
    assertEquals(EigenDouble.exp(-4.9997), y[3]);
    assertEquals(Math.exp(-4.9997), y[4]);
    assertTrue(y[3] != y[4]);
  }
}
