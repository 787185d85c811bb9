package org.tensorgraph.ops.fusion;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.ops.EigenFloat;
import org.tensorgraph.ops.controlflow.TensorList;
import org.tensorgraph.ops.gemm.Gemm;
import org.tensorgraph.ops.gemm.Parallel;

/**
 * The kernel of a fused {@code [ConcatV2] -> MatMul -> [BiasAdd] -> [Tanh | Sigmoid]} group
 * (float32): one output buffer, the product accumulated into it, the bias added and the
 * activation applied in place, with the weights packed once per session (see {@link PackCache}).
 * With a concatenated A ({@code concat([x, h], 1) W}, an RNN cell's step) the product is split
 * into {@code x W_top + h W_bottom}, so the concatenation is never built, and when x was read
 * from a TensorList, {@code x W_top} comes from the hoisted projection of the whole list ({@link
 * StepProjection}).
 *
 * <pre>{@code
 * // fused inputs, concat form: x, h, axis, W, [bias], [list, index]; plain form: a, W, [bias]
 * }</pre>
 *
 * <p>Same bits as the unfused kernels: Gemm sums each element in k order whatever the split,
 * BiasAdd is one float add, and the activations are {@link EigenFloat}'s array functions over
 * the whole flat output, as the Tanh and Sigmoid kernels call them. Anything off the fast path
 * (other dtypes or ranks, a bad axis, mismatched sizes, empty operands) runs the original
 * kernels ({@link SubgraphRun}), so errors are theirs.
 */
final class FusedMatMul implements Kernel {
  enum Activation { NONE, TANH, SIGMOID }

  private final List<Operation> ops;
  private final List<Output> inputs;
  private final boolean concat;
  private final boolean hoist;
  private final boolean bias;
  private final boolean transB;
  private final Activation activation;
  /**
   * Packed weights and hoisted projections. A field, not {@code kernelState}: a fused kernel
   * belongs to one plan of one session (plans are per session), and the lookup cost a hash
   * probe per loop step.
   */
  private final State state = new State();
  /** Elements per thread below which the bias and activation are not split (~1 ns each). */
  static final long PIECE_ELEMENTS = 2048;

  FusedMatMul(List<Operation> ops, List<Output> inputs, boolean concat, boolean hoist,
      boolean bias, boolean transB, Activation activation) {
    this.ops = List.copyOf(ops);
    this.inputs = List.copyOf(inputs);
    this.concat = concat;
    this.hoist = hoist;
    this.bias = bias;
    this.transB = transB;
    this.activation = activation;
  }

  @Override
  public void compute(KernelContext ctx) {
    Tensor out = concat ? concatProduct(ctx) : plainProduct(ctx);
    if (out == null) {
      SubgraphRun.run(ctx, ops, inputs);
      return;
    }
    float[] r = (float[]) out.rawData();
    int n = (int) out.shape().dim(1);
    float[] b = bias ? biasValues(ctx.input(concat ? 4 : 2), n) : null;
    if (bias && b == null) {
      SubgraphRun.run(ctx, ops, inputs);
      return;
    }
    // why rows split: the bias and activation are elementwise, so row blocks are independent
    int rows = r.length / n;
    int pieces = Parallel.pieces(r.length, PIECE_ELEMENTS, ctx.intraOpParallelism());
    int per = (rows + pieces - 1) / pieces;
    Parallel.run(pieces, ctx.intraOpExecutor(),
        p -> epilogue(b, r, n, p * per, Math.min(rows, (p + 1) * per)));
    ctx.setOutput(0, out);
  }

  /**
   * Rows {@code [r0, r1)}: the bias added, as BiasAdd's {@code value + bias}, then the activation,
   * by {@link EigenFloat}'s array functions with the whole array's packet/tail split.
   */
  private void epilogue(float[] b, float[] r, int n, int r0, int r1) {
    if (r0 >= r1) {
      return;
    }
    for (int i = r0 * n; b != null && i < r1 * n; i += n) {
      for (int j = 0; j < n; j++) {
        r[i + j] += b[j];
      }
    }
    switch (activation) {
      case TANH -> EigenFloat.tanh(r, r, r0 * n, r1 * n);
      case SIGMOID -> EigenFloat.logistic(r, r, r0 * n, r1 * n, r.length);
      default -> { }
    }
  }

  /** {@code concat([x, h], axis) W} as {@code x W_top + h W_bottom}, or null off the fast path. */
  private Tensor concatProduct(KernelContext ctx) {
    Tensor x = ctx.input(0);
    Tensor h = ctx.input(1);
    Tensor axis = ctx.input(2);
    Tensor w = ctx.input(3);
    if (!matrix(x) || !matrix(h) || !matrix(w) || !lastAxis(axis)) {
      return null;
    }
    int rows = (int) x.shape().dim(0);
    int kx = (int) x.shape().dim(1);
    int kh = (int) h.shape().dim(1);
    int n = (int) w.shape().dim(1);
    if (h.shape().dim(0) != rows || w.shape().dim(0) != (long) kx + kh || rows == 0 || n == 0) {
      return null;
    }
    float[] wd = (float[]) w.rawData();
    Gemm.Packed top = state.packs.get(0, false, wd, 0, kx, n);
    Gemm.Packed bottom = state.packs.get(1, false, wd, kx * n, kh, n);
    float[] out = hoist ? projection(ctx, x, top) : null;
    if (out == null) {
      out = new float[Math.multiplyExact(rows, n)];
      Gemm.sgemm(false, rows, (float[]) x.rawData(), 0, top, out, 0, true, // fresh zeros
          ctx.intraOpExecutor(), ctx.intraOpParallelism());
    }
    Gemm.sgemm(false, rows, (float[]) h.rawData(), 0, bottom, out, 0, true,
        ctx.intraOpExecutor(), ctx.intraOpParallelism());
    return Tensor.wrap(Shape.of(rows, n), out);
  }

  /** A new array holding the hoisted {@code x W_top} of the list x was read from, or null. */
  private float[] projection(KernelContext ctx, Tensor x, Gemm.Packed top) {
    Tensor handle = ctx.input(bias ? 5 : 4);
    Tensor index = ctx.input(bias ? 6 : 5);
    if (handle.dtype() != DType.VARIANT || handle.rank() != 0 || index.rank() != 0
        || !(handle.variantValue() instanceof TensorList)) {
      return null;
    }
    return state.projections.block(TensorList.of(handle), index.intValue(), x, top,
        ctx.intraOpExecutor(), ctx.intraOpParallelism());
  }

  /** {@code a W} (W transposed when the MatMul says so), or null off the fast path. */
  private Tensor plainProduct(KernelContext ctx) {
    Tensor a = ctx.input(0);
    Tensor w = ctx.input(1);
    if (!matrix(a) || !matrix(w)) {
      return null;
    }
    int rows = (int) a.shape().dim(0);
    int k = (int) a.shape().dim(1);
    int n = (int) w.shape().dim(transB ? 0 : 1);
    if (w.shape().dim(transB ? 1 : 0) != k || rows == 0 || n == 0) {
      return null;
    }
    Gemm.Packed packed = state.packs.get(0, transB, (float[]) w.rawData(), 0, k, n);
    float[] out = new float[Math.multiplyExact(rows, n)];
    Gemm.sgemm(false, rows, (float[]) a.rawData(), 0, packed, out, 0, true, // fresh zeros
        ctx.intraOpExecutor(), ctx.intraOpParallelism());
    return Tensor.wrap(Shape.of(rows, n), out);
  }

  /** The bias's values, or null when it is not a float32 vector of {@code n}. */
  private static float[] biasValues(Tensor b, int n) {
    boolean fits = b.dtype() == DType.FLOAT32 && b.rank() == 1 && b.shape().dim(0) == n;
    return fits ? (float[]) b.rawData() : null;
  }

  private static boolean matrix(Tensor t) {
    return t.dtype() == DType.FLOAT32 && t.rank() == 2;
  }

  private static boolean lastAxis(Tensor axis) {
    if (axis.rank() != 0 || axis.dtype() != DType.INT32 && axis.dtype() != DType.INT64) {
      return false;
    }
    long v = axis.dtype() == DType.INT32 ? axis.intValue() : axis.longValue();
    return v == 1 || v == -1;
  }

  /** Per fused node and plan: packed weights, hoisted projections (thread-safe). */
  private static final class State {
    final PackCache packs = new PackCache(2);
    final StepProjection projections = new StepProjection();
  }
}
