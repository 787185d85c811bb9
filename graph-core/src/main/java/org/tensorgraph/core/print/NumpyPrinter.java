package org.tensorgraph.core.print;

import java.util.Objects;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.print.Dragon4.Value;

/**
 * numpy's {@code str(a)} and {@code repr(a)} for a {@link Tensor}, byte for byte as numpy 2.4
 * prints them with its default print options (precision 8, {@code floatmode='maxprec'}, line
 * width 75, threshold 1000, edge items 3).
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[][] {{0.5f, -1f}, {1e-5f, 3f}});
 * NumpyPrinter.str(x);
 * // [[ 5.e-01 -1.e+00]
 * //  [ 1.e-05  3.e+00]]
 * NumpyPrinter.repr(Tensor.of(new int[] {1, 20, 300}));
 * // array([  1,  20, 300], dtype=int32)
 * NumpyPrinter.repr(Tensor.zeros(DType.INT64, Shape.of(0, 3)));
 * // array([], shape=(0, 3), dtype=int64)
 * }</pre>
 *
 * <p>A variant tensor (an opaque host value such as a TensorList) has no numbers to print: its
 * {@code str} is {@code <variant>} and its {@code repr} {@code array(<variant>, dtype=object)},
 * the way numpy shows a 0-d object array holding an opaque object.
 */
public final class NumpyPrinter {
  /** numpy's default {@code linewidth}. */
  static final int LINE_WIDTH = 75;
  /** numpy's default {@code threshold}: more elements than this are summarised. */
  static final int THRESHOLD = 1000;
  private static final String REPR_PREFIX = "array(";

  private NumpyPrinter() {}

  /**
   * numpy's {@code str(a)}: {@code [[0. 1.]\n [2. 3.]]}; a 0-d tensor prints as numpy's scalar
   * ({@code 0.5}, {@code 1.0}, {@code True}); an empty one as {@code []}.
   */
  public static String str(Tensor t) {
    Objects.requireNonNull(t, "tensor");
    if (t.dtype() == DType.VARIANT) {
      return "<variant>";
    }
    if (t.rank() == 0) {
      return scalarStr(t);
    }
    if (t.size() == 0) {
      return "[]";
    }
    return array2string(t, " ", LINE_WIDTH, 0);
  }

  /**
   * numpy's {@code repr(a)}: {@code array([[0., 1.],\n       [2., 3.]], dtype=float32)}. The
   * dtype is shown unless numpy implies it (float64, int64, bool) or the array is empty; the
   * shape is shown for empty arrays other than {@code (0,)} and for summarised ones.
   */
  public static String repr(Tensor t) {
    Objects.requireNonNull(t, "tensor");
    if (t.dtype() == DType.VARIANT) {
      return REPR_PREFIX + "<variant>, dtype=object)";
    }
    int size = t.size();
    // repr reserves room for its closing ")" on the last line
    String body = size == 0 ? "[]" : array2string(t, ", ", LINE_WIDTH - 1, REPR_PREFIX.length());
    StringBuilder extras = new StringBuilder();
    Shape shape = t.shape();
    if ((size == 0 && !(shape.rank() == 1)) || size > THRESHOLD) {
      extras.append("shape=").append(shape.toNumpyString());
    }
    if (!dtypeIsImplied(t.dtype()) || size == 0) {
      extras.append(extras.length() > 0 ? ", " : "").append("dtype=")
          .append(t.dtype().numpyName());
    }
    if (extras.length() == 0) {
      return REPR_PREFIX + body + ")";
    }
    String arrStr = REPR_PREFIX + body + ",";
    String extraStr = extras + ")";
    int lastLineLength = arrStr.length() - (arrStr.lastIndexOf('\n') + 1);
    String spacer = lastLineLength + extraStr.length() + 1 > LINE_WIDTH
        ? "\n" + " ".repeat(REPR_PREFIX.length()) : " ";
    return arrStr + spacer + extraStr;
  }

  /** numpy's {@code dtype_is_implied}: the default int (int64), float64 and bool. */
  private static boolean dtypeIsImplied(DType d) {
    return d == DType.FLOAT64 || d == DType.INT64 || d == DType.BOOL;
  }

  /** numpy's {@code _array2string} for a non-empty array (0-d included, as repr uses it). */
  private static String array2string(Tensor t, String separator, int lineWidth, int prefixLen) {
    int[] dims = t.shape().intDims();
    boolean summary = t.size() > THRESHOLD;
    int[] shown = ArrayLayout.shownIndices(dims, summary);
    ElementFormat format = formatFor(t, shown);
    return ArrayLayout.layout(dims, format, separator, lineWidth, prefixLen, summary);
  }

  private static ElementFormat formatFor(Tensor t, int[] shown) {
    Object data = t.rawData();
    switch (t.dtype()) {
      case FLOAT32:
      case FLOAT64:
        return new FloatFormat(data, shown);
      case INT32:
      case INT64:
        return IntegerFormats.integers(data, shown);
      case BOOL:
        return IntegerFormats.bools((boolean[]) data, t.rank() == 0);
      default:
        throw new IllegalArgumentException("Cannot print dtype " + t.dtype());
    }
  }

  /** numpy's {@code str()} of the scalar a 0-d array holds. */
  private static String scalarStr(Tensor t) {
    Object data = t.rawData();
    switch (t.dtype()) {
      case FLOAT32: {
        float f = ((float[]) data)[0];
        return FloatFormat.scalarStr(Value.of(f), true, Math.abs(f));
      }
      case FLOAT64: {
        double d = ((double[]) data)[0];
        return FloatFormat.scalarStr(Value.of(d), false, Math.abs(d));
      }
      case INT32:
        return Integer.toString(((int[]) data)[0]);
      case INT64:
        return Long.toString(((long[]) data)[0]);
      case BOOL:
        return ((boolean[]) data)[0] ? "True" : "False";
      default:
        throw new IllegalArgumentException("Cannot print dtype " + t.dtype());
    }
  }
}
