package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.UnimplementedException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;

/**
 * TF's {@code GatherV2}: {@code tf.gather(params, indices, axis)} takes the slices of {@code
 * params} along {@code axis} named by {@code indices}; the result's shape is {@code
 * params.shape[:axis] + indices.shape + params.shape[axis+1:]}. As in TF 1.15's Python, only
 * {@code batch_dims = 0} reaches the kernel.
 *
 * <pre>{@code
 * // params [[1, 2], [3, 4], [5, 6]], indices [2, 0], axis 0  ->  [[5, 6], [1, 2]]
 * g.opBuilder("GatherV2", null).addInput(params).addInput(indices).addInput(axis).build();
 * }</pre>
 */
final class GatherOps {
  private GatherOps() {}

  static List<OpDef> defs() {
    return List.of(OpDef.builder("GatherV2")
        .input("params: Tparams").input("indices: Tindices").input("axis: Taxis")
        .attr("batch_dims: int = 0")
        .output("output: Tparams")
        .attr("Tparams: type").attr("Tindices: {int32,int64}").attr("Taxis: {int32,int64}")
        .shape(GatherOps::shape).kernel(GatherOps::compute).build());
  }

  /** TF's GatherV2 shape function. */
  private static List<Shape> shape(InferenceContext c) {
    Shape params = ShapeRules.withRankAtLeast(c.inputShape(0), 1);
    Shape indices = c.inputShape(1);
    ShapeRules.withRank(c.inputShape(2), 0);
    Tensor axisT = c.inputConstant(2);
    if (axisT == null) {
      if (params.hasRank() && indices.hasRank()) {
        return List.of(Shape.unknownDims(params.rank() + indices.rank() - 1));
      }
      return List.of(Shape.unknown());
    }
    long axis = IndexingSupport.scalarLong(axisT);
    ShapeRules.withRankAtLeast(params, (int) (axis < 0 ? -axis : axis + 1));
    long batchDims = c.attrLong("batch_dims");
    ShapeRules.withRankAtLeast(indices, (int) Math.abs(batchDims));
    if (!params.hasRank() || !indices.hasRank()) {
      return List.of(Shape.unknown());
    }
    if (batchDims < 0) {
      batchDims += indices.rank();
    }
    ShapeRules.withRankAtLeast(params, (int) batchDims + 1);
    int a = (int) (axis < 0 ? axis + params.rank() : axis);
    Shape out = params.subShape(0, a)
        .concatenate(indices.subShape((int) batchDims, indices.rank()))
        .concatenate(params.subShape(a + 1, params.rank()));
    return List.of(out);
  }

  private static void compute(KernelContext ctx) {
    Tensor params = ctx.input(0);
    Tensor indices = ctx.input(1);
    Tensor axisT = ctx.input(2);
    if (params.rank() < 1) {
      throw new InvalidArgumentException("params must be at least 1 dimensional");
    }
    if (axisT.rank() != 0) {
      throw new InvalidArgumentException("axis must be scalar");
    }
    long axis = IndexingSupport.scalarLong(axisT);
    int rank = params.rank();
    if (axis < -rank || axis >= rank) {
      throw new InvalidArgumentException("Expected axis in the range [" + -rank + ", " + rank
          + "), but got " + axis);
    }
    if (ctx.op().attrLong("batch_dims") != 0) {
      throw new UnimplementedException("GatherV2 with batch_dims != 0 is not supported; TF 1.15's "
          + "tf.gather(batch_dims=...) builds it from other ops");
    }
    ctx.setOutput(0, gather(params, indices, (int) (axis < 0 ? axis + rank : axis)));
  }

  private static Tensor gather(Tensor params, Tensor indices, int axis) {
    long[] pd = params.shape().dims();
    long outer = 1;
    long inner = 1;
    for (int i = 0; i < axis; i++) {
      outer *= pd[i];
    }
    for (int i = axis + 1; i < pd.length; i++) {
      inner *= pd[i];
    }
    long limit = pd[axis];
    long[] idx = IndexingSupport.longs(indices);
    Shape outShape = params.shape().subShape(0, axis).concatenate(indices.shape())
        .concatenate(params.shape().subShape(axis + 1, pd.length));
    int n = IndexingSupport.checkedSize(outShape.dims());
    Object out = IndexingSupport.allocate(params.dtype(), n);
    if (idx.length > 0 && outer > 0 && inner > 0) {
      checkIndices(indices, idx, limit);
      Object src = params.rawData();
      int in = (int) inner;
      int dst = 0;
      for (long o = 0; o < outer; o++) {
        long rowBase = o * limit * inner;
        for (long k : idx) {
          System.arraycopy(src, (int) (rowBase + k * inner), out, dst, in);
          dst += in;
        }
      }
    }
    return Tensor.wrap(outShape, out);
  }

  private static void checkIndices(Tensor indices, long[] idx, long limit) {
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= limit) {
        throw new InvalidArgumentException("indices" + sliceDebugString(indices.shape(), i)
            + " = " + idx[i] + " is not in [0, " + limit + ")");
      }
    }
  }

  /** TF's {@code SliceDebugString}: the multi-index of flat element {@code flat}, as "[1,2]". */
  static String sliceDebugString(Shape shape, long flat) {
    int dims = shape.rank();
    if (dims == 0) {
      return "";
    }
    if (dims == 1) {
      return "[" + flat + "]";
    }
    long[] strides = IndexingSupport.rowStrides(shape.dims());
    StringBuilder sb = new StringBuilder();
    long left = flat;
    for (int i = 0; i < dims; i++) {
      sb.append(i == 0 ? "[" : ",").append(left / strides[i]);
      left %= strides[i];
    }
    return sb.append(']').toString();
  }
}
