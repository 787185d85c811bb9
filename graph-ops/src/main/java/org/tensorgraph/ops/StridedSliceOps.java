package org.tensorgraph.ops;

import java.util.Arrays;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.UnimplementedException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;

/**
 * TF's {@code StridedSlice}: Python's {@code x[b:e:s, ..., tf.newaxis, i]} as one op. {@code
 * begin}, {@code end} and {@code strides} hold one entry per slice item; the masks say which items
 * have no begin ({@code begin_mask}) or end ({@code end_mask}), which is the ellipsis, which add
 * an axis of size 1 and which are single indices that remove their axis ({@code
 * shrink_axis_mask}). Out-of-range bounds are clamped as Python clamps them; a single index out
 * of range is an error.
 *
 * <pre>{@code
 * // x has shape [4, 3]; x[1:, ::-1] is begin [1, 0], end [0, 0], strides [1, -1] with
 * // begin_mask 0b10 (item 1 has no begin) and end_mask 0b11 (no item has an end):
 * g.opBuilder("StridedSlice", null).addInput(x).addInput(begin).addInput(end)
 *     .addInput(strides).setAttr("begin_mask", 2).setAttr("end_mask", 3).build();
 * // -> shape [3,3], rows 1..3 of x with their columns reversed.
 * // shape[0] in RNN code: begin [0], end [1], strides [1], shrink_axis_mask 1 -> a scalar.
 * }</pre>
 */
final class StridedSliceOps {
  private StridedSliceOps() {}

  static List<OpDef> defs() {
    return List.of(OpDef.builder("StridedSlice")
        .input("input: T").input("begin: Index").input("end: Index").input("strides: Index")
        .output("output: T")
        .attr("T: type").attr("Index: {int32, int64}")
        .attr("begin_mask: int = 0").attr("end_mask: int = 0").attr("ellipsis_mask: int = 0")
        .attr("new_axis_mask: int = 0").attr("shrink_axis_mask: int = 0")
        .shape(StridedSliceOps::shape).kernel(StridedSliceOps::compute).build());
  }

  /** TF's shape function: exact when strides are constant, partial otherwise. */
  private static List<Shape> shape(InferenceContext c) {
    Shape input = c.inputShape(0);
    Shape b = ShapeRules.withRank(c.inputShape(1), 1);
    Shape e = ShapeRules.withRank(c.inputShape(2), 1);
    Shape s = ShapeRules.withRank(c.inputShape(3), 1);
    Shape spec = mergeShapes(mergeShapes(b, e), s);
    Tensor strides = c.inputConstant(3);
    if (!input.hasRank() || spec.dim(0) == Shape.UNKNOWN || strides == null) {
      return List.of(Shape.unknown());
    }
    try {
      StridedSliceSpec sp = StridedSliceSpec.validate(c.inputConstant(1), c.inputConstant(2),
          strides, input.dims(), c.attrLong("begin_mask"), c.attrLong("end_mask"),
          c.attrLong("ellipsis_mask"), c.attrLong("new_axis_mask"),
          c.attrLong("shrink_axis_mask"));
      return List.of(Shape.of(sp.finalShape));
    } catch (InvalidArgumentException ex) {
      throw new IllegalArgumentException(ex.rawMessage(), ex);
    }
  }

  /** TF's {@code InferenceContext::Merge} of two shapes of known rank 1. */
  static Shape mergeShapes(Shape a, Shape b) {
    for (int i = 0; i < a.rank(); i++) {
      long x = a.dim(i);
      long y = b.dim(i);
      if (x != Shape.UNKNOWN && y != Shape.UNKNOWN && x != y) {
        throw new IllegalArgumentException("Dimension " + i + " in both shapes must be equal, but "
            + "are " + x + " and " + y + ". Shapes are " + a + " and " + b + ".");
      }
    }
    return a.mergeWith(b);
  }

  private static void compute(KernelContext ctx) {
    Tensor input = ctx.input(0);
    var op = ctx.op();
    StridedSliceSpec sp = StridedSliceSpec.validate(ctx.input(1), ctx.input(2), ctx.input(3),
        input.shape().dims(), op.attrLong("begin_mask"), op.attrLong("end_mask"),
        op.attrLong("ellipsis_mask"), op.attrLong("new_axis_mask"),
        op.attrLong("shrink_axis_mask"));
    ctx.setOutput(0, slice(input, sp));
  }

  /** The slice's value; an identity slice shares the input's (immutable) buffer. */
  static Tensor slice(Tensor input, StridedSliceSpec sp) {
    if (input.dtype() == DType.VARIANT) { // variant values are scalars: only x[...] applies
      if (sp.isIdentity && sp.finalShape.length == 0) {
        return input;
      }
      throw new UnimplementedException("StridedSlice of a variant tensor to shape "
          + Arrays.toString(sp.finalShape) + " is not supported");
    }
    if (sp.isIdentity) {
      return Tensor.wrap(Shape.of(sp.finalShape), input.rawData());
    }
    int n = IndexingSupport.checkedSize(sp.finalShape);
    Object out = IndexingSupport.allocate(input.dtype(), n);
    if (n > 0) {
      long[] inStrides = IndexingSupport.rowStrides(input.shape().dims());
      long base = 0;
      long[] srcStrides = new long[inStrides.length];
      for (int i = 0; i < inStrides.length; i++) {
        base += sp.begin[i] * inStrides[i];
        srcStrides[i] = sp.strides[i] * inStrides[i];
      }
      IndexingSupport.stridedCopy(input.rawData(), base, srcStrides, out, 0,
          IndexingSupport.rowStrides(sp.processingShape), sp.processingShape);
    }
    return IndexingSupport.wrap(sp.finalShape, out);
  }
}
