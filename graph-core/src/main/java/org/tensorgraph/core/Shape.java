package org.tensorgraph.core;

import java.util.Arrays;

/**
 * A static tensor shape as TensorFlow tracks it: a known or unknown rank, and for a known rank
 * each dimension either known ({@code >= 0}) or unknown ({@link #UNKNOWN}, printed {@code ?}).
 *
 * <pre>{@code
 * Shape s = Shape.of(-1, 2, 3);
 * s.toString();        // "[?,2,3]"    as TF's C++ messages print it
 * s.toPythonString();  // "(?, 2, 3)"  as TF's Python prints a TensorShape
 * s.isCompatibleWith(Shape.of(4, 2, 3));   // true
 * }</pre>
 *
 * <p>Immutable; equality is structural ({@code [?]} equals {@code [?]}), which is not
 * compatibility.
 */
public final class Shape {
  /** The value of an unknown dimension. */
  public static final long UNKNOWN = -1;

  private static final Shape UNKNOWN_RANK = new Shape(null);
  private static final Shape SCALAR = new Shape(new long[0]);

  private final long[] dims; // null when the rank is unknown
  // Computed once: every tensor a kernel makes asks for them, often more than once.
  private final boolean fullyDefined;
  private final long numElements; // -1: not fully defined, or the product overflows a long

  private Shape(long[] dims) {
    this.dims = dims;
    this.fullyDefined = dims != null && allKnown(dims);
    this.numElements = fullyDefined ? productOrMinusOne(dims) : -1;
  }

  private static boolean allKnown(long[] dims) {
    for (long d : dims) {
      if (d == UNKNOWN) {
        return false;
      }
    }
    return true;
  }

  private static long productOrMinusOne(long[] dims) {
    long n = 1;
    for (long d : dims) {
      long hi = Math.multiplyHigh(n, d);
      long lo = n * d;
      if (hi != 0 || lo < 0) {
        return -1;
      }
      n = lo;
    }
    return n;
  }

  /**
   * A shape of known rank. Each dimension is a size {@code >= 0} or {@code -1} for unknown.
   *
   * @throws IllegalArgumentException if a dimension is below -1
   */
  public static Shape of(long... dims) {
    return dims.length == 0 ? checked(dims) : checked(dims.clone());
  }

  /** A shape owning {@code dims}, once each dimension is checked. */
  private static Shape checked(long[] dims) {
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < UNKNOWN) {
        throw new IllegalArgumentException("Shape dimension " + i + " is " + dims[i]
            + "; dimensions must be >= 0, or -1 for unknown");
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims);
  }

  /** A shape of known rank from {@code int} sizes, as Java array dimensions come. */
  public static Shape of(int... dims) {
    long[] d = new long[dims.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = dims[i];
    }
    return checked(d);
  }

  /** The shape of a scalar: rank 0. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** A shape about which nothing is known, not even the rank. */
  public static Shape unknown() {
    return UNKNOWN_RANK;
  }

  /** A shape of known rank whose dimensions are all unknown. */
  public static Shape unknownDims(int rank) {
    long[] d = new long[rank];
    Arrays.fill(d, UNKNOWN);
    return of(d);
  }

  public boolean hasRank() {
    return dims != null;
  }

  /** The rank, or -1 when it is unknown. */
  public int rank() {
    return dims == null ? -1 : dims.length;
  }

  /** Dimension {@code i} (negative counts from the end), or -1 when unknown. */
  public long dim(int i) {
    requireRank("dim");
    int k = i < 0 ? i + dims.length : i;
    if (k < 0 || k >= dims.length) {
      throw new IndexOutOfBoundsException("Dimension " + i + " out of range for shape "
          + this + " of rank " + dims.length);
    }
    return dims[k];
  }

  /** The dimensions; -1 marks an unknown one. */
  public long[] dims() {
    requireRank("dims");
    return dims.clone();
  }

  /** The dimensions as ints, for shapes known to fit (every concrete tensor's shape does). */
  public int[] intDims() {
    requireRank("intDims");
    int[] r = new int[dims.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.toIntExact(dims[i]);
    }
    return r;
  }

  /** True when the rank and every dimension are known. */
  public boolean isFullyDefined() {
    return fullyDefined;
  }

  /**
   * The number of elements of a fully defined shape.
   *
   * @throws IllegalStateException if the shape is not fully defined
   * @throws ArithmeticException if the product overflows a {@code long}
   */
  public long numElements() {
    if (!fullyDefined) {
      throw new IllegalStateException("Shape " + this + " is not fully defined");
    }
    if (numElements >= 0) {
      return numElements;
    }
    long n = 1;
    for (long d : dims) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw new ArithmeticException("Number of elements of shape " + this
            + " overflows a 64-bit integer");
      }
    }
    return n;
  }

  /**
   * True if some fully defined shape could match both: ranks agree where known and every pair of
   * known dimensions is equal.
   */
  public boolean isCompatibleWith(Shape other) {
    if (dims == null || other.dims == null) {
      return true;
    }
    if (dims.length != other.dims.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] != UNKNOWN && other.dims[i] != UNKNOWN && dims[i] != other.dims[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The most specific shape compatible with both, as TF's {@code TensorShape.merge_with}.
   *
   * @throws IllegalArgumentException with TF's text when the shapes are incompatible
   */
  public Shape mergeWith(Shape other) {
    if (dims == null) {
      return other;
    }
    if (other.dims == null) {
      return this;
    }
    if (!isCompatibleWith(other)) {
      throw new IllegalArgumentException(
          "Shapes " + toPythonString() + " and " + other.toPythonString() + " are not compatible");
    }
    long[] r = new long[dims.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = dims[i] != UNKNOWN ? dims[i] : other.dims[i];
    }
    return of(r);
  }

  /** True if this shape is at least as specific as {@code other} and compatible with it. */
  public boolean isMoreSpecificThan(Shape other) {
    return isCompatibleWith(other) && mergeWith(other).equals(this);
  }

  /** The shape with dimension {@code i} replaced. */
  public Shape withDim(int i, long size) {
    long[] d = dims();
    d[i] = size;
    return of(d);
  }

  /** A new shape of dimensions {@code [from, to)} of this one. */
  public Shape subShape(int from, int to) {
    requireRank("subShape");
    return of(Arrays.copyOfRange(dims, from, to));
  }

  /** This shape followed by {@code other}'s dimensions; unknown if either rank is unknown. */
  public Shape concatenate(Shape other) {
    if (dims == null || other.dims == null) {
      return UNKNOWN_RANK;
    }
    long[] r = Arrays.copyOf(dims, dims.length + other.dims.length);
    System.arraycopy(other.dims, 0, r, dims.length, other.dims.length);
    return of(r);
  }

  /** TF's C++ form: {@code [?,2,3]}, {@code []} for a scalar, {@code <unknown>} for no rank. */
  @Override
  public String toString() {
    if (dims == null) {
      return "<unknown>";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? "," : "").append(dims[i] == UNKNOWN ? "?" : Long.toString(dims[i]));
    }
    return sb.append(']').toString();
  }

  /** TF Python's {@code TensorShape} form: {@code (?, 2, 3)}, {@code (5,)}, {@code ()}. */
  public String toPythonString() {
    if (dims == null) {
      return "<unknown>";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? ", " : "").append(dims[i] == UNKNOWN ? "?" : Long.toString(dims[i]));
    }
    return sb.append(dims.length == 1 ? ",)" : ")").toString();
  }

  /** numpy's {@code shape} tuple, as its repr prints it: {@code (0, 3)}, {@code (5,)}. */
  public String toNumpyString() {
    return toPythonString();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  private void requireRank(String what) {
    if (dims == null) {
      throw new IllegalStateException(what + "() needs a known rank; the shape is <unknown>");
    }
  }
}
