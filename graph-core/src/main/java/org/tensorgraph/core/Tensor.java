package org.tensorgraph.core;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorgraph.core.print.NumpyPrinter;

/**
 * An immutable, dense, row-major array of one {@link DType} and a fully defined {@link Shape}:
 * the value a graph computes and a session returns.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[][] {{0, 1, 2}, {3, 4, 5}});
 * x.shape();            // [2,3]
 * x.getFloat(1, 2);     // 5.0
 * System.out.println(x);
 * // [[0. 1. 2.]
 * //  [3. 4. 5.]]
 * x.repr();             // "array([[0., 1., 2.],\n       [3., 4., 5.]], dtype=float32)"
 * }</pre>
 *
 * <p>{@code toString()} is numpy's {@code str(a)} and {@link #repr()} numpy's {@code repr(a)},
 * byte for byte. Equality compares dtype, shape and element bits.
 */
public final class Tensor {
  /** Java arrays hold at most this many elements (the JVM's safe array limit). */
  public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final DType dtype;
  private final Shape shape;
  private final Object data; // float[], double[], int[], long[], boolean[], or Object[1] (variant)

  private Tensor(DType dtype, Shape shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  // ---------------------------------------------------------------- factories

  /** A float32 scalar. */
  public static Tensor of(float value) {
    return new Tensor(DType.FLOAT32, Shape.scalar(), new float[] {value});
  }

  /** A float64 scalar. */
  public static Tensor of(double value) {
    return new Tensor(DType.FLOAT64, Shape.scalar(), new double[] {value});
  }

  /** An int32 scalar. */
  public static Tensor of(int value) {
    return new Tensor(DType.INT32, Shape.scalar(), new int[] {value});
  }

  /** An int64 scalar. */
  public static Tensor of(long value) {
    return new Tensor(DType.INT64, Shape.scalar(), new long[] {value});
  }

  /** A bool scalar. */
  public static Tensor of(boolean value) {
    return new Tensor(DType.BOOL, Shape.scalar(), new boolean[] {value});
  }

  /**
   * A tensor copied from a rectangular Java array of any rank whose elements are {@code float},
   * {@code double}, {@code int}, {@code long} or {@code boolean}: {@code Tensor.of(new
   * float[4][2][3])} has shape {@code [4,2,3]} and dtype float32.
   *
   * @throws IllegalArgumentException if the array is ragged, null inside, of another element
   *     type, or holds more than {@link #MAX_ELEMENTS} elements
   */
  public static Tensor of(Object javaArray) {
    Objects.requireNonNull(javaArray, "javaArray");
    if (!javaArray.getClass().isArray()) {
      throw new IllegalArgumentException("Tensor.of expects a Java array or a primitive scalar, "
          + "got " + javaArray.getClass().getName());
    }
    Class<?> leaf = javaArray.getClass();
    while (leaf.isArray()) {
      leaf = leaf.getComponentType();
    }
    DType dtype = dtypeOfJavaType(leaf);
    List<Integer> dims = new ArrayList<>();
    for (Object a = javaArray; a != null && a.getClass().isArray(); ) {
      int len = Array.getLength(a);
      dims.add(len);
      a = len > 0 && a.getClass().getComponentType().isArray() ? Array.get(a, 0) : null;
    }
    int rank = rankOf(javaArray.getClass());
    while (dims.size() < rank) {
      dims.add(0); // an empty outer dimension hides the inner ones; they hold no elements
    }
    Shape shape = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    int n = checkedElementCount(shape);
    Object flat = dtype.newArray(n);
    int[] pos = {0};
    flatten(javaArray, shape.intDims(), 0, flat, pos);
    return new Tensor(dtype, shape, flat);
  }

  /** A float32 tensor of the given shape from row-major data (copied). */
  public static Tensor of(Shape shape, float[] data) {
    return new Tensor(DType.FLOAT32, checkFlat(shape, data.length), data.clone());
  }

  /** A float64 tensor of the given shape from row-major data (copied). */
  public static Tensor of(Shape shape, double[] data) {
    return new Tensor(DType.FLOAT64, checkFlat(shape, data.length), data.clone());
  }

  /** An int32 tensor of the given shape from row-major data (copied). */
  public static Tensor of(Shape shape, int[] data) {
    return new Tensor(DType.INT32, checkFlat(shape, data.length), data.clone());
  }

  /** An int64 tensor of the given shape from row-major data (copied). */
  public static Tensor of(Shape shape, long[] data) {
    return new Tensor(DType.INT64, checkFlat(shape, data.length), data.clone());
  }

  /** A bool tensor of the given shape from row-major data (copied). */
  public static Tensor of(Shape shape, boolean[] data) {
    return new Tensor(DType.BOOL, checkFlat(shape, data.length), data.clone());
  }

  /** A tensor of zeros (false for bool) of the given dtype and fully defined shape. */
  public static Tensor zeros(DType dtype, Shape shape) {
    if (dtype == DType.VARIANT) {
      throw new IllegalArgumentException("zeros() has no meaning for dtype variant");
    }
    return new Tensor(dtype, shape, dtype.newArray(checkedElementCount(shape)));
  }

  /**
   * A scalar variant tensor holding a host object (a TensorList, say). Kernels use it; users see
   * it only as an opaque value.
   */
  public static Tensor variant(Object value) {
    return new Tensor(DType.VARIANT, Shape.scalar(), new Object[] {value});
  }

  /**
   * Wraps a row-major primitive array without copying it. The caller hands the array over and must
   * never write to it again; kernels use this to avoid a copy of every output.
   *
   * @param data a {@code float[]}, {@code double[]}, {@code int[]}, {@code long[]} or {@code
   *     boolean[]} of exactly {@code shape.numElements()} elements
   */
  public static Tensor wrap(Shape shape, Object data) {
    DType dtype = dtypeOfJavaType(data.getClass().getComponentType());
    return new Tensor(dtype, checkFlat(shape, Array.getLength(data)), data);
  }

  // ---------------------------------------------------------------- properties

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  public int rank() {
    return shape.rank();
  }

  /** The number of elements (1 for a scalar). */
  public int size() {
    return dtype == DType.VARIANT ? 1 : Array.getLength(data);
  }

  // ---------------------------------------------------------------- scalar access

  /** The value of a float32 scalar. */
  public float floatValue() {
    return floats("floatValue", true)[0];
  }

  /** The value of a float64 scalar. */
  public double doubleValue() {
    return doubles("doubleValue", true)[0];
  }

  /** The value of an int32 scalar. */
  public int intValue() {
    return ints("intValue", true)[0];
  }

  /** The value of an int64 scalar. */
  public long longValue() {
    return longs("longValue", true)[0];
  }

  /** The value of a bool scalar. */
  public boolean booleanValue() {
    return booleans("booleanValue", true)[0];
  }

  /** The host object of a variant scalar. */
  public Object variantValue() {
    requireDType("variantValue", DType.VARIANT);
    return ((Object[]) data)[0];
  }

  // ---------------------------------------------------------------- element access

  /** The float32 element at {@code index} (one coordinate per dimension). */
  public float getFloat(int... index) {
    return floats("getFloat", false)[flatIndex(index)];
  }

  /** The float64 element at {@code index}. */
  public double getDouble(int... index) {
    return doubles("getDouble", false)[flatIndex(index)];
  }

  /** The int32 element at {@code index}. */
  public int getInt(int... index) {
    return ints("getInt", false)[flatIndex(index)];
  }

  /** The int64 element at {@code index}. */
  public long getLong(int... index) {
    return longs("getLong", false)[flatIndex(index)];
  }

  /** The bool element at {@code index}. */
  public boolean getBoolean(int... index) {
    return booleans("getBoolean", false)[flatIndex(index)];
  }

  /** Element {@code i} in row-major order, widened to double, for any numeric or bool dtype. */
  public double getAsDouble(int i) {
    switch (dtype) {
      case FLOAT32: return ((float[]) data)[i];
      case FLOAT64: return ((double[]) data)[i];
      case INT32: return ((int[]) data)[i];
      case INT64: return ((long[]) data)[i];
      case BOOL: return ((boolean[]) data)[i] ? 1 : 0;
      default: throw wrongDType("getAsDouble", "a numeric dtype");
    }
  }

  // ---------------------------------------------------------------- bulk access

  /** A row-major copy of a float32 tensor's elements. */
  public float[] toFloatArray() {
    return floats("toFloatArray", false).clone();
  }

  /** A row-major copy of a float64 tensor's elements. */
  public double[] toDoubleArray() {
    return doubles("toDoubleArray", false).clone();
  }

  /** A row-major copy of an int32 tensor's elements. */
  public int[] toIntArray() {
    return ints("toIntArray", false).clone();
  }

  /** A row-major copy of an int64 tensor's elements. */
  public long[] toLongArray() {
    return longs("toLongArray", false).clone();
  }

  /** A row-major copy of a bool tensor's elements. */
  public boolean[] toBooleanArray() {
    return booleans("toBooleanArray", false).clone();
  }

  /**
   * The backing row-major array, not copied: {@code float[]} for float32 and so on. For kernels
   * and writers that must not pay for a copy; never write to it.
   */
  public Object rawData() {
    if (dtype == DType.VARIANT) {
      throw wrongDType("rawData", "a dense dtype");
    }
    return data;
  }

  /**
   * Copies the elements into a Java array of the same shape and element type, such as a {@code
   * float[4][2][3]} for a float32 tensor of shape {@code [4,2,3]}.
   *
   * @return {@code dst}
   * @throws IllegalArgumentException if the array's element type or dimensions differ
   */
  public <A> A copyTo(A dst) {
    Objects.requireNonNull(dst, "dst");
    Class<?> leaf = dst.getClass();
    while (leaf.isArray()) {
      leaf = leaf.getComponentType();
    }
    if (!dst.getClass().isArray() || dtypeOfJavaType(leaf) != dtype
        || rankOf(dst.getClass()) != shape.rank()) {
      throw new IllegalArgumentException("Cannot copy a " + dtype.tfName() + " tensor of shape "
          + shape + " into a " + dst.getClass().getSimpleName());
    }
    int[] pos = {0};
    unflatten(dst, shape.intDims(), 0, pos);
    return dst;
  }

  /** A new nested Java array ({@code float[][]} for a float32 matrix) holding the elements. */
  public Object toJavaArray() {
    if (dtype == DType.VARIANT) {
      throw wrongDType("toJavaArray", "a dense dtype");
    }
    Class<?> leaf = data.getClass().getComponentType();
    Object dst = shape.rank() == 0 ? null : Array.newInstance(leaf, shape.intDims());
    if (dst == null) {
      return Array.get(data, 0);
    }
    return copyTo(dst);
  }

  // ---------------------------------------------------------------- printing, equality

  /** numpy's {@code str(a)}: {@code [[0. 1.]\n [2. 3.]]}. */
  @Override
  public String toString() {
    return NumpyPrinter.str(this);
  }

  /** numpy's {@code repr(a)}: {@code array([[0., 1.],\n       [2., 3.]], dtype=float32)}. */
  public String repr() {
    return NumpyPrinter.repr(this);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Tensor)) {
      return false;
    }
    Tensor t = (Tensor) o;
    if (dtype != t.dtype || !shape.equals(t.shape)) {
      return false;
    }
    switch (dtype) {
      case FLOAT32: return Arrays.equals((float[]) data, (float[]) t.data);
      case FLOAT64: return Arrays.equals((double[]) data, (double[]) t.data);
      case INT32: return Arrays.equals((int[]) data, (int[]) t.data);
      case INT64: return Arrays.equals((long[]) data, (long[]) t.data);
      case BOOL: return Arrays.equals((boolean[]) data, (boolean[]) t.data);
      default: return Objects.equals(variantValue(), t.variantValue());
    }
  }

  @Override
  public int hashCode() {
    int h = 31 * dtype.hashCode() + shape.hashCode();
    switch (dtype) {
      case FLOAT32: return 31 * h + Arrays.hashCode((float[]) data);
      case FLOAT64: return 31 * h + Arrays.hashCode((double[]) data);
      case INT32: return 31 * h + Arrays.hashCode((int[]) data);
      case INT64: return 31 * h + Arrays.hashCode((long[]) data);
      case BOOL: return 31 * h + Arrays.hashCode((boolean[]) data);
      default: return 31 * h + Objects.hashCode(variantValue());
    }
  }

  // ---------------------------------------------------------------- internals

  /**
   * The element count of a shape that a dense tensor can hold.
   *
   * @throws IllegalArgumentException if the shape is not fully defined or too large
   */
  public static int checkedElementCount(Shape shape) {
    if (!shape.isFullyDefined()) {
      throw new IllegalArgumentException("A tensor needs a fully defined shape, got " + shape);
    }
    long n;
    try {
      n = shape.numElements();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Tensor of shape " + shape + " has more than "
          + MAX_ELEMENTS + " elements", e);
    }
    if (n > MAX_ELEMENTS) {
      throw new IllegalArgumentException("Tensor of shape " + shape + " has " + n
          + " elements; at most " + MAX_ELEMENTS + " fit in one Java array");
    }
    return (int) n;
  }

  private static Shape checkFlat(Shape shape, int length) {
    int n = checkedElementCount(shape);
    if (n != length) {
      throw new IllegalArgumentException("Shape " + shape + " holds " + n
          + " elements but the data has " + length);
    }
    return shape;
  }

  private static DType dtypeOfJavaType(Class<?> leaf) {
    if (leaf == float.class) {
      return DType.FLOAT32;
    } else if (leaf == double.class) {
      return DType.FLOAT64;
    } else if (leaf == int.class) {
      return DType.INT32;
    } else if (leaf == long.class) {
      return DType.INT64;
    } else if (leaf == boolean.class) {
      return DType.BOOL;
    }
    throw new IllegalArgumentException("Unsupported Java element type " + leaf.getName()
        + "; use float, double, int, long or boolean arrays");
  }

  private static int rankOf(Class<?> arrayClass) {
    int r = 0;
    for (Class<?> c = arrayClass; c.isArray(); c = c.getComponentType()) {
      r++;
    }
    return r;
  }



  private static void flatten(Object a, int[] dims, int depth, Object flat, int[] pos) {
    if (a == null) {
      throw new IllegalArgumentException("Null sub-array at depth " + depth);
    }
    int len = Array.getLength(a);
    if (len != dims[depth]) {
      throw new IllegalArgumentException("Ragged Java array: dimension " + depth + " has length "
          + len + " where an earlier sub-array had " + dims[depth]);
    }
    if (depth == dims.length - 1) {
      System.arraycopy(a, 0, flat, pos[0], len);
      pos[0] += len;
      return;
    }
    for (int i = 0; i < len; i++) {
      flatten(Array.get(a, i), dims, depth + 1, flat, pos);
    }
  }

  private void unflatten(Object a, int[] dims, int depth, int[] pos) {
    if (a == null || Array.getLength(a) != dims[depth]) {
      throw new IllegalArgumentException("Destination array does not have shape " + shape
          + " (dimension " + depth + ")");
    }
    if (depth == dims.length - 1) {
      System.arraycopy(data, pos[0], a, 0, dims[depth]);
      pos[0] += dims[depth];
      return;
    }
    for (int i = 0; i < dims[depth]; i++) {
      unflatten(Array.get(a, i), dims, depth + 1, pos);
    }
  }

  private int flatIndex(int[] index) {
    if (index.length != shape.rank()) {
      throw new IllegalArgumentException("Index of length " + index.length + " for a tensor of rank "
          + shape.rank() + " (shape " + shape + ")");
    }
    int flat = 0;
    for (int i = 0; i < index.length; i++) {
      long d = shape.dim(i);
      if (index[i] < 0 || index[i] >= d) {
        throw new IndexOutOfBoundsException("Index " + Arrays.toString(index)
            + " out of bounds for shape " + shape);
      }
      flat = flat * (int) d + index[i];
    }
    return flat;
  }

  private float[] floats(String op, boolean scalar) {
    return (float[]) checked(op, DType.FLOAT32, scalar);
  }

  private double[] doubles(String op, boolean scalar) {
    return (double[]) checked(op, DType.FLOAT64, scalar);
  }

  private int[] ints(String op, boolean scalar) {
    return (int[]) checked(op, DType.INT32, scalar);
  }

  private long[] longs(String op, boolean scalar) {
    return (long[]) checked(op, DType.INT64, scalar);
  }

  private boolean[] booleans(String op, boolean scalar) {
    return (boolean[]) checked(op, DType.BOOL, scalar);
  }

  private Object checked(String op, DType want, boolean scalar) {
    requireDType(op, want);
    if (scalar && shape.rank() != 0) {
      throw new IllegalArgumentException(op + "() needs a scalar, but the tensor has shape "
          + shape + "; read elements with the get...(index) accessors or a to...Array() copy");
    }
    return data;
  }

  private void requireDType(String op, DType want) {
    if (dtype != want) {
      throw wrongDType(op, want.tfName());
    }
  }

  private IllegalArgumentException wrongDType(String op, String want) {
    return new IllegalArgumentException(op + "() needs a tensor of dtype " + want
        + ", but this tensor is " + dtype.tfName() + " with shape " + shape);
  }
}
