package org.tensorgraph.ops;

import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * The kernels of TF's comparison and logical cwise ops ({@code Less}, {@code Equal}, {@code
 * LogicalAnd} ...): bool results with numpy broadcasting. Comparisons follow IEEE (every
 * comparison with NaN is false except {@code NotEqual}).
 *
 * <pre>{@code
 * Tensor b = ElementwiseCompare.apply(ElementwiseCompare.LESS, x, y);  // x < y, broadcast
 * }</pre>
 */
public final class ElementwiseCompare {
  private ElementwiseCompare() {}

  public static final int EQUAL = 0;
  public static final int NOT_EQUAL = 1;
  public static final int LESS = 2;
  public static final int LESS_EQUAL = 3;
  public static final int GREATER = 4;
  public static final int GREATER_EQUAL = 5;
  /** Bool inputs only. */
  public static final int AND = 6;
  /** Bool inputs only. */
  public static final int OR = 7;

  /**
   * {@code x op y} with broadcasting; x and y have the same dtype. Equal shapes, a scalar and a row
   * operand skip the {@link Broadcast.Plan}, as in {@link ElementwiseBinary#apply}: a loop's
   * {@code Less} on two scalars runs every iteration.
   */
  public static Tensor apply(int op, Tensor x, Tensor y) {
    Shape xs = x.shape();
    Shape ys = y.shape();
    if (xs.rank() == 0 && ys.rank() == 0) {
      boolean[] z = new boolean[1];
      row(op, x.rawData(), 0, 0, y.rawData(), 0, 0, z, 0, 1);
      return Tensor.of(z[0]);
    }
    if (xs.equals(ys)) {
      return rows(op, x, 1, y, 1, xs, -1);
    }
    if (Broadcast.repeatsAlongRows(ys, xs)) {
      return y.size() == 1 ? rows(op, x, 1, y, 0, xs, -1) : rows(op, x, 1, y, 1, xs, y.size());
    }
    if (Broadcast.repeatsAlongRows(xs, ys)) {
      return x.size() == 1 ? rows(op, x, 0, y, 1, ys, -1) : rows(op, x, 1, y, 1, ys, x.size());
    }
    Broadcast.Plan p = Broadcast.plan(xs, ys);
    boolean[] z = new boolean[p.size()];
    Object xd = x.rawData();
    Object yd = y.rawData();
    p.forEachRow((xo, xs1, yo, ys1, zo, n) -> row(op, xd, xo, xs1, yd, yo, ys1, z, zo, n));
    return Tensor.wrap(p.shape(), z);
  }

  /**
   * {@code x op y} over {@code out} in rows of {@code n} ({@code -1}: one row of everything). The
   * operand of {@code out}'s size moves on from row to row; the smaller one restarts at 0 (a
   * repeated row) or has stride 0 (a scalar).
   */
  private static Tensor rows(int op, Tensor x, int xs, Tensor y, int ys, Shape out, int n) {
    int total = Tensor.checkedElementCount(out);
    boolean[] z = new boolean[total];
    int len = n < 0 ? total : n;
    if (len == 0) {
      return Tensor.wrap(out, z);
    }
    Object xd = x.rawData();
    Object yd = y.rawData();
    boolean xMoves = x.size() == total;
    boolean yMoves = y.size() == total;
    for (int zo = 0; zo < total; zo += len) {
      row(op, xd, xMoves ? zo : 0, xs, yd, yMoves ? zo : 0, ys, z, zo, len);
    }
    return Tensor.wrap(out, z);
  }

  /** A scalar bool, as Equal/NotEqual return for incompatible shapes when told not to fail. */
  static Tensor scalar(boolean v) {
    return Tensor.wrap(Shape.scalar(), new boolean[] {v});
  }

  private static void row(int op, Object x, int xo, int xs, Object y, int yo, int ys,
      boolean[] z, int zo, int n) {
    if (x instanceof float[]) {
      float[] a = (float[]) x;
      float[] b = (float[]) y;
      for (int i = 0; i < n; i++) {
        z[zo + i] = cmpD(op, a[xo + i * xs], b[yo + i * ys]);
      }
    } else if (x instanceof double[]) {
      double[] a = (double[]) x;
      double[] b = (double[]) y;
      for (int i = 0; i < n; i++) {
        z[zo + i] = cmpD(op, a[xo + i * xs], b[yo + i * ys]);
      }
    } else if (x instanceof int[]) {
      int[] a = (int[]) x;
      int[] b = (int[]) y;
      for (int i = 0; i < n; i++) {
        z[zo + i] = cmpL(op, a[xo + i * xs], b[yo + i * ys]);
      }
    } else if (x instanceof long[]) {
      long[] a = (long[]) x;
      long[] b = (long[]) y;
      for (int i = 0; i < n; i++) {
        z[zo + i] = cmpL(op, a[xo + i * xs], b[yo + i * ys]);
      }
    } else {
      boolean[] a = (boolean[]) x;
      boolean[] b = (boolean[]) y;
      for (int i = 0; i < n; i++) {
        z[zo + i] = logical(op, a[xo + i * xs], b[yo + i * ys]);
      }
    }
  }

  // A float widens to double exactly, so one double comparison serves both float dtypes.
  private static boolean cmpD(int op, double a, double b) {
    switch (op) {
      case EQUAL: return a == b;
      case NOT_EQUAL: return a != b;
      case LESS: return a < b;
      case LESS_EQUAL: return a <= b;
      case GREATER: return a > b;
      case GREATER_EQUAL: return a >= b;
      default: throw new IllegalStateException("op " + op);
    }
  }

  private static boolean cmpL(int op, long a, long b) {
    switch (op) {
      case EQUAL: return a == b;
      case NOT_EQUAL: return a != b;
      case LESS: return a < b;
      case LESS_EQUAL: return a <= b;
      case GREATER: return a > b;
      case GREATER_EQUAL: return a >= b;
      default: throw new IllegalStateException("op " + op);
    }
  }

  private static boolean logical(int op, boolean a, boolean b) {
    switch (op) {
      case EQUAL: return a == b;
      case NOT_EQUAL: return a != b;
      case AND: return a && b;
      case OR: return a || b;
      default: throw new IllegalStateException("op " + op + " on bool");
    }
  }
}
