package org.tensorgraph.ops.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RandomDistributionsTest {
  record FloatCase(String name, int bits, float expected) {}

  // Expected values follow from the definition: the low 23 bits m give exactly m * 2^-23.
  static Stream<FloatCase> floats() {
    return Stream.of(
        new FloatCase("zero", 0, 0.0f),
        new FloatCase("high bits ignored", 0xff800000, 0.0f),
        new FloatCase("smallest step", 1, 0x1p-23f),
        new FloatCase("half", 0x400000, 0.5f),
        new FloatCase("largest", 0xffffffff, 1.0f - 0x1p-23f),
        new FloatCase("largest, high bits clear", 0x7fffff, 1.0f - 0x1p-23f));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floats")
  void uint32ToFloatUsesTheLow23Bits(FloatCase c) {
    assertEquals(c.expected(), RandomDistributions.uint32ToFloat(c.bits()));
  }

  @Test
  void uint32ToFloatIsExactlyTheMantissaTimesTwoToMinus23() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      int bits = random.nextInt();
      float expected = (bits & 0x7fffff) * 0x1p-23f;
      assertEquals(expected, RandomDistributions.uint32ToFloat(bits), () -> "bits " + bits);
    }
  }

  @Test
  void uint64ToDoubleUses52MantissaBits() {
    assertEquals(0.0, RandomDistributions.uint64ToDouble(0xfff00000, 0));
    assertEquals(1.0 - 0x1p-52, RandomDistributions.uint64ToDouble(-1, -1));
    assertEquals(0x1p-52, RandomDistributions.uint64ToDouble(0, 1));
    assertEquals(0x1p-20, RandomDistributions.uint64ToDouble(1, 0));
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 100_000; i++) {
      int hi = random.nextInt();
      int lo = random.nextInt();
      long mantissa = ((long) (hi & 0xfffff) << 32) | Integer.toUnsignedLong(lo);
      assertEquals(mantissa * 0x1p-52, RandomDistributions.uint64ToDouble(hi, lo));
    }
  }

  record IntCase(String name, int lo, int hi) {}

  static Stream<IntCase> intRanges() {
    return Stream.of(
        new IntCase("positive", 3, 10),
        new IntCase("negative", -10, -3),
        new IntCase("around zero", -5, 5),
        new IntCase("range one", 7, 8),
        new IntCase("range one at min", Integer.MIN_VALUE, Integer.MIN_VALUE + 1),
        new IntCase("full int range", Integer.MIN_VALUE, Integer.MAX_VALUE),
        new IntCase("wider than int max", -2, Integer.MAX_VALUE),
        new IntCase("power of two", 0, 1 << 20));
  }

  // Reference: lo + (bits as unsigned) mod (hi - lo), in exact integer arithmetic.
  @ParameterizedTest(name = "{0}")
  @MethodSource("intRanges")
  void uniformInt32IsLoPlusUnsignedRemainder(IntCase c) {
    int range = c.hi() - c.lo();
    long width = (long) c.hi() - c.lo();
    SplittableRandom random = new SplittableRandom(5);
    int[] special = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int i = 0; i < 20_000; i++) {
      int bits = i < special.length ? special[i] : random.nextInt();
      long expected = c.lo() + Integer.toUnsignedLong(bits) % width;
      int actual = RandomDistributions.uniformInt32(bits, c.lo(), range);
      assertEquals(expected, actual, () -> "bits " + Integer.toUnsignedString(bits));
      assertTrue(actual >= c.lo() && actual < c.hi());
    }
  }

  record LongCase(String name, long lo, long hi) {}

  static Stream<LongCase> longRanges() {
    return Stream.of(
        new LongCase("small", -3, 4),
        new LongCase("range one", -1, 0),
        new LongCase("beyond int", -(1L << 40), 1L << 40),
        new LongCase("full long range", Long.MIN_VALUE, Long.MAX_VALUE),
        new LongCase("wider than long max", -2, Long.MAX_VALUE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("longRanges")
  void uniformInt64IsLoPlusUnsignedRemainder(LongCase c) {
    BigInteger width = BigInteger.valueOf(c.hi()).subtract(BigInteger.valueOf(c.lo()));
    SplittableRandom random = new SplittableRandom(6);
    for (int i = 0; i < 20_000; i++) {
      int x0 = i == 0 ? -1 : random.nextInt();
      int x1 = i == 0 ? -1 : random.nextInt();
      BigInteger bits =
          BigInteger.valueOf(Integer.toUnsignedLong(x1))
              .shiftLeft(32)
              .or(BigInteger.valueOf(Integer.toUnsignedLong(x0)));
      long expected = BigInteger.valueOf(c.lo()).add(bits.mod(width)).longValueExact();
      assertEquals(expected, RandomDistributions.uniformInt64(x0, x1, c.lo(), c.hi() - c.lo()));
    }
  }

  @Test
  void boxMullerFloatClampsTheRadiusAndStaysFinite() {
    float[] out = new float[2];
    // u1 = 0 is clamped to 1e-7, the largest radius sqrt(-2 log 1e-7) ~ 5.68.
    RandomDistributions.boxMullerFloat(0, 0x200000, out, 0); // angle 2 pi * 0.25
    float radius = (float) Math.sqrt(-2 * Math.log(1e-7f));
    assertEquals(radius, out[0], 1e-5f);
    assertEquals(0.0f, out[1], 1e-5f);
  }

  @Test
  void boxMullerDoubleClampsTheRadius() {
    double[] out = new double[2];
    RandomDistributions.boxMullerDouble(0, 0, 0, 0, out, 0); // angle 0
    assertEquals(0.0, out[0]);
    assertEquals(Math.sqrt(-2 * Math.log(1e-7)), out[1], 1e-12);
  }
}
