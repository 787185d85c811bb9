package org.tensorgraph.ops;

/**
 * Fast float32 {@code tanh} and {@code sigmoid} by rational approximations, as TF 1.15's Eigen
 * computes them, in branch-free loops that C2 vectorizes (min, max, FMA and a division), plus
 * fused bias-add + activation loops for the RNN cells' {@code BiasAdd -> Tanh/Sigmoid}.
 *
 * <pre>{@code
 * Activations.tanh(0.5f);      // 0.46211717 (Math.tanh: 0.46211715726000974)
 * Activations.sigmoid(-2f);    // 0.11920292
 * }</pre>
 *
 * <p>Error bounds (checked by {@code ActivationsTest} on 2^24 evenly spaced floats in [-20, 20]
 * plus a stride-257 sweep of the float bit patterns in [2^-100, 8], and once over every float
 * in [-20, 20] by an offline check):
 *
 * <ul>
 *   <li>tanh: a 13/6-degree odd/even rational on x clamped to ±7.905311 (where it is still
 *       within the bound), and exactly ±1 past ±9, where float tanh rounds to ±1. Absolute
 *       error ≤ 3e-7 everywhere, relative error ≤ 3e-7 for |x| ≥ 2^-100 (about 5 ulp);
 *       tanh(-x) = -tanh(x) exactly; tanh(±0) = ±0; NaN stays NaN.
 *   <li>sigmoid: 0.5 + a 9/10-degree rational on x clamped to ±18, clamped to [0, 1], and
 *       exactly 1 past 17.33. Absolute error ≤ 2e-7 (it is not relatively accurate far left:
 *       for x &lt; -9 results are multiples of 2^-25, as TF's are). NaN stays NaN.
 * </ul>
 *
 * <p>The coefficients are the minimax fits that Eigen's {@code generic_fast_tanh_float} and
 * {@code scalar_logistic_op<float>} use, so results track TF 1.15's within a few ulp (FMA
 * placement differs).
 */
public final class Activations {
  private Activations() {}

  /** Where the tanh rational is clamped; float tanh there is 1 - 2.7e-7, in the bound. */
  static final float TANH_CLAMP = 7.90531110763549805f;
  /** Past this, float tanh rounds to ±1 (1 - tanh 9 = 3.0e-8, half an ulp below 1). */
  static final float TANH_ONE = 9f;
  static final float SIGMOID_CLAMP = 18f;
  /** Past this, float sigmoid rounds to 1 (e^-17.33 = 3.0e-8). */
  static final float SIGMOID_ONE = 17.33f;

  /** tanh(x) to within 3e-7 absolute and relative. */
  public static float tanh(float x) {
    // NaN: Math.max/min return NaN, and so does the rational of NaN.
    float c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
    float c2 = c * c;
    float p = Math.fma(c2, -2.76076847742355e-16f, 2.00018790482477e-13f);
    p = Math.fma(c2, p, -8.60467152213735e-11f);
    p = Math.fma(c2, p, 5.12229709037114e-08f);
    p = Math.fma(c2, p, 1.48572235717979e-05f);
    p = Math.fma(c2, p, 6.37261928875436e-04f);
    p = Math.fma(c2, p, 4.89352455891786e-03f);
    float q = Math.fma(c2, 1.19825839466702e-06f, 1.18534705686654e-04f);
    q = Math.fma(c2, q, 2.26843463243900e-03f);
    q = Math.fma(c2, q, 4.89352518554385e-03f);
    float y = c * p / q;
    // Beyond TANH_ONE return exactly ±1, branch-free so the loops stay vectorized: t is 0 up to
    // TANH_ONE and 1 past it, u = ±t, and y + u is clamped back to [-1, 1]. u is ±0 elsewhere,
    // so y + u is y (also -0.0 for x = -0.0).
    float sign = Math.max(-1f, Math.min(1f, x * 0x1p24f));
    float t = Math.max(0f, Math.min(1f, (Math.abs(x) - TANH_ONE) * 0x1p24f));
    return Math.max(-1f, Math.min(1f, y + t * sign));
  }

  /** 1 / (1 + e^-x) to within 2e-7 absolute. */
  public static float sigmoid(float x) {
    float c = Math.max(-SIGMOID_CLAMP, Math.min(SIGMOID_CLAMP, x));
    float c2 = c * c;
    float p = Math.fma(c2, 4.37031012579801e-11f, 1.15627324459942e-07f);
    p = Math.fma(c2, p, 6.08574864600143e-05f);
    p = Math.fma(c2, p, 8.51377133304701e-03f);
    p = Math.fma(c2, p, 2.48287947061529e-01f);
    float q = Math.fma(c2, 6.10247389755681e-13f, 5.76102136993427e-09f);
    q = Math.fma(c2, q, 6.29106785017040e-06f);
    q = Math.fma(c2, q, 1.70198817374094e-03f);
    q = Math.fma(c2, q, 1.16817656904453e-01f);
    q = Math.fma(c2, q, 9.93151921023180e-01f);
    float y = c * p / q + 0.5f;
    // 1 exactly past SIGMOID_ONE, where float sigmoid rounds to 1 (branch-free, as in tanh)
    float t = Math.max(0f, Math.min(1f, (x - SIGMOID_ONE) * 0x1p24f));
    return Math.max(0f, Math.min(1f, y + t));
  }

  /** {@code out[i] = tanh(in[i])} for {@code i < n}; in and out may be the same array. */
  public static void tanh(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = tanh(in[i]);
    }
  }

  /** {@code out[i] = sigmoid(in[i])} for {@code i < n}; in and out may be the same array. */
  public static void sigmoid(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = sigmoid(in[i]);
    }
  }

  /**
   * {@code out = tanh(value + bias)} over rows of {@code bias.length} (BiasAdd NHWC, then Tanh),
   * in one pass: the sum is rounded to float first, exactly as the two ops would.
   */
  public static void biasAddTanh(float[] value, float[] bias, float[] out) {
    int n = bias.length;
    float[] row = new float[n];
    for (int r = 0; r + n <= value.length && n > 0; r += n) {
      System.arraycopy(value, r, row, 0, n);
      for (int j = 0; j < n; j++) {
        row[j] = tanh(row[j] + bias[j]);
      }
      System.arraycopy(row, 0, out, r, n);
    }
  }

  /** {@code out = sigmoid(value + bias)} over rows of {@code bias.length}; see biasAddTanh. */
  public static void biasAddSigmoid(float[] value, float[] bias, float[] out) {
    int n = bias.length;
    float[] row = new float[n];
    for (int r = 0; r + n <= value.length && n > 0; r += n) {
      System.arraycopy(value, r, row, 0, n);
      for (int j = 0; j < n; j++) {
        row[j] = sigmoid(row[j] + bias[j]);
      }
      System.arraycopy(row, 0, out, r, n);
    }
  }
}
