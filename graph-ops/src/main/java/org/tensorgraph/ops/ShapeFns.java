package org.tensorgraph.ops;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.InferenceContext;

/**
 * The pieces of TF's {@code shape_inference::InferenceContext} that the state and array shape
 * rules are written with ({@code Merge}, {@code Subshape}, {@code MakeShapeFromShapeTensor},
 * dimension arithmetic), on {@link Shape}s and {@code long} dims where {@link Shape#UNKNOWN} is
 * TF's unknown dimension. Each throws {@link IllegalArgumentException} with TF's text.
 *
 * <pre>{@code
 * ShapeFns.merge(Shape.of(-1, 3), Shape.of(2, -1));   // [2,3]
 * ShapeFns.merge(Shape.of(2), Shape.of(3));
 * // IllegalArgumentException: Dimension 0 in both shapes must be equal, but are 2 and 3.
 * //   Shapes are [2] and [3].
 * }</pre>
 */
final class ShapeFns {
  private ShapeFns() {}

  /** TF's {@code Merge(s0, s1)}: the most specific shape compatible with both. */
  static Shape merge(Shape s0, Shape s1) {
    if (!s1.hasRank()) {
      return s0;
    }
    if (!s0.hasRank()) {
      return s1;
    }
    if (s0.rank() != s1.rank()) {
      throw new IllegalArgumentException("Shapes must be equal rank, but are " + s0.rank()
          + " and " + s1.rank());
    }
    long[] out = new long[s0.rank()];
    for (int i = 0; i < out.length; i++) {
      long a = s0.dim(i);
      long b = s1.dim(i);
      if (a != Shape.UNKNOWN && b != Shape.UNKNOWN && a != b) {
        throw new IllegalArgumentException("Dimension " + i + " in both shapes must be equal, but"
            + " are " + a + " and " + b + ". Shapes are " + s0 + " and " + s1 + ".");
      }
      out[i] = a != Shape.UNKNOWN ? a : b;
    }
    return Shape.of(out);
  }

  /** TF's {@code WithValue(dim, value)}: an unknown dim becomes {@code value}. */
  static long withValue(long dim, long value) {
    if (dim == value || dim == Shape.UNKNOWN) {
      return value;
    }
    throw new IllegalArgumentException("Dimension must be " + value + " but is " + dim);
  }

  /** TF's {@code Dim(s, i)}: negative {@code i} counts from the end; unknown for unknown rank. */
  static long dim(Shape s, long i) {
    return s.hasRank() ? s.dim(Math.toIntExact(i)) : Shape.UNKNOWN;
  }

  /** TF's {@code Subshape(s, start)}: dims {@code [start, rank)}. */
  static Shape subshape(Shape s, long start) {
    return subshape(s, start, Long.MAX_VALUE);
  }

  /** TF's {@code Subshape(s, start, end)}; negative bounds count from the end. */
  static Shape subshape(Shape s, long start, long end) {
    if (start == 0 && (end == Long.MAX_VALUE || (s.hasRank() && end >= s.rank()))) {
      return s;
    }
    if (!s.hasRank()) {
      return Shape.unknown();
    }
    int rank = s.rank();
    long b = Math.min(start, rank);
    long e = Math.min(end, rank);
    if (b < 0) {
      b += rank;
      if (b < 0) {
        throw new IllegalArgumentException("Subshape start out of bounds: " + start
            + ", for shape with rank " + rank);
      }
    }
    if (e < 0) {
      e += rank;
      if (e < 0) {
        throw new IllegalArgumentException("Subshape end out of bounds: " + end
            + ", for shape with rank " + rank);
      }
    }
    if (b > e) {
      throw new IllegalArgumentException("Subshape must have computed start <= end, but is " + b
          + " and " + e + " (computed from start " + start + " and end " + end
          + " over shape with rank " + rank + ")");
    }
    return s.subShape((int) b, (int) e);
  }

  /** TF's {@code Add} on dimensions. */
  static long add(long a, long b) {
    if (a == 0) {
      return b;
    }
    if (b == 0) {
      return a;
    }
    if (a == Shape.UNKNOWN || b == Shape.UNKNOWN) {
      return Shape.UNKNOWN;
    }
    return Math.addExact(a, b);
  }

  /** TF's {@code Multiply} on dimensions: 0 wins over unknown. */
  static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    if (a == 1) {
      return b;
    }
    if (b == 1) {
      return a;
    }
    if (a == Shape.UNKNOWN || b == Shape.UNKNOWN) {
      return Shape.UNKNOWN;
    }
    return Math.multiplyExact(a, b);
  }

  /** TF's {@code Subtract} on dimensions. */
  static long subtract(long a, long b) {
    if (b == 0) {
      return a;
    }
    if (a == Shape.UNKNOWN || b == Shape.UNKNOWN) {
      return Shape.UNKNOWN;
    }
    if (a < b) {
      throw new IllegalArgumentException("Negative dimension size caused by subtracting " + b
          + " from " + a);
    }
    return a - b;
  }

  /** TF's {@code Divide(dividend, divisor, evenly_divisible)} on dimensions. */
  static long divide(long dividend, long divisor, boolean evenly) {
    if (divisor == 1) {
      return dividend;
    }
    if (dividend == Shape.UNKNOWN || divisor == Shape.UNKNOWN) {
      return Shape.UNKNOWN;
    }
    if (divisor <= 0) {
      throw new IllegalArgumentException("Divisor must be positive but is " + divisor);
    }
    if (evenly && dividend % divisor != 0) {
      throw new IllegalArgumentException("Dimension size must be evenly divisible by " + divisor
          + " but is " + dividend);
    }
    return dividend / divisor;
  }

  /** The number of elements of {@code s}, or {@link Shape#UNKNOWN} (TF's {@code NumElements}). */
  static long numElements(Shape s) {
    return s.isFullyDefined() ? s.numElements() : Shape.UNKNOWN;
  }

  /**
   * TF's {@code MakeShapeFromShapeTensor(i)}: input {@code i} is a vector of sizes; its constant
   * value gives the shape ({@code -1} an unknown dim), else only its length is known.
   */
  static Shape shapeFromShapeTensor(InferenceContext c, int i) {
    Shape vec = ShapeRules.withRank(c.inputShape(i), 1);
    Tensor t = c.inputConstant(i);
    if (t == null) {
      long n = vec.dim(0);
      return n == Shape.UNKNOWN ? Shape.unknown() : Shape.unknownDims(Math.toIntExact(n));
    }
    long[] v = ArrayData.toLongs(t);
    for (long d : v) {
      if (d < -1) {
        throw new IllegalArgumentException("Invalid value in tensor used for shape: " + d);
      }
    }
    return Shape.of(v);
  }

  /**
   * The value of constant scalar input {@code i} as TF's {@code GetScalarFromTensor}, or null when
   * it is not a constant.
   */
  static Long constScalar(InferenceContext c, int i) {
    Tensor t = c.inputConstant(i);
    if (t == null) {
      return null;
    }
    if (t.rank() != 0) {
      throw new IllegalArgumentException("Input must be a scalar but has rank " + t.rank());
    }
    return t.dtype() == DType.INT32 ? (long) t.intValue() : t.longValue();
  }

  /**
   * TF's {@code MakeDimForScalarInputWithNegativeIndexing}: constant scalar input {@code i} as an
   * axis of a tensor of rank {@code rank} (-1 when unknown), or {@link Shape#UNKNOWN}.
   */
  static long axisFromScalarInput(InferenceContext c, int i, int rank) {
    Long v = constScalar(c, i);
    if (v == null) {
      return Shape.UNKNOWN;
    }
    long val = v;
    if (val < 0) {
      if (rank < 0) {
        return Shape.UNKNOWN;
      }
      if (val + rank < 0) {
        throw new IllegalArgumentException("Dimension size, given by scalar input " + val
            + " must be in range [-" + rank + ", " + rank + ")");
      }
      return val + rank;
    }
    if (rank > 0 && val >= rank) {
      throw new IllegalArgumentException("Dimension size, given by scalar input " + val
          + " must be in range [-" + rank + ", " + rank + ")");
    }
    return val;
  }

  /** A TF-style context suffix: {@code msg + "\n\t" + context}. */
  static IllegalArgumentException withContext(IllegalArgumentException e, String context) {
    return new IllegalArgumentException(e.getMessage() + "\n\t" + context, e);
  }
}
