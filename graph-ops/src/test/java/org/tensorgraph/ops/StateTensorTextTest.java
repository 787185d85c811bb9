package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Numbers and tensors as TF's C++ runtime prints them in messages. Expected texts are glibc's
 * {@code printf("%.6g")} / {@code "%.9g"} / {@code "%.15g"} / {@code "%.17g"} output.
 */
class StateTensorTextTest {
  record FloatCase(float value, String text) {}

  static Stream<FloatCase> floats() {
    return Stream.of(
        new FloatCase(0f, "0"), new FloatCase(-0f, "-0"), new FloatCase(1f, "1"),
        new FloatCase(-2.5f, "-2.5"), new FloatCase(0.1f, "0.1"),
        new FloatCase(1f / 3, "0.333333343"), new FloatCase(100000f, "100000"),
        new FloatCase(1000000f, "1e+06"), new FloatCase(1234567f, "1234567"),
        new FloatCase(1e-5f, "1e-05"), new FloatCase(0.0001f, "0.0001"),
        new FloatCase(123.456f, "123.456"), new FloatCase(1e20f, "1e+20"),
        new FloatCase(Float.MAX_VALUE, "3.40282347e+38"),
        new FloatCase(Float.MIN_VALUE, "1.4013e-45"),
        new FloatCase(0.7385489f, "0.738548875"),
        new FloatCase(Float.NaN, "nan"), new FloatCase(Float.POSITIVE_INFINITY, "inf"),
        new FloatCase(Float.NEGATIVE_INFINITY, "-inf"));
  }

  @ParameterizedTest
  @MethodSource("floats")
  void floatsAsStrCat(FloatCase c) {
    assertEquals(c.text(), StateTensorText.formatFloat(c.value()));
  }

  record DoubleCase(double value, String text) {}

  static Stream<DoubleCase> doubles() {
    return Stream.of(
        new DoubleCase(0.1, "0.1"), new DoubleCase(1.0 / 3, "0.33333333333333331"),
        new DoubleCase(1e100, "1e+100"), new DoubleCase(123456789012345678.0,
            "1.2345678901234568e+17"), new DoubleCase(-1e-7, "-1e-07"),
        new DoubleCase(Double.MAX_VALUE, "1.7976931348623157e+308"),
        new DoubleCase(Double.NEGATIVE_INFINITY, "-inf"), new DoubleCase(Double.NaN, "nan"));
  }

  @ParameterizedTest
  @MethodSource("doubles")
  void doublesAsStrCat(DoubleCase c) {
    assertEquals(c.text(), StateTensorText.formatDouble(c.value()));
  }

  @Test
  void formatGRoundsHalfToEvenOnExactTies() {
    assertEquals("2", StateTensorText.formatG(2.5, 1));
    assertEquals("2", StateTensorText.formatG(1.5, 1));
    assertEquals("0.12", StateTensorText.formatG(0.125, 2));
    assertEquals("0.13", StateTensorText.formatG(0.1251, 2));
    assertEquals("1e+02", StateTensorText.formatG(99.5, 1));
    assertEquals("0.0001", StateTensorText.formatG(0.0001, 6));
    assertEquals("1e-05", StateTensorText.formatG(0.00001, 6));
    assertEquals("-nan", StateTensorText.formatG(Double.longBitsToDouble(0xfff8000000000000L),
        6));
  }

  @Test
  void summarizeLikeTensorSummarizeValue() {
    Tensor m = Tensor.of(new int[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals("[1 2 3][4 5 6]", StateTensorText.summarize(m, 6));
    assertEquals("[1 2 3][4 5 6]", StateTensorText.summarize(m, 100));
    assertEquals("[1 2 3][4...]...", StateTensorText.summarize(m, 4));
    assertEquals("[1 2 3]...", StateTensorText.summarize(m, 3));
    assertEquals("7", StateTensorText.summarize(Tensor.of(7), 3));
    assertEquals("...", StateTensorText.summarize(Tensor.of(7), 0));
    assertEquals("", StateTensorText.summarize(Tensor.zeros(
        org.tensorgraph.core.DType.FLOAT32, Shape.of(2, 0)), 3));
    assertEquals("1 2...", StateTensorText.summarize(Tensor.of(new long[] {1, 2, 3}), 2));
  }
}
