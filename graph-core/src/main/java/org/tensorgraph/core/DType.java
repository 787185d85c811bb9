package org.tensorgraph.core;

import java.util.Locale;

/**
 * The element types a {@link Tensor} can hold, named as TensorFlow and numpy name them.
 *
 * <pre>{@code
 * DType.FLOAT32.tfName()      // "float"   (as in TF's C++ messages)
 * DType.FLOAT32.protoName()   // "DT_FLOAT" (as in a GraphDef)
 * DType.FLOAT32.numpyDescr()  // "<f4"     (as in a .npy header)
 * DType.FLOAT32.numpyName()   // "float32" (as in numpy's repr)
 * }</pre>
 */
public enum DType {
  FLOAT32("float", "DT_FLOAT", 1, "<f4", "float32", 4),
  FLOAT64("double", "DT_DOUBLE", 2, "<f8", "float64", 8),
  INT32("int32", "DT_INT32", 3, "<i4", "int32", 4),
  INT64("int64", "DT_INT64", 9, "<i8", "int64", 8),
  BOOL("bool", "DT_BOOL", 10, "|b1", "bool", 1),
  /** An opaque host value such as a TensorList; never printed or saved as numbers. */
  VARIANT("variant", "DT_VARIANT", 21, null, "object", 0);

  private final String tfName;
  private final String protoName;
  private final int protoEnum;
  private final String numpyDescr;
  private final String numpyName;
  private final int byteSize;

  DType(String tfName, String protoName, int protoEnum, String numpyDescr, String numpyName,
      int byteSize) {
    this.tfName = tfName;
    this.protoName = protoName;
    this.protoEnum = protoEnum;
    this.numpyDescr = numpyDescr;
    this.numpyName = numpyName;
    this.byteSize = byteSize;
  }

  /** TF's short name, as its error messages print it: {@code float}, {@code int32}. */
  public String tfName() {
    return tfName;
  }

  /** The {@code DataType} enum name of TF's protobuf: {@code DT_FLOAT}. */
  public String protoName() {
    return protoName;
  }

  /** The {@code DataType} enum number of TF's protobuf: 1 for {@code DT_FLOAT}. */
  public int protoEnum() {
    return protoEnum;
  }

  /** numpy's little-endian type string for {@code .npy} headers, or null for VARIANT. */
  public String numpyDescr() {
    return numpyDescr;
  }

  /** numpy's dtype name, as {@code repr} shows it: {@code float32}. */
  public String numpyName() {
    return numpyName;
  }

  /** Bytes per element in a dense buffer; 0 for VARIANT. */
  public int byteSize() {
    return byteSize;
  }

  public boolean isFloating() {
    return this == FLOAT32 || this == FLOAT64;
  }

  public boolean isInteger() {
    return this == INT32 || this == INT64;
  }

  /** True for the types that hold numbers (floating or integer). */
  public boolean isNumeric() {
    return isFloating() || isInteger();
  }

  /**
   * A new zeroed (false for bool) Java array of {@code n} elements of this type: {@code float[]}
   * for FLOAT32, {@code double[]}, {@code int[]}, {@code long[]}, {@code boolean[]}; the buffer
   * every dense kernel and reader fills.
   *
   * @throws IllegalArgumentException for VARIANT, which has no dense buffer
   */
  public Object newArray(int n) {
    switch (this) {
      case FLOAT32: return new float[n];
      case FLOAT64: return new double[n];
      case INT32: return new int[n];
      case INT64: return new long[n];
      case BOOL: return new boolean[n];
      default: throw new IllegalArgumentException("Cannot allocate a dense " + this + " buffer");
    }
  }

  /**
   * The type with the given TF short name ({@code float}), proto name ({@code DT_FLOAT}) or numpy
   * name ({@code float32}).
   *
   * @throws IllegalArgumentException naming the supported types
   */
  public static DType fromName(String name) {
    for (DType t : values()) {
      if (t.tfName.equals(name) || t.protoName.equals(name) || t.numpyName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unsupported dtype '" + name + "'; expected one of "
        + "float, double, int32, int64, bool (or DT_FLOAT ..., float32 ...)");
  }

  /** The type with the given protobuf enum number, as in a binary GraphDef. */
  public static DType fromProtoEnum(int value) {
    for (DType t : values()) {
      if (t.protoEnum == value) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unsupported DataType enum value " + value);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
