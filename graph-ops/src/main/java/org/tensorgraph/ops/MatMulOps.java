package org.tensorgraph.ops;

import java.util.Arrays;
import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * TF 1.15's {@code MatMul}, {@code BatchMatMulV2} (broadcasting batch dims) and {@code BiasAdd}
 * (NHWC and NCHW), with TF's shape functions (common_shape_fns.cc) and kernel messages
 * (matmul_op.cc, batch_matmul_op_impl.h, bias_op.cc).
 *
 * <pre>{@code
 * Operation mm = graph.opBuilder("MatMul", null).addInput(x).addInput(w)   // [?,7] x [7,4]
 *     .build();
 * mm.output(0).shape();   // [?,4]
 * }</pre>
 */
public final class MatMulOps implements OpLibrary {
  @Override
  public void register(OpRegistry r) {
    r.register(OpDef.builder("MatMul")
        .input("a: T").input("b: T").output("product: T")
        .attr("transpose_a: bool = false").attr("transpose_b: bool = false")
        .attr(MathOps.NUMBER)
        .shape(MatMulOps::matMulShape)
        .kernel(MatMulOps::matMul)
        .expensive()
        .build());
    r.register(OpDef.builder("BatchMatMulV2")
        .input("x: T").input("y: T").output("output: T")
        .attr(MathOps.NUMBER)
        .attr("adj_x: bool = false").attr("adj_y: bool = false")
        .shape(MatMulOps::batchMatMulShape)
        .kernel(MatMulOps::batchMatMul)
        .expensive()
        .build());
    r.register(OpDef.builder("BiasAdd")
        .input("value: T").input("bias: T").output("output: T")
        .attr(MathOps.NUMBER)
        .attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
        .shape(MatMulOps::biasAddShape)
        .kernel(MatMulOps::biasAdd)
        .build());
  }

  // ---------------------------------------------------------------- MatMul

  /** TF's {@code MatMulShape}. */
  static List<Shape> matMulShape(InferenceContext c) {
    Shape a = ShapeRules.withRank(c.inputShape(0), 2);
    Shape b = ShapeRules.withRank(c.inputShape(1), 2);
    boolean ta = c.attrBool("transpose_a");
    boolean tb = c.attrBool("transpose_b");
    ShapeRules.mergeDim(a.dim(ta ? 0 : 1), b.dim(tb ? 1 : 0));
    return List.of(Shape.of(a.dim(ta ? 1 : 0), b.dim(tb ? 0 : 1)));
  }

  static void matMul(KernelContext ctx) {
    Tensor a = ctx.input(0);
    Tensor b = ctx.input(1);
    for (int i = 0; i < 2; i++) {
      Tensor t = i == 0 ? a : b;
      if (t.rank() != 2) {
        throw new InvalidArgumentException("In[" + i + "] is not a matrix. Instead it has shape "
            + t.shape());
      }
    }
    boolean ta = ctx.op().attrBool("transpose_a");
    boolean tb = ctx.op().attrBool("transpose_b");
    int[] ad = a.shape().intDims();
    int[] bd = b.shape().intDims();
    int m = ta ? ad[1] : ad[0];
    int k = ta ? ad[0] : ad[1];
    int n = tb ? bd[0] : bd[1];
    if (k != (tb ? bd[1] : bd[0])) {
      throw new InvalidArgumentException("Matrix size-incompatible: In[0]: " + a.shape()
          + ", In[1]: " + b.shape());
    }
    Object c = ElementwiseBinary.allocate(a.dtype(), Math.multiplyExact(m, n));
    MatMulKernels.gemm(ctx, ta, tb, a.rawData(), 0, b.rawData(), 0, c, 0, m, k, n);
    ctx.setOutput(0, Tensor.wrap(Shape.of(m, n), c));
  }

  // ---------------------------------------------------------------- BatchMatMulV2

  /** TF's {@code BatchMatMulV2Shape}: inner dims merge first, then batch dims broadcast. */
  static List<Shape> batchMatMulShape(InferenceContext c) {
    Shape a = ShapeRules.withRankAtLeast(c.inputShape(0), 2);
    Shape b = ShapeRules.withRankAtLeast(c.inputShape(1), 2);
    if (!a.hasRank() || !b.hasRank()) {
      return List.of(Shape.unknown()); // an unknown rank leaves every dim unknown: nothing clashes
    }
    boolean adjX = c.attrBool("adj_x");
    boolean adjY = c.attrBool("adj_y");
    ShapeRules.mergeDim(a.dim(adjX ? -2 : -1), b.dim(adjY ? -1 : -2));
    Shape batch = ShapeRules.broadcast(a.subShape(0, a.rank() - 2), b.subShape(0, b.rank() - 2));
    return List.of(batch.concatenate(Shape.of(a.dim(adjX ? -1 : -2), b.dim(adjY ? -2 : -1))));
  }

  static void batchMatMul(KernelContext ctx) {
    Tensor x = ctx.input(0);
    Tensor y = ctx.input(1);
    for (int i = 0; i < 2; i++) {
      Tensor t = i == 0 ? x : y;
      if (t.rank() < 2) {
        throw new InvalidArgumentException("In[" + i + "] ndims must be >= 2: " + t.rank());
      }
    }
    boolean adjX = ctx.op().attrBool("adj_x");
    boolean adjY = ctx.op().attrBool("adj_y");
    Shape xb = x.shape().subShape(0, x.rank() - 2);
    Shape yb = y.shape().subShape(0, y.rank() - 2);
    if (!Broadcast.compatible(xb, yb)) {
      throw new InvalidArgumentException("In[0] and In[1] must have compatible batch dimensions: "
          + x.shape() + " vs. " + y.shape());
    }
    int xr = (int) x.shape().dim(-2);
    int xc = (int) x.shape().dim(-1);
    int yr = (int) y.shape().dim(-2);
    int yc = (int) y.shape().dim(-1);
    int k = adjX ? xr : xc;
    if (k != (adjY ? yc : yr)) {
      throw new InvalidArgumentException("In[0] mismatch In[1] shape: " + k + " vs. "
          + (adjY ? yc : yr) + ": " + x.shape() + " " + y.shape() + " " + (adjX ? 1 : 0) + " "
          + (adjY ? 1 : 0));
    }
    Shape batch = Broadcast.shape(xb, yb);
    int m = adjX ? xc : xr;
    int n = adjY ? yr : yc;
    Shape out = batch.concatenate(Shape.of(m, n));
    Object z = ElementwiseBinary.allocate(x.dtype(), Tensor.checkedElementCount(out));
    if (m * n > 0) {
      int[] xi = Broadcast.indexMap(xb, batch);
      int[] yi = Broadcast.indexMap(yb, batch);
      for (int bi = 0; bi < xi.length; bi++) {
        ctx.checkCancelled();
        MatMulKernels.gemm(ctx, adjX, adjY, x.rawData(), xi[bi] * m * k, y.rawData(),
            yi[bi] * k * n, z, bi * m * n, m, k, n);
      }
    }
    ctx.setOutput(0, Tensor.wrap(out, z));
  }

  // ---------------------------------------------------------------- BiasAdd

  /** TF's {@code BiasAddShape}. */
  static List<Shape> biasAddShape(InferenceContext c) {
    boolean nchw = "NCHW".equals(c.attr("data_format"));
    Shape value = ShapeRules.withRankAtLeast(c.inputShape(0), nchw ? 3 : 2);
    Shape bias = ShapeRules.withRank(c.inputShape(1), 1);
    if (!value.hasRank()) {
      return List.of(Shape.unknown());
    }
    int channel = nchw ? 1 : value.rank() - 1;
    return List.of(value.withDim(channel, ShapeRules.mergeDim(value.dim(channel), bias.dim(0))));
  }

  static void biasAdd(KernelContext ctx) {
    Tensor v = ctx.input(0);
    Tensor b = ctx.input(1);
    if (v.rank() < 2) {
      throw new InvalidArgumentException("Input tensor must be at least 2D: " + v.shape());
    }
    if (b.rank() != 1) {
      throw new InvalidArgumentException("Biases must be 1D: " + b.shape());
    }
    boolean nchw = "NCHW".equals(ctx.op().attrString("data_format"));
    int channel = nchw ? 1 : v.rank() - 1;
    if (b.shape().dim(0) != v.shape().dim(channel)) {
      throw new InvalidArgumentException("Must provide as many biases as the last dimension of "
          + "the input tensor: " + b.shape() + " vs. " + v.shape());
    }
    if (!nchw) {
      ctx.setOutput(0, ElementwiseBinary.apply(ElementwiseBinary.ADD, v, b));
      return;
    }
    long[] bdims = new long[v.rank() - 1];
    Arrays.fill(bdims, 1);
    bdims[0] = b.shape().dim(0);
    Tensor b3 = Tensor.wrap(Shape.of(bdims), b.rawData());
    ctx.setOutput(0, ElementwiseBinary.apply(ElementwiseBinary.ADD, v, b3));
  }
}
