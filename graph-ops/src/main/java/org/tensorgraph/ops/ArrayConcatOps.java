package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;

/**
 * The ops that join and cut tensors, as TF 1.15 defines them: {@code ConcatV2}, {@code Split},
 * {@code SplitV}, {@code Slice}, {@code Pack} and {@code Unpack}. Registered by {@link ArrayOps}.
 *
 * <pre>{@code
 * // a: [2,3], b: [2,2], axis: Const int32 -1
 * Output ab = g.opBuilder("ConcatV2", null).addInputList(List.of(a, b)).addInput(axis)
 *     .build().output(0);
 * ab.shape();   // [2,5]
 * }</pre>
 */
final class ArrayConcatOps {
  private ArrayConcatOps() {}

  static List<OpDef> defs() {
    return List.of(
        OpDef.builder("ConcatV2").input("values: N * T").input("axis: Tidx").output("output: T")
            .attr("N: int >= 2").attr("T: type").attr("Tidx: {int32, int64} = DT_INT32")
            .shape(ArrayConcatOps::concatShape).kernel(ArrayConcatOps::concat).build(),
        OpDef.builder("Split").input("split_dim: int32").input("value: T")
            .output("output: num_split * T").attr("num_split: int >= 1").attr("T: type")
            .shape(ArrayConcatOps::splitShape).kernel(ArrayConcatOps::split).build(),
        OpDef.builder("SplitV").input("value: T").input("size_splits: Tlen")
            .input("split_dim: int32").output("output: num_split * T")
            .attr("num_split: int >= 1").attr("T: type").attr("Tlen: {int32, int64} = DT_INT64")
            .shape(ArrayConcatOps::splitVShape).kernel(ArrayConcatOps::splitV).build(),
        OpDef.builder("Slice").input("input: T").input("begin: Index").input("size: Index")
            .output("output: T").attr("T: type").attr("Index: {int32, int64}")
            .shape(ArrayConcatOps::sliceShape).kernel(ArrayConcatOps::slice).build(),
        OpDef.builder("Pack").input("values: N * T").output("output: T")
            .attr("N: int >= 1").attr("T: type").attr("axis: int = 0")
            .shape(ArrayConcatOps::packShape).kernel(ArrayConcatOps::pack).build(),
        OpDef.builder("Unpack").input("value: T").output("output: num * T")
            .attr("num: int >= 0").attr("T: type").attr("axis: int = 0")
            .shape(ArrayConcatOps::unpackShape).kernel(ArrayConcatOps::unpack).build());
  }

  // ---------------------------------------------------------------- ConcatV2

  /** TF's {@code ConcatShapeHelper}: merges the other dims and adds up the axis dim. */
  private static List<Shape> concatShape(InferenceContext c) {
    int n = c.numInputs() - 1;
    ShapeRules.withRank(c.inputShape(n), 0);
    Long axis = ShapeFns.constScalar(c, n);
    if (axis == null) {
      int rank = -1;
      for (int i = 0; i < n && rank < 0; i++) {
        rank = c.inputShape(i).rank();
      }
      if (rank < 0) {
        return List.of(Shape.unknown());
      }
      if (rank == 0) {
        throw new IllegalArgumentException("Can't concatenate scalars (use tf.stack instead)");
      }
      for (int i = 0; i < n; i++) {
        ShapeRules.withRank(c.inputShape(i), rank);
      }
      return List.of(Shape.unknownDims(rank));
    }
    long dim = axis;
    int minRank = (int) (dim < 0 ? -dim : dim + 1);
    Shape last = ShapeRules.withRankAtLeast(c.inputShape(n - 1), minRank);
    Shape before = ShapeFns.subshape(last, 0, dim);
    long middle = ShapeFns.dim(last, dim);
    Shape after = dim == -1 ? Shape.scalar() : ShapeFns.subshape(last, dim + 1);
    for (int i = n - 2; i >= 0; i--) {
      Shape in = ShapeRules.withRankAtLeast(c.inputShape(i), minRank);
      before = ShapeFns.merge(ShapeFns.subshape(in, 0, dim), before);
      middle = ShapeFns.add(middle, ShapeFns.dim(in, dim));
      after = ShapeFns.merge(dim == -1 ? Shape.scalar() : ShapeFns.subshape(in, dim + 1), after);
    }
    return List.of(before.concatenate(Shape.of(middle)).concatenate(after));
  }

  private static void concat(KernelContext ctx) {
    int n = ctx.numInputs() - 1;
    Tensor axisT = ctx.input(n);
    if (axisT.rank() != 0) {
      throw new InvalidArgumentException("axis tensor should be a scalar integer, but got shape "
          + axisT.shape());
    }
    long concatDim = ArrayData.toLongs(axisT)[0];
    Tensor first = ctx.input(0);
    Shape firstShape = first.shape();
    int rank = first.rank();
    long axis = concatDim < 0 ? concatDim + rank : concatDim;
    if (!((0 <= axis && axis < rank) || concatDim == 0)) {
      throw new InvalidArgumentException("ConcatOp : Expected concatenating dimensions in the "
          + "range [" + -rank + ", " + rank + "), but got " + concatDim);
    }
    int ax = (int) axis;
    int[] dims = firstShape.intDims();
    int outer = ArrayData.product(dims, 0, Math.min(ax, rank));
    Object[] srcs = new Object[n];
    int[] rows = new int[n];
    long outAxis = 0;
    for (int i = 0; i < n; i++) {
      Tensor in = ctx.input(i);
      checkConcatInput(firstShape, in.shape(), i, ax);
      srcs[i] = ArrayData.data(in, "ConcatV2");
      rows[i] = outer == 0 ? 0 : in.size() / outer;
      outAxis += rank > 0 ? in.shape().dim(ax) : 1;
    }
    long[] outDims = rank == 0 ? new long[] {outAxis} : firstShape.dims();
    outDims[rank == 0 ? 0 : ax] = outAxis;
    Shape outShape = Shape.of(outDims);
    Object dst = ArrayData.allocate(first.dtype(), Tensor.checkedElementCount(outShape));
    ArrayData.concatRows(srcs, rows, outer, dst);
    ctx.setOutput(0, Tensor.wrap(outShape, dst));
  }

  private static void checkConcatInput(Shape first, Shape in, int i, int axis) {
    if (in.rank() != first.rank()) {
      throw new InvalidArgumentException("ConcatOp : Ranks of all input tensors should match: "
          + "shape[0] = " + first + " vs. shape[" + i + "] = " + in);
    }
    for (int j = 0; j < first.rank(); j++) {
      if (j != axis && in.dim(j) != first.dim(j)) {
        throw new InvalidArgumentException("ConcatOp : Dimensions of inputs should match: "
            + "shape[0] = " + first + " vs. shape[" + i + "] = " + in);
      }
    }
  }

  // ---------------------------------------------------------------- Split, SplitV

  private static List<Shape> splitShape(InferenceContext c) {
    Shape input = c.inputShape(1);
    long splitDim = ShapeFns.axisFromScalarInput(c, 0, input.rank());
    int num = c.numOutputs();
    Shape out;
    if (splitDim == Shape.UNKNOWN) {
      out = input.hasRank() ? Shape.unknownDims(input.rank()) : Shape.unknown();
    } else {
      input = ShapeRules.withRankAtLeast(input, (int) splitDim + 1);
      long size;
      try {
        size = ShapeFns.divide(ShapeFns.dim(input, splitDim), num, true);
      } catch (IllegalArgumentException e) {
        throw ShapeFns.withContext(e,
            "Number of ways to split should evenly divide the split dimension");
      }
      out = input.hasRank() ? input.withDim((int) splitDim, size) : input;
    }
    return Collections.nCopies(num, out);
  }

  private static void split(KernelContext ctx) {
    Tensor dimT = ctx.input(0);
    Tensor input = ctx.input(1);
    if (dimT.rank() != 0) {
      throw new InvalidArgumentException("split_dim must be a scalar but has rank "
          + dimT.rank());
    }
    int num = ctx.op().numOutputs();
    int axis = splitAxis(dimT.intValue(), input.rank());
    long size = input.shape().dim(axis);
    if (size % num != 0) {
      throw new InvalidArgumentException("Number of ways to split should evenly divide the split "
          + "dimension, but got split_dim " + axis + " (size = " + size + ") and num_split "
          + num);
    }
    long[] sizes = new long[num];
    Arrays.fill(sizes, size / num);
    emitPieces(ctx, input, axis, sizes);
  }

  private static int splitAxis(int orig, int rank) {
    int axis = orig < 0 ? orig + rank : orig;
    if (axis < 0 || axis >= rank) {
      throw new InvalidArgumentException("-input rank(-" + rank + ") <= split_dim < input rank ("
          + rank + "), but got " + orig);
    }
    return axis;
  }

  /** Output {@code i} is the next {@code sizes[i]} entries of {@code input} along {@code axis}. */
  private static void emitPieces(KernelContext ctx, Tensor input, int axis, long[] sizes) {
    if (sizes.length == 1) {
      ctx.setOutput(0, input);
      return;
    }
    Object src = ArrayData.data(input, ctx.op().type());
    int[] dims = input.shape().intDims();
    int[] strides = ArrayData.strides(dims);
    int start = 0;
    for (int i = 0; i < sizes.length; i++) {
      int[] pieceDims = dims.clone();
      pieceDims[axis] = (int) sizes[i];
      Object dst = ArrayData.allocate(input.dtype(), ArrayData.product(pieceDims, 0, dims.length));
      ArrayData.gather(src, start * strides[axis], pieceDims, strides, dst);
      ctx.setOutput(i, Tensor.wrap(Shape.of(pieceDims), dst));
      start += pieceDims[axis];
    }
  }

  /** TF's SplitV shape function: exact when the sizes and the axis are constant. */
  private static List<Shape> splitVShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    long splitDim = ShapeFns.axisFromScalarInput(c, 2, input.rank());
    int num = c.numOutputs();
    Tensor sizesT = c.inputConstant(1);
    if (!input.hasRank()) {
      return Collections.nCopies(num, Shape.unknown());
    }
    if (input.rank() == 0) {
      throw new IllegalArgumentException("Can't split scalars");
    }
    if (sizesT == null) {
      Shape out = splitDim == Shape.UNKNOWN ? Shape.unknownDims(input.rank())
          : input.withDim((int) splitDim, Shape.UNKNOWN);
      return Collections.nCopies(num, out);
    }
    if (splitDim == Shape.UNKNOWN) {
      // TF 1.15 would read the unknown axis as -1 and size the last dim; we claim only the rank.
      return Collections.nCopies(num, Shape.unknownDims(input.rank()));
    }
    input = ShapeRules.withRankAtLeast(input, (int) splitDim + 1);
    long[] data = ArrayData.toLongs(sizesT);
    if (num != data.length) {
      throw new IllegalArgumentException("Length of size_splits should be equal to num_outputs");
    }
    long total = 0;
    boolean hasNegOne = false;
    for (long s : data) {
      if (s == -1) {
        if (hasNegOne) {
          throw new IllegalArgumentException("size_splits can only have one -1");
        }
        hasNegOne = true;
      } else {
        total += s;
      }
    }
    long dimSize = ShapeFns.dim(input, splitDim);
    int at = (int) (splitDim < 0 ? splitDim + input.rank() : splitDim);
    List<Shape> out = new ArrayList<>();
    for (long s : data) {
      long size = s == -1 && dimSize != Shape.UNKNOWN ? dimSize - total : s;
      out.add(input.withDim(at, size < 0 ? Shape.UNKNOWN : size));
    }
    if (dimSize != Shape.UNKNOWN && (hasNegOne ? total > dimSize : total != dimSize)) {
      throw new IllegalArgumentException("can't split axis of size " + dimSize
          + " into pieces of size [" + joinLongs(data) + "]");
    }
    return out;
  }

  private static String joinLongs(long[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      sb.append(i > 0 ? "," : "").append(v[i]);
    }
    return sb.toString();
  }

  private static void splitV(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor sizesT = ctx.input(1);
    Tensor dimT = ctx.input(2);
    int num = ctx.op().numOutputs();
    if (dimT.size() != 1) {
      throw new InvalidArgumentException("split_dim_tensor must have exactly one element.");
    }
    if (sizesT.rank() != 1 || sizesT.size() != num) {
      throw new InvalidArgumentException("size of the split_tensor must be 1-D and have the same "
          + "elements as outputs got " + sizesT.rank() + " -D and " + sizesT.size()
          + " elements");
    }
    long[] sizes = ArrayData.toLongs(sizesT);
    int axis = splitAxis(((int[]) dimT.rawData())[0], input.rank());
    long dimSize = input.shape().dim(axis);
    if (num == 1) {
      if (sizes[0] != dimSize) {
        throw new InvalidArgumentException("If there is only one output, it must have the same "
            + "size as the input. Input size: " + dimSize + " output size: " + sizes[0]);
      }
      ctx.setOutput(0, input);
      return;
    }
    int negOne = -1;
    long determined = 0;
    for (int d = 0; d < sizes.length; d++) {
      if (sizes[d] == -1) {
        if (negOne != -1) {
          throw new InvalidArgumentException("There can only be one -1 in the input.");
        }
        negOne = d;
      } else if (sizes[d] < 0) {
        throw new InvalidArgumentException("Split size at index " + d + " must be >= 0. Got: "
            + sizes[d]);
      } else {
        determined += sizes[d];
      }
    }
    if (!((negOne == -1 && determined == dimSize) || (negOne >= 0 && determined <= dimSize))) {
      throw new InvalidArgumentException("Determined shape must either match input shape along "
          + "split_dim exactly if fully specified, or be less than the size of the input along "
          + "split_dim if not fully specified.  Got: " + determined);
    }
    if (negOne >= 0) {
      sizes[negOne] = dimSize - determined;
    }
    emitPieces(ctx, input, axis, sizes);
  }

  // ---------------------------------------------------------------- Slice

  /** TF's {@code SliceShape}: exact with a constant {@code size}, partial otherwise. */
  private static List<Shape> sliceShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    Shape beginShape = ShapeRules.withRank(c.inputShape(1), 1);
    Shape sizesShape = ShapeRules.withRank(c.inputShape(2), 1);
    beginShape = ShapeFns.merge(beginShape, sizesShape);
    long ndims = beginShape.dim(0);
    if (ndims != Shape.UNKNOWN) {
      input = ShapeRules.withRank(input, Math.toIntExact(ndims));
    }
    Shape beginValue = ShapeFns.shapeFromShapeTensor(c, 1);
    Tensor sizes = c.inputConstant(2);
    if (sizes != null) {
      long[] sz = ArrayData.toLongs(sizes);
      beginValue = ShapeRules.withRank(beginValue, sz.length);
      long[] dims = new long[sz.length];
      for (int i = 0; i < sz.length; i++) {
        long inDim = ShapeFns.dim(input, i);
        if (sz[i] != -1) {
          if (sz[i] < 0) {
            throw new IllegalArgumentException("Out of bounds slicing on dimension " + i
                + " of length " + inDim + ": sizes vector cannot be < -1, but was " + sz[i]);
          }
          dims[i] = sz[i];
        } else {
          dims[i] = ShapeFns.subtract(inDim, beginValue.dim(i));
        }
      }
      return List.of(Shape.of(dims));
    }
    Shape sizesValue = ShapeFns.shapeFromShapeTensor(c, 2);
    if (sizesValue.hasRank()) {
      ShapeRules.withRank(beginValue, sizesValue.rank());
      return List.of(sizesValue);
    }
    return List.of(input.hasRank() ? Shape.unknownDims(input.rank()) : Shape.unknown());
  }

  private static void slice(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor beginT = ctx.input(1);
    Tensor sizeT = ctx.input(2);
    int rank = input.rank();
    if (beginT.rank() != 1 || sizeT.rank() != 1 || beginT.size() != rank
        || sizeT.size() != rank) {
      throw new InvalidArgumentException("Expected begin and size arguments to be 1-D tensors of "
          + "size " + rank + ", but got shapes " + beginT.shape() + " and " + sizeT.shape()
          + " instead.");
    }
    long[] begin = ArrayData.toLongs(beginT);
    long[] size = ArrayData.toLongs(sizeT);
    int[] inDims = input.shape().intDims();
    int offset = 0;
    int[] strides = ArrayData.strides(inDims);
    int[] outDims = new int[rank];
    for (int i = 0; i < rank; i++) {
      long b = begin[i];
      long s = size[i] == -1 ? inDims[i] - b : size[i];
      if (inDims[i] == 0) {
        if (b != 0 || s != 0) {
          throw new InvalidArgumentException("Expected begin[" + i + "] == 0 (got " + b
              + ") and size[" + i + "] == 0 (got " + s + ") when input.dim_size(" + i + ") == 0");
        }
      } else {
        if (b < 0 || b > inDims[i]) {
          throw new InvalidArgumentException("Expected begin[" + i + "] in [0, " + inDims[i]
              + "], but got " + b);
        }
        if (s < 0 || b + s > inDims[i]) {
          throw new InvalidArgumentException("Expected size[" + i + "] in [0, "
              + (inDims[i] - b) + "], but got " + s);
        }
      }
      outDims[i] = (int) s;
      offset += (int) b * strides[i];
    }
    Shape outShape = Shape.of(outDims);
    if (outShape.equals(input.shape())) {
      ctx.setOutput(0, input);
      return;
    }
    Object dst = ArrayData.allocate(input.dtype(), Tensor.checkedElementCount(outShape));
    ArrayData.gather(ArrayData.data(input, "Slice"), offset, outDims, strides, dst);
    ctx.setOutput(0, Tensor.wrap(outShape, dst));
  }

  // ---------------------------------------------------------------- Pack, Unpack

  private static List<Shape> packShape(InferenceContext c) {
    int n = c.numInputs();
    Shape cur = c.inputShape(n - 1);
    for (int i = n - 2; i >= 0; i--) {
      try {
        cur = ShapeFns.merge(c.inputShape(i), cur);
      } catch (IllegalArgumentException e) {
        throw ShapeFns.withContext(e, "From merging shape " + i + " with other shapes.");
      }
    }
    if (!cur.hasRank()) {
      return List.of(Shape.unknown());
    }
    int axis = packAxis(c.attrLong("axis"), cur.rank() + 1);
    return List.of(cur.subShape(0, axis).concatenate(Shape.of(n))
        .concatenate(cur.subShape(axis, cur.rank())));
  }

  /** TF's {@code GetAxisForPackAndUnpack}. */
  private static int packAxis(long axis, int rankAfterPack) {
    if (axis < -rankAfterPack || axis >= rankAfterPack) {
      throw new IllegalArgumentException("Invalid axis: " + axis + "; must be in ["
          + -rankAfterPack + "," + rankAfterPack + ")");
    }
    return (int) (axis < 0 ? axis + rankAfterPack : axis);
  }

  private static void pack(KernelContext ctx) {
    int n = ctx.numInputs();
    Tensor first = ctx.input(0);
    long attrAxis = ctx.op().attrLong("axis");
    int expanded = first.rank() + 1;
    long axis = attrAxis < 0 ? attrAxis + expanded : attrAxis;
    if (axis < 0 || axis >= expanded) {
      throw new InvalidArgumentException("axis = " + attrAxis + " not in [" + -expanded + ", "
          + expanded + ")");
    }
    int ax = (int) axis;
    Shape s = first.shape();
    Shape outShape = s.subShape(0, ax).concatenate(Shape.of(n)).concatenate(s.subShape(ax,
        s.rank()));
    Object[] srcs = new Object[n];
    int[] rows = new int[n];
    int outer = ArrayData.product(s.intDims(), 0, ax);
    for (int i = 0; i < n; i++) {
      Tensor in = ctx.input(i);
      if (!in.shape().equals(s)) {
        throw new InvalidArgumentException("Shapes of all inputs must match: values[0].shape = "
            + s + " != values[" + i + "].shape = " + in.shape());
      }
      srcs[i] = ArrayData.data(in, "Pack");
      rows[i] = outer == 0 ? 0 : in.size() / outer;
    }
    Object dst = ArrayData.allocate(first.dtype(), Tensor.checkedElementCount(outShape));
    ArrayData.concatRows(srcs, rows, outer, dst);
    ctx.setOutput(0, Tensor.wrap(outShape, dst));
  }

  private static List<Shape> unpackShape(InferenceContext c) {
    Shape s = c.inputShape(0);
    int num = c.numOutputs();
    if (!s.hasRank()) {
      return Collections.nCopies(num, Shape.unknown());
    }
    int rank = s.rank();
    int axis = packAxis(c.attrLong("axis"), rank);
    ShapeFns.withValue(s.dim(axis), num);
    Shape out = s.subShape(0, axis).concatenate(s.subShape(axis + 1, rank));
    return Collections.nCopies(num, out);
  }

  private static void unpack(KernelContext ctx) {
    Tensor input = ctx.input(0);
    int num = ctx.op().numOutputs();
    int rank = input.rank();
    long attrAxis = ctx.op().attrLong("axis");
    long axis = attrAxis < 0 ? attrAxis + rank : attrAxis;
    if (axis < 0 || axis >= rank) {
      throw new InvalidArgumentException("axis = " + attrAxis + " not in [" + -rank + ", " + rank
          + ")");
    }
    int ax = (int) axis;
    if (input.shape().dim(ax) != num) {
      throw new InvalidArgumentException("Input shape axis " + ax + " must equal " + num
          + ", got shape " + input.shape());
    }
    int[] dims = input.shape().intDims();
    int[] strides = ArrayData.strides(dims);
    int[] outDims = new int[rank - 1];
    int[] outStrides = new int[rank - 1];
    for (int i = 0, k = 0; i < rank; i++) {
      if (i != ax) {
        outDims[k] = dims[i];
        outStrides[k++] = strides[i];
      }
    }
    Object src = ArrayData.data(input, "Unpack");
    int per = ArrayData.product(outDims, 0, outDims.length);
    for (int j = 0; j < num; j++) {
      Object dst = ArrayData.allocate(input.dtype(), per);
      ArrayData.gather(src, j * strides[ax], outDims, outStrides, dst);
      ctx.setOutput(j, Tensor.wrap(Shape.of(outDims), dst));
    }
  }
}
