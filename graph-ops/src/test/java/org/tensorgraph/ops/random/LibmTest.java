package org.tensorgraph.ops.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The glibc ports against Java's correctly rounded results: within one ulp everywhere Box-Muller
 * calls them. Bit-equality with glibc itself is checked through TensorFlow in the conformance
 * module.
 */
class LibmTest {
  @Test
  void logfIsWithinOneUlpOfTheCorrectlyRoundedLogOnEveryBoxMullerInput() {
    int differ = 0;
    for (int m = 1; m < 1 << 23; m++) { // every u1 = m * 2^-23 Box-Muller can pass
      float x = m * 0x1p-23f;
      float expected = (float) StrictMath.log(x);
      float actual = Libm.logf(x);
      assertTrue(Math.abs(actual - expected) <= Math.ulp(expected), () -> "logf(" + x + ")");
      differ += actual != expected ? 1 : 0;
    }
    // glibc's logf is not correctly rounded (0.82 ulp worst case): it differs on 60931 of these
    // 2^23 inputs, which is why Box-Muller cannot use (float) StrictMath.log.
    assertTrue(
        differ > 0 && differ < (1 << 23) / 100,
        "logf differs from the rounded log on " + differ + " inputs");
  }

  record Special(String name, float x, float expected) {}

  static Stream<Special> specials() {
    return Stream.of(
        new Special("one", 1f, 0f),
        new Special("zero", 0f, Float.NEGATIVE_INFINITY),
        new Special("infinity", Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY),
        new Special("negative", -1f, Float.NaN),
        new Special("nan", Float.NaN, Float.NaN),
        new Special("subnormal", Float.MIN_VALUE, (float) StrictMath.log(Float.MIN_VALUE)),
        new Special("clamp", 1e-7f, (float) StrictMath.log(1e-7f)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specials")
  void logfSpecialValues(Special c) {
    assertEquals(c.expected(), Libm.logf(c.x()));
  }

  @Test
  void sincosfIsWithinOneUlpOnEveryBoxMullerAngle() {
    float[] out = new float[2];
    for (int m = 0; m < 1 << 23; m += 7) { // angles 2 pi u, as Box-Muller makes them
      float v = (float) (2.0 * Math.PI * (m * 0x1p-23f));
      Libm.sincosf(v, out, 0);
      float sin = (float) StrictMath.sin(v);
      float cos = (float) StrictMath.cos(v);
      assertTrue(Math.abs(out[0] - sin) <= Math.ulp(sin), () -> "sinf(" + v + ")");
      assertTrue(Math.abs(out[1] - cos) <= Math.ulp(cos), () -> "cosf(" + v + ")");
    }
  }

  @Test
  void sincosfTinyAndLargeArguments() {
    float[] out = new float[2];
    Libm.sincosf(1e-5f, out, 0);
    assertEquals(1e-5f, out[0]);
    assertEquals(1.0f, out[1]);
    Libm.sincosf(1000f, out, 0);
    assertEquals((float) StrictMath.sin(1000f), out[0]);
    assertEquals((float) StrictMath.cos(1000f), out[1]);
  }
}
