package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.DataType;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorgraph.ops.EigenDouble;
import org.tensorgraph.ops.EigenFloat;
import org.tensorgraph.ops.EigenReduce;

/**
 * {@link EigenFloat} against TF 1.15's float32 Tanh, Sigmoid, Exp and Log, bit for bit, and
 * {@link EigenReduce} against its Sum, Mean, LogSoftmax and Softmax.
 *
 * <p>Packet path: one tensor of 2^20 evenly spaced values over the function's interesting range,
 * one of 2^20 bit patterns spread over all floats (stride 4099), plus specials, each a multiple
 * of 8 long so every element runs Eigen's AVX {@code packetOp}. Scalar path: the same specials
 * with 14,000 spread values, and 65,535 bit patterns (stride 65537), fed 7 at a time (shorter
 * than a packet, so TF runs the functor's scalar {@code operator()}). 100% bit-exact is
 * asserted everywhere (NaN counts as equal to NaN, whatever its payload); rates print to
 * stdout. The scalar Exp, Log and Sigmoid go through the host's libm: exact where it is glibc
 * 2.28 or later (see EigenFloatLibm).
 */
@ExtendWith(TensorFlowAvailable.class)
class EigenFloatConformanceTest {
  record Fn(String op, float lo, float hi, Function<Float, Float> packet,
      Function<Float, Float> scalar) {
    @Override
    public String toString() {
      return op;
    }
  }

  static Stream<Fn> functions() {
    return Stream.of(
        new Fn("Tanh", -10f, 10f, EigenFloat::tanh, EigenFloat::tanh),
        new Fn("Sigmoid", -20f, 20f, EigenFloat::logistic, EigenFloat::logisticScalar),
        new Fn("Exp", -104f, 89f, EigenFloat::exp, EigenFloat::expScalar),
        new Fn("Log", 0f, 1000f, EigenFloat::log, EigenFloat::logScalar));
  }

  static final float[] SPECIALS = {
    Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
    -Float.MIN_VALUE, 1e-39f, -1e-39f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-37f, -1e-37f,
    1e-20f, 1e-10f, 1f, -1f, 7f, 88.3762626647950f, 88.7f, 89f, -87.5f, -88.5f, -103f, 18f, -18f,
    18.5f, -18.5f, 9f, -9f, -11.98f, Float.MAX_VALUE, -Float.MAX_VALUE,
  };

  @ParameterizedTest(name = "{0} packet path, evenly spaced")
  @MethodSource("functions")
  void packetPathEvenlySpaced(Fn f) {
    float[] x = withSpecials(spaced(f.lo, f.hi, 1 << 20));
    assertEquals(x.length, countMatches(f.op + " packet spaced", x, tf(f.op, x), f.packet));
  }

  @ParameterizedTest(name = "{0} packet path, all bit patterns (stride 4099)")
  @MethodSource("functions")
  void packetPathBitPatterns(Fn f) {
    float[] x = bitPatterns(4099);
    assertEquals(x.length, countMatches(f.op + " packet bits", x, tf(f.op, x), f.packet));
  }

  @ParameterizedTest(name = "{0} scalar path, 7 at a time")
  @MethodSource("functions")
  void scalarPath(Fn f) {
    float[] x = withSpecials(spaced(f.lo, f.hi, 14_000));
    assertEquals(x.length, countMatches(f.op + " scalar spaced", x, tfSevens(f.op, x), f.scalar));
  }

  @ParameterizedTest(name = "{0} scalar path, bit patterns (stride 65537)")
  @MethodSource("functions")
  void scalarPathBitPatterns(Fn f) {
    float[] x = bitPatterns(65537);
    assertEquals(x.length, countMatches(f.op + " scalar bits", x, tfSevens(f.op, x), f.scalar));
  }

  @Test
  void arrayMethodsSplitPacketAndTail() {
    // 1003 = 125 packets + 3 tail elements; values where packet and scalar Sigmoid differ.
    float[] x = new float[1003];
    java.util.Arrays.fill(x, -17.866669f);
    float[] ours = new float[x.length];
    EigenFloat.logistic(x, ours, x.length);
    float[] t = tf("Sigmoid", x);
    assertEquals(x.length, countMatches("Sigmoid 1003", x, t, i -> Float.NaN, ours));
    assertTrue(ours[0] != ours[1002], "packet and tail values differ here");
  }

  // ---- float64 (EigenDouble) and float Log1p ----

  @Test
  void doubleExpAndSigmoidPacketPaths() {
    int n = 1 << 18;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -750 + 1500.0 * i / n;
    }
    double[] sp = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0,
      1e-310, 709.5, -709.5, -708, 709.437, -4.9997};
    System.arraycopy(sp, 0, x, 0, sp.length);
    assertEquals(n, countMatchesD("double Exp packet", x, tfDouble("Exp", x), EigenDouble::exp));
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = -40 + 80.0 * i / n;
    }
    assertEquals(n, countMatchesD("double Sigmoid packet", s, tfDouble("Sigmoid", s),
        EigenDouble::logistic));
    // The array method's tail (n % 4) uses libm's exp: measured 1 ulp apart on ~0.2% of
    // inputs from Math.exp, so only the packet elements are asserted.
    double[] seven = {-4.9997, -4.9997, -4.9997, -4.9997, -4.9997, 1, 2};
    double[] ours = new double[7];
    EigenDouble.exp(seven, ours, 7);
    double[] t = tfDouble("Exp", seven);
    for (int i = 0; i < 4; i++) {
      assertEquals(t[i], ours[i]);
    }
  }

  @Test
  void floatLog1pPacketPathIsGenericPlog1p() {
    // Eigen's generic_plog1p over plog: log1p(x) = x * (log(1 + x) / ((1 + x) - 1)), x where
    // 1 + x rounds to 1 or to +inf. Not in EigenFloat (the scalar tail is glibc's log1pf, not
    // ported); recorded here so the wiring can reuse EigenFloat.log for the packet path.
    float[] x = spaced(-0.99f, 10f, 1 << 16);
    float[] t = tf("Log1p", x);
    assertEquals(x.length, countMatches("Log1p packet", x, t, v -> {
      float xp1 = v + 1f;
      float l = EigenFloat.log(xp1);
      return xp1 == 1f || xp1 == l ? v : v * (l / (xp1 - 1f));
    }));
  }

  static int countMatchesD(String what, double[] x, double[] t,
      java.util.function.DoubleUnaryOperator f) {
    int same = 0;
    for (int i = 0; i < x.length; i++) {
      same += Double.doubleToLongBits(f.applyAsDouble(x[i])) == Double.doubleToLongBits(t[i])
          ? 1 : 0;
    }
    System.out.printf("EigenFloat %s: %d/%d bit-exact (%.4f%%)%n", what, same, x.length,
        100.0 * same / x.length);
    return same;
  }

  static double[] tfDouble(String op, double[] x) {
    try (Graph g = new Graph()) {
      Output<?> p = g.opBuilder("Placeholder", "x").setAttr("dtype", DataType.DOUBLE).build()
          .output(0);
      Output<?> y = g.opBuilder(op, "y").addInput(p).build().output(0);
      try (Session s = new Session(g);
          Tensor<?> in = Tensor.create(new long[] {x.length}, java.nio.DoubleBuffer.wrap(x));
          Tensor<?> r = s.runner().feed(p, in).fetch(y).run().get(0)) {
        double[] out = new double[x.length];
        r.writeTo(java.nio.DoubleBuffer.wrap(out));
        return out;
      }
    }
  }

  // ---- reductions (EigenReduce) ----

  static float[] randomFloats(long seed, int n, float lo, float hi) {
    java.util.Random r = new java.util.Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo + (hi - lo) * r.nextFloat();
    }
    return x;
  }

  @Test
  void sumAndMeanOfVectorsOfEveryLengthTo1000AndLargeOnes() {
    float[] x = randomFloats(1, 3_000_001, -0.3f, 1.7f);
    int sums = 0;
    int means = 0;
    int total = 0;
    int[] large = {4097, 8192, 8193, 8199, 16385, 65537, 262147, 1 << 20, 3_000_001};
    int[] sizes = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, 1000),
        java.util.Arrays.stream(large)).toArray();
    for (int n : sizes) {
      float[] v = java.util.Arrays.copyOf(x, n);
      total++;
      sums += tfReduce("Sum", v, new long[] {n}, 0)[0] == EigenReduce.sumFloat(v, 0, n) ? 1 : 0;
      means += tfReduce("Mean", v, new long[] {n}, 0)[0] == EigenReduce.meanFloat(v, 0, n) ? 1 : 0;
    }
    System.out.printf("EigenReduce Sum: %d/%d sizes bit-exact, Mean: %d/%d%n", sums, total, means,
        total);
    assertEquals(total, sums);
    assertEquals(total, means);
  }

  static final int[][] SHAPES = {
    {1, 5}, {3, 7}, {4, 10}, {9, 13}, {64, 33}, {2, 1000}, {100, 1000}, {5, 9000}, {7, 20000},
  };

  @Test
  void rowSumsAndLogSoftmax() {
    for (int[] rc : SHAPES) {
      int rows = rc[0];
      int cols = rc[1];
      float[] x = randomFloats(rows * 31L + cols, rows * cols, -5f, 5f);
      long[] dims = {rows, cols};
      float[] sums = new float[rows];
      EigenReduce.sumLastAxis(x, rows, cols, sums);
      assertEquals(rows, countMatches("Sum axis 1 " + rows + "x" + cols, sums,
          tfReduce("Sum", x, dims, 1), v -> Float.NaN, sums));
      float[] ls = new float[rows * cols];
      EigenReduce.logSoftmax(x, rows, cols, ls);
      assertEquals(ls.length, countMatches("LogSoftmax " + rows + "x" + cols, ls,
          tfUnary("LogSoftmax", x, dims), v -> Float.NaN, ls));
    }
  }

  @Test
  void columnSums() {
    int[][] shapes = {{5, 3}, {100, 7}, {1000, 16}, {3000, 33}, {20000, 9}, {100000, 4}, {9, 5000}};
    for (int[] rc : shapes) {
      float[] x = randomFloats(rc[0] * 7L + rc[1], rc[0] * rc[1], -0.3f, 1.7f);
      float[] ours = new float[rc[1]];
      EigenReduce.sumFirstAxis(x, rc[0], rc[1], ours);
      assertEquals(rc[1], countMatches("Sum axis 0 " + rc[0] + "x" + rc[1], ours,
          tfReduce("Sum", x, new long[] {rc[0], rc[1]}, 0), v -> Float.NaN, ours));
    }
  }

  @Test
  void softmax() {
    for (int[] rc : SHAPES) {
      int rows = rc[0];
      int cols = rc[1];
      float[] x = randomFloats(rows * 31L + cols, rows * cols, -5f, 5f);
      float[] sm = new float[rows * cols];
      EigenReduce.softmax(x, rows, cols, sm);
      int same = countMatches("Softmax " + rows + "x" + cols, sm,
          tfUnary("Softmax", x, new long[] {rows, cols}), v -> Float.NaN, sm);
      // Rows longer than ~4000: TF's tiled executor runs a few exp values on the scalar path at
      // block edges we do not model (measured: 4 of 45,000 at 5x9000, 11 of 140,000 at
      // 7x20000, each 1 ulp); every smaller shape is exact.
      if (cols <= 1000) {
        assertEquals(sm.length, same);
      } else {
        assertTrue(same >= sm.length * 0.999, "Softmax " + rows + "x" + cols + ": " + same);
      }
    }
  }

  /** TF's reduction op over one axis (keep_dims false) of a float tensor. */
  static float[] tfReduce(String op, float[] x, long[] dims, int axis) {
    try (Graph g = new Graph();
        Tensor<?> axisValue = Tensor.create(axis)) {
      Output<?> p = g.opBuilder("Placeholder", "x").setAttr("dtype", DataType.FLOAT).build()
          .output(0);
      Output<?> ax = g.opBuilder("Const", "axis").setAttr("dtype", DataType.INT32)
          .setAttr("value", axisValue).build().output(0);
      Output<?> y = g.opBuilder(op, "y").addInput(p).addInput(ax).build().output(0);
      return runOnce(g, p, y, x, dims);
    }
  }

  /** TF's one-input op on a float tensor of the given shape. */
  static float[] tfUnary(String op, float[] x, long[] dims) {
    try (Graph g = new Graph()) {
      Output<?> p = g.opBuilder("Placeholder", "x").setAttr("dtype", DataType.FLOAT).build()
          .output(0);
      Output<?> y = g.opBuilder(op, "y").addInput(p).build().output(0);
      return runOnce(g, p, y, x, dims);
    }
  }

  private static float[] runOnce(Graph g, Output<?> p, Output<?> y, float[] x, long[] dims) {
    try (Session s = new Session(g);
        Tensor<?> in = Tensor.create(dims, FloatBuffer.wrap(x));
        Tensor<?> r = s.runner().feed(p, in).fetch(y).run().get(0)) {
      float[] out = new float[r.numElements()];
      r.writeTo(FloatBuffer.wrap(out));
      return out;
    }
  }

  static float[] spaced(float lo, float hi, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo + (hi - lo) * i / n;
    }
    return x;
  }

  static float[] bitPatterns(int stride) {
    int n = (int) ((1L << 32) / stride) & ~7;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = Float.intBitsToFloat((int) ((long) i * stride));
    }
    return x;
  }

  // The specials replace the first values; the length stays a multiple of 8.
  static float[] withSpecials(float[] x) {
    System.arraycopy(SPECIALS, 0, x, 0, SPECIALS.length);
    return x;
  }

  static int countMatches(String what, float[] x, float[] t, Function<Float, Float> f) {
    float[] ours = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      ours[i] = f.apply(x[i]);
    }
    return countMatches(what, x, t, f, ours);
  }

  // Same bits (every NaN counts as equal); prints the rate and the first few differences.
  static int countMatches(String what, float[] x, float[] t, Function<Float, Float> f,
      float[] ours) {
    int same = 0;
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      if (Float.floatToIntBits(ours[i]) == Float.floatToIntBits(t[i])) {
        same++;
      } else if (first.length() < 400) {
        first.append(String.format(" [x=%s tf=%s ours=%s]", x[i], t[i], ours[i]));
      }
    }
    System.out.printf("EigenFloat %s: %d/%d bit-exact (%.4f%%)%s%n", what, same, x.length,
        100.0 * same / x.length, first);
    return same;
  }

  /** TF's op on one 1-D tensor. */
  static float[] tf(String op, float[] x) {
    return runTf(op, x, x.length);
  }

  /** TF's op on x fed 7 elements a run (fewer than a packet: all scalar path). */
  static float[] tfSevens(String op, float[] x) {
    return runTf(op, x, 7);
  }

  private static float[] runTf(String op, float[] x, int chunk) {
    float[] out = new float[x.length];
    try (Graph g = new Graph()) {
      Output<?> p = g.opBuilder("Placeholder", "x").setAttr("dtype", DataType.FLOAT).build()
          .output(0);
      Output<?> y = g.opBuilder(op, "y").addInput(p).build().output(0);
      try (Session s = new Session(g)) {
        for (int i = 0; i < x.length; i += chunk) {
          int k = Math.min(chunk, x.length - i);
          try (Tensor<?> in = Tensor.create(new long[] {k}, FloatBuffer.wrap(x, i, k));
              Tensor<?> r = s.runner().feed(p, in).fetch(y).run().get(0)) {
            FloatBuffer fb = FloatBuffer.wrap(out, i, k).slice();
            r.writeTo(fb);
          }
        }
      }
    }
    return out;
  }
}
