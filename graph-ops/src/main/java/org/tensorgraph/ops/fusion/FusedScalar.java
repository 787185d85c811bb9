package org.tensorgraph.ops.fusion;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;

/**
 * The kernel of a fused tree of int32 comparisons and logical ands/ors (see {@link
 * ScalarFusion}) on scalars: evaluated in Java ints and booleans, one boolean scalar out. Leaves
 * that are not scalars of the expected dtype run the original kernels ({@link SubgraphRun}), so
 * broadcasting and errors are theirs.
 *
 * <pre>{@code
 * // LogicalAnd(Less(counter, max), Less(time, steps)) -> one node
 * }</pre>
 */
final class FusedScalar implements Kernel {
  static final int LESS = 0;
  static final int LESS_EQUAL = 1;
  static final int GREATER = 2;
  static final int GREATER_EQUAL = 3;
  static final int AND = 4;
  static final int OR = 5;

  private final FusionTree.Program tree;
  private final int[] codes;
  private final int[][] operands;

  FusedScalar(FusionTree.Program tree) {
    this.tree = tree;
    this.codes = tree.codes();
    this.operands = tree.operands();
  }

  @Override
  public void compute(KernelContext ctx) {
    boolean[] values = new boolean[codes.length];
    for (int k = 0; k < codes.length; k++) {
      int[] refs = operands[k];
      if (codes[k] >= AND) {
        int a = bool(ctx, refs[0], values);
        int b = bool(ctx, refs[1], values);
        if (a < 0 || b < 0) {
          SubgraphRun.run(ctx, tree.nodes(), tree.leaves());
          return;
        }
        values[k] = codes[k] == AND ? (a & b) == 1 : (a | b) == 1;
      } else {
        Tensor x = ctx.input(refs[0]); // comparisons read leaves only (their T is int32)
        Tensor y = ctx.input(refs[1]);
        if (!intScalar(x) || !intScalar(y)) {
          SubgraphRun.run(ctx, tree.nodes(), tree.leaves());
          return;
        }
        values[k] = compare(codes[k], x.intValue(), y.intValue());
      }
    }
    ctx.setOutput(0, Tensor.of(values[codes.length - 1]));
  }

  /** Operand {@code ref} as 0 or 1, or -1 when it is a leaf that is not a bool scalar. */
  private static int bool(KernelContext ctx, int ref, boolean[] values) {
    if (ref < 0) {
      return values[-1 - ref] ? 1 : 0;
    }
    Tensor t = ctx.input(ref);
    if (t.dtype() != DType.BOOL || t.rank() != 0) {
      return -1;
    }
    return t.booleanValue() ? 1 : 0;
  }

  private static boolean intScalar(Tensor t) {
    return t.dtype() == DType.INT32 && t.rank() == 0;
  }

  private static boolean compare(int code, int x, int y) {
    return switch (code) {
      case LESS -> x < y;
      case LESS_EQUAL -> x <= y;
      case GREATER -> x > y;
      default -> x >= y;
    };
  }
}
