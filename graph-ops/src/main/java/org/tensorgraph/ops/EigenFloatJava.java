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
  public void tanh(float[] in, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      float x = Math.max(Math.min(in[i], 9f), -9f);
      float x2 = x * x;
      float p = x * EigenFloat.tanhP(x2);
      p = p * normalStep(p);
      out[i] = p / EigenFloat.tanhQ(x2);
    }
  }

  @Override
  public void logistic(float[] in, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      float x = Math.max(Math.min(in[i], (float) 18.0), (float) -18.0);
      out[i] = Math.max(Math.min(EigenFloat.logisticRational(x), 1f), 0f);
    }
  }

  @Override
  public void exp(float[] in, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = EigenFloat.exp(in[i]);
    }
  }

  @Override
  public void log(float[] in, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
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
