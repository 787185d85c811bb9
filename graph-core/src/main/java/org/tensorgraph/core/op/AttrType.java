package org.tensorgraph.core.op;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.FuncAttr;

/**
 * The kinds of attribute value an op can carry, spelled as TF's op registrations spell them
 * ({@code "int"}, {@code "list(type)"}), with the Java class that holds each value.
 *
 * <p>Scalars: {@code Long} (int), {@code Float} (float), {@code Boolean} (bool), {@code String}
 * (string), {@link DType} (type), {@link Shape} (shape), {@link Tensor} (tensor), {@link FuncAttr}
 * (func). Lists are {@code List} of those.
 */
public enum AttrType {
  INT("int", Long.class, false),
  FLOAT("float", Float.class, false),
  BOOL("bool", Boolean.class, false),
  STRING("string", String.class, false),
  TYPE("type", DType.class, false),
  SHAPE("shape", Shape.class, false),
  TENSOR("tensor", Tensor.class, false),
  FUNC("func", FuncAttr.class, false),
  LIST_INT("list(int)", Long.class, true),
  LIST_FLOAT("list(float)", Float.class, true),
  LIST_BOOL("list(bool)", Boolean.class, true),
  LIST_STRING("list(string)", String.class, true),
  LIST_TYPE("list(type)", DType.class, true),
  LIST_SHAPE("list(shape)", Shape.class, true),
  LIST_TENSOR("list(tensor)", Tensor.class, true),
  LIST_FUNC("list(func)", FuncAttr.class, true);

  private final String spelling;
  private final Class<?> elementClass;
  private final boolean list;

  AttrType(String spelling, Class<?> elementClass, boolean list) {
    this.spelling = spelling;
    this.elementClass = elementClass;
    this.list = list;
  }

  /** TF's spelling: {@code "list(type)"}. */
  public String spelling() {
    return spelling;
  }

  public boolean isList() {
    return list;
  }

  /** The Java class of the value, or of each element for a list. */
  public Class<?> elementClass() {
    return elementClass;
  }

  /** True if {@code value} is a valid Java value of this kind. */
  public boolean accepts(Object value) {
    if (!list) {
      return elementClass.isInstance(value);
    }
    if (!(value instanceof List)) {
      return false;
    }
    for (Object e : (List<?>) value) {
      if (!elementClass.isInstance(e)) {
        return false;
      }
    }
    return true;
  }

  /** The kind TF spells {@code s}, e.g. {@code "list(int)"}. */
  public static AttrType fromSpelling(String s) {
    for (AttrType t : values()) {
      if (t.spelling.equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown attr type '" + s + "'");
  }
}
