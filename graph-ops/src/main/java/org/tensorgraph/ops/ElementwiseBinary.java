package org.tensorgraph.ops;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;

/**
 * The arithmetic kernels of TF's binary cwise ops ({@code Add}, {@code Mul}, {@code FloorMod} ...)
 * over float, double, int32 and int64, with numpy broadcasting.
 *
 * <pre>{@code
 * Tensor z = ElementwiseBinary.apply(ElementwiseBinary.ADD, x, y);  // x + y, broadcast
 * }</pre>
 *
 * <p>The op is dispatched once per row, outside the loops: the same-shape and scalar-operand rows
 * of Add/Sub/Mul/Div/Maximum/Minimum (the RNN hot path) run plain loops C2 vectorizes; the rest go
 * through a per-element {@code switch} on a loop-invariant code.
 *
 * <p>Semantics follow TF 1.15's CPU functors: {@code Div} and {@code RealDiv} truncate on integers
 * (C++ {@code /}, {@code functor::safe_div}); {@code FloorDiv}/{@code FloorMod} round toward
 * negative infinity (Python's {@code //} and {@code %}); integer division by zero fails with {@code
 * "Integer division by zero"}; {@code Maximum}/{@code Minimum} propagate NaN; integer {@code Pow}
 * wraps on overflow and rejects negative exponents; integer overflow wraps everywhere.
 */
public final class ElementwiseBinary {
  private ElementwiseBinary() {}

  public static final int ADD = 0;
  public static final int SUB = 1;
  public static final int MUL = 2;
  /** Division: IEEE for floats, truncating (C++) for integers. */
  public static final int DIV = 3;
  public static final int FLOOR_DIV = 4;
  public static final int FLOOR_MOD = 5;
  public static final int MAX = 6;
  public static final int MIN = 7;
  public static final int POW = 8;

  static final String DIV_BY_ZERO = "Integer division by zero";

  /**
   * {@code x op y} with broadcasting; x and y have the same numeric dtype. Equal shapes, a scalar
   * and a row operand (a bias) skip the {@link Broadcast.Plan}: they are every call of an RNN step,
   * where building the plan cost more than the arithmetic.
   */
  public static Tensor apply(int op, Tensor x, Tensor y) {
    Shape xs = x.shape();
    Shape ys = y.shape();
    if (xs.rank() == 0 && ys.rank() == 0) {
      return scalar(op, x.rawData(), y.rawData());
    }
    if (xs.equals(ys)) {
      return flat(op, x, 1, y, 1, xs);
    }
    if (Broadcast.repeatsAlongRows(ys, xs)) {
      return y.size() == 1 ? flat(op, x, 1, y, 0, xs) : rows(op, x, y, true, xs);
    }
    if (Broadcast.repeatsAlongRows(xs, ys)) {
      return x.size() == 1 ? flat(op, x, 0, y, 1, ys) : rows(op, x, y, false, ys);
    }
    Broadcast.Plan p = Broadcast.plan(xs, ys);
    Object z = allocate(x.dtype(), p.size());
    Object xd = x.rawData();
    Object yd = y.rawData();
    p.forEachRow((xo, xs1, yo, ys1, zo, n) -> row(op, xd, xo, xs1, yd, yo, ys1, z, zo, n));
    return Tensor.wrap(p.shape(), z);
  }

  /**
   * {@code x op y} where the smaller operand ({@code y} if {@code yRepeats}) is one row repeated
   * along the other's rows ({@link Broadcast#repeatsAlongRows}); {@code out} is the larger shape.
   */
  private static Tensor rows(int op, Tensor x, Tensor y, boolean yRepeats, Shape out) {
    int total = Tensor.checkedElementCount(out);
    Object z = allocate(x.dtype(), total);
    int n = (yRepeats ? y : x).size();
    Object xd = x.rawData();
    Object yd = y.rawData();
    for (int zo = 0; zo < total; zo += n) {
      row(op, xd, yRepeats ? zo : 0, 1, yd, yRepeats ? 0 : zo, 1, z, zo, n);
    }
    return Tensor.wrap(out, z);
  }

  /**
   * Two scalars (a loop counter plus one): one element through the same per-element functions the
   * row loops use, without the row machinery.
   */
  private static Tensor scalar(int op, Object x, Object y) {
    if (x instanceof float[] a) {
      return Tensor.of(applyF(op, a[0], ((float[]) y)[0]));
    } else if (x instanceof int[] a) {
      return Tensor.of(applyI(op, a[0], ((int[]) y)[0]));
    } else if (x instanceof double[] a) {
      return Tensor.of(applyD(op, a[0], ((double[]) y)[0]));
    }
    return Tensor.of(applyL(op, ((long[]) x)[0], ((long[]) y)[0]));
  }

  /** One flat row over {@code out}: the same-shape and scalar fast paths. */
  private static Tensor flat(int op, Tensor x, int xs, Tensor y, int ys, Shape out) {
    int n = Tensor.checkedElementCount(out);
    Object z = allocate(x.dtype(), n);
    if (n > 0) {
      row(op, x.rawData(), 0, xs, y.rawData(), 0, ys, z, 0, n);
    }
    return Tensor.wrap(out, z);
  }

  static Object allocate(DType t, int n) {
    switch (t) {
      case FLOAT32: return new float[n];
      case FLOAT64: return new double[n];
      case INT32: return new int[n];
      case INT64: return new long[n];
      case BOOL: return new boolean[n];
      default: throw new IllegalArgumentException("No dense buffer for " + t);
    }
  }

  /** One row: dtype dispatch, then the row loops. */
  static void row(int op, Object x, int xo, int xs, Object y, int yo, int ys, Object z, int zo,
      int n) {
    if (z instanceof float[]) {
      rowF(op, (float[]) x, xo, xs, (float[]) y, yo, ys, (float[]) z, zo, n);
    } else if (z instanceof double[]) {
      rowD(op, (double[]) x, xo, xs, (double[]) y, yo, ys, (double[]) z, zo, n);
    } else if (z instanceof int[]) {
      int[] xi = (int[]) x;
      int[] yi = (int[]) y;
      int[] zi = (int[]) z;
      for (int i = 0; i < n; i++) {
        zi[zo + i] = applyI(op, xi[xo + i * xs], yi[yo + i * ys]);
      }
    } else {
      long[] xl = (long[]) x;
      long[] yl = (long[]) y;
      long[] zl = (long[]) z;
      for (int i = 0; i < n; i++) {
        zl[zo + i] = applyL(op, xl[xo + i * xs], yl[yo + i * ys]);
      }
    }
  }

  // ---------------------------------------------------------------- float32

  private static void rowF(int op, float[] x, int xo, int xs, float[] y, int yo, int ys,
      float[] z, int zo, int n) {
    if (xs == 1 && ys == 1 && fastF(op, x, xo, y, yo, z, zo, n)) {
      return;
    }
    if (xs == 0 && ys == 1 && fastScalarLeftF(op, x[xo], y, yo, z, zo, n)) {
      return;
    }
    if (xs == 1 && ys == 0 && fastScalarRightF(op, x, xo, y[yo], z, zo, n)) {
      return;
    }
    for (int i = 0; i < n; i++) {
      z[zo + i] = applyF(op, x[xo + i * xs], y[yo + i * ys]);
    }
  }

  private static boolean fastF(int op, float[] x, int xo, float[] y, int yo, float[] z, int zo,
      int n) {
    switch (op) {
      case ADD: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] + y[yo + i]; } return true;
      case SUB: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] - y[yo + i]; } return true;
      case MUL: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] * y[yo + i]; } return true;
      case DIV: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] / y[yo + i]; } return true;
      case MAX: for (int i = 0; i < n; i++) { z[zo + i] = maxF(x[xo + i], y[yo + i]); } return true;
      case MIN: for (int i = 0; i < n; i++) { z[zo + i] = minF(x[xo + i], y[yo + i]); } return true;
      default: return false;
    }
  }

  private static boolean fastScalarLeftF(int op, float a, float[] y, int yo, float[] z, int zo,
      int n) {
    switch (op) {
      case ADD: for (int i = 0; i < n; i++) { z[zo + i] = a + y[yo + i]; } return true;
      case SUB: for (int i = 0; i < n; i++) { z[zo + i] = a - y[yo + i]; } return true;
      case MUL: for (int i = 0; i < n; i++) { z[zo + i] = a * y[yo + i]; } return true;
      case DIV: for (int i = 0; i < n; i++) { z[zo + i] = a / y[yo + i]; } return true;
      default: return false;
    }
  }

  private static boolean fastScalarRightF(int op, float[] x, int xo, float b, float[] z, int zo,
      int n) {
    switch (op) {
      case ADD: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] + b; } return true;
      case SUB: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] - b; } return true;
      case MUL: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] * b; } return true;
      case DIV: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] / b; } return true;
      default: return false;
    }
  }

  static float applyF(int op, float a, float b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return a / b;
      case FLOOR_DIV: return (float) Math.floor(a / b);
      case FLOOR_MOD: return floorModF(a, b);
      case MAX: return maxF(a, b);
      case MIN: return minF(a, b);
      case POW: return (float) powC(a, b);
      default: throw new IllegalStateException("op " + op);
    }
  }

  /**
   * TF's float {@code Maximum}: NaN if either is NaN, else {@code a < b ? b : a}, so a tie keeps the
   * first operand ({@code max(-0.0, 0.0)} is -0.0, as TF 1.15 gives; {@link Math#max} gives 0.0).
   */
  static float maxF(float a, float b) {
    return a < b ? b : b != b ? b : a;
  }

  /** TF's float {@code Minimum}: NaN if either is NaN, else {@code b < a ? b : a}. */
  static float minF(float a, float b) {
    return b < a ? b : b != b ? b : a;
  }

  static double maxD(double a, double b) {
    return a < b ? b : b != b ? b : a;
  }

  static double minD(double a, double b) {
    return b < a ? b : b != b ? b : a;
  }

  /** TF's {@code floor_fmod}: fmod, moved to the divisor's sign when it is not zero. */
  private static float floorModF(float a, float b) {
    float r = a % b;
    return r != 0 && (b < 0) != (r < 0) ? r + b : r;
  }

  // ---------------------------------------------------------------- float64

  private static void rowD(int op, double[] x, int xo, int xs, double[] y, int yo, int ys,
      double[] z, int zo, int n) {
    if (xs == 1 && ys == 1 && fastD(op, x, xo, y, yo, z, zo, n)) {
      return;
    }
    if (xs == 0 && ys == 1 && op == MUL) {
      double a = x[xo];
      for (int i = 0; i < n; i++) {
        z[zo + i] = a * y[yo + i];
      }
      return;
    }
    if (xs == 1 && ys == 0 && (op == ADD || op == MUL)) {
      double b = y[yo];
      if (op == ADD) {
        for (int i = 0; i < n; i++) {
          z[zo + i] = x[xo + i] + b;
        }
      } else {
        for (int i = 0; i < n; i++) {
          z[zo + i] = x[xo + i] * b;
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      z[zo + i] = applyD(op, x[xo + i * xs], y[yo + i * ys]);
    }
  }

  private static boolean fastD(int op, double[] x, int xo, double[] y, int yo, double[] z, int zo,
      int n) {
    switch (op) {
      case ADD: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] + y[yo + i]; } return true;
      case SUB: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] - y[yo + i]; } return true;
      case MUL: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] * y[yo + i]; } return true;
      case DIV: for (int i = 0; i < n; i++) { z[zo + i] = x[xo + i] / y[yo + i]; } return true;
      default: return false;
    }
  }

  static double applyD(int op, double a, double b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return a / b;
      case FLOOR_DIV: return Math.floor(a / b);
      case FLOOR_MOD: {
        double r = a % b;
        return r != 0 && (b < 0) != (r < 0) ? r + b : r;
      }
      case MAX: return maxD(a, b);
      case MIN: return minD(a, b);
      case POW: return powC(a, b);
      default: throw new IllegalStateException("op " + op);
    }
  }

  /** C's {@code pow}: as {@link Math#pow} except that 1^y and (-1)^(+-inf) are 1 (NaN in Java). */
  static double powC(double a, double b) {
    if (a == 1 || a == -1 && Double.isInfinite(b)) {
      return 1;
    }
    return Math.pow(a, b);
  }

  // ---------------------------------------------------------------- integers

  static int applyI(int op, int a, int b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return b == 0 ? divByZero() : a / b;
      case FLOOR_DIV: return b == 0 ? divByZero() : Math.floorDiv(a, b);
      case FLOOR_MOD: return b == 0 ? divByZero() : Math.floorMod(a, b);
      case MAX: return Math.max(a, b);
      case MIN: return Math.min(a, b);
      case POW: return (int) powL(a, b);
      default: throw new IllegalStateException("op " + op);
    }
  }

  static long applyL(int op, long a, long b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return b == 0 ? divByZero() : a / b;
      case FLOOR_DIV: return b == 0 ? divByZero() : Math.floorDiv(a, b);
      case FLOOR_MOD: return b == 0 ? divByZero() : Math.floorMod(a, b);
      case MAX: return Math.max(a, b);
      case MIN: return Math.min(a, b);
      case POW: return powL(a, b);
      default: throw new IllegalStateException("op " + op);
    }
  }

  private static int divByZero() {
    throw new InvalidArgumentException(DIV_BY_ZERO);
  }

  /** TF's integer {@code pow}: square-and-multiply, wrapping; negative exponents fail. */
  static long powL(long base, long exp) {
    if (exp < 0) {
      throw new InvalidArgumentException("Integers to negative integer powers are not allowed");
    }
    long r = 1;
    long b = base;
    long e = exp;
    while (e != 0) {
      if ((e & 1) != 0) {
        r *= b;
      }
      e >>>= 1;
      b *= b;
    }
    return r;
  }
}
