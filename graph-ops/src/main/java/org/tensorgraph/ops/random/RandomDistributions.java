package org.tensorgraph.ops.random;

/**
 * TF 1.15's conversions from Philox words to numbers ({@code
 * tensorflow/core/lib/random/random_distributions.h}): uint32 → float in [0, 1), two uint32 →
 * double in [0, 1), uniform integers in [lo, hi), and the Box-Muller transform.
 *
 * <pre>{@code
 * RandomDistributions.uint32ToFloat(0x3ed0133c); // 0.40625... (low 23 bits as mantissa, minus 1)
 * RandomDistributions.uint32ToFloat(0xffffffff); // 0.99999988f, the largest value; never 1.0
 * RandomDistributions.uniformInt32(7, -3, 5);     // -3 + (7 % 5) = -1
 * }</pre>
 */
public final class RandomDistributions {
  private static final float FLOAT_EPSILON = 1.0e-7f; // Box-Muller keeps log() away from 0
  private static final double DOUBLE_EPSILON = 1.0e-7;

  private RandomDistributions() {}

  /**
   * TF's {@code Uint32ToFloat}: builds a float in [1, 2) from the low 23 bits of {@code x} and
   * subtracts 1, giving one of 2^23 evenly spaced values in [0, 1).
   *
   * @param x uint32 bits
   * @return a float in [0, 1)
   */
  public static float uint32ToFloat(int x) {
    return Float.intBitsToFloat((127 << 23) | (x & 0x7fffff)) - 1.0f;
  }

  /**
   * TF's {@code Uint64ToDouble}: 52 mantissa bits (the low 20 bits of {@code x0}, then all of
   * {@code x1}) make a double in [1, 2), minus 1.
   *
   * @param x0 uint32 bits, the high part of the mantissa
   * @param x1 uint32 bits, the low part of the mantissa
   * @return a double in [0, 1)
   */
  public static double uint64ToDouble(int x0, int x1) {
    long mantissa = ((long) (x0 & 0xfffff) << 32) | Integer.toUnsignedLong(x1);
    return Double.longBitsToDouble((1023L << 52) | mantissa) - 1.0;
  }

  /**
   * TF's {@code UniformDistribution<int32>} for one word: {@code lo + bits % range} in uint32
   * arithmetic, where {@code range = uint32(hi) - uint32(lo)}.
   *
   * @param bits uint32 bits
   * @param lo the inclusive lower bound
   * @param range {@code hi - lo} as uint32 bits (so it may look negative); must not be 0
   * @return a value in [lo, lo + range)
   */
  public static int uniformInt32(int bits, int lo, int range) {
    // TF's SignedAdd avoids signed overflow in C++; Java's int addition wraps, which gives the
    // same bits since the true sum lies in [lo, hi).
    return lo + Integer.remainderUnsigned(bits, range);
  }

  /**
   * TF's {@code UniformDistribution<int64>} for two words: {@code lo + (x0 | x1 << 32) % range} in
   * uint64 arithmetic, where {@code range = uint64(hi) - uint64(lo)}.
   *
   * @param x0 uint32 bits, the low half
   * @param x1 uint32 bits, the high half
   * @param lo the inclusive lower bound
   * @param range {@code hi - lo} as uint64 bits; must not be 0
   * @return a value in [lo, lo + range)
   */
  public static long uniformInt64(int x0, int x1, long lo, long range) {
    long bits = Integer.toUnsignedLong(x0) | ((long) x1 << 32);
    return lo + Long.remainderUnsigned(bits, range);
  }

  /**
   * TF's {@code BoxMullerFloat}: two uint32 words to two standard-normal floats, all in float
   * arithmetic with {@code logf} and {@code sincosf} from {@link Libm}.
   *
   * @param x0 uint32 bits for the radius
   * @param x1 uint32 bits for the angle
   * @param out receives {@code sin(v1) * u2} at {@code offset} and {@code cos(v1) * u2} after it
   * @param offset where to write in {@code out}
   */
  public static void boxMullerFloat(int x0, int x1, float[] out, int offset) {
    float u1 = uint32ToFloat(x0);
    if (u1 < FLOAT_EPSILON) {
      u1 = FLOAT_EPSILON;
    }
    // TF writes 2.0f * M_PI * u: M_PI is a double, so the product is a double rounded once.
    float v1 = (float) (2.0 * Math.PI * uint32ToFloat(x1));
    float u2 = (float) Math.sqrt(-2.0f * Libm.logf(u1)); // sqrt of a float is exact via double
    Libm.sincosf(v1, out, offset);
    out[offset] *= u2;
    out[offset + 1] *= u2;
  }

  /**
   * TF's {@code BoxMullerDouble}: four uint32 words to two standard-normal doubles.
   *
   * @param x0 high mantissa bits of the radius uniform
   * @param x1 low mantissa bits of the radius uniform
   * @param x2 high mantissa bits of the angle uniform
   * @param x3 low mantissa bits of the angle uniform
   * @param out receives {@code sin(v1) * u2} at {@code offset} and {@code cos(v1) * u2} after it
   * @param offset where to write in {@code out}
   */
  public static void boxMullerDouble(int x0, int x1, int x2, int x3, double[] out, int offset) {
    double u1 = uint64ToDouble(x0, x1);
    if (u1 < DOUBLE_EPSILON) {
      u1 = DOUBLE_EPSILON;
    }
    double v1 = 2 * Math.PI * uint64ToDouble(x2, x3);
    double u2 = Math.sqrt(-2.0 * Libm.log(u1));
    out[offset] = Libm.sin(v1) * u2;
    out[offset + 1] = Libm.cos(v1) * u2;
  }
}
