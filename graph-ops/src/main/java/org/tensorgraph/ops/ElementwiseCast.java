package org.tensorgraph.ops;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;

/**
 * TF's {@code Cast} kernel between float, double, int32, int64 and bool, with the results TF 1.15
 * gives on x86-64 (checked against it):
 *
 * <ul>
 *   <li>float/double to integer truncates toward zero; NaN and values outside the target range
 *       give the target's minimum ({@code -2147483648}), as the x86 {@code cvtt} instructions do.
 *   <li>int64 to int32 wraps (keeps the low 32 bits).
 *   <li>to bool is {@code x != 0} (NaN is true); from bool is 0 or 1.
 *   <li>double to float rounds to nearest; with {@code Truncate=true} the low mantissa bits are
 *       dropped first (TF's {@code LSBZeroSetter}), so 0.1 becomes 0x3dcccccc, not 0x3dcccccd.
 * </ul>
 *
 * <pre>{@code
 * ElementwiseCast.cast(Tensor.of(new float[] {1.9f, -1.9f}), DType.INT32, false);  // [1, -1]
 * }</pre>
 */
public final class ElementwiseCast {
  private ElementwiseCast() {}

  /** {@code x} converted to {@code to}. */
  public static Tensor cast(Tensor x, DType to, boolean truncate) {
    if (x.dtype() == to) {
      return x;
    }
    int n = x.size();
    Object out = ElementwiseBinary.allocate(to, n);
    Object in = x.rawData();
    switch (to) {
      case FLOAT32: toFloat(in, (float[]) out, truncate); break;
      case FLOAT64: toDouble(in, (double[]) out); break;
      case INT32: toInt(in, (int[]) out); break;
      case INT64: toLong(in, (long[]) out); break;
      default: toBool(in, (boolean[]) out); break;
    }
    return Tensor.wrap(x.shape(), out);
  }

  private static void toFloat(Object in, float[] r, boolean truncate) {
    if (in instanceof double[]) {
      double[] a = (double[]) in;
      if (truncate) {
        for (int i = 0; i < r.length; i++) {
          long bits = Double.doubleToRawLongBits(a[i]) & ~((1L << 29) - 1);
          r[i] = (float) Double.longBitsToDouble(bits);
        }
      } else {
        for (int i = 0; i < r.length; i++) {
          r[i] = (float) a[i];
        }
      }
    } else if (in instanceof long[]) {
      long[] a = (long[]) in; // directly: long -> double -> float could round twice
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i];
      }
    } else {
      for (int i = 0; i < r.length; i++) {
        r[i] = (float) widen(in, i);
      }
    }
  }

  private static void toDouble(Object in, double[] r) {
    if (in instanceof long[]) {
      long[] a = (long[]) in;
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i];
      }
      return;
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = widen(in, i);
    }
  }

  private static void toInt(Object in, int[] r) {
    if (in instanceof long[]) {
      long[] a = (long[]) in;
      for (int i = 0; i < r.length; i++) {
        r[i] = (int) a[i];
      }
    } else if (in instanceof boolean[]) {
      boolean[] a = (boolean[]) in;
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i] ? 1 : 0;
      }
    } else {
      for (int i = 0; i < r.length; i++) {
        double v = widen(in, i);
        r[i] = v >= -2147483648.0 && v < 2147483648.0 ? (int) v : Integer.MIN_VALUE;
      }
    }
  }

  private static void toLong(Object in, long[] r) {
    if (in instanceof int[]) {
      int[] a = (int[]) in;
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i];
      }
    } else if (in instanceof boolean[]) {
      boolean[] a = (boolean[]) in;
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i] ? 1 : 0;
      }
    } else {
      for (int i = 0; i < r.length; i++) {
        double v = widen(in, i);
        r[i] = v >= -0x1p63 && v < 0x1p63 ? (long) v : Long.MIN_VALUE;
      }
    }
  }

  private static void toBool(Object in, boolean[] r) {
    if (in instanceof long[]) {
      long[] a = (long[]) in;
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i] != 0;
      }
      return;
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = widen(in, i) != 0; // NaN != 0 is true, as TF
    }
  }

  /** Element i of a float, double, int or bool array, exactly, as a double (not for long[]). */
  private static double widen(Object in, int i) {
    if (in instanceof float[]) {
      return ((float[]) in)[i];
    } else if (in instanceof double[]) {
      return ((double[]) in)[i];
    } else if (in instanceof int[]) {
      return ((int[]) in)[i];
    } else if (in instanceof long[]) {
      return ((long[]) in)[i];
    }
    return ((boolean[]) in)[i] ? 1 : 0;
  }
}
