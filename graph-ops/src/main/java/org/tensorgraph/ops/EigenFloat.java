package org.tensorgraph.ops;

/**
 * TensorFlow 1.15's float32 {@code Tanh}, {@code Sigmoid}, {@code Exp} and {@code Log}, bit for
 * bit: ports of the Eigen code TF 1.15 was built with (Eigen {@code 49177915a14a}, the
 * {@code eigen_archive} of TF 1.15's {@code tensorflow/workspace.bzl}), as the Maven
 * {@code libtensorflow_jni} 1.15.0 binary runs it: AVX, 8 floats a packet, <b>no FMA</b>
 * ({@code pmadd(a, b, c)} is {@code a * b + c} with two roundings), flush-to-zero and
 * denormals-are-zero set in TF's compute threads.
 *
 * <pre>{@code
 * EigenFloat.logistic(-11.98f);   // 6.198883E-6 (the true value is 6.2814E-6)
 * EigenFloat.log(7f);             // 1.9459102   (correctly rounded: 1.9459101)
 * EigenFloat.logScalar(7f);       // 1.9459101
 * float[] y = new float[9];
 * EigenFloat.exp(x, y, 9);        // y[0..7] by exp(float), y[8] by expScalar(float)
 * }</pre>
 *
 * <p>Packet and tail. Eigen's executor evaluates an elementwise op on the whole packets of the
 * flat tensor ({@code n - n % 8} elements) with the functor's {@code packetOp} and on the last
 * {@code n % 8} elements with its scalar {@code operator()}; TF splits work over threads only at
 * packet-aligned block boundaries, so only the final {@code n % 8} elements take the scalar
 * path. The two differ for Sigmoid, Exp and Log: {@link #logistic}/{@link #exp}/{@link #log} are
 * the packet functions, {@link #logisticScalar}/{@link #expScalar}/{@link #logScalar} the scalar
 * ones; Tanh's scalar path runs the same rational ({@code numext::tanh} is {@code
 * generic_fast_tanh_float} under {@code EIGEN_FAST_MATH}). The array methods apply the split.
 *
 * <p>Measured against TF 1.15 by {@code EigenFloatConformanceTest}: every function matches on
 * every input tried (2^20 evenly spaced points and 2^20 bit patterns over all floats, plus
 * specials, on the packet path; 14,000 points on the scalar path). The scalar Exp, Log and
 * Sigmoid call the host's libm {@code expf}/{@code logf}; {@link EigenFloatLibm} ports glibc's
 * (2.28+), so on another libm (musl is the same code; macOS, Windows are not) the tail elements
 * may differ by an ulp.
 *
 * <p>Speed. The per-element functions keep the port's branches (flush-to-zero, clamps, early
 * returns) and so never vectorize; the array methods run the packet part on a kernel that does:
 * the Vector API one ({@code EigenFloatVector}, all four functions) when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else (or with {@code
 * -Dtensorgraph.eigenfloat=java}) {@link EigenFloatJava} (Tanh and Sigmoid vectorized by C2).
 * Both give the per-element functions' bits on every input, NaN payloads and signs included
 * ({@code EigenFloatArrayTest}).
 */
public final class EigenFloat {
  private EigenFloat() {}

  /** Eigen's AVX float packet width: the last {@code n % PACKET} elements run scalar code. */
  public static final int PACKET = 8;

  private static final EigenFloatKernel KERNEL = load();

  /**
   * TF's float32 Tanh ({@code generic_fast_tanh_float}, Eigen MathFunctionsImpl.h): x clamped to
   * [-9, 9], then a 13/6-degree odd/even rational, Horner without FMA. Packet and scalar paths.
   */
  public static float tanh(float in) {
    float x = clamp(daz(in), -9f, 9f);
    float x2 = x * x;
    // why ftz: x * p is subnormal for |x| < 2.4e-36, and TF's threads flush it to 0
    float p = ftz(x * tanhP(x2));
    return ftz(p / tanhQ(x2));
  }

  /**
   * Tanh's numerator polynomial p(x^2) (the rational is {@code x p / q}): one copy for the scalar
   * function and {@link EigenFloatJava}'s loop, which C2 vectorizes with this inlined.
   */
  static float tanhP(float x2) {
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = x2 * p + -8.60467152213735e-11f;
    p = x2 * p + 5.12229709037114e-08f;
    p = x2 * p + 1.48572235717979e-05f;
    p = x2 * p + 6.37261928875436e-04f;
    return x2 * p + 4.89352455891786e-03f;
  }

  /** Tanh's denominator polynomial q(x^2). */
  static float tanhQ(float x2) {
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = x2 * q + 2.26843463243900e-03f;
    return x2 * q + 4.89352518554385e-03f;
  }

  /**
   * TF's float32 Sigmoid on the packet path ({@code scalar_logistic_op<float>::packetOp}, Eigen
   * UnaryFunctors.h): x clamped to [-18, 18], {@code x * p(x^2) / q(x^2) + 0.5} with a 9/10-degree
   * rational, clamped to [0, 1]. Coefficients are double literals cast to float, as in Eigen's
   * {@code pset1<Packet>(2.48287947061529e-01)}.
   */
  public static float logistic(float in) {
    return clamp(logisticRational(clamp(daz(in), (float) -18.0, (float) 18.0)), 0f, 1f);
  }

  /**
   * The logistic's rational on a clamped x, {@code x p(x^2) / q(x^2) + 0.5}, before the final
   * clamp: one copy for the scalar function and {@link EigenFloatJava}'s loop.
   */
  static float logisticRational(float x) {
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
    return p / q + (float) 0.5;
  }

  /**
   * TF's float32 Sigmoid on the scalar (tail) path: 0 below -18, 1 above 18, else {@code 1 / (1 +
   * expf(-x))} with glibc's expf ({@link EigenFloatLibm}).
   */
  public static float logisticScalar(float in) {
    float x = daz(in);
    if (x < -18f) {
      return 0f;
    }
    if (x > 18f) {
      return 1f;
    }
    return ftz(1f / (1f + EigenFloatLibm.expf(-x)));
  }

  /**
   * TF's float32 Exp on the packet path ({@code pexp_float}, Eigen
   * arch/Default/GenericPacketMathFunctions.h): x clamped to ±88.376, m = floor(x log2(e) + 1/2),
   * r = x - m C1 - m C2 (the non-FMA two-step), a degree-5 Cephes polynomial, times 2^m built in
   * the exponent bits; {@code max(result, x)} restores +inf.
   */
  public static float exp(float in) {
    float xin = daz(in);
    float x = clamp(xin, -88.3762626647949f, 88.3762626647950f);
    float m = (float) Math.floor(x * 1.44269504088896341f + 0.5f);
    float r = x - m * 0.693359375f;
    r = r - m * -2.12194440e-4f;
    float r2 = r * r;
    float y = 1.9875691500E-4f;
    y = y * r + 1.3981999507E-3f;
    y = y * r + 8.3334519073E-3f;
    y = y * r + 4.1665795894E-2f;
    y = y * r + 1.6666665459E-1f;
    y = y * r + 5.0000001201E-1f;
    y = y * r2 + r;
    y = y + 1f;
    return pmax(ftz(y * pow2(m)), xin);
  }

  /** TF's float32 Exp on the scalar (tail) path: glibc's expf, then flush-to-zero. */
  public static float expScalar(float in) {
    return ftz(EigenFloatLibm.expf(daz(in)));
  }

  /**
   * TF's float32 Log on the packet path ({@code plog_float}, Eigen
   * arch/Default/GenericPacketMathFunctions.h): frexp to [0.5, 1), shifted to [sqrt(1/2) - 1,
   * sqrt(2) - 1), a degree-8 Cephes polynomial in three interleaved parts, plus e ln 2 in two
   * parts. 0 (and, by denormals-are-zero, any subnormal) gives -inf; negatives and NaN give NaN.
   */
  public static float log(float in) {
    float xin = daz(in);
    if (xin == 0f) {
      return Float.NEGATIVE_INFINITY;
    }
    if (!(xin >= 0f)) {
      return Float.NaN;
    }
    if (xin == Float.POSITIVE_INFINITY) {
      return xin;
    }
    int bits = Float.floatToRawIntBits(Math.max(xin, Float.MIN_NORMAL));
    float e = (float) (bits >>> 23) - 126f;
    float x = Float.intBitsToFloat((bits & ~0x7f800000) | 0x3f000000);
    return logReduced(x, e);
  }

  // The polynomial part of plog_float, for the mantissa x in [0.5, 1) and exponent e.
  private static float logReduced(float mantissa, float exponent) {
    boolean below = mantissa < 0.707106781186547524f;
    float x = mantissa - 1f;
    float e = below ? exponent - 1f : exponent;
    x = below ? x + mantissa : x + 0f;
    float x2 = x * x;
    float x3 = x2 * x;
    float y = 7.0376836292E-2f * x + -1.1514610310E-1f;
    float y1 = -1.2420140846E-1f * x + 1.4249322787E-1f;
    float y2 = 2.0000714765E-1f * x + -2.4999993993E-1f;
    y = y * x + 1.1676998740E-1f;
    y1 = y1 * x + -1.6668057665E-1f;
    y2 = y2 * x + 3.3333331174E-1f;
    y = y * x3 + y1;
    y = y * x3 + y2;
    y = y * x3;
    y = y + e * -2.12194440e-4f;
    x = x - x2 * 0.5f;
    x = x + y;
    return x + e * 0.693359375f;
  }

  /**
   * TF's float32 Log on the scalar (tail) path: glibc's logf after denormals-are-zero (a
   * subnormal, either sign, gives -inf, as TF does).
   */
  public static float logScalar(float in) {
    return EigenFloatLibm.logf(daz(in));
  }

  /** {@code out[i] = tanh(in[i])} for {@code i < n}; in and out may be the same array. */
  public static void tanh(float[] in, float[] out, int n) {
    tanh(in, out, 0, n);
  }

  /**
   * {@code out[i] = tanh(in[i])} for {@code from <= i < to}: a piece of an array that several
   * threads compute, with the bits of {@link #tanh(float[], float[], int)} over the whole array.
   */
  public static void tanh(float[] in, float[] out, int from, int to) {
    // Tanh's packet and scalar functions are one: no tail split, the kernel takes all of it
    KERNEL.tanh(in, out, from, to);
  }

  /** TF's Sigmoid over {@code in[0..n)}: packet function, scalar function on the last n % 8. */
  public static void logistic(float[] in, float[] out, int n) {
    logistic(in, out, 0, n, n);
  }

  /**
   * {@code in[from..to)}'s part of TF's Sigmoid over an array of {@code n}: the packet function
   * below {@code n - n % 8}, the scalar function from there, so that pieces computed apart give
   * the whole array's bits.
   *
   * <pre>{@code
   * EigenFloat.logistic(x, y, 0, 512, 1000);     // one thread
   * EigenFloat.logistic(x, y, 512, 1000, 1000);  // another: 992..1000 take the scalar path
   * }</pre>
   */
  public static void logistic(float[] in, float[] out, int from, int to, int n) {
    int bulk = Math.max(from, Math.min(to, n - n % PACKET));
    KERNEL.logistic(in, out, from, bulk);
    for (int i = bulk; i < to; i++) {
      out[i] = logisticScalar(in[i]);
    }
  }

  /** TF's Exp over {@code in[0..n)}: packet function, scalar function on the last n % 8. */
  public static void exp(float[] in, float[] out, int n) {
    int bulk = n - n % PACKET;
    KERNEL.exp(in, out, 0, bulk);
    for (int i = bulk; i < n; i++) {
      out[i] = expScalar(in[i]);
    }
  }

  /** TF's Log over {@code in[0..n)}: packet function, scalar function on the last n % 8. */
  public static void log(float[] in, float[] out, int n) {
    int bulk = n - n % PACKET;
    KERNEL.log(in, out, 0, bulk);
    for (int i = bulk; i < n; i++) {
      out[i] = logScalar(in[i]);
    }
  }

  /** The array kernel in use: {@code "java"} or {@code "vector(L)"} with L floats per vector. */
  public static String kernelName() {
    return KERNEL.name();
  }

  // for tests: the kernel itself, to check its packets apart from the tail code
  static EigenFloatKernel kernel() {
    return KERNEL;
  }

  /**
   * The Vector API kernel ({@code EigenFloatVector}) when its module is in the boot layer and
   * the CPU has 256-bit vectors or wider, loaded reflectively so that this class never links
   * against an incubator module (as {@code Gemm} does); the pure-Java one ({@link
   * EigenFloatJava}) otherwise, or when the system property {@code tensorgraph.eigenfloat} is
   * {@code java}.
   */
  private static EigenFloatKernel load() {
    boolean vectorWanted = !"java".equals(System.getProperty("tensorgraph.eigenfloat"));
    if (vectorWanted && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        Object k = Class.forName("org.tensorgraph.ops.EigenFloatVector")
            .getDeclaredMethod("create").invoke(null);
        if (k != null) {
          return (EigenFloatKernel) k;
        }
      } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
        // fall through: the pure-Java kernel gives the same bits
      }
    }
    return new EigenFloatJava();
  }

  /** Flush-to-zero: a subnormal result becomes a zero of the same sign (MXCSR.FTZ). */
  static float ftz(float v) {
    return Math.abs(v) < Float.MIN_NORMAL ? Math.copySign(0f, v) : v;
  }

  /** Denormals-are-zero: a subnormal operand is read as a zero of its sign (MXCSR.DAZ). */
  static float daz(float v) {
    return ftz(v);
  }

  // Eigen's pmax(a, b) is _mm256_max_ps(b, a): a when either is NaN (std::max's rule).
  private static float pmax(float a, float b) {
    return a < b ? b : a;
  }

  // Eigen's pmin(a, b): a when either is NaN (std::min's rule).
  private static float pmin(float a, float b) {
    return b < a ? b : a;
  }

  // pmax(pmin(x, hi), lo): NaN stays NaN.
  private static float clamp(float x, float lo, float hi) {
    return pmax(pmin(x, hi), lo);
  }

  // pldexp_float(1, m): 2^m from the exponent bits (m in [-127, 128]; -127 gives 0, 128 +inf).
  private static float pow2(float m) {
    return Float.intBitsToFloat(((int) (m + 127f)) << 23);
  }
}
