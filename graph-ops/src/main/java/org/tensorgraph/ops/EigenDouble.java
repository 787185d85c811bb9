package org.tensorgraph.ops;

/**
 * TF 1.15's float64 {@code Exp} and {@code Sigmoid} where they differ from libm: the packet path
 * (AVX, 4 doubles a packet, no FMA) runs Eigen's {@code pexp_double} (Eigen {@code 49177915a14a},
 * arch/Default/GenericPacketMathFunctions.h), and Sigmoid's packet path is {@code 1 / (1 +
 * pexp(-x))} (the generic {@code scalar_logistic_op<T>}). The last {@code n % 4} elements, and
 * every element of Tanh and Log in float64, go to libm ({@code std::exp}, {@code std::tanh},
 * {@code std::log}), which {@link Math} approximates to within 1 ulp (glibc's double functions are
 * not correctly rounded either; measured ~0.2% of elements 1 ulp apart for exp, ~0.01% for
 * tanh and log).
 *
 * <pre>{@code
 * EigenDouble.exp(-4.9997);         // TF's packet value; Math.exp differs by 1 ulp here
 * double[] y = new double[5];
 * EigenDouble.exp(x, y, 5);         // y[0..3] by exp(double), y[4] by expScalar(double)
 * }</pre>
 */
public final class EigenDouble {
  private EigenDouble() {}

  /** Eigen's AVX double packet width: the last {@code n % PACKET} elements run scalar code. */
  public static final int PACKET = 4;

  /**
   * {@code pexp_double}: x clamped to [-709.436139303, 709.437], fx = floor(x log2(e) + 1/2), g =
   * x - fx C1 - fx C2, exp(g) = 1 + 2 g P(g^2) / (Q(g^2) - g P(g^2)), times 2^fx from the exponent
   * bits; {@code max(result, x)} restores +inf; subnormal results flush to zero as in TF's threads.
   */
  public static double exp(double in) {
    double xin = daz(in);
    double x = pmax(pmin(xin, 709.437), -709.436139303);
    double fx = Math.floor(1.4426950408889634073599 * x + 0.5);
    double tmp = fx * 0.693145751953125;
    double z = fx * 1.42860682030941723212e-6;
    x = x - tmp;
    x = x - z;
    double x2 = x * x;
    double px = 1.26177193074810590878e-4;
    px = px * x2 + 3.02994407707441961300e-2;
    px = px * x2 + 9.99999999999999999910e-1;
    px = px * x;
    double qx = 3.00198505138664455042e-6;
    qx = qx * x2 + 2.52448340349684104192e-3;
    qx = qx * x2 + 2.27265548208155028766e-1;
    qx = qx * x2 + 2.00000000000000000009e0;
    x = px / (qx - px);
    x = 2.0 * x + 1.0;
    return pmax(ftz(x * Double.longBitsToDouble(((long) (fx + 1023.0)) << 52)), xin);
  }

  /** TF's float64 Exp on the scalar (tail) path: libm's exp (here {@link Math#exp}). */
  public static double expScalar(double in) {
    return ftz(Math.exp(daz(in)));
  }

  /** TF's float64 Sigmoid on the packet path: {@code 1 / (1 + pexp(-x))}. */
  public static double logistic(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  /** TF's float64 Sigmoid on the scalar path: {@code 1 / (1 + std::exp(-x))}. */
  public static double logisticScalar(double x) {
    return 1.0 / (1.0 + expScalar(-x));
  }

  /** TF's float64 Exp over {@code in[0..n)}: packet function, scalar function on the last n % 4. */
  public static void exp(double[] in, double[] out, int n) {
    int bulk = n - n % PACKET;
    for (int i = 0; i < n; i++) {
      out[i] = i < bulk ? exp(in[i]) : expScalar(in[i]);
    }
  }

  /** TF's float64 Sigmoid over {@code in[0..n)}, split as {@link #exp(double[], double[], int)}. */
  public static void logistic(double[] in, double[] out, int n) {
    int bulk = n - n % PACKET;
    for (int i = 0; i < n; i++) {
      out[i] = i < bulk ? logistic(in[i]) : logisticScalar(in[i]);
    }
  }

  private static double ftz(double v) {
    return Math.abs(v) < Double.MIN_NORMAL ? Math.copySign(0.0, v) : v;
  }

  private static double daz(double v) {
    return ftz(v);
  }

  // Eigen's pmax/pmin: the first argument when either is NaN.
  private static double pmax(double a, double b) {
    return a < b ? b : a;
  }

  private static double pmin(double a, double b) {
    return b < a ? b : a;
  }
}
