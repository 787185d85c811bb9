package org.tensorgraph.ops;

/**
 * The pure-Java {@link EigenFloatKernel}: Tanh and Sigmoid as branch-free counted loops that
 * C2's SuperWord vectorizes (2x to 4x the per-element functions on AVX-512, measured: SuperWord
 * gives up silently, e.g. on {@code Float.floatToRawIntBits}); Exp and Log call the per-element
 * functions, because their float-to-int steps ({@code floor}, exponent bits) do not vectorize
 * on Java 17.
 *
 * <p>Why the loops differ from the scalar functions but give the same bits (checked on all 2^32
 * inputs once, and on 2^20 random ones plus specials by {@code EigenFloatArrayTest}):
 * <ul>
 *   <li>Eigen's {@code pmin(x, c)}/{@code pmax(x, c)} keep a NaN x; so do {@link Math#min} and
 *       {@link Math#max} (they return the NaN argument), and with a non-NaN x and a non-zero
 *       bound they agree. The branch-free form of the clamp is the one SuperWord takes.
 *   <li>Denormals-are-zero on the input changes nothing in either function: a subnormal x
 *       gives x^2 = 0, and the x p(x^2) it then feeds is flushed (Tanh) or swamped by the + 0.5
 *       (Sigmoid).
 *   <li>Tanh's flush of x p to zero is a multiply by 0 or 1 computed from floats only, and its
 *       final flush is dead: once x p is normal, p / q is too (q is at most 1.6).
 * </ul>
 */
final class EigenFloatJava implements EigenFloatKernel {
  // s = (v 2^100)^2 is below 2^-52 exactly when |v| < MIN_NORMAL (squaring is monotone and
  // exact at the powers of two); the largest float under 2^-52 splits the two sides by 2^-76.
  private static final float SQUARED_MIN_NORMAL_BELOW = 0x1.fffffep-53f;

  @Override
  public String name() {
    return "java";
  }

  @Override
  public void tanh(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      float x = Math.max(Math.min(in[i], 9f), -9f);
      float x2 = x * x;
      float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
      p = x2 * p + -8.60467152213735e-11f;
      p = x2 * p + 5.12229709037114e-08f;
      p = x2 * p + 1.48572235717979e-05f;
      p = x2 * p + 6.37261928875436e-04f;
      p = x2 * p + 4.89352455891786e-03f;
      p = x * p;
      p = p * normalStep(p);
      float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
      q = x2 * q + 2.26843463243900e-03f;
      q = x2 * q + 4.89352518554385e-03f;
      out[i] = p / q;
    }
  }

  @Override
  public void logistic(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      float x = Math.max(Math.min(in[i], (float) 18.0), (float) -18.0);
      float x2 = x * x;
      float p = x2 * (float) 4.37031012579801e-11 + (float) 1.15627324459942e-07;
      p = x2 * p + (float) 6.08574864600143e-05;
      p = x2 * p + (float) 8.51377133304701e-03;
      p = x2 * p + (float) 2.48287947061529e-01;
      p = x * p;
      float q = x2 * (float) 6.10247389755681e-13 + (float) 5.76102136993427e-09;
      q = x2 * q + (float) 6.29106785017040e-06;
      q = x2 * q + (float) 1.70198817374094e-03;
      q = x2 * q + (float) 1.16817656904453e-01;
      q = x2 * q + (float) 9.93151921023180e-01;
      out[i] = Math.max(Math.min(p / q + (float) 0.5, 1f), 0f);
    }
  }

  @Override
  public void exp(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = EigenFloat.exp(in[i]);
    }
  }

  @Override
  public void log(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = EigenFloat.log(in[i]);
    }
  }

  /**
   * 1 where v is normal or infinite, 0 where it is subnormal or zero, v itself (the same NaN)
   * where v is NaN, so {@code v * normalStep(v)} is {@code ftz(v)} with no branch: a compare
   * and select would stop SuperWord. No {@code Math.abs}: it would clear a NaN's sign, and the
   * product of two different NaNs depends on operand order.
   */
  private static float normalStep(float v) {
    float s = v * 0x1p100f;
    s = s * s - SQUARED_MIN_NORMAL_BELOW;
    return Math.min(Math.max(s * 0x1p76f, 0f), 1f);
  }
}
