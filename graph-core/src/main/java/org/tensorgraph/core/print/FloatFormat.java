package org.tensorgraph.core.print;

import org.tensorgraph.core.print.Dragon4.Trim;
import org.tensorgraph.core.print.Dragon4.Value;

/**
 * numpy's {@code FloatingFormat} with the default options (precision 8, {@code
 * floatmode='maxprec'}, no suppression, sign '-'): one layout for a whole float32 or float64
 * array, chosen from the values it will print.
 *
 * <p>Scientific notation is used when the largest non-zero finite magnitude reaches {@code 1e8}
 * ({@code 1e6} for float32: numpy 2 caps the cutoff at the dtype's decimal precision), the
 * smallest is below {@code 1e-4}, or their ratio exceeds 1000. The comparisons run in the
 * element's own type, as numpy 2 compares a float32 scalar with a Python float. Otherwise every
 * element gets its shortest round-trip digits, at most 8 after the point, aligned on the point.
 *
 * <p>Also numpy's scalar {@code str()} of a float ({@link #scalarStr}).
 */
final class FloatFormat implements ElementFormat {
  private static final int PRECISION = 8;

  private final float[] f32; // exactly one of f32 / f64 is non-null
  private final double[] f64;
  private boolean expFormat;
  private int padLeft;
  private int padRight;
  private int precision = PRECISION;
  private int minDigits = -1;
  private int expSize = -1;

  /**
   * Computes the layout from the elements at {@code indices} (all of them, or the edges shown in
   * a summary), then formats any element of {@code data} with it.
   *
   * @param data a {@code float[]} or {@code double[]}
   */
  FloatFormat(Object data, int[] indices) {
    this.f32 = data instanceof float[] ? (float[]) data : null;
    this.f64 = data instanceof double[] ? (double[]) data : null;
    fillFormat(indices);
  }

  private Value value(int i) {
    return f32 != null ? Value.of(f32[i]) : Value.of(f64[i]);
  }

  private double asDouble(int i) {
    return f32 != null ? f32[i] : f64[i];
  }

  private void fillFormat(int[] indices) {
    int finite = 0;
    boolean anyNegInf = false;
    for (int i : indices) {
      double x = asDouble(i);
      if (Double.isFinite(x)) {
        finite++;
      } else if (x == Double.NEGATIVE_INFINITY) {
        anyNegInf = true;
      }
    }
    expFormat = chooseExponential(indices);
    if (finite > 0 && expFormat) {
      fillScientific(indices);
    } else if (finite > 0) {
      fillPositional(indices);
    }
    if (finite != indices.length) {
      int offset = padRight + 1; // +1 for the point
      padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (anyNegInf ? 1 : 0) - offset));
    }
  }

  /** numpy's cutoff test over the non-zero finite magnitudes, in the dtype's arithmetic. */
  private boolean chooseExponential(int[] indices) {
    double max = -1;
    double min = Double.POSITIVE_INFINITY;
    for (int i : indices) {
      double a = Math.abs(asDouble(i));
      if (Double.isFinite(a) && a != 0) {
        max = Math.max(max, a);
        min = Math.min(min, a);
      }
    }
    if (max < 0) {
      return false;
    }
    if (f32 != null) {
      float fmax = (float) max;
      float fmin = (float) min;
      return fmax >= 1e6f || fmin < 1e-4f || fmax / fmin > 1000f; // float32 division, as numpy
    }
    return max >= 1e8 || min < 1e-4 || max / min > 1000.0;
  }

  private void fillScientific(int[] indices) {
    int maxInt = 0;
    int maxFrac = 0;
    int maxExp = 0;
    for (int i : indices) {
      Value v = value(i);
      if (!v.isFinite()) {
        continue;
      }
      String s = Dragon4.scientific(v, PRECISION, -1, Trim.ZEROS, -1, -1);
      int e = s.indexOf('e');
      int dot = s.indexOf('.');
      maxInt = Math.max(maxInt, dot);
      maxFrac = Math.max(maxFrac, e - dot - 1);
      maxExp = Math.max(maxExp, s.length() - e - 1);
    }
    expSize = maxExp - 1; // without the exponent's sign
    precision = maxFrac;
    minDigits = maxFrac;
    padLeft = maxInt;
    padRight = expSize + 2 + precision; // only for the width of nan and inf
  }

  private void fillPositional(int[] indices) {
    int maxInt = 0;
    int maxFrac = 0;
    for (int i : indices) {
      Value v = value(i);
      if (!v.isFinite()) {
        continue;
      }
      String s = Dragon4.positional(v, PRECISION, -1, Trim.ZEROS, true, -1, -1);
      int dot = s.indexOf('.');
      maxInt = Math.max(maxInt, dot);
      maxFrac = Math.max(maxFrac, s.length() - dot - 1);
    }
    padLeft = maxInt;
    padRight = maxFrac;
    minDigits = 0;
  }

  @Override
  public String format(int i) {
    Value v = value(i);
    if (!v.isFinite()) {
      String s = v.nan ? "nan" : v.negative ? "-inf" : "inf";
      return " ".repeat(Math.max(0, padLeft + padRight + 1 - s.length())) + s;
    }
    if (expFormat) {
      return Dragon4.scientific(v, precision, minDigits, Trim.NONE, padLeft, expSize);
    }
    return Dragon4.positional(v, precision, minDigits, Trim.ZEROS, true, padLeft, padRight);
  }

  /**
   * numpy's {@code str()} of a float32 or float64 scalar (and so of a 0-d array): all shortest
   * digits, positional from {@code 1e-4} up to {@code 1e16} ({@code 1e6} for float32), else
   * scientific; {@code 1.0}, {@code 1e+16}, {@code -0.0}, {@code nan}.
   */
  static String scalarStr(Value v, boolean isFloat32, double magnitude) {
    double maxPositional = isFloat32 ? 1e6 : 1e16;
    boolean positional = v.nan || magnitude == 0
        || (magnitude < maxPositional && magnitude >= 1e-4);
    if (positional) {
      return Dragon4.positional(v, -1, -1, Trim.LEAVE_ONE_ZERO, false, -1, -1);
    }
    return Dragon4.scientific(v, -1, -1, Trim.DPT_ZEROS, -1, -1);
  }
}
