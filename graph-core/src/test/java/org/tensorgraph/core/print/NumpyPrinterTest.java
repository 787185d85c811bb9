package org.tensorgraph.core.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** The article's printouts, the javadoc examples, and the summary's cost. */
class NumpyPrinterTest {
  private static final float[][][] ARTICLE_OUTPUTS = {
      {{0.92146313f, 0.6069534f, 0.24989243f, 0.9305415f},
          {0.9234855f, 0.8470011f, 0.7865616f, 0.99935764f}},
      {{0.9772771f, 0.9713368f, 0.99483156f, 0.9999987f},
          {0.9753329f, 0.99538314f, 0.9988139f, 1f}},
      {{0.9901842f, 0.99558043f, 0.9998626f, 1f}, {0.989398f, 0.9992842f, 0.9999691f, 1f}},
      {{0.99577546f, 0.9993256f, 0.99999636f, 1f}, {0.9954579f, 0.9998903f, 0.99999917f, 1f}}};

  private static final float[][] ARTICLE_STATE = {
      {-0.71645427f, -0.0585744f, 0.95318353f, 0.8424729f},
      {-0.99845f, -0.5044571f, 0.9955299f, 0.9750488f},
      {-0.99992913f, -0.8408632f, 0.99885863f, 0.9932366f},
      {-0.99999577f, -0.9672f, 0.9996866f, 0.99814796f}};

  @Test
  void articleOutputsPrintAsInTheArticle() {
    assertEquals(String.join("\n",
        "[[[0.92146313 0.6069534  0.24989243 0.9305415 ]",
        "  [0.9234855  0.8470011  0.7865616  0.99935764]]",
        "",
        " [[0.9772771  0.9713368  0.99483156 0.9999987 ]",
        "  [0.9753329  0.99538314 0.9988139  1.        ]]",
        "",
        " [[0.9901842  0.99558043 0.9998626  1.        ]",
        "  [0.989398   0.9992842  0.9999691  1.        ]]",
        "",
        " [[0.99577546 0.9993256  0.99999636 1.        ]",
        "  [0.9954579  0.9998903  0.99999917 1.        ]]]"),
        Tensor.of(ARTICLE_OUTPUTS).toString());
  }

  @Test
  void articleStateReprAsInTheArticle() {
    assertEquals(String.join("\n",
        "array([[-0.71645427, -0.0585744 ,  0.95318353,  0.8424729 ],",
        "       [-0.99845   , -0.5044571 ,  0.9955299 ,  0.9750488 ],",
        "       [-0.99992913, -0.8408632 ,  0.99885863,  0.9932366 ],",
        "       [-0.99999577, -0.9672    ,  0.9996866 ,  0.99814796]],",
        "      dtype=float32)"),
        Tensor.of(ARTICLE_STATE).repr());
  }

  record Example(String name, Tensor t, String str, String repr) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The javadoc examples of NumpyPrinter and Tensor, and a few landmarks (numpy 2.4.6). */
  static Stream<Example> examples() {
    return Stream.of(
        new Example("scientific 2x2", Tensor.of(new float[][] {{0.5f, -1f}, {1e-5f, 3f}}),
            "[[ 5.e-01 -1.e+00]\n [ 1.e-05  3.e+00]]",
            "array([[ 5.e-01, -1.e+00],\n       [ 1.e-05,  3.e+00]], dtype=float32)"),
        new Example("int32 widths", Tensor.of(new int[] {1, 20, 300}), "[  1  20 300]",
            "array([  1,  20, 300], dtype=int32)"),
        new Example("empty (0, 3)", Tensor.zeros(DType.INT64, Shape.of(0, 3)), "[]",
            "array([], shape=(0, 3), dtype=int64)"),
        new Example("Tensor javadoc", Tensor.of(new float[][] {{0, 1, 2}, {3, 4, 5}}),
            "[[0. 1. 2.]\n [3. 4. 5.]]",
            "array([[0., 1., 2.],\n       [3., 4., 5.]], dtype=float32)"),
        new Example("0-d float32", Tensor.of(0.5f), "0.5", "array(0.5, dtype=float32)"),
        new Example("0-d float64 one", Tensor.of(1.0), "1.0", "array(1.)"),
        new Example("0-d float64 long", Tensor.of(0.123456789123), "0.123456789123",
            "array(0.12345679)"),
        new Example("0-d bool", Tensor.of(true), "True", "array(True)"),
        new Example("bool row", Tensor.of(new boolean[] {true, false}), "[ True False]",
            "array([ True, False])"),
        new Example("empty float32 (0,)", Tensor.zeros(DType.FLOAT32, Shape.of(0)), "[]",
            "array([], dtype=float32)"),
        new Example("variant", Tensor.variant(new Object()), "<variant>",
            "array(<variant>, dtype=object)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void examplesPrintAsNumpy(Example e) {
    assertEquals(e.str(), e.t().toString());
    assertEquals(e.repr(), e.t().repr());
  }

  @Test
  void summaryOfAMillionElementsFormatsOnlyTheEdges() {
    int[] dims = {1000, 1000};
    int[] shown = ArrayLayout.shownIndices(dims, true);
    assertEquals(36, shown.length);
    assertArrayEquals(new int[] {0, 1, 2, 997, 998, 999}, Arrays.copyOf(shown, 6));
    assertEquals(999_999, shown[35]);
    AtomicInteger calls = new AtomicInteger();
    String text = ArrayLayout.layout(dims, i -> {
      calls.incrementAndGet();
      return "0.";
    }, " ", NumpyPrinter.LINE_WIDTH, 0, true);
    assertEquals(36, calls.get());
    assertEquals(7, text.split("\n").length);
  }

  @Test
  void summaryReprShowsTheShape() {
    Tensor t = Tensor.zeros(DType.FLOAT32, Shape.of(1000, 1000));
    assertEquals(String.join("\n",
        "array([[0., 0., 0., ..., 0., 0., 0.],",
        "       [0., 0., 0., ..., 0., 0., 0.],",
        "       [0., 0., 0., ..., 0., 0., 0.],",
        "       ...,",
        "       [0., 0., 0., ..., 0., 0., 0.],",
        "       [0., 0., 0., ..., 0., 0., 0.],",
        "       [0., 0., 0., ..., 0., 0., 0.]], shape=(1000, 1000), dtype=float32)"),
        t.repr());
  }

  @Test
  void nullTensorIsRejectedByName() {
    assertEquals("tensor",
        assertThrows(NullPointerException.class, () -> NumpyPrinter.str(null)).getMessage());
    assertEquals("tensor",
        assertThrows(NullPointerException.class, () -> NumpyPrinter.repr(null)).getMessage());
  }
}
