package org.tensorgraph.ops;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.UnimplementedException;

/**
 * Helpers shared by the indexing ops (StridedSlice, GatherV2, OneHot, ReverseV2, ReverseSequence,
 * Pad, BroadcastTo): a dtype-generic strided copy, buffer allocation, and reading small int32/int64
 * tensors (begin/end/strides, paddings, shapes) as {@code long}s.
 */
final class IndexingSupport {
  private IndexingSupport() {}

  /** A new zeroed (false for bool) row-major buffer of {@code n} elements of {@code dtype}. */
  static Object allocate(DType dtype, int n) {
    if (dtype == DType.VARIANT) {
      throw new UnimplementedException("Indexing ops do not support dtype "
          + dtype.tfName() + " tensors of rank > 0");
    }
    return dtype.newArray(n);
  }

  /** The row-major strides (in elements) of {@code dims}. */
  static long[] rowStrides(long[] dims) {
    long[] s = new long[dims.length];
    long acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** An int32 or int64 tensor's elements as longs. */
  static long[] longs(Tensor t) {
    Object raw = t.rawData();
    if (raw instanceof int[]) {
      int[] a = (int[]) raw;
      long[] r = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        r[i] = a[i];
      }
      return r;
    }
    if (raw instanceof long[]) {
      return ((long[]) raw).clone();
    }
    throw new IllegalArgumentException("Expected an int32 or int64 tensor, got "
        + t.dtype().tfName());
  }

  /** An int32 or int64 scalar's value. */
  static long scalarLong(Tensor t) {
    return t.dtype() == DType.INT32 ? t.intValue() : t.longValue();
  }

  /** The output tensor for a buffer this kernel filled. */
  static Tensor wrap(long[] dims, Object data) {
    return Tensor.wrap(Shape.of(dims), data);
  }

  /**
   * The element count of {@code dims} as an output size.
   *
   * @throws InvalidArgumentException if the tensor cannot be held in one Java array
   */
  static int checkedSize(long[] dims) {
    try {
      return Tensor.checkedElementCount(Shape.of(dims));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }

  /**
   * Copies a strided block: for every index {@code i} of {@code dims}, {@code dst[dstBase +
   * sum(i[k] * dstStrides[k])] = src[srcBase + sum(i[k] * srcStrides[k])]}. Strides may be
   * negative (reversal) or zero (broadcasting). {@code src} and {@code dst} are primitive arrays of
   * the same element type. The dtype is resolved once; the innermost dimension runs as one loop.
   */
  static void stridedCopy(Object src, long srcBase, long[] srcStrides, Object dst, long dstBase,
      long[] dstStrides, long[] dims) {
    int rank = dims.length;
    for (long d : dims) {
      if (d == 0) {
        return;
      }
    }
    if (rank == 0) {
      System.arraycopy(src, (int) srcBase, dst, (int) dstBase, 1);
      return;
    }
    int kind = kindOf(src);
    int inner = rank - 1;
    int n = (int) dims[inner];
    int ss = (int) srcStrides[inner];
    int ds = (int) dstStrides[inner];
    long[] idx = new long[rank];
    long s = srcBase;
    long d = dstBase;
    while (true) {
      copyRun(kind, src, (int) s, ss, dst, (int) d, ds, n);
      int k = inner - 1;
      while (k >= 0) {
        idx[k]++;
        s += srcStrides[k];
        d += dstStrides[k];
        if (idx[k] < dims[k]) {
          break;
        }
        s -= srcStrides[k] * dims[k];
        d -= dstStrides[k] * dims[k];
        idx[k] = 0;
        k--;
      }
      if (k < 0) {
        return;
      }
    }
  }

  private static int kindOf(Object a) {
    if (a instanceof float[]) {
      return 0;
    } else if (a instanceof double[]) {
      return 1;
    } else if (a instanceof int[]) {
      return 2;
    } else if (a instanceof long[]) {
      return 3;
    } else if (a instanceof boolean[]) {
      return 4;
    }
    throw new IllegalArgumentException("Not a primitive tensor buffer: " + a.getClass());
  }

  private static void copyRun(int kind, Object src, int s, int ss, Object dst, int d, int ds,
      int n) {
    if (ss == 1 && ds == 1) {
      System.arraycopy(src, s, dst, d, n);
      return;
    }
    switch (kind) {
      case 0: {
        float[] a = (float[]) src;
        float[] b = (float[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
        return;
      }
      case 1: {
        double[] a = (double[]) src;
        double[] b = (double[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
        return;
      }
      case 2: {
        int[] a = (int[]) src;
        int[] b = (int[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
        return;
      }
      case 3: {
        long[] a = (long[]) src;
        long[] b = (long[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
        return;
      }
      default: {
        boolean[] a = (boolean[]) src;
        boolean[] b = (boolean[]) dst;
        for (int i = 0; i < n; i++, s += ss, d += ds) {
          b[d] = a[s];
        }
      }
    }
  }

  /** TF's {@code TensorShape::DebugString} of concrete dims: {@code [2,3]}. */
  static String dimsString(long[] dims) {
    return Shape.of(dims).toString();
  }
}
