package org.tensorgraph.ops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;

/**
 * Tensor values as TF 1.15's C++ runtime writes them into error messages: {@code
 * Tensor::SummarizeValue} (what {@code Assert} prints) and {@code strings::StrCat} of a number
 * (floats with {@code %.6g}, or {@code %.9g} when 6 digits do not round-trip; doubles with {@code
 * %.15g} / {@code %.17g}; bools as {@code 1} / {@code 0}).
 *
 * <pre>{@code
 * StateTensorText.summarize(Tensor.of(new float[][] {{1, 2.5f, 3}, {4, 5, 6}}), 3);
 * // "[1 2.5 3]..."
 * StateTensorText.formatFloat(0.1f);   // "0.1"
 * StateTensorText.formatFloat(1e20f);  // "1e+20"
 * }</pre>
 */
final class StateTensorText {
  private StateTensorText() {}

  /** TF's {@code Tensor::SummarizeValue(max_entries)}; a negative count prints every element. */
  static String summarize(Tensor t, long maxEntries) {
    long numElts = t.size();
    long max = maxEntries < 0 ? numElts : maxEntries;
    int limit = (int) Math.min(max, numElts);
    StringBuilder sb = new StringBuilder();
    if (t.dtype() == DType.VARIANT) {
      if (limit > 0) {
        sb.append(t.variantValue());
      }
      if (max < numElts) {
        sb.append("...");
      }
      return sb.toString();
    }
    int[] dims = t.shape().intDims();
    if (dims.length == 0) {
      for (int i = 0; i < limit; i++) {
        sb.append(i > 0 ? " " : "").append(element(t, i));
      }
      if (numElts > limit) {
        sb.append("...");
      }
      return sb.toString();
    }
    int[] index = {0};
    printOneDim(t, 0, dims, limit, index, sb);
    if (numElts > limit) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** TF's {@code PrintOneDim}: nested brackets, stopping (with "...") after {@code limit}. */
  private static void printOneDim(Tensor t, int dim, int[] dims, int limit, int[] index,
      StringBuilder sb) {
    if (index[0] >= limit) {
      return;
    }
    int count = dims[dim];
    if (dim == dims.length - 1) {
      for (int i = 0; i < count; i++) {
        if (index[0] >= limit) {
          if (dim != 0) {
            sb.append("...");
          }
          return;
        }
        sb.append(i > 0 ? " " : "").append(element(t, index[0]++));
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      boolean opened = false;
      if (index[0] < limit) {
        sb.append('[');
        opened = true;
      }
      printOneDim(t, dim + 1, dims, limit, index, sb);
      if (index[0] < limit || opened) {
        sb.append(']');
      }
    }
  }

  /** Element {@code i} (row-major) as TF's {@code StrCat} writes it. */
  static String element(Tensor t, int i) {
    Object data = t.rawData();
    switch (t.dtype()) {
      case FLOAT32: return formatFloat(((float[]) data)[i]);
      case FLOAT64: return formatDouble(((double[]) data)[i]);
      case INT32: return Integer.toString(((int[]) data)[i]);
      case INT64: return Long.toString(((long[]) data)[i]);
      case BOOL: return ((boolean[]) data)[i] ? "1" : "0";
      default: return "?";
    }
  }

  /** TF's {@code FloatToBuffer}: {@code %.6g}, or {@code %.9g} if that does not round-trip. */
  static String formatFloat(float v) {
    String s = formatG(v, 6);
    if (Float.isNaN(v) || Float.isInfinite(v)) {
      return s;
    }
    return Float.parseFloat(s) == v ? s : formatG(v, 9);
  }

  /** TF's {@code DoubleToBuffer}: {@code %.15g}, or {@code %.17g} if that does not round-trip. */
  static String formatDouble(double v) {
    if (Math.abs(v) <= Double.MAX_VALUE / 1.000000000000001) {
      String s = formatG(v, 15);
      if (Double.parseDouble(s) == v) {
        return s;
      }
    }
    return formatG(v, 17);
  }

  /** C's {@code printf("%.*g", precision, v)} as glibc writes it (exact, ties to even). */
  static String formatG(double v, int precision) {
    boolean negative = Double.doubleToRawLongBits(v) < 0;
    String sign = negative ? "-" : "";
    if (Double.isNaN(v)) {
      return sign + "nan";
    }
    if (Double.isInfinite(v)) {
      return sign + "inf";
    }
    if (v == 0) {
      return sign + "0";
    }
    int p = Math.max(precision, 1);
    BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(p, RoundingMode.HALF_EVEN));
    String digits = r.unscaledValue().toString();
    int exp = digits.length() - r.scale() - 1;
    digits = stripZeros(digits);
    if (exp < -4 || exp >= p) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      int a = Math.abs(exp);
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
    }
    if (exp < 0) {
      return sign + "0." + "0".repeat(-exp - 1) + digits;
    }
    if (digits.length() <= exp + 1) {
      return sign + digits + "0".repeat(exp + 1 - digits.length());
    }
    return sign + digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
  }

  private static String stripZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }
}
