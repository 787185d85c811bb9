package org.tensorgraph.ops;

import java.util.Arrays;
import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.UnimplementedException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * TF 1.15's indexing and re-layout array ops: {@code StridedSlice} (in {@link StridedSliceOps}),
 * {@code GatherV2} (in {@link GatherOps}), {@code ReverseV2} and {@code ReverseSequence} (in
 * {@link IndexingReverseOps}), and here {@code OneHot}, {@code Pad} and {@code BroadcastTo}.
 *
 * <pre>{@code
 * Graph g = new Graph();   // finds this library through ServiceLoader
 * Output y = g.opBuilder("OneHot", null).addInput(indices)       // int64 [0, 2]
 *     .addInput(depth).addInput(on).addInput(off).build().output(0); // 3, 1f, 0f
 * // y = [[1., 0., 0.], [0., 0., 1.]]
 * }</pre>
 */
public final class IndexingOps implements OpLibrary {
  @Override
  public void register(OpRegistry registry) {
    for (List<OpDef> family : List.of(StridedSliceOps.defs(), GatherOps.defs(),
        IndexingReverseOps.defs(), defs())) {
      for (OpDef d : family) {
        registry.register(d);
      }
    }
  }

  static List<OpDef> defs() {
    return List.of(
        OpDef.builder("OneHot")
            .input("indices: TI").input("depth: int32").input("on_value: T")
            .input("off_value: T").attr("axis: int = -1").output("output: T")
            .attr("T: type").attr("TI: {uint8, int32, int64} = DT_INT64")
            .shape(IndexingOps::oneHotShape).kernel(IndexingOps::oneHot).build(),
        OpDef.builder("Pad")
            .input("input: T").input("paddings: Tpaddings").output("output: T")
            .attr("T: type").attr("Tpaddings: {int32, int64} = DT_INT32")
            .shape(IndexingOps::padShape).kernel(IndexingOps::pad).build(),
        OpDef.builder("BroadcastTo")
            .input("input: T").input("shape: Tidx").output("output: T")
            .attr("T: type").attr("Tidx: {int32, int64} = DT_INT32")
            .shape(IndexingOps::broadcastToShape).kernel(IndexingOps::broadcastTo).build());
  }

  // ------------------------------------------------------------------ OneHot

  private static List<Shape> oneHotShape(InferenceContext c) {
    long axis = c.attrLong("axis");
    if (axis < -1) {
      throw new IllegalArgumentException("axis must be >= -1");
    }
    long depth = dimForScalarInput(c, 1);
    Shape indices = c.inputShape(0);
    if (!indices.hasRank()) {
      return List.of(Shape.unknown());
    }
    int newRank = indices.rank() + 1;
    int at = (int) ((axis + newRank) % newRank);
    return List.of(indices.subShape(0, at).concatenate(Shape.of(depth))
        .concatenate(indices.subShape(at, indices.rank())));
  }

  /** TF's {@code MakeDimForScalarInput}: a constant scalar's value as a dim, else unknown. */
  private static long dimForScalarInput(InferenceContext c, int i) {
    Tensor t = c.inputConstant(i);
    if (t == null) {
      return Shape.UNKNOWN;
    }
    if (t.rank() != 0) {
      throw new IllegalArgumentException("Input must be scalar but has rank " + t.rank());
    }
    long v = IndexingSupport.scalarLong(t);
    if (v < 0) {
      throw new IllegalArgumentException("Dimension size, given by scalar input " + i
          + ", must be non-negative but is " + v);
    }
    return v;
  }

  private static void oneHot(KernelContext ctx) {
    Tensor indices = ctx.input(0);
    Tensor depth = ctx.input(1);
    Tensor on = ctx.input(2);
    Tensor off = ctx.input(3);
    long axisAttr = ctx.op().attrLong("axis");
    int outDims = indices.rank() + 1;
    if (!(axisAttr == -1 || (axisAttr >= 0 && axisAttr < outDims))) {
      throw new InvalidArgumentException("Expected axis to be -1 or between [0, " + outDims
          + ").  But received: " + axisAttr);
    }
    requireScalar(depth, "depth");
    requireScalar(on, "on_value");
    requireScalar(off, "off_value");
    int axis = axisAttr == -1 ? indices.rank() : (int) axisAttr;
    int d = depth.intValue();
    if (d < 0) {
      throw new InvalidArgumentException("depth must be non-negative, got: " + d);
    }
    long[] outShape = indices.shape().subShape(0, axis).concatenate(Shape.of(d))
        .concatenate(indices.shape().subShape(axis, indices.rank())).dims();
    int n = IndexingSupport.checkedSize(outShape);
    Object out = IndexingSupport.allocate(on.dtype(), n);
    if (n > 0) {
      fillOneHot(IndexingSupport.longs(indices), indices.shape(), axis, d, on, off, out, n);
    }
    ctx.setOutput(0, IndexingSupport.wrap(outShape, out));
  }

  private static void fillOneHot(long[] idx, Shape indicesShape, int axis, int depth, Tensor on,
      Tensor off, Object out, int n) {
    IndexingSupport.stridedCopy(off.rawData(), 0, new long[] {0}, out, 0, new long[] {1},
        new long[] {n});
    long prefix = 1;
    for (int i = 0; i < axis; i++) {
      prefix *= indicesShape.dim(i);
    }
    long suffix = idx.length / prefix;
    Object onRaw = on.rawData();
    for (long p = 0; p < prefix; p++) {
      for (long s = 0; s < suffix; s++) {
        long v = idx[(int) (p * suffix + s)];
        if (v >= 0 && v < depth) {
          System.arraycopy(onRaw, 0, out, (int) ((p * depth + v) * suffix + s), 1);
        }
      }
    }
  }

  private static void requireScalar(Tensor t, String name) {
    if (t.rank() != 0) {
      throw new InvalidArgumentException(name + " must be a scalar, but got: " + t.shape());
    }
  }

  // ------------------------------------------------------------------ Pad

  /** TF's {@code PadShapeFn}. */
  private static List<Shape> padShape(InferenceContext c) {
    Shape paddings = ShapeRules.withRank(c.inputShape(1), 2);
    withValue(paddings.dim(1), 2);
    Shape input = c.inputShape(0);
    long nDim = paddings.dim(0);
    if (nDim != Shape.UNKNOWN) {
      input = ShapeRules.withRank(input, (int) nDim);
    } else if (input.hasRank()) {
      nDim = input.rank();
    }
    Tensor pt = c.inputConstant(1);
    if (pt == null) {
      return List.of(nDim != Shape.UNKNOWN ? Shape.unknownDims((int) nDim) : Shape.unknown());
    }
    int numDims = (int) pt.shape().dim(0);
    input = ShapeRules.withRank(input, numDims);
    long[] p = IndexingSupport.longs(pt);
    long[] dims = new long[numDims];
    for (int i = 0; i < numDims; i++) {
      if (p[2 * i] < 0 || p[2 * i + 1] < 0) {
        throw new IllegalArgumentException("Paddings must be non-negative");
      }
      long d = input.dim(i);
      dims[i] = d == Shape.UNKNOWN ? Shape.UNKNOWN : d + p[2 * i] + p[2 * i + 1];
    }
    return List.of(Shape.of(dims));
  }

  /** TF's {@code WithValue} on a dimension. */
  static void withValue(long dim, long value) {
    if (dim != Shape.UNKNOWN && dim != value) {
      throw new IllegalArgumentException("Dimension must be " + value + " but is " + dim);
    }
  }

  private static void pad(KernelContext ctx) {
    Tensor in = ctx.input(0);
    Tensor paddings = ctx.input(1);
    int dims = in.rank();
    if (dims > 6) {
      throw new UnimplementedException("inputs rank not in [0,6]: " + dims);
    }
    if (paddings.rank() != 2 || paddings.shape().dim(1) != 2) {
      throw new InvalidArgumentException("paddings must be a matrix with 2 columns: "
          + paddings.shape());
    }
    if (dims != paddings.shape().dim(0)) {
      throw new InvalidArgumentException("The first dimension of paddings must be the rank of "
          + "inputs" + paddings.shape() + " " + in.shape());
    }
    long[] p = IndexingSupport.longs(paddings);
    long[] inDims = in.shape().dims();
    long[] outDims = new long[dims];
    for (int d = 0; d < dims; d++) {
      if (p[2 * d] < 0 || p[2 * d + 1] < 0) {
        throw new InvalidArgumentException("Paddings must be non-negative: " + p[2 * d] + " "
            + p[2 * d + 1]);
      }
      outDims[d] = p[2 * d] + inDims[d] + p[2 * d + 1];
    }
    Object out = IndexingSupport.allocate(in.dtype(), IndexingSupport.checkedSize(outDims));
    long[] outStrides = IndexingSupport.rowStrides(outDims);
    long base = 0;
    for (int d = 0; d < dims; d++) {
      base += p[2 * d] * outStrides[d];
    }
    IndexingSupport.stridedCopy(in.rawData(), 0, IndexingSupport.rowStrides(inDims), out, base,
        outStrides, inDims);
    ctx.setOutput(0, IndexingSupport.wrap(outDims, out));
  }

  // ------------------------------------------------------------------ BroadcastTo

  /** TF's BroadcastTo shape function. */
  private static List<Shape> broadcastToShape(InferenceContext c) {
    ShapeRules.withRank(c.inputShape(1), 1);
    Shape out = shapeFromShapeTensor(c, 1);
    Shape in = c.inputShape(0);
    if (!out.hasRank() || !in.hasRank()) {
      return List.of(out);
    }
    int outRank = out.rank();
    if (in.rank() > outRank) {
      throw new IllegalArgumentException("Shape must be at most rank " + outRank
          + " but is rank " + in.rank());
    }
    long[] dims = out.dims();
    for (int i = 0; i < in.rank(); i++) {
      long inDim = in.dim(in.rank() - i - 1);
      if (inDim > 1) {
        dims[outRank - i - 1] = ShapeRules.mergeDim(inDim, dims[outRank - i - 1]);
      }
    }
    return List.of(Shape.of(dims));
  }

  /** TF's {@code MakeShapeFromShapeTensor}: a shape from a constant, else from its length. */
  static Shape shapeFromShapeTensor(InferenceContext c, int i) {
    Shape s = ShapeRules.withRank(c.inputShape(i), 1);
    Tensor t = c.inputConstant(i);
    if (t == null) {
      long n = s.dim(0);
      return n == Shape.UNKNOWN ? Shape.unknown() : Shape.unknownDims((int) n);
    }
    long[] v = IndexingSupport.longs(t);
    for (long x : v) {
      if (x < -1) {
        throw new IllegalArgumentException("Invalid value in tensor used for shape: " + x);
      }
    }
    return Shape.of(v);
  }

  private static void broadcastTo(KernelContext ctx) {
    Tensor in = ctx.input(0);
    long[] outDims = makeShape(ctx.input(1));
    long[] inDims = in.shape().dims();
    if (Arrays.equals(outDims, inDims)) {
      ctx.setOutput(0, in);
      return;
    }
    if (inDims.length > outDims.length) {
      throw new InvalidArgumentException("Rank of input (" + inDims.length + ") must be no "
          + "greater than rank of output shape (" + outDims.length + ").");
    }
    int n = IndexingSupport.checkedSize(outDims);
    Object out = IndexingSupport.allocate(in.dtype(), n);
    if (n > 0) {
      long[] srcStrides = broadcastStrides(inDims, outDims);
      IndexingSupport.stridedCopy(in.rawData(), 0, srcStrides, out, 0,
          IndexingSupport.rowStrides(outDims), outDims);
    }
    ctx.setOutput(0, IndexingSupport.wrap(outDims, out));
  }

  /** The input strides aligned to the output's dims, 0 where the input is stretched. */
  private static long[] broadcastStrides(long[] inDims, long[] outDims) {
    long[] inStrides = IndexingSupport.rowStrides(inDims);
    long[] r = new long[outDims.length];
    int off = outDims.length - inDims.length;
    boolean valid = true;
    boolean same = true;
    for (int i = 0; i < inDims.length; i++) {
      long a = inDims[i];
      long b = outDims[off + i];
      valid &= a == b || a == 1 || b == 1;
      same &= a == b || a == 1;
      r[off + i] = a == 1 ? 0 : inStrides[i];
    }
    if (!valid) {
      throw new InvalidArgumentException("Incompatible shapes: "
          + IndexingSupport.dimsString(inDims) + " vs. " + IndexingSupport.dimsString(outDims));
    }
    if (!same) {
      throw new InvalidArgumentException("Unable to broadcast tensor of shape "
          + IndexingSupport.dimsString(inDims) + " to tensor of shape "
          + IndexingSupport.dimsString(outDims));
    }
    return r;
  }

  /** TF's {@code OpKernel::MakeShape}: a concrete shape from an int32/int64 vector. */
  static long[] makeShape(Tensor shape) {
    if (shape.rank() != 1) {
      throw new InvalidArgumentException("shape must be a vector of {int32,int64}, got shape "
          + shape.shape());
    }
    long[] v = IndexingSupport.longs(shape);
    for (long x : v) {
      if (x < 0) {
        throw new InvalidArgumentException("Dimension " + x + " must be >= 0");
      }
    }
    return v;
  }
}
