package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.List;
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
 * TF 1.15's reductions: {@code Sum}, {@code Mean}, {@code Prod}, {@code Max}, {@code Min}, {@code
 * All}, {@code Any} ({@code keep_dims}, {@code Tidx}; axes scalar or vector, negative, repeated)
 * and {@code ArgMax}/{@code ArgMin} ({@code output_type}), with TF's {@code ReductionShape} /
 * {@code ArgOpShape} rules and kernel messages (reduction_ops_common.cc, argmax_op.cc).
 *
 * <pre>{@code
 * Operation s = graph.opBuilder("Sum", null).addInput(x).addInput(axis1)   // x: [?,3], axis1 = 1
 *     .setAttr("keep_dims", true).build();
 * s.output(0).shape();   // [?,1]
 * }</pre>
 */
public final class ReductionOps implements OpLibrary {
  @Override
  public void register(OpRegistry r) {
    r.register(reduction("Sum", ReductionKernels.SUM, MathOps.NUMBER));
    r.register(reduction("Mean", ReductionKernels.MEAN, MathOps.NUMBER));
    r.register(reduction("Prod", ReductionKernels.PROD, MathOps.NUMBER));
    r.register(reduction("Max", ReductionKernels.MAX, MathOps.NUMBER));
    r.register(reduction("Min", ReductionKernels.MIN, MathOps.NUMBER));
    r.register(reduction("All", ReductionKernels.ALL, null));
    r.register(reduction("Any", ReductionKernels.ANY, null));
    r.register(argOp("ArgMax", true));
    r.register(argOp("ArgMin", false));
  }

  /** A reduction; {@code types == null} means a bool input (All, Any). */
  private static OpDef reduction(String name, int op, String types) {
    OpDef.Builder b = OpDef.builder(name)
        .input(types == null ? "input: bool" : "input: T")
        .input("reduction_indices: Tidx")
        .output(types == null ? "output: bool" : "output: T")
        .attr("keep_dims: bool = false");
    if (types != null) {
      b.attr(types);
    }
    return b.attr("Tidx: {int32, int64} = DT_INT32")
        .shape(ReductionOps::reductionShape)
        .kernel(ctx -> {
          Tensor x = ctx.input(0);
          boolean[] axes = axes(x.rank(), ctx.input(1));
          ctx.setOutput(0, ReductionKernels.reduce(op, x, axes, ctx.op().attrBool("keep_dims")));
        })
        .build();
  }

  /** TF's {@code ReductionShape}. */
  static List<Shape> reductionShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    Shape indices = c.inputShape(1);
    if (indices.hasRank() && indices.rank() > 1) {
      throw new IllegalArgumentException("Shape must be at most rank 1 but is rank "
          + indices.rank());
    }
    boolean keep = c.attrBool("keep_dims");
    Tensor idx = c.inputConstant(1);
    if (idx == null || !input.hasRank()) {
      return List.of(keep && input.hasRank() ? Shape.unknownDims(input.rank()) : Shape.unknown());
    }
    int rank = input.rank();
    boolean[] reduced = new boolean[rank];
    for (long v : MathShapes.longValues(idx)) {
      if (v < -rank || v >= rank) {
        throw new IllegalArgumentException("Invalid reduction dimension " + v + " for input with "
            + rank + " dimensions.");
      }
      reduced[(int) (v < 0 ? v + rank : v)] = true;
    }
    List<Long> dims = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (!reduced[i]) {
        dims.add(input.dim(i));
      } else if (keep) {
        dims.add(1L);
      }
    }
    return List.of(Shape.of(dims.stream().mapToLong(Long::longValue).toArray()));
  }

  /** The reduced-dim flags from a tensor of axes (any rank, as TF's kernel flattens it). */
  static boolean[] axes(int rank, Tensor indices) {
    boolean[] r = new boolean[rank];
    for (long v : MathShapes.longValues(indices)) {
      if (v < -rank || v >= rank) {
        throw new InvalidArgumentException("Invalid reduction dimension (" + v + " for input with "
            + rank + " dimension(s)");
      }
      r[(int) (v < 0 ? v + rank : v)] = true;
    }
    return r;
  }

  // ---------------------------------------------------------------- ArgMax, ArgMin

  private static OpDef argOp(String name, boolean max) {
    return OpDef.builder(name)
        .input("input: T").input("dimension: Tidx").output("output: output_type")
        .attr(MathOps.NUMBER)
        .attr("Tidx: {int32, int64} = DT_INT32")
        .attr("output_type: {int32, int64} = DT_INT64")
        .shape(ReductionOps::argShape)
        .kernel(ctx -> argKernel(ctx, max))
        .build();
  }

  /**
   * TF's {@code ArgOpShape}. A constant dimension out of range is left to the kernel, as TF 1.15
   * does (its error comes at run time: "Expected dimension in the range [-2, 2), but got 2").
   */
  static List<Shape> argShape(InferenceContext c) {
    ShapeRules.withRank(c.inputShape(1), 0);
    Shape input = c.inputShape(0);
    if (!input.hasRank()) {
      return List.of(Shape.unknown());
    }
    int rank = input.rank();
    if (rank <= 1) {
      return List.of(Shape.scalar());
    }
    Tensor dim = c.inputConstant(1);
    if (dim == null) {
      return List.of(Shape.unknownDims(rank - 1));
    }
    long v = MathShapes.longValues(dim)[0];
    long axis = v < 0 ? v + rank : v;
    if (axis < 0 || axis >= rank) {
      return List.of(Shape.unknownDims(rank - 1));
    }
    List<Long> dims = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (i != axis) {
        dims.add(input.dim(i));
      }
    }
    return List.of(Shape.of(dims.stream().mapToLong(Long::longValue).toArray()));
  }

  private static void argKernel(KernelContext ctx, boolean max) {
    Tensor x = ctx.input(0);
    Tensor dimT = ctx.input(1);
    if (dimT.rank() != 0) {
      throw new InvalidArgumentException("dim must be a scalar, but received tensor of shape: "
          + dimT.shape());
    }
    int rank = x.rank();
    long v = MathShapes.longValues(dimT)[0];
    if (v < -rank || v >= rank) {
      throw new InvalidArgumentException("Expected dimension in the range [" + -rank + ", " + rank
          + "), but got " + v);
    }
    int axis = (int) (v < 0 ? v + rank : v);
    int[] dims = x.shape().intDims();
    if (dims[axis] == 0) {
      throw new InvalidArgumentException("Reduction axis " + axis + " is empty in shape "
          + x.shape());
    }
    boolean[] flags = new boolean[rank];
    flags[axis] = true;
    Shape out = ReductionKernels.outputShape(dims, flags, false);
    long[] idx = argIndices(x, dims, axis, max);
    DType ot = ctx.op().attrType("output_type");
    if (ot == DType.INT64) {
      ctx.setOutput(0, Tensor.wrap(out, idx));
    } else {
      int[] r = new int[idx.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = (int) idx[i];
      }
      ctx.setOutput(0, Tensor.wrap(out, r));
    }
  }

  /**
   * Eigen's arg reducers: start from the type's lowest (highest) value at index 0 and move only to
   * a strictly greater (smaller) element, so ties keep the first index and NaN is skipped.
   */
  private static long[] argIndices(Tensor x, int[] dims, int axis, boolean max) {
    int outer = 1;
    int inner = 1;
    for (int d = 0; d < axis; d++) {
      outer *= dims[d];
    }
    for (int d = axis + 1; d < dims.length; d++) {
      inner *= dims[d];
    }
    int len = dims[axis];
    long[] r = new long[outer * inner];
    boolean ints = x.dtype() == DType.INT64;
    double[] xd = ints ? null : toDoublesAny(x.rawData());
    long[] xl = ints ? (long[]) x.rawData() : null;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * len * inner + i;
        r[o * inner + i] = ints ? argL(xl, base, inner, len, max) : argD(xd, base, inner, len, max,
            lowestOrHighest(x.dtype(), max));
      }
    }
    return r;
  }

  private static double lowestOrHighest(DType t, boolean max) {
    switch (t) {
      case FLOAT32: return max ? -Float.MAX_VALUE : Float.MAX_VALUE;
      case INT32: return max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
      default: return max ? -Double.MAX_VALUE : Double.MAX_VALUE;
    }
  }

  private static long argD(double[] x, int base, int stride, int len, boolean max, double start) {
    double best = start;
    long bi = 0;
    for (int k = 0; k < len; k++) {
      double v = x[base + k * stride];
      if (max ? v > best : v < best) {
        best = v;
        bi = k;
      }
    }
    return bi;
  }

  private static long argL(long[] x, int base, int stride, int len, boolean max) {
    long best = max ? Long.MIN_VALUE : Long.MAX_VALUE;
    long bi = 0;
    for (int k = 0; k < len; k++) {
      long v = x[base + k * stride];
      if (max ? v > best : v < best) {
        best = v;
        bi = k;
      }
    }
    return bi;
  }

  private static double[] toDoublesAny(Object data) {
    if (data instanceof int[]) {
      int[] a = (int[]) data;
      double[] r = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        r[i] = a[i];
      }
      return r;
    }
    return ReductionKernels.toDoubles(data);
  }
}
