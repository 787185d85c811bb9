package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.tensorgraph.conformance.Differential.Outcome;
import org.tensorgraph.conformance.Differential.Tolerance;
import org.tensorgraph.core.Tensor;

/**
 * The harness's own judgement, without TF: which pairs of tensors and outcomes it accepts and
 * which it fails, so that a green table means agreement and not a lenient comparator.
 */
class HarnessTest {
  record Pair(String why, Tensor tf, Tensor ours, Tolerance tolerance, boolean agree) {
    @Override
    public String toString() {
      return why + " (" + tolerance + (agree ? ", agree)" : ", differ)");
    }
  }

  static float ulps(float x, int n) {
    return Float.intBitsToFloat(Float.floatToIntBits(x) + n);
  }

  static Stream<Pair> pairs() {
    Tensor one = Values.f32(1f);
    return Stream.of(
        new Pair("same ints", Values.i32(1, 2), Values.i32(1, 2), Tolerance.CLOSE, true),
        new Pair("ints differ by one", Values.i32(1, 2), Values.i32(1, 3), Tolerance.CLOSE, false),
        new Pair("bools differ", Values.bools(true), Values.bools(false), Tolerance.EXACT, false),
        new Pair("2 ulp", one, Values.f32(ulps(1f, 2)), Tolerance.CLOSE, true),
        new Pair("2 ulp", one, Values.f32(ulps(1f, 2)), Tolerance.EXACT, false),
        new Pair("20 ulp, 2.4e-6 relative", one, Values.f32(ulps(1f, 20)), Tolerance.CLOSE, false),
        new Pair("1e-7 relative in double, many ulps", Values.f64(1), Values.f64(1 + 1e-7),
            Tolerance.CLOSE, true),
        new Pair("2e-6 relative in double", Values.f64(1), Values.f64(1 + 2e-6), Tolerance.CLOSE,
            false),
        new Pair("NaN and NaN of other bits", Values.f32(Float.NaN),
            Values.f32(Float.intBitsToFloat(0xffc00000)), Tolerance.EXACT, true),
        new Pair("NaN and a number", Values.f32(Float.NaN), one, Tolerance.CLOSE, false),
        new Pair("inf and max float", Values.f32(Float.POSITIVE_INFINITY),
            Values.f32(Float.MAX_VALUE), Tolerance.CLOSE, false),
        new Pair("+0 and -0", Values.f32(0f), Values.f32(-0f), Tolerance.EXACT, false),
        new Pair("+0 and -0", Values.f32(0f), Values.f32(-0f), Tolerance.CLOSE, true),
        new Pair("shapes differ", Values.f32(1, 2), Values.reshape(Values.f32(1, 2), 1, 2),
            Tolerance.CLOSE, false),
        new Pair("dtypes differ", Values.i32(1), Values.i64(1), Tolerance.CLOSE, false),
        new Pair("empty", Values.f32(), Values.f32(), Tolerance.EXACT, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void tensorComparison(Pair p) {
    if (p.agree()) {
      TensorCompare.assertMatches(p.tf(), p.ours(), p.tolerance(), p.why());
    } else {
      assertThrows(AssertionFailedError.class,
          () -> TensorCompare.assertMatches(p.tf(), p.ours(), p.tolerance(), p.why()));
    }
  }

  @Test
  void aFailureNamesTheWorstElement() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () ->
        TensorCompare.assertMatches(Values.f32(1, 2, 3), Values.f32(1, ulps(2f, 9), ulps(3f, 40)),
            Tolerance.CLOSE, "row"));
    assertTrue(e.getMessage().startsWith("row: element 2: TF 3.0 vs ours 3.0000095"),
        e.getMessage());
  }

  private static Outcome results(Tensor... ts) {
    return new Outcome(List.of(List.of(ts)), null, null);
  }

  private static Outcome rejected(String kind) {
    return new Outcome(List.of(), kind, "message");
  }

  @Test
  void outcomesAgreeOnlyWhenBothComputeAlikeOrBothRejectAlike() {
    Outcome ok = results(Values.i32(1));
    Differential.compare("ok", ok, results(Values.i32(1)), Tolerance.EXACT);
    Differential.compare("both reject", rejected("IllegalArgumentException"),
        rejected("IllegalArgumentException"), Tolerance.EXACT);
    assertThrows(AssertionFailedError.class, () -> Differential.compare("TF rejects",
        rejected("IllegalArgumentException"), ok, Tolerance.EXACT));
    assertThrows(AssertionFailedError.class, () -> Differential.compare("ours rejects", ok,
        rejected("IllegalArgumentException"), Tolerance.EXACT));
    assertThrows(AssertionFailedError.class, () -> Differential.compare("other kinds",
        rejected("IllegalArgumentException"), rejected("IllegalStateException"), Tolerance.EXACT));
    assertThrows(AssertionFailedError.class, () -> Differential.compare("other values", ok,
        results(Values.i32(2)), Tolerance.EXACT));
    assertThrows(AssertionFailedError.class, () -> Differential.compare("more outputs", ok,
        results(Values.i32(1), Values.i32(1)), Tolerance.EXACT));
    assertThrows(AssertionFailedError.class, () -> Differential.compare("fails one run later",
        new Outcome(List.of(), "IllegalStateException", "m"),
        new Outcome(List.of(List.of(Values.i32(1))), "IllegalStateException", "m"),
        Tolerance.EXACT));
  }
}
