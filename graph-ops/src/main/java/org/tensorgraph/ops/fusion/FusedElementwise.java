package org.tensorgraph.ops.fusion;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.ops.EigenFloat;

/**
 * The kernel of a fused float32 elementwise tree (see {@link ElementwiseFusion}): one node after
 * another over whole arrays, as the unfused kernels compute them, but with no plan entries, and
 * each intermediate array reused in place by the node that reads it.
 *
 * <pre>{@code
 * // c * sigmoid(f + b) + sigmoid(i) * tanh(j): leaves f, b, c, i, j; one output array
 * }</pre>
 *
 * <p>Same bits as the unfused graph: binary nodes are single IEEE operations per element, and
 * Tanh and Sigmoid are {@link EigenFloat}'s array functions over each node's whole flat array
 * (the packet/tail split depends only on its length, which fusing does not change). The fast path
 * takes leaves of one shape or scalars (rank 0), the shapes an RNN cell has; anything else (other
 * broadcasts, dtypes) runs the original kernels ({@link SubgraphRun}).
 */
final class FusedElementwise implements Kernel {
  static final int ADD = 0;
  static final int SUB = 1;
  static final int MUL = 2;
  static final int TANH = 3;
  static final int SIGMOID = 4;

  private final FusionTree.Program tree;
  private final int[] codes;
  private final int[][] operands;

  FusedElementwise(FusionTree.Program tree) {
    this.tree = tree;
    this.codes = tree.codes();
    this.operands = tree.operands();
  }

  @Override
  public void compute(KernelContext ctx) {
    Shape shape = commonShape(ctx);
    if (shape == null) {
      SubgraphRun.run(ctx, tree.nodes(), tree.leaves());
      return;
    }
    int n = (int) shape.numElements();
    float[][] values = new float[codes.length][];
    boolean[] scalar = new boolean[codes.length]; // all operands rank 0: a rank-0 result
    for (int k = 0; k < codes.length; k++) {
      scalar[k] = allScalar(ctx, k, scalar);
      values[k] = eval(ctx, k, values, scalar[k] ? 1 : n);
    }
    int root = codes.length - 1;
    ctx.setOutput(0, Tensor.wrap(scalar[root] ? Shape.scalar() : shape, values[root]));
  }

  /** The shape every non-scalar leaf has, or null when the leaves need the general kernels. */
  private Shape commonShape(KernelContext ctx) {
    Shape shape = Shape.scalar();
    for (int i = 0; i < tree.leaves().size(); i++) {
      Tensor t = ctx.input(i);
      if (t.dtype() != DType.FLOAT32) {
        return null;
      }
      if (t.rank() != 0) {
        if (shape.rank() != 0 && !shape.equals(t.shape())) {
          return null;
        }
        shape = t.shape();
      }
    }
    return shape;
  }

  private boolean allScalar(KernelContext ctx, int k, boolean[] scalar) {
    for (int ref : operands[k]) {
      if (ref >= 0 ? ctx.input(ref).rank() != 0 : !scalar[-1 - ref]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Node k's {@code n} values. An intermediate operand is read by this node only, so its array
   * becomes the result when the length fits; leaves' arrays are never written.
   */
  private float[] eval(KernelContext ctx, int k, float[][] values, int n) {
    int[] refs = operands[k];
    float[] a = operand(ctx, refs[0], values);
    if (refs.length == 1) {
      float[] r = refs[0] < 0 ? a : new float[n];
      if (codes[k] == TANH) {
        EigenFloat.tanh(a, r, n);
      } else {
        EigenFloat.logistic(a, r, n);
      }
      return r;
    }
    float[] b = operand(ctx, refs[1], values);
    float[] r = refs[0] < 0 && a.length == n ? a : refs[1] < 0 && b.length == n ? b : new float[n];
    binary(codes[k], a, b, r, n);
    return r;
  }

  private static float[] operand(KernelContext ctx, int ref, float[][] values) {
    return ref >= 0 ? (float[]) ctx.input(ref).rawData() : values[-1 - ref];
  }

  /** {@code r = a op b} elementwise; an operand of length 1 (a scalar) is broadcast. */
  private static void binary(int code, float[] a, float[] b, float[] r, int n) {
    int as = a.length == 1 ? 0 : 1;
    int bs = b.length == 1 ? 0 : 1;
    if (as == 1 && bs == 1) {
      switch (code) {
        case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + b[i]; } }
        case SUB -> { for (int i = 0; i < n; i++) { r[i] = a[i] - b[i]; } }
        default -> { for (int i = 0; i < n; i++) { r[i] = a[i] * b[i]; } }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      float x = a[i * as];
      float y = b[i * bs];
      r[i] = code == ADD ? x + y : code == SUB ? x - y : x * y;
    }
  }
}
