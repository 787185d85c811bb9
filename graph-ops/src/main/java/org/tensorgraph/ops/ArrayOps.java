package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * TF 1.15's shape-changing array ops ({@code tensorflow/core/ops/array_ops.cc}): {@code Shape},
 * {@code ShapeN}, {@code Size}, {@code Rank}, {@code Reshape}, {@code Transpose}, {@code
 * ExpandDims}, {@code Squeeze} and {@code Tile}; this library also registers the joining ops of
 * {@link ArrayConcatOps} and the value-making ops of {@link ArrayFillOps}.
 *
 * <pre>{@code
 * // x: float [2,3]; shape: Const int32 [-1]
 * Output flat = g.opBuilder("Reshape", null).addInput(x).addInput(shape).build().output(0);
 * flat.shape();              // [6]  (the -1 is inferred from the constant shape)
 * session.run(flat);         // [0. 1. 2. 3. 4. 5.]
 * }</pre>
 *
 * <p>Shape rules use a constant input (a {@code Const}) where TF's do, so static shapes are as
 * precise as TF's; runtime errors carry TF's text.
 */
public final class ArrayOps implements OpLibrary {
  @Override
  public void register(OpRegistry registry) {
    List<OpDef> all = new ArrayList<>(defs());
    all.addAll(ArrayConcatOps.defs());
    all.addAll(ArrayFillOps.defs());
    for (OpDef d : all) {
      registry.register(d);
    }
  }

  static List<OpDef> defs() {
    return List.of(
        OpDef.builder("Shape").input("input: T").output("output: out_type")
            .attr("T: type").attr("out_type: {int32, int64} = DT_INT32")
            .shape(ArrayOps::shapeShape).kernel(ArrayOps::shape).build(),
        OpDef.builder("ShapeN").input("input: N * T").output("output: N * out_type")
            .attr("N: int >= 1").attr("T: type").attr("out_type: {int32, int64} = DT_INT32")
            .shape(ArrayOps::shapeShape).kernel(ArrayOps::shape).build(),
        OpDef.builder("Size").input("input: T").output("output: out_type")
            .attr("T: type").attr("out_type: {int32, int64} = DT_INT32")
            .shape(ShapeRules.SCALAR).kernel(ArrayOps::size).build(),
        OpDef.builder("Rank").input("input: T").output("output: int32").attr("T: type")
            .shape(ShapeRules.SCALAR)
            .kernel(ctx -> ctx.setOutput(0, Tensor.of(ctx.input(0).rank()))).build(),
        OpDef.builder("Reshape").input("tensor: T").input("shape: Tshape").output("output: T")
            .attr("T: type").attr("Tshape: {int32, int64} = DT_INT32")
            .shape(ArrayOps::reshapeShape).kernel(ArrayOps::reshape).build(),
        OpDef.builder("Transpose").input("x: T").input("perm: Tperm").output("y: T")
            .attr("T: type").attr("Tperm: {int32, int64} = DT_INT32")
            .shape(ArrayOps::transposeShape).kernel(ArrayOps::transpose).build(),
        OpDef.builder("ExpandDims").input("input: T").input("dim: Tdim").output("output: T")
            .attr("T: type").attr("Tdim: {int32, int64} = DT_INT32")
            .shape(ArrayOps::expandDimsShape).kernel(ArrayOps::expandDims).build(),
        OpDef.builder("Squeeze").input("input: T").output("output: T")
            .attr("T: type").attr("squeeze_dims: list(int) >= 0 = []")
            .shape(ArrayOps::squeezeShape).kernel(ArrayOps::squeeze).build(),
        OpDef.builder("Tile").input("input: T").input("multiples: Tmultiples").output("output: T")
            .attr("T: type").attr("Tmultiples: {int32, int64} = DT_INT32")
            .shape(ArrayOps::tileShape).kernel(ArrayOps::tile).build());
  }

  // ---------------------------------------------------------------- Shape, ShapeN, Size

  private static List<Shape> shapeShape(InferenceContext c) {
    List<Shape> r = new ArrayList<>();
    for (int i = 0; i < c.numInputs(); i++) {
      Shape in = c.inputShape(i);
      r.add(in.hasRank() ? Shape.of(in.rank()) : Shape.of(Shape.UNKNOWN));
    }
    return r;
  }

  private static void shape(KernelContext ctx) {
    DType outType = ctx.op().attrType("out_type");
    for (int i = 0; i < ctx.numInputs(); i++) {
      ctx.setOutput(i, shapeTensor(ctx.input(i).shape(), outType));
    }
  }

  /** A shape as an int32 or int64 vector. */
  static Tensor shapeTensor(Shape s, DType type) {
    long[] dims = s.dims();
    if (type == DType.INT64) {
      return Tensor.of(Shape.of(dims.length), dims);
    }
    int[] r = new int[dims.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.toIntExact(dims[i]);
    }
    return Tensor.of(Shape.of(r.length), r);
  }

  private static void size(KernelContext ctx) {
    int n = ctx.input(0).size();
    boolean int64 = ctx.op().attrType("out_type") == DType.INT64;
    ctx.setOutput(0, int64 ? Tensor.of((long) n) : Tensor.of(n));
  }

  // ---------------------------------------------------------------- Reshape

  /** TF's {@code SetOutputShapeForReshape}: infers one unknown dim on either side. */
  private static List<Shape> reshapeShape(InferenceContext c) {
    Shape in = c.inputShape(0);
    Shape out = ShapeFns.shapeFromShapeTensor(c, 1);
    if (!out.hasRank() || !in.hasRank()) {
      return List.of(out);
    }
    long[] outDims = out.dims();
    long[] inDims = in.dims();
    int outUnknown = unknownIndex(outDims);
    int inUnknown = unknownIndex(inDims);
    if (outUnknown == -2 || inUnknown == -2) { // more than one unknown on a side
      return List.of(out);
    }
    long knownOut = knownProduct(outDims);
    long knownIn = knownProduct(inDims);
    if (inUnknown < 0 && outUnknown < 0) {
      if (knownIn != knownOut) {
        throw new IllegalArgumentException("Cannot reshape a tensor with " + knownIn
            + " elements to shape " + out + " (" + knownOut + " elements)");
      }
    } else if (inUnknown < 0 && knownOut > 0) {
      outDims[outUnknown] = ShapeFns.divide(knownIn, knownOut, true);
    } else if (inUnknown >= 0 && outUnknown < 0 && knownIn != 0) {
      ShapeFns.divide(knownOut, knownIn, true); // checks divisibility only
    }
    return List.of(Shape.of(outDims));
  }

  /** The index of the one unknown dim, -1 for none, -2 for several. */
  private static int unknownIndex(long[] dims) {
    int idx = -1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == Shape.UNKNOWN) {
        if (idx >= 0) {
          return -2;
        }
        idx = i;
      }
    }
    return idx;
  }

  private static long knownProduct(long[] dims) {
    long p = 1;
    for (long d : dims) {
      if (d != Shape.UNKNOWN) {
        p = Math.multiplyExact(p, d);
      }
    }
    return p;
  }

  private static void reshape(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor sizes = ctx.input(1);
    if (sizes.rank() != 1) {
      throw new InvalidArgumentException("sizes input must be 1-D, not " + sizes.shape());
    }
    long[] dims = ArrayData.toLongs(sizes);
    long product = 1;
    int unknown = -1;
    boolean sizesHaveZero = false;
    for (int d = 0; d < dims.length; d++) {
      long size = dims[d];
      if (size == -1) {
        if (unknown != -1) {
          throw new InvalidArgumentException("Only one input size may be -1, not both " + unknown
              + " and " + d);
        }
        unknown = d;
      } else if (size < 0) {
        throw new InvalidArgumentException("Size " + d + " must be non-negative, not " + size);
      } else if (size == 0) {
        sizesHaveZero = true;
      } else {
        product = Math.multiplyExact(product, size);
      }
    }
    if (unknown != -1) {
      dims[unknown] = missingDim(input.shape(), product, sizesHaveZero);
    }
    long want = 1;
    for (long d : dims) {
      want = Math.multiplyExact(want, d);
    }
    if (want != input.size()) {
      throw new InvalidArgumentException("Input to reshape is a tensor with " + input.size()
          + " values, but the requested shape has " + want);
    }
    ctx.setOutput(0, Tensor.wrap(Shape.of(dims), ArrayData.data(input, "Reshape")));
  }

  /** The size of the {@code -1} dim; zero-sized input dims are left out when sizes have one. */
  private static long missingDim(Shape in, long product, boolean sizesHaveZero) {
    long n = 1;
    boolean inputHasZero = false;
    for (long d : in.dims()) {
      if (d > 0 || !sizesHaveZero) {
        n *= d;
      } else {
        inputHasZero = true;
      }
    }
    long missing = n / product;
    if (!inputHasZero && product * missing != n) {
      throw new InvalidArgumentException("Input to reshape is a tensor with " + n
          + " values, but the requested shape requires a multiple of " + product);
    }
    return missing;
  }

  // ---------------------------------------------------------------- Transpose

  /** TF's {@code TransposeShapeFn}: the rank from input or perm, the dims from a constant perm. */
  private static List<Shape> transposeShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    Shape permShape = c.inputShape(1);
    Tensor perm = c.inputConstant(1);
    long permElems = ShapeFns.numElements(permShape);
    if (!input.hasRank() && permElems == Shape.UNKNOWN && perm == null) {
      return List.of(Shape.unknown());
    }
    int rank = input.hasRank() ? input.rank()
        : permElems != Shape.UNKNOWN ? (int) permElems : perm.size();
    if (!input.hasRank() && rank < 2) {
      return List.of(input); // one perm entry: a scalar or a vector, both unchanged
    }
    input = ShapeRules.withRank(input, rank);
    permShape = ShapeRules.withRank(permShape, 1);
    ShapeFns.withValue(permShape.dim(0), rank);
    long[] dims = new long[rank];
    if (perm == null) {
      return List.of(Shape.unknownDims(rank));
    }
    long[] p = ArrayData.toLongs(perm);
    for (int i = 0; i < rank; i++) {
      if (p[i] >= rank || p[i] < -rank) { // negative entries count from the end, as TF's Dim
        throw new IllegalArgumentException("perm dim " + p[i] + " is out of range of input rank "
            + rank);
      }
      dims[i] = input.dim((int) p[i]);
    }
    return List.of(Shape.of(dims));
  }

  private static void transpose(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor permT = ctx.input(1);
    if (permT.rank() != 1) {
      throw new InvalidArgumentException("perm must be a vector, not " + permT.shape());
    }
    int dims = input.rank();
    long[] perm = ArrayData.toLongs(permT);
    if (perm.length != dims) {
      throw new InvalidArgumentException("transpose expects a vector of size " + dims
          + ". But input(1) is a vector of size " + perm.length);
    }
    int[] inDims = input.shape().intDims();
    int[] inStrides = ArrayData.strides(inDims);
    int[] outDims = new int[dims];
    int[] srcStrides = new int[dims];
    boolean[] seen = new boolean[dims];
    for (int i = 0; i < dims; i++) {
      long d = perm[i];
      if (d < 0 || d >= dims) {
        throw new InvalidArgumentException(d + " is out of range [0 .. " + dims + ")");
      }
      seen[(int) d] = true;
      outDims[i] = inDims[(int) d];
      srcStrides[i] = inStrides[(int) d];
    }
    for (int i = 0; i < dims; i++) {
      if (!seen[i]) {
        throw new InvalidArgumentException(i + " is missing from {" + join(perm) + "}.");
      }
    }
    Object src = ArrayData.data(input, "Transpose");
    Object dst = ArrayData.allocate(input.dtype(), input.size());
    ArrayData.gather(src, 0, outDims, srcStrides, dst);
    ctx.setOutput(0, Tensor.wrap(Shape.of(outDims), dst));
  }

  private static String join(long[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      sb.append(i > 0 ? "," : "").append(v[i]);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- ExpandDims, Squeeze

  private static List<Shape> expandDimsShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    Tensor dimT = c.inputConstant(1);
    if (dimT != null && dimT.size() != 1) {
      throw new IllegalArgumentException("'dim' input must be a tensor with a single value");
    }
    if (dimT == null || !input.hasRank()) {
      return List.of(Shape.unknown());
    }
    long dim = ArrayData.toLongs(dimT)[0];
    int rank = input.rank();
    int minDim = -rank - 1;
    if (dim < minDim || dim > rank) {
      throw new IllegalArgumentException("dim " + dim + " not in the interval [" + minDim + ", "
          + rank + "].");
    }
    int at = (int) (dim < 0 ? dim + rank + 1 : dim);
    return List.of(input.subShape(0, at).concatenate(Shape.of(1))
        .concatenate(input.subShape(at, rank)));
  }

  private static void expandDims(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor dimT = ctx.input(1);
    if (input.dtype() == DType.VARIANT) {
      throw new InvalidArgumentException("ExpandDims on Variant not supported");
    }
    if (dimT.size() != 1) {
      throw new InvalidArgumentException("'dim' must be a tensor with a single value");
    }
    long dim = ArrayData.toLongs(dimT)[0];
    int rank = input.rank();
    if (dim < -1 - rank || dim > rank) {
      throw new InvalidArgumentException("Tried to expand dim index " + dim + " for tensor with "
          + rank + " dimensions.");
    }
    int at = (int) (dim < 0 ? dim + rank + 1 : dim);
    Shape s = input.shape();
    Shape out = s.subShape(0, at).concatenate(Shape.of(1)).concatenate(s.subShape(at, rank));
    ctx.setOutput(0, Tensor.wrap(out, input.rawData()));
  }

  /** TF's Squeeze shape function: unknown dims are assumed 1 when named, else give up. */
  private static List<Shape> squeezeShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    if (!input.hasRank()) {
      return List.of(Shape.unknown());
    }
    int rank = input.rank();
    Set<Integer> squeeze = new HashSet<>();
    List<Long> attr = squeezeDims(c.attr("squeeze_dims"));
    for (int i = 0; i < attr.size(); i++) {
      long d = attr.get(i);
      if (d < -rank || d >= rank) {
        throw new IllegalArgumentException("squeeze_dims[" + i + "] not in [" + -rank + ","
            + rank + ").");
      }
      squeeze.add((int) (d < 0 ? d + rank : d));
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      boolean named = squeeze.contains(i);
      long dim = input.dim(i);
      if (dim == Shape.UNKNOWN) {
        if (named) {
          continue;
        }
        if (squeeze.isEmpty()) {
          return List.of(Shape.unknown());
        }
      } else if (dim == 1) {
        if (named || squeeze.isEmpty()) {
          continue;
        }
      } else if (named) {
        throw new IllegalArgumentException("Can not squeeze dim[" + i
            + "], expected a dimension of 1, got " + dim);
      }
      out.add(dim);
    }
    return List.of(Shape.of(out.stream().mapToLong(Long::longValue).toArray()));
  }

  @SuppressWarnings("unchecked")
  private static List<Long> squeezeDims(Object attr) {
    return (List<Long>) attr;
  }

  private static void squeeze(KernelContext ctx) {
    Tensor input = ctx.input(0);
    if (input.dtype() == DType.VARIANT) {
      throw new InvalidArgumentException("Squeeze on Variant not supported");
    }
    int rank = input.rank();
    Set<Integer> wrapped = new HashSet<>();
    for (long d : squeezeDims(ctx.op().attr("squeeze_dims"))) {
      if (d < -rank || d >= rank) {
        throw new InvalidArgumentException("Tried to squeeze dim index " + d + " for tensor with "
            + rank + " dimensions.");
      }
      wrapped.add((int) (d < 0 ? d + rank : d));
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      long dim = input.shape().dim(i);
      if (wrapped.isEmpty()) {
        if (dim != 1) {
          out.add(dim);
        }
      } else if (wrapped.contains(i)) {
        if (dim != 1) {
          throw new InvalidArgumentException("Can not squeeze dim[" + i
              + "], expected a dimension of 1, got " + dim);
        }
      } else {
        out.add(dim);
      }
    }
    Shape s = Shape.of(out.stream().mapToLong(Long::longValue).toArray());
    ctx.setOutput(0, Tensor.wrap(s, input.rawData()));
  }

  // ---------------------------------------------------------------- Tile

  private static List<Shape> tileShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    Shape multiples = ShapeFns.shapeFromShapeTensor(c, 1);
    if (input.hasRank()) {
      multiples = ShapeRules.withRank(multiples, input.rank());
      ShapeFns.merge(c.inputShape(1), Shape.of(input.rank()));
    }
    if (!multiples.hasRank()) {
      return List.of(Shape.unknown());
    }
    int rank = multiples.rank();
    input = ShapeRules.withRank(input, rank);
    long[] dims = new long[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = ShapeFns.multiply(input.dim(i), multiples.dim(i));
    }
    return List.of(Shape.of(dims));
  }

  private static void tile(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor multiplesT = ctx.input(1);
    if (multiplesT.rank() != 1) {
      throw new InvalidArgumentException("Expected multiples to be 1-D, but got shape "
          + multiplesT.shape());
    }
    int rank = input.rank();
    if (rank != multiplesT.size()) {
      throw new InvalidArgumentException("Expected multiples argument to be a vector of length "
          + rank + " but got length " + multiplesT.shape().dim(0));
    }
    if (rank == 0) {
      ctx.setOutput(0, input);
      return;
    }
    long[] mult = ArrayData.toLongs(multiplesT);
    int[] inDims = input.shape().intDims();
    long[] outDims = new long[rank];
    for (int i = 0; i < rank; i++) {
      if (mult[i] < 0) {
        throw new InvalidArgumentException("Expected multiples[" + i + "] >= 0, but got "
            + mult[i]);
      }
      outDims[i] = Math.multiplyExact(inDims[i], mult[i]);
    }
    Shape outShape = Shape.of(outDims);
    if (outShape.equals(input.shape())) {
      ctx.setOutput(0, input);
      return;
    }
    Object dst = ArrayData.allocate(input.dtype(), Tensor.checkedElementCount(outShape));
    if (input.size() > 0 && outShape.numElements() > 0) {
      int[] out = outShape.intDims();
      tileInto(ArrayData.data(input, "Tile"), 0, inDims, ArrayData.strides(inDims), dst, 0, out,
          ArrayData.strides(out), 0);
    }
    ctx.setOutput(0, Tensor.wrap(outShape, dst));
  }

  /** Writes the tiles of input dims {@code [d, rank)} starting at the given offsets. */
  private static void tileInto(Object src, int srcOff, int[] inDims, int[] inStrides, Object dst,
      int dstOff, int[] outDims, int[] outStrides, int d) {
    int reps = outDims[d] / inDims[d];
    if (d == inDims.length - 1) {
      for (int r = 0; r < reps; r++) {
        System.arraycopy(src, srcOff, dst, dstOff + r * inDims[d], inDims[d]);
      }
      return;
    }
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < inDims[d]; i++) {
        tileInto(src, srcOff + i * inStrides[d], inDims, inStrides, dst,
            dstOff + (r * inDims[d] + i) * outStrides[d], outDims, outStrides, d + 1);
      }
    }
  }
}
