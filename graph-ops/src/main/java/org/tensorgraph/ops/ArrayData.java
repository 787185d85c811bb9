package org.tensorgraph.ops;

import java.util.Arrays;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;

/**
 * Element moves that do not depend on the dtype: the array kernels copy {@code float[]}, {@code
 * int[]}, ... buffers with {@link System#arraycopy} and one typed loop per dtype where the copy is
 * strided, so no element is ever boxed.
 */
final class ArrayData {
  private ArrayData() {}

  /** A new zeroed buffer of {@code n} elements of {@code dtype}. */
  static Object allocate(DType dtype, int n) {
    if (dtype == DType.VARIANT) {
      throw new InvalidArgumentException("Expected a dense dtype, got " + dtype.tfName());
    }
    return dtype.newArray(n);
  }

  /**
   * The backing buffer of a dense tensor.
   *
   * @throws InvalidArgumentException naming {@code op} for a variant tensor
   */
  static Object data(Tensor t, String op) {
    if (t.dtype() == DType.VARIANT) {
      throw new InvalidArgumentException(op + " on Variant not supported");
    }
    return t.rawData();
  }

  /** The elements of an int32 or int64 tensor as longs. */
  static long[] toLongs(Tensor t) {
    if (t.dtype() == DType.INT32) {
      int[] v = (int[]) t.rawData();
      long[] r = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        r[i] = v[i];
      }
      return r;
    }
    if (t.dtype() == DType.INT64) {
      return ((long[]) t.rawData()).clone();
    }
    throw new InvalidArgumentException("Expected an int32 or int64 tensor, got "
        + t.dtype().tfName());
  }

  /** The row-major strides of {@code dims}. */
  static int[] strides(int[] dims) {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** The product of {@code dims[from..to)}. */
  static int product(int[] dims, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return Math.toIntExact(p);
  }

  /**
   * A strided gather: {@code dst[k] = src[offset + sum_d idx_d * strides[d]]} with {@code idx}
   * running over {@code dims} in row-major order. Transpose, Slice, Split and Unpack are this one
   * loop; a contiguous innermost run is one {@link System#arraycopy}.
   */
  static void gather(Object src, int offset, int[] dims, int[] strides, Object dst) {
    int rank = dims.length;
    int n = product(dims, 0, rank);
    if (n == 0) {
      return;
    }
    if (rank == 0) {
      System.arraycopy(src, offset, dst, 0, 1);
      return;
    }
    int inner = dims[rank - 1];
    int innerStride = strides[rank - 1];
    int[] idx = new int[rank - 1];
    int base = offset;
    int out = 0;
    for (int o = n / inner; o > 0; o--) {
      copyRun(src, base, innerStride, dst, out, inner);
      out += inner;
      for (int d = rank - 2; d >= 0; d--) {
        base += strides[d];
        if (++idx[d] < dims[d]) {
          break;
        }
        base -= strides[d] * dims[d];
        idx[d] = 0;
      }
    }
  }

  /** {@code dst[to + i] = src[from + i * stride]} for {@code i < len}. */
  private static void copyRun(Object src, int from, int stride, Object dst, int to, int len) {
    if (stride == 1) {
      System.arraycopy(src, from, dst, to, len);
    } else if (src instanceof float[]) {
      float[] s = (float[]) src;
      float[] d = (float[]) dst;
      for (int i = 0; i < len; i++) {
        d[to + i] = s[from + i * stride];
      }
    } else if (src instanceof double[]) {
      double[] s = (double[]) src;
      double[] d = (double[]) dst;
      for (int i = 0; i < len; i++) {
        d[to + i] = s[from + i * stride];
      }
    } else if (src instanceof int[]) {
      int[] s = (int[]) src;
      int[] d = (int[]) dst;
      for (int i = 0; i < len; i++) {
        d[to + i] = s[from + i * stride];
      }
    } else if (src instanceof long[]) {
      long[] s = (long[]) src;
      long[] d = (long[]) dst;
      for (int i = 0; i < len; i++) {
        d[to + i] = s[from + i * stride];
      }
    } else {
      boolean[] s = (boolean[]) src;
      boolean[] d = (boolean[]) dst;
      for (int i = 0; i < len; i++) {
        d[to + i] = s[from + i * stride];
      }
    }
  }

  /**
   * Concatenates row blocks: for each of {@code outer} rows, input {@code k} contributes {@code
   * rowSizes[k]} consecutive elements, in input order (ConcatV2 and Pack).
   */
  static void concatRows(Object[] srcs, int[] rowSizes, int outer, Object dst) {
    int pos = 0;
    for (int o = 0; o < outer; o++) {
      for (int k = 0; k < srcs.length; k++) {
        int len = rowSizes[k];
        if (len > 0) {
          System.arraycopy(srcs[k], o * len, dst, pos, len);
          pos += len;
        }
      }
    }
  }

  /** A buffer of {@code n} copies of element 0 of {@code scalar}. */
  static Object filled(Tensor scalar, int n) {
    switch (scalar.dtype()) {
      case FLOAT32: {
        float[] r = new float[n];
        Arrays.fill(r, ((float[]) scalar.rawData())[0]);
        return r;
      }
      case FLOAT64: {
        double[] r = new double[n];
        Arrays.fill(r, ((double[]) scalar.rawData())[0]);
        return r;
      }
      case INT32: {
        int[] r = new int[n];
        Arrays.fill(r, ((int[]) scalar.rawData())[0]);
        return r;
      }
      case INT64: {
        long[] r = new long[n];
        Arrays.fill(r, ((long[]) scalar.rawData())[0]);
        return r;
      }
      case BOOL: {
        boolean[] r = new boolean[n];
        Arrays.fill(r, ((boolean[]) scalar.rawData())[0]);
        return r;
      }
      default:
        throw new InvalidArgumentException("Fill on Variant not supported");
    }
  }

  /** A tensor of ones ({@code true} for bool) of {@code dtype} and {@code shape}. */
  static Tensor ones(DType dtype, Shape shape) {
    int n = Tensor.checkedElementCount(shape);
    Tensor one;
    switch (dtype) {
      case FLOAT32: one = Tensor.of(1f); break;
      case FLOAT64: one = Tensor.of(1.0); break;
      case INT32: one = Tensor.of(1); break;
      case INT64: one = Tensor.of(1L); break;
      case BOOL: one = Tensor.of(true); break;
      default: throw new InvalidArgumentException("OnesLike on Variant not supported");
    }
    return Tensor.wrap(shape, filled(one, n));
  }
}
