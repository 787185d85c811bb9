package org.tensorgraph.conformance;

import java.util.SplittableRandom;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.ops.ElementwiseCast;

/** Short factories for the tensors the tables feed: literals, seeded randoms, edge values. */
final class Values {
  static final DType F32 = DType.FLOAT32;
  static final DType F64 = DType.FLOAT64;
  static final DType I32 = DType.INT32;
  static final DType I64 = DType.INT64;
  static final DType BOOL = DType.BOOL;
  static final DType[] NUMERIC = {F32, F64, I32, I64};
  static final DType[] ALL = {F32, F64, I32, I64, BOOL};

  /** Shapes every shape-generic op sees: scalar, vector, matrix, rank 3, an empty dim. */
  static final int[][] SHAPES = {{}, {5}, {2, 3}, {2, 3, 4}, {0}, {3, 0, 2}};

  private Values() {}

  static Tensor f32(float... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  static Tensor f64(double... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  static Tensor i32(int... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  static Tensor i64(long... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  static Tensor bools(boolean... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  /** {@code t} with the same elements in another shape. */
  static Tensor reshape(Tensor t, int... dims) {
    return Tensor.wrap(Shape.of(dims), copy(t.rawData()));
  }

  private static Object copy(Object data) {
    if (data instanceof float[] f) {
      return f.clone();
    } else if (data instanceof double[] d) {
      return d.clone();
    } else if (data instanceof int[] i) {
      return i.clone();
    } else if (data instanceof long[] l) {
      return l.clone();
    }
    return ((boolean[]) data).clone();
  }

  static Tensor cast(Tensor t, DType to) {
    return ElementwiseCast.cast(t, to, false);
  }

  /**
   * Seeded values of {@code dims}: floats are multiples of 1/4 in [-4, 4] (so sums and products
   * of a few are exact in any order), integers in [-9, 9], bools fair coins.
   */
  static Tensor random(DType dtype, long seed, int... dims) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + dims.length);
    int n = Math.toIntExact(Shape.of(dims).numElements());
    if (dtype == BOOL) {
      boolean[] z = new boolean[n];
      for (int i = 0; i < n; i++) {
        z[i] = r.nextBoolean();
      }
      return Tensor.of(Shape.of(dims), z);
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = dtype.isFloating() ? r.nextInt(-16, 17) / 4.0 : r.nextInt(-9, 10);
    }
    return cast(Tensor.of(Shape.of(dims), d), dtype);
  }

  /** Like {@link #random} but strictly positive (for Log, Sqrt, divisors): (0, 4] or [1, 9]. */
  static Tensor positive(DType dtype, long seed, int... dims) {
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    int n = Math.toIntExact(Shape.of(dims).numElements());
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = dtype.isFloating() ? r.nextInt(1, 17) / 4.0 : r.nextInt(1, 10);
    }
    return cast(Tensor.of(Shape.of(dims), d), dtype);
  }

  /** Unrounded floats in [-range, range): exercises transcendental rounding. */
  static Tensor uniform(DType dtype, long seed, double range, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = Math.toIntExact(Shape.of(dims).numElements());
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (r.nextDouble() * 2 - 1) * range;
    }
    return cast(Tensor.of(Shape.of(dims), d), dtype);
  }

  /**
   * Float edge values: zeros of both signs, small, large, overflowing, infinities and NaN.
   *
   * <p>No subnormals, in inputs or (for float32 Exp/Sigmoid of -88.5) in results: TF 1.15 runs
   * every kernel with the CPU's flush-to-zero and denormals-are-zero modes on, so it reads and
   * writes them as 0 (Mul(1e-40f, 2) is 0 there, 2e-40 here). That difference is reported, not
   * tabled.
   */
  static Tensor floatEdges(DType dtype) {
    double[] d = {0.0, -0.0, 1, -1, 0.5, -2.5, 3, 1e-3, -7.25, 80.5, -80.5, 1e30, -1e30,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
    return cast(Tensor.of(Shape.of(d.length), d), dtype);
  }

  /** The vector {@code t} without the elements equal (bit for bit, as doubles) to any of drop. */
  static Tensor without(Tensor t, double... drop) {
    java.util.List<Integer> keep = new java.util.ArrayList<>();
    outer:
    for (int i = 0; i < t.size(); i++) {
      for (double d : drop) {
        if (Double.doubleToLongBits(t.getAsDouble(i)) == Double.doubleToLongBits(d)) {
          continue outer;
        }
      }
      keep.add(i);
    }
    double[] v = keep.stream().mapToDouble(t::getAsDouble).toArray();
    return cast(Tensor.of(Shape.of(v.length), v), t.dtype());
  }

  /** Integer edge values, avoiding MIN (whose division by -1 traps on x86 in TF). */
  static Tensor intEdges(DType dtype) {
    long big = dtype == I32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
    long[] v = {0, 1, -1, 2, -2, 7, -7, 9, -9, 100, -100, big, -big};
    return cast(Tensor.of(Shape.of(v.length), v), dtype);
  }

  static Tensor edges(DType dtype) {
    return dtype.isFloating() ? floatEdges(dtype) : intEdges(dtype);
  }

  /** A scalar of {@code dtype} holding {@code v}. */
  static Tensor scalar(DType dtype, double v) {
    return cast(Tensor.of(v), dtype);
  }
}
