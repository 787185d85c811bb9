package org.tensorgraph.ops.controlflow;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;

/** Element shapes of TensorLists: read from shape tensors, merged with TF's messages. */
final class ListShapes {
  private ListShapes() {}

  /**
   * TF's {@code TensorShapeFromTensor}: the scalar -1 is an unknown shape, a vector is a shape
   * whose -1 entries are unknown dims.
   */
  static Shape fromTensor(Tensor t) {
    if (t.dtype() != DType.INT32 && t.dtype() != DType.INT64) {
      throw new InvalidArgumentException("Expected an int32 or int64 shape tensor; found "
          + t.dtype().tfName());
    }
    if (t.rank() == 0) {
      if ((long) t.getAsDouble(0) == -1) {
        return Shape.unknown();
      }
      throw new InvalidArgumentException("The only valid scalar shape tensor is the fully unknown "
          + "shape specified as -1.");
    }
    if (t.rank() != 1) {
      throw new InvalidArgumentException("Shape must be at most rank 1 but is rank " + t.rank());
    }
    long[] dims = new long[t.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = (long) t.getAsDouble(i);
      if (dims[i] < -1) {
        throw new InvalidArgumentException("Dimension " + dims[i] + " must be >= -1");
      }
    }
    return Shape.of(dims);
  }

  /** The shape tensor TF's Python builds for {@code shape}: -1 for unknown rank. */
  static Tensor toTensor(Shape shape) {
    if (!shape.hasRank()) {
      return Tensor.of(-1);
    }
    int[] d = new int[shape.rank()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (int) shape.dim(i);
    }
    return Tensor.of(Shape.of(d.length), d);
  }

  /**
   * TF's {@code MakeShapeFromShapeTensorTreatScalarAsUnknownShape} at build time: the shape held
   * by input {@code i} when it is a constant, else as much as its own shape tells.
   */
  static Shape staticShape(InferenceContext c, int i) {
    Shape s = c.inputShape(i);
    if (s.hasRank() && s.rank() > 1) {
      throw new IllegalArgumentException("Shape must be at most rank 1 but is rank " + s.rank());
    }
    Tensor v = c.inputConstant(i);
    if (v != null) {
      try {
        return fromTensor(v);
      } catch (InvalidArgumentException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    if (s.hasRank() && s.rank() == 1 && s.dim(0) >= 0) {
      return Shape.unknownDims((int) s.dim(0));
    }
    return Shape.unknown();
  }

  /** TF's shape-function {@code Merge}, with its message for the build-time error. */
  static Shape mergeStatic(Shape a, Shape b) {
    if (!a.hasRank() || !b.hasRank()) {
      return a.hasRank() ? a : b;
    }
    if (a.rank() != b.rank()) {
      throw new IllegalArgumentException("Shapes must be equal rank, but are " + a.rank()
          + " and " + b.rank());
    }
    for (int i = 0; i < a.rank(); i++) {
      if (a.dim(i) >= 0 && b.dim(i) >= 0 && a.dim(i) != b.dim(i)) {
        throw new IllegalArgumentException("Dimension " + i + " in both shapes must be equal, but "
            + "are " + a.dim(i) + " and " + b.dim(i) + ". Shapes are " + a + " and " + b + ".");
      }
    }
    return a.mergeWith(b);
  }

  /** {@code PartialTensorShape::MergeWith} at run time: TF's text on a mismatch. */
  static Shape mergeRuntime(Shape a, Shape b) {
    if (!a.isCompatibleWith(b)) {
      throw new InvalidArgumentException("Incompatible shapes during merge: " + a + " vs. " + b);
    }
    return a.mergeWith(b);
  }
}
