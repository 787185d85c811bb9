package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.ops.EigenFloat;

/**
 * {@link EigenFloat}'s array methods, as its kernel runs them, against TF 1.15 on the same
 * tensors, bit for bit (any NaN equals any NaN, as in {@link EigenFloatConformanceTest}, which
 * checks the per-element functions). The kernel is the pure-Java one in a plain test JVM and the
 * Vector API one under {@code -DargLine="--add-modules jdk.incubator.vector"}; the output names
 * it.
 */
@ExtendWith(TensorFlowAvailable.class)
class EigenFloatArrayConformanceTest {
  /** An op and its array method. */
  record Fn(String op, float lo, float hi, ArrayFn array) {
    @Override
    public String toString() {
      return op;
    }
  }

  /** {@code out[0..n) = f(in[0..n))}. */
  @FunctionalInterface
  interface ArrayFn {
    void apply(float[] in, float[] out, int n);
  }

  static Stream<Fn> functions() {
    return Stream.of(
        new Fn("Tanh", -10f, 10f, EigenFloat::tanh),
        new Fn("Sigmoid", -20f, 20f, EigenFloat::logistic),
        new Fn("Exp", -104f, 89f, EigenFloat::exp),
        new Fn("Log", 0f, 1000f, EigenFloat::log));
  }

  @ParameterizedTest(name = "{0} array, evenly spaced")
  @MethodSource("functions")
  void evenlySpaced(Fn f) {
    check(f, "spaced", EigenFloatConformanceTest.withSpecials(
        EigenFloatConformanceTest.spaced(f.lo(), f.hi(), 1 << 20)));
  }

  @ParameterizedTest(name = "{0} array, all bit patterns (stride 4099)")
  @MethodSource("functions")
  void bitPatterns(Fn f) {
    check(f, "bits", EigenFloatConformanceTest.bitPatterns(4099));
  }

  /** Lengths 1001..1007 and 7: the last n % 8 elements take TF's scalar path. */
  @ParameterizedTest(name = "{0} array, packets and a tail")
  @MethodSource("functions")
  void packetsAndTail(Fn f) {
    float[] pool = EigenFloatConformanceTest.withSpecials(
        EigenFloatConformanceTest.spaced(f.lo(), f.hi(), 1008));
    for (int n : new int[] {7, 1001, 1003, 1005, 1007}) {
      // seven specials last: n % 8 of them take the scalar path, the rest packets
      float[] x = Arrays.copyOfRange(pool, 1008 - n, 1008);
      System.arraycopy(pool, 0, x, n - 7, 7);
      check(f, "n=" + n, x);
    }
  }

  private static void check(Fn f, String what, float[] x) {
    float[] ours = new float[x.length];
    f.array().apply(x, ours, x.length);
    float[] t = EigenFloatConformanceTest.tf(f.op(), x);
    assertEquals(x.length, EigenFloatConformanceTest.countMatches(
        f.op() + " array (" + EigenFloat.kernelName() + ") " + what, x, t, v -> Float.NaN, ours));
  }
}
