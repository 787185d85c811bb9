package org.tensorgraph.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link EigenFloat}'s packet functions on the Vector API ({@code jdk.incubator.vector}), loaded
 * by {@link EigenFloat} only when that module is in the boot layer; compiled separately (this
 * source directory gets {@code --add-modules jdk.incubator.vector}) so the rest never links to
 * it.
 *
 * <p>Each lane does exactly the scalar packet function's float operations in the same order
 * (multiply then add, never a fused FMA), so the bits are the same. The branches become lane
 * masks: Eigen's {@code pmin(x, c)}/{@code pmax(x, c)} keep x when it is NaN, which is {@code
 * blend} on an ordered compare (Java's {@code min}/{@code max} lanewise would too, but cost a
 * NaN fix-up sequence); flush-to-zero keeps only the sign where the magnitude is below {@link
 * Float#MIN_NORMAL}.
 *
 * <p>Vectors are the preferred width, the one {@code GemmVector} uses: a process that runs two
 * vector shapes pollutes the Vector API's shared type profiles, and C2 then fails to intrinsify
 * the GEMM micro-kernel (measured: an RNN of batch 1 ran 4x slower with 256-bit activations beside
 * 512-bit GEMM). Lanes are independent, so the width never changes a bit; the elements past the
 * last whole vector run the scalar packet function. C2 stops inlining the Vector API
 * calls of a compilation past a node budget, and then boxes every vector (4x slower), so the
 * functions below drop every step that provably never changes a bit. For the same reason Tanh
 * and Sigmoid, an RNN's activations, are written out inside their loops (see {@link #tanh}): a
 * vector that crosses a call C2 declines to inline is boxed. Exp and Log still use helpers.
 */
final class EigenFloatVector implements EigenFloatKernel {
  // the process's one vector shape (see above); at least Eigen's 8-float packet
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  // 1.5 * 2^23: t + ROUND rounds t to an integer (|t| < 2^22), held in the low mantissa bits
  private static final float ROUND = 0x1.8p23f;

  private EigenFloatVector() {}

  /** The kernel, or null when the CPU lacks 256-bit vectors (no gain over C2's loops). */
  static EigenFloatKernel create() {
    return L >= 8 ? new EigenFloatVector() : null;
  }

  @Override
  public String name() {
    return "vector(" + L + ")";
  }

  /**
   * {@link EigenFloat#tanh(float)} lanewise, less its input and output flushes: they never change
   * a bit (a subnormal x gives x^2 = 0 and an x p that is flushed anyway; once x p is normal, so
   * is p / q, as q is at most 1.6). Why every step is written out in the loop, with no helper
   * taking or returning vectors: where C2 judges a call cold, or the caller's stack too deep, it
   * does not inline a helper, and vectors that cross a call are boxed and run the Vector API's
   * slow Java fallback. Profiles of LSTM runs showed exactly that (100 MB of boxed vectors per
   * run); written out, only the API's own force-inlined methods are called.
   */
  @Override
  public void tanh(float[] in, float[] out, int from, int to) {
    int i = from;
    for (; i <= to - L; i += L) {
      FloatVector v = FloatVector.fromArray(S, in, i);
      // clamp to [-9, 9]: pmax(pmin(x, 9), -9), a NaN lane fails both compares and stays
      v = v.blend(9f, v.compare(VectorOperators.GT, 9f));
      FloatVector x = v.blend(-9f, v.compare(VectorOperators.LT, -9f));
      FloatVector x2 = x.mul(x);
      FloatVector p = x2.mul(-2.76076847742355e-16f).add(2.00018790482477e-13f);
      p = x2.mul(p).add(-8.60467152213735e-11f);
      p = x2.mul(p).add(5.12229709037114e-08f);
      p = x2.mul(p).add(1.48572235717979e-05f);
      p = x2.mul(p).add(6.37261928875436e-04f);
      p = x2.mul(p).add(4.89352455891786e-03f);
      p = x.mul(p);
      // flush-to-zero: p * 0 (a zero of p's sign) where |p| < MIN_NORMAL
      p = p.blend(p.mul(0f), p.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
      FloatVector q = x2.mul(1.19825839466702e-06f).add(1.18534705686654e-04f);
      q = x2.mul(q).add(2.26843463243900e-03f);
      q = x2.mul(q).add(4.89352518554385e-03f);
      p.div(q).intoArray(out, i);
    }
    for (; i < to; i++) {
      out[i] = EigenFloat.tanh(in[i]);
    }
  }

  /**
   * {@link EigenFloat#logistic(float)} lanewise, less the input flush (a subnormal x gives an x
   * p / q far below the ulp of the + 0.5); written out in the loop, as {@link #tanh} says why.
   */
  @Override
  public void logistic(float[] in, float[] out, int from, int to) {
    int i = from;
    for (; i <= to - L; i += L) {
      FloatVector v = FloatVector.fromArray(S, in, i);
      v = v.blend(18f, v.compare(VectorOperators.GT, 18f)); // clamp to [-18, 18], NaN stays
      FloatVector x = v.blend(-18f, v.compare(VectorOperators.LT, -18f));
      FloatVector x2 = x.mul(x);
      FloatVector p = x2.mul((float) 4.37031012579801e-11).add((float) 1.15627324459942e-07);
      p = x2.mul(p).add((float) 6.08574864600143e-05);
      p = x2.mul(p).add((float) 8.51377133304701e-03);
      p = x2.mul(p).add((float) 2.48287947061529e-01);
      p = x.mul(p);
      FloatVector q = x2.mul((float) 6.10247389755681e-13).add((float) 5.76102136993427e-09);
      q = x2.mul(q).add((float) 6.29106785017040e-06);
      q = x2.mul(q).add((float) 1.70198817374094e-03);
      q = x2.mul(q).add((float) 1.16817656904453e-01);
      q = x2.mul(q).add((float) 9.93151921023180e-01);
      FloatVector y = p.div(q).add((float) 0.5);
      y = y.blend(1f, y.compare(VectorOperators.GT, 1f)); // clamp to [0, 1], NaN stays
      y.blend(0f, y.compare(VectorOperators.LT, 0f)).intoArray(out, i);
    }
    for (; i < to; i++) {
      out[i] = EigenFloat.logistic(in[i]);
    }
  }

  @Override
  public void exp(float[] in, float[] out, int from, int to) {
    int i = from;
    for (; i <= to - L; i += L) {
      exp(FloatVector.fromArray(S, in, i)).intoArray(out, i);
    }
    for (; i < to; i++) {
      out[i] = EigenFloat.exp(in[i]);
    }
  }

  @Override
  public void log(float[] in, float[] out, int from, int to) {
    int i = from;
    for (; i <= to - L; i += L) {
      log(FloatVector.fromArray(S, in, i)).intoArray(out, i);
    }
    for (; i < to; i++) {
      out[i] = EigenFloat.log(in[i]);
    }
  }

  /**
   * {@link EigenFloat#exp(float)} lanewise, less the input flush (a subnormal x gives m = 0 and r
   * = x, lost in the final + 1) and the final {@code pmax(e^x, x)} (the result is above x
   * everywhere, and a NaN x makes it that NaN already).
   */
  static FloatVector exp(FloatVector xin) {
    FloatVector x = clamp(xin, -88.3762626647949f, 88.3762626647950f);
    FloatVector t = x.mul(1.44269504088896341f).add(0.5f);
    FloatVector m = floor(t);
    FloatVector r = x.sub(m.mul(0.693359375f));
    r = r.sub(m.mul(-2.12194440e-4f));
    FloatVector r2 = r.mul(r);
    FloatVector y = r.broadcast(1.9875691500E-4f);
    y = y.mul(r).add(1.3981999507E-3f);
    y = y.mul(r).add(8.3334519073E-3f);
    y = y.mul(r).add(4.1665795894E-2f);
    y = y.mul(r).add(1.6666665459E-1f);
    y = y.mul(r).add(5.0000001201E-1f);
    y = y.mul(r2).add(r);
    y = y.add(1f);
    // a NaN lane's 2^m is 0, as (int) NaN is in the scalar code: then y * 2^m is y's own NaN
    FloatVector scale = pow2(m).blend(0f, t.compare(VectorOperators.NE, t));
    FloatVector v = y.mul(scale);
    // ftz for a result that is never negative (y > 0, scale >= 0): no need to keep a sign
    return v.blend(0f, v.compare(VectorOperators.LT, Float.MIN_NORMAL));
  }

  /** {@link EigenFloat#log(float)} lanewise. */
  static FloatVector log(FloatVector in) {
    FloatVector xin = ftz(in);
    IntVector bits = xin.max(Float.MIN_NORMAL).reinterpretAsInts();
    FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).convert(VectorOperators.I2F, 0)
        .reinterpretAsFloats().sub(126f);
    FloatVector mantissa = bits.and(~0x7f800000).or(0x3f000000).reinterpretAsFloats();
    FloatVector y = logReduced(mantissa, e);
    // the scalar function's early returns, as blends (the three cases are disjoint)
    y = y.blend(Float.POSITIVE_INFINITY, xin.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    y = y.blend(Float.NaN, xin.compare(VectorOperators.GE, 0f).not());
    return y.blend(Float.NEGATIVE_INFINITY, xin.compare(VectorOperators.EQ, 0f));
  }

  // EigenFloat.logReduced lanewise.
  private static FloatVector logReduced(FloatVector mantissa, FloatVector exponent) {
    VectorMask<Float> below = mantissa.compare(VectorOperators.LT, 0.707106781186547524f);
    FloatVector x = mantissa.sub(1f);
    FloatVector e = exponent.blend(exponent.sub(1f), below);
    x = x.add(0f).blend(x.add(mantissa), below);
    FloatVector x2 = x.mul(x);
    FloatVector x3 = x2.mul(x);
    FloatVector y = x.mul(7.0376836292E-2f).add(-1.1514610310E-1f);
    FloatVector y1 = x.mul(-1.2420140846E-1f).add(1.4249322787E-1f);
    FloatVector y2 = x.mul(2.0000714765E-1f).add(-2.4999993993E-1f);
    y = y.mul(x).add(1.1676998740E-1f);
    y1 = y1.mul(x).add(-1.6668057665E-1f);
    y2 = y2.mul(x).add(3.3333331174E-1f);
    y = y.mul(x3).add(y1);
    y = y.mul(x3).add(y2);
    y = y.mul(x3);
    y = y.add(e.mul(-2.12194440e-4f));
    x = x.sub(x2.mul(0.5f));
    x = x.add(y);
    return x.add(e.mul(0.693359375f));
  }

  // Flush-to-zero: v * 0 (a zero of v's sign) where |v| < MIN_NORMAL; NaN compares false and
  // inf above. Float ops only: the int reinterpretation failed to intrinsify inside a large
  // compilation (an RNN step) and ran the Vector API's slow Java fallback.
  private static FloatVector ftz(FloatVector v) {
    return v.blend(v.mul(0f), v.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
  }

  // pmax(pmin(x, hi), lo): a NaN x fails both compares and stays itself.
  private static FloatVector clamp(FloatVector x, float lo, float hi) {
    FloatVector y = x.blend(hi, x.compare(VectorOperators.GT, hi));
    return y.blend(lo, y.compare(VectorOperators.LT, lo));
  }

  // Math.floor for |t| < 2^22: round to nearest by adding and subtracting ROUND, then step down
  // where that rounded up. (Java 17 has no intrinsic float-to-int conversion: it would box.)
  private static FloatVector floor(FloatVector t) {
    FloatVector rounded = t.add(ROUND).sub(ROUND);
    return rounded.blend(rounded.sub(1f), rounded.compare(VectorOperators.GT, t));
  }

  // EigenFloat.pow2: 2^m, m integral in [-127, 128]. m + 127 + ROUND holds m + 127 in its low
  // mantissa bits over ROUND's, whose bits shifted left by 23 vanish: so the shift alone leaves
  // (m + 127) << 23, 2^m's bits.
  private static FloatVector pow2(FloatVector m) {
    return m.add(127f + ROUND).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
        .reinterpretAsFloats();
  }
}
