package org.tensorgraph.ops;

import java.util.Arrays;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** Small tensors the facade and initializers build: scalars of a dtype, filled arrays. */
final class Constants {
  private Constants() {}

  /**
   * A scalar of {@code dtype} holding {@code value}, converted as numpy's {@code
   * np.asarray(value, dtype)} does (a double rounded to float32 to nearest).
   */
  static Tensor scalar(DType dtype, double value) {
    switch (dtype) {
      case FLOAT32: return Tensor.of((float) value);
      case FLOAT64: return Tensor.of(value);
      case INT32: return Tensor.of((int) value);
      case INT64: return Tensor.of((long) value);
      case BOOL: return Tensor.of(value != 0);
      default: throw new IllegalArgumentException("No scalar of dtype " + dtype);
    }
  }

  /** A tensor of {@code shape} whose every element is {@code value} (true for bool when non-zero). */
  static Tensor filled(DType dtype, Shape shape, int value) {
    int n = Tensor.checkedElementCount(shape);
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return Tensor.wrap(shape, a);
      }
      case FLOAT64: {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return Tensor.wrap(shape, a);
      }
      case INT32: {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return Tensor.wrap(shape, a);
      }
      case INT64: {
        long[] a = new long[n];
        Arrays.fill(a, value);
        return Tensor.wrap(shape, a);
      }
      case BOOL: {
        boolean[] a = new boolean[n];
        Arrays.fill(a, value != 0);
        return Tensor.wrap(shape, a);
      }
      default: throw new IllegalArgumentException("No dense tensor of dtype " + dtype);
    }
  }
}
