package org.tensorgraph.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.DataType;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** Converts values between Tensorgraph's {@link Tensor} and TF 1.15's {@code Tensor}. */
final class TfTensors {
  private TfTensors() {}

  static DataType dataType(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> DataType.FLOAT;
      case FLOAT64 -> DataType.DOUBLE;
      case INT32 -> DataType.INT32;
      case INT64 -> DataType.INT64;
      case BOOL -> DataType.BOOL;
      default -> throw new IllegalArgumentException("No TF dtype for " + dtype);
    };
  }

  static DType dtype(DataType dataType) {
    return switch (dataType) {
      case FLOAT -> DType.FLOAT32;
      case DOUBLE -> DType.FLOAT64;
      case INT32 -> DType.INT32;
      case INT64 -> DType.INT64;
      case BOOL -> DType.BOOL;
      default -> throw new IllegalArgumentException("No Tensorgraph dtype for " + dataType);
    };
  }

  static org.tensorflow.Shape shape(Shape shape) {
    if (!shape.hasRank()) {
      return org.tensorflow.Shape.unknown();
    }
    long[] dims = shape.dims();
    if (dims.length == 0) {
      return org.tensorflow.Shape.scalar();
    }
    long[] rest = java.util.Arrays.copyOfRange(dims, 1, dims.length);
    return org.tensorflow.Shape.make(dims[0], rest);
  }

  /** A new TF tensor holding {@code t}'s elements; the caller closes it. */
  static org.tensorflow.Tensor<?> toTf(Tensor t) {
    ByteBuffer b =
        ByteBuffer.allocate(t.size() * t.dtype().byteSize()).order(ByteOrder.nativeOrder());
    Object data = t.rawData();
    switch (t.dtype()) {
      case FLOAT32 -> b.asFloatBuffer().put((float[]) data);
      case FLOAT64 -> b.asDoubleBuffer().put((double[]) data);
      case INT32 -> b.asIntBuffer().put((int[]) data);
      case INT64 -> b.asLongBuffer().put((long[]) data);
      case BOOL -> {
        for (boolean v : (boolean[]) data) {
          b.put((byte) (v ? 1 : 0));
        }
        b.rewind();
      }
      default -> throw new IllegalArgumentException("No TF tensor for " + t.dtype());
    }
    return org.tensorflow.Tensor.create(javaClass(t.dtype()), t.shape().dims(), b);
  }

  private static Class<?> javaClass(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> Float.class;
      case FLOAT64 -> Double.class;
      case INT32 -> Integer.class;
      case INT64 -> Long.class;
      default -> Boolean.class;
    };
  }

  /** {@code t}'s dtype, shape and elements as a Tensorgraph tensor (t stays open). */
  static Tensor fromTf(org.tensorflow.Tensor<?> t) {
    Shape shape = Shape.of(t.shape());
    int n = t.numElements();
    ByteBuffer b = ByteBuffer.allocate(t.numBytes()).order(ByteOrder.nativeOrder());
    t.writeTo(b);
    b.rewind();
    switch (dtype(t.dataType())) {
      case FLOAT32 -> {
        float[] f = new float[n];
        b.asFloatBuffer().get(f);
        return Tensor.of(shape, f);
      }
      case FLOAT64 -> {
        double[] d = new double[n];
        b.asDoubleBuffer().get(d);
        return Tensor.of(shape, d);
      }
      case INT32 -> {
        int[] i = new int[n];
        b.asIntBuffer().get(i);
        return Tensor.of(shape, i);
      }
      case INT64 -> {
        long[] l = new long[n];
        b.asLongBuffer().get(l);
        return Tensor.of(shape, l);
      }
      default -> {
        boolean[] z = new boolean[n];
        for (int i = 0; i < n; i++) {
          z[i] = b.get(i) != 0;
        }
        return Tensor.of(shape, z);
      }
    }
  }
}
