package org.tensorgraph.ops.random;

/**
 * The C library math functions that TF's Box-Muller transform calls, computed so that the results
 * are the bits TF gets on Linux.
 *
 * <p>TF 1.15's Linux build calls glibc's {@code logf} and {@code sincosf}. Since glibc 2.28 both
 * are table-driven double-precision algorithms rounded once to float (from ARM's
 * optimized-routines; {@code sysdeps/ieee754/flt-32/e_logf.c} and {@code s_sincosf.c}). Java's
 * {@code (float) StrictMath.log(x)} is correctly rounded, glibc's {@code logf} is not always (up to
 * 0.82 ulp): they differ on 60,931 of the 2^23 radii Box-Muller can pass, and {@code (float)
 * StrictMath.sin/cos} differ from glibc's {@code sincosf} on about 108,000 of its 2^23 angles. So
 * this class ports glibc's algorithms instead.
 * Checked against glibc 2.36 on x86-64, bit for bit, for every float in [2^-126, 2) ({@code
 * logf}) and every float in [0, 6.3] ({@code sincosf}), with both the FMA and the SSE2 evaluation
 * order (they agree on these ranges). TF only calls them on [1e-7, 1) and [0, 2π). A system
 * with a glibc older than 2.28 runs older algorithms, and TF's normals there can differ from ours.
 *
 * <p>The double functions are not ports: they use {@link Math}, whose HotSpot x86-64 intrinsics
 * agree with glibc 2.36's {@code log}, {@code sin} and {@code cos} on about 99.8% of Box-Muller's
 * inputs ({@link StrictMath}'s fdlibm agrees on only 93-97%). Where they differ the results are
 * 1 ulp apart, so float64 normals can differ from TF's in the last few bits.
 */
public final class Libm {
  // glibc __logf_data: 16 subintervals of [0x3f330000, 2 * 0x3f330000), {1/c, log(c)} each.
  private static final double[] LOGF_INVC = {
    0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
    0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
    0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
    0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
  };
  private static final double[] LOGF_LOGC = {
    -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
    -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
    -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4,
    0x1.526e57720db08p-3, 0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2,
  };
  private static final double LN2 = 0x1.62e42fefa39efp-1;
  private static final double LOGF_A0 = -0x1.00ea348b88334p-2;
  private static final double LOGF_A1 = 0x1.5575b0be00b6ap-2;
  private static final double LOGF_A2 = -0x1.ffffef20a4123p-2;
  private static final int LOGF_OFF = 0x3f330000;

  // glibc __sincosf_table: quadrant signs, 2/pi * 2^24, pi/2, cosine and sine polynomials.
  private static final double[] SIGN = {1.0, -1.0, -1.0, 1.0};
  private static final double HPI_INV = 0x1.45F306DC9C883p+23;
  private static final double HPI = 0x1.921FB54442D18p0;
  private static final double C0 = 0x1p0;
  private static final double C1 = -0x1.ffffffd0c621cp-2;
  private static final double C2 = 0x1.55553e1068f19p-5;
  private static final double C3 = -0x1.6c087e89a359dp-10;
  private static final double C4 = 0x1.99343027bf8c3p-16;
  private static final double S1 = -0x1.555545995a603p-3;
  private static final double S2 = 0x1.1107605230bc4p-7;
  private static final double S3 = -0x1.994eb3774cf24p-13;
  private static final int TOP12_PIO4 = top12(0x1.921FB6p-1f);
  private static final int TOP12_TINY = top12(0x1p-12f);
  private static final int TOP12_120 = top12(120.0f);

  private Libm() {}

  /**
   * glibc's {@code logf}, bit for bit (also what TF's Log computes on a tensor's scalar tail).
   *
   * <pre>{@code
   * Libm.logf(7f);   // 1.9459101f, as glibc (Eigen's packet log gives 1.9459102f)
   * }</pre>
   */
  public static float logf(float x) {
    int ix = Float.floatToRawIntBits(x);
    if (ix == 0x3f800000) {
      return 0f;
    }
    if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0) {
      if (ix << 1 == 0) {
        return Float.NEGATIVE_INFINITY;
      }
      if (ix == 0x7f800000) {
        return x;
      }
      if (ix < 0 || Integer.compareUnsigned(ix << 1, 0xff000000) >= 0) {
        return Float.NaN;
      }
      ix = Float.floatToRawIntBits(x * 0x1p23f) - (23 << 23); // subnormal: normalize
    }
    // x = 2^k z with z in [OFF, 2 OFF); log(x) = log1p(z/c - 1) + log(c) + k ln2.
    int tmp = ix - LOGF_OFF;
    int i = (tmp >>> 19) & 15;
    int k = tmp >> 23;
    double z = Float.intBitsToFloat(ix - (tmp & (0x1ff << 23)));
    double r = z * LOGF_INVC[i] - 1;
    double y0 = LOGF_LOGC[i] + k * LN2;
    double r2 = r * r;
    double y = LOGF_A1 * r + LOGF_A2;
    y = LOGF_A0 * r2 + y;
    y = y * r2 + (y0 + r);
    return (float) y;
  }

  /**
   * glibc's {@code sincosf}: writes sin(y) to {@code out[offset]} and cos(y) to {@code
   * out[offset + 1]}. Bit-exact for |y| < 120, where glibc reduces the argument with one multiply;
   * larger arguments (never produced by Box-Muller) fall back to {@link StrictMath}.
   */
  static void sincosf(float y, float[] out, int offset) {
    int top = top12(y);
    double x = y;
    if (top < TOP12_PIO4) {
      if (top < TOP12_TINY) {
        out[offset] = y;
        out[offset + 1] = 1.0f;
        return;
      }
      sincosPoly(x, x * x, 1.0, 0, out, offset);
    } else if (top < TOP12_120) {
      // Quadrant n from 2/pi * 2^24 scaled, so the conversion truncates toward the right value.
      int n = ((int) (x * HPI_INV) + 0x800000) >> 24;
      x = x - n * HPI;
      double s = SIGN[n & 3];
      // glibc's second table negates the cosine polynomial for quadrants 2 and 3.
      sincosPoly(x * s, x * x, (n & 2) != 0 ? -1.0 : 1.0, n, out, offset);
    } else {
      out[offset] = (float) StrictMath.sin(y);
      out[offset + 1] = (float) StrictMath.cos(y);
    }
  }

  // glibc's sincosf_poly; cosSign -1 selects the table with the negated cosine polynomial.
  private static void sincosPoly(
      double x, double x2, double cosSign, int n, float[] out, int offset) {
    double x4 = x2 * x2;
    double x3 = x2 * x;
    double c2 = cosSign * C3 + x2 * (cosSign * C4);
    double s1 = S2 + x2 * S3;
    double c1 = cosSign * C0 + x2 * (cosSign * C1);
    double x5 = x3 * x2;
    double x6 = x4 * x2;
    double s = x + x3 * S1;
    double c = c1 + x4 * (cosSign * C2);
    float sin = (float) (s + x5 * s1);
    float cos = (float) (c + x6 * c2);
    boolean swap = (n & 1) != 0; // odd quadrants swap the sine and cosine results
    out[offset] = swap ? cos : sin;
    out[offset + 1] = swap ? sin : cos;
  }

  private static int top12(float x) {
    return (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
  }

  /** The C library's {@code log} for doubles; see the class note on exactness. */
  static double log(double x) {
    return Math.log(x);
  }

  /** The C library's {@code sin} for doubles; see the class note on exactness. */
  static double sin(double x) {
    return Math.sin(x);
  }

  /** The C library's {@code cos} for doubles; see the class note on exactness. */
  static double cos(double x) {
    return Math.cos(x);
  }
}
