package org.tensorgraph.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorgraph.core.DType;

/** Element conversion between {@code .npy} bytes and the primitive arrays behind a Tensor. */
final class NpyData {
  private NpyData() {}

  static Object allocate(DType dtype, int n) {
    if (dtype == DType.VARIANT) {
      throw new IllegalArgumentException("no .npy form for dtype " + dtype);
    }
    return dtype.newArray(n);
  }

  /**
   * Decodes {@code len} bytes (whole elements) into {@code dst} from element {@code offset} on.
   * Bool bytes must be 0 or 1: numpy writes nothing else, and anything else is damage.
   */
  static void decode(byte[] src, int len, NpyHeader h, Object dst, int offset, String source)
      throws NpyFormatException {
    ByteBuffer bb = ByteBuffer.wrap(src, 0, len).order(h.order);
    switch (h.dtype) {
      case FLOAT32: bb.asFloatBuffer().get((float[]) dst, offset, len / 4); break;
      case FLOAT64: bb.asDoubleBuffer().get((double[]) dst, offset, len / 8); break;
      case INT32: bb.asIntBuffer().get((int[]) dst, offset, len / 4); break;
      case INT64: bb.asLongBuffer().get((long[]) dst, offset, len / 8); break;
      case BOOL: decodeBools(src, len, (boolean[]) dst, offset, source); break;
      default: throw new IllegalStateException("unreachable: " + h.dtype);
    }
  }

  private static void decodeBools(byte[] src, int len, boolean[] dst, int offset, String source)
      throws NpyFormatException {
    for (int i = 0; i < len; i++) {
      byte b = src[i];
      if ((b & ~1) != 0) {
        throw new NpyFormatException(source, "invalid bool at data byte " + (offset + i)
            + ": value " + (b & 0xFF) + " (a .npy bool is 0 or 1)");
      }
      dst[offset + i] = b == 1;
    }
  }

  /** Encodes {@code count} elements from {@code offset} on, little-endian, into {@code dst}. */
  static void encode(Object src, DType dtype, int offset, int count, byte[] dst, int dstOffset) {
    ByteBuffer bb = ByteBuffer.wrap(dst, dstOffset, count * dtype.byteSize()).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case FLOAT32: bb.asFloatBuffer().put((float[]) src, offset, count); break;
      case FLOAT64: bb.asDoubleBuffer().put((double[]) src, offset, count); break;
      case INT32: bb.asIntBuffer().put((int[]) src, offset, count); break;
      case INT64: bb.asLongBuffer().put((long[]) src, offset, count); break;
      case BOOL: encodeBools((boolean[]) src, offset, count, dst, dstOffset); break;
      default: throw new IllegalArgumentException("no .npy form for dtype " + dtype);
    }
  }

  private static void encodeBools(boolean[] src, int offset, int count, byte[] dst, int at) {
    for (int i = 0; i < count; i++) {
      dst[at + i] = (byte) (src[offset + i] ? 1 : 0);
    }
  }

  /**
   * Reorders a Fortran-order (column-major) array into row-major order. It walks the result row
   * by row; along a row the source advances by the Fortran stride of the last axis.
   */
  static Object fortranToRowMajor(Object src, DType dtype, int[] dims) {
    int rank = dims.length;
    int n = java.lang.reflect.Array.getLength(src);
    Object dst = allocate(dtype, n);
    if (n == 0) {
      return dst;
    }
    int[] stride = new int[rank]; // Fortran strides, in elements; all <= n as no dim is 0
    stride[0] = 1;
    for (int k = 1; k < rank; k++) {
      stride[k] = stride[k - 1] * dims[k - 1];
    }
    int row = dims[rank - 1];
    int[] idx = new int[rank - 1];
    int s = 0;
    for (int r = 0; r < n; r += row) {
      copyStrided(src, s, stride[rank - 1], dst, r, row, dtype);
      for (int k = rank - 2; k >= 0; k--) { // odometer over the leading axes, last one fastest
        idx[k]++;
        s += stride[k];
        if (idx[k] < dims[k]) {
          break;
        }
        s -= idx[k] * stride[k];
        idx[k] = 0;
      }
    }
    return dst;
  }

  private static void copyStrided(Object src, int s, int step, Object dst, int d, int count,
      DType dtype) {
    switch (dtype) {
      case FLOAT32: {
        float[] a = (float[]) src;
        float[] b = (float[]) dst;
        for (int j = 0; j < count; j++) {
          b[d + j] = a[s + j * step];
        }
        break;
      }
      case FLOAT64: {
        double[] a = (double[]) src;
        double[] b = (double[]) dst;
        for (int j = 0; j < count; j++) {
          b[d + j] = a[s + j * step];
        }
        break;
      }
      case INT32: {
        int[] a = (int[]) src;
        int[] b = (int[]) dst;
        for (int j = 0; j < count; j++) {
          b[d + j] = a[s + j * step];
        }
        break;
      }
      case INT64: {
        long[] a = (long[]) src;
        long[] b = (long[]) dst;
        for (int j = 0; j < count; j++) {
          b[d + j] = a[s + j * step];
        }
        break;
      }
      default: {
        boolean[] a = (boolean[]) src;
        boolean[] b = (boolean[]) dst;
        for (int j = 0; j < count; j++) {
          b[d + j] = a[s + j * step];
        }
      }
    }
  }
}
