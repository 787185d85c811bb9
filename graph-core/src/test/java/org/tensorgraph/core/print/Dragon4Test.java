package org.tensorgraph.core.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.print.Dragon4.Trim;
import org.tensorgraph.core.print.Dragon4.Value;

/**
 * Digit generation and layout against numpy's {@code format_float_positional} / {@code
 * format_float_scientific} (expected texts printed by numpy 2.4.6).
 */
class Dragon4Test {
  record Pos(String numpy, Value v, int precision, int minDigits, Trim trim, int padLeft,
      int padRight, String expected) {
    @Override
    public String toString() {
      return numpy;
    }
  }

  record Sci(String numpy, Value v, int precision, int minDigits, Trim trim, int padLeft,
      int expDigits, String expected) {
    @Override
    public String toString() {
      return numpy;
    }
  }

  static Stream<Pos> positionalCases() {
    String tiny = "0." + "0".repeat(323) + "5";
    return Stream.of(
        new Pos("f(float32(0.1))", Value.of(0.1f), -1, -1, Trim.NONE, -1, -1, "0.1"),
        new Pos("f(float32(123.456))", Value.of(123.456f), -1, -1, Trim.NONE, -1, -1, "123.456"),
        new Pos("f(float64(float32(123.456)))", Value.of((double) 123.456f), -1, -1, Trim.NONE,
            -1, -1, "123.45600128173828"),
        new Pos("f(float32(16777216))", Value.of(16777216f), -1, -1, Trim.NONE, -1, -1,
            "16777216."),
        new Pos("f(5e-324)", Value.of(5e-324), -1, -1, Trim.NONE, -1, -1, tiny),
        new Pos("f(float32(2**-149), precision=8)", Value.of(Float.MIN_VALUE), 8, -1, Trim.NONE,
            -1, -1, "0.00000000"),
        new Pos("f(0.123456785, precision=8)", Value.of(0.123456785), 8, -1, Trim.NONE, -1, -1,
            "0.12345678"),
        new Pos("f(9.999999999, precision=8)", Value.of(9.999999999), 8, -1, Trim.NONE, -1, -1,
            "10."),
        new Pos("f(1e23)", Value.of(1e23), -1, -1, Trim.NONE, -1, -1,
            "100000000000000000000000."),
        new Pos("f(2.5, precision=0)", Value.of(2.5), 0, -1, Trim.NONE, -1, -1, "2."),
        new Pos("f(0.5, precision=0)", Value.of(0.5), 0, -1, Trim.NONE, -1, -1, "0."),
        new Pos("f(1.5, precision=0)", Value.of(1.5), 0, -1, Trim.NONE, -1, -1, "2."),
        new Pos("f(1.0, trim='-')", Value.of(1.0), -1, -1, Trim.DPT_ZEROS, -1, -1, "1"),
        new Pos("f(1.0, trim='0')", Value.of(1.0), -1, -1, Trim.LEAVE_ONE_ZERO, -1, -1, "1.0"),
        new Pos("f(1.0, trim='.', pad_right=3, pad_left=4)", Value.of(1.0), -1, -1, Trim.ZEROS, 4,
            3, "   1.   "),
        new Pos("f(-1.25, trim='-', pad_right=3, pad_left=4)", Value.of(-1.25), -1, -1,
            Trim.DPT_ZEROS, 4, 3, "  -1.25 "),
        new Pos("f(-1.0, trim='-', pad_right=3, pad_left=4)", Value.of(-1.0), -1, -1,
            Trim.DPT_ZEROS, 4, 3, "  -1    "),
        new Pos("f(-0.0)", Value.of(-0.0), -1, -1, Trim.NONE, -1, -1, "-0."),
        new Pos("f(nan)", Value.of(Double.NaN), -1, -1, Trim.NONE, -1, -1, "nan"),
        new Pos("f(-inf)", Value.of(Float.NEGATIVE_INFINITY), -1, -1, Trim.NONE, -1, -1, "-inf"));
  }

  static Stream<Sci> scientificCases() {
    return Stream.of(
        new Sci("g(5e-324)", Value.of(5e-324), -1, -1, Trim.NONE, -1, -1, "5.e-324"),
        new Sci("g(float32(1e-45))", Value.of(1e-45f), -1, -1, Trim.NONE, -1, -1, "1.e-45"),
        new Sci("g(1e23)", Value.of(1e23), -1, -1, Trim.NONE, -1, -1, "1.e+23"),
        new Sci("g(float32(3.4028235e38))", Value.of(Float.MAX_VALUE), -1, -1, Trim.NONE, -1, -1,
            "3.4028235e+38"),
        new Sci("g(9.5, precision=0)", Value.of(9.5), 0, -1, Trim.NONE, -1, -1, "1.e+01"),
        new Sci("g(float32(1e-5), precision=1, min_digits=1, trim='k')", Value.of(1e-5f), 1, 1,
            Trim.NONE, -1, -1, "1.0e-05"),
        new Sci("g(1.0, trim='-')", Value.of(1.0), -1, -1, Trim.DPT_ZEROS, -1, -1, "1e+00"),
        new Sci("g(-1.5, trim='k', precision=3, min_digits=3, pad_left=3, exp_digits=3)",
            Value.of(-1.5), 3, 3, Trim.NONE, 3, 3, " -1.500e+000"),
        new Sci("g(1e-300)", Value.of(1e-300), -1, -1, Trim.NONE, -1, -1, "1.e-300"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("positionalCases")
  void positionalMatchesNumpy(Pos c) {
    assertEquals(c.expected(), Dragon4.positional(c.v(), c.precision(), c.minDigits(), c.trim(),
        true, c.padLeft(), c.padRight()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scientificCases")
  void scientificMatchesNumpy(Sci c) {
    assertEquals(c.expected(), Dragon4.scientific(c.v(), c.precision(), c.minDigits(), c.trim(),
        c.padLeft(), c.expDigits()));
  }
}
