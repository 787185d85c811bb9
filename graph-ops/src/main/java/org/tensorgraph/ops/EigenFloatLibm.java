package org.tensorgraph.ops;

/**
 * glibc's float {@code expf} and {@code logf} (2.28 and later: Szabolcs Nagy's ARM
 * optimized-routines code, {@code sysdeps/ieee754/flt-32/e_expf.c}, {@code e_logf.c} and their
 * {@code e_exp2f_data.c}/{@code e_logf_data.c} tables), which TF 1.15's scalar Exp, Log and
 * Sigmoid paths call through {@code std::exp}/{@code std::log}. Neither is correctly rounded
 * (expf is within 0.502 ulp, logf 0.818 ulp), so {@code (float) Math.exp(x)} differs from them
 * on a few inputs in 10^4; these ports match TF on a Debian 12 (glibc 2.36) host bit for bit.
 *
 * <pre>{@code
 * EigenFloatLibm.expf(7.250717f);   // 1409.1151 ((float) Math.exp: 1409.115)
 * EigenFloatLibm.logf(164.57143f);  // 5.1033444 ((float) Math.log: 5.103345)
 * }</pre>
 *
 * <p>On x86-64 glibc picks an FMA build of both where the CPU has FMA; the only fusable steps
 * are in double precision with ample margin, and the fused and unfused forms agree on every
 * 17th float bit pattern (checked once offline), so the unfused form stands for both.
 */
final class EigenFloatLibm {
  private EigenFloatLibm() {}

  // __exp2f_data.tab[i] = bits(2^(i/32)) - (i << 47): 2^(k/32) is double(tab[k % 32] + (k << 47))
  private static final long[] EXP2_TAB = {
    0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
    0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
    0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
    0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
    0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
    0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
    0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
    0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
  };
  private static final double SHIFT = 0x1.8p+52;
  private static final double INV_LN2_N = 0x1.71547652b82fep+0 * 32;
  // __exp2f_data.poly_scaled: poly[k] / 32^(3 - k)
  private static final double E0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32;
  private static final double E1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;
  private static final double E2 = 0x1.62e42ff0c52d6p-1 / 32;

  /** glibc's expf: e^x = 2^(k/32) * 2^(r/32), a 32-entry table and a cubic. */
  static float expf(float x) {
    int abstop = (Float.floatToRawIntBits(x) >>> 20) & 0x7ff;
    if (abstop >= (Float.floatToRawIntBits(88f) >>> 20)) {
      if (x == Float.NEGATIVE_INFINITY) {
        return 0f;
      }
      if (abstop >= 0x7f8) {
        return x + x; // +inf or NaN
      }
      if (x > 0x1.62e42ep6f) {
        return Float.POSITIVE_INFINITY;
      }
      if (x < -0x1.9fe368p6f) {
        return 0f;
      }
    }
    double z = INV_LN2_N * x;
    double kd = z + SHIFT; // rounds z to an integer held in the low bits
    long ki = Double.doubleToRawLongBits(kd);
    kd -= SHIFT;
    double r = z - kd;
    double s = Double.longBitsToDouble(EXP2_TAB[(int) (ki & 31)] + (ki << 47));
    double p = E0 * r + E1;
    double y = E2 * r + 1;
    y = p * (r * r) + y;
    return (float) (y * s);
  }

  /** glibc's logf; one port serves the random ops and the Log kernel. */
  static float logf(float x) {
    return org.tensorgraph.ops.random.Libm.logf(x);
  }
}
