package org.tensorgraph.ops.fusion;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.ops.controlflow.TensorList;
import org.tensorgraph.ops.controlflow.TensorListOps;

/**
 * Fuses {@code Transpose(TensorListStack(list), perm)} with perm swapping the first two axes,
 * batch-major dynamic_rnn's last step ({@code [time, batch, units]} to {@code [batch, time,
 * units]}), into one pass that writes each step's rows straight to their batch-major places:
 * the stacked tensor, megabytes for a long sequence, is never built.
 *
 * <pre>{@code
 * registry.registerFusion(new StackTransposeFusion());
 * }</pre>
 *
 * <p>Same values: both are copies. The perm is read at run time (dynamic_rnn computes it), and
 * any other perm, or a stack whose rank the perm does not fit, runs the original kernels ({@link
 * SubgraphRun}); the stack's own errors are raised as the stack node's.
 */
public final class StackTransposeFusion implements Fusion {
  @Override
  public Group match(Operation root, Scope scope) {
    if (!root.type().equals("Transpose") || !scope.isPrivate(root.inputs().get(0))) {
      return null;
    }
    Operation stack = root.inputs().get(0).op();
    if (!stack.type().equals("TensorListStack")) {
      return null;
    }
    List<Output> inputs = List.of(stack.inputs().get(0), stack.inputs().get(1),
        root.inputs().get(1));
    return new Group(List.of(stack), inputs, new FusedStackTranspose(stack, root, inputs));
  }

  /** Inputs: the list, its element_shape, the perm. */
  private record FusedStackTranspose(Operation stack, Operation transpose, List<Output> inputs)
      implements Kernel {
    @Override
    public void compute(KernelContext ctx) {
      Tensor perm = ctx.input(2);
      if (!swapsFirstTwo(perm)) {
        SubgraphRun.run(ctx, List.of(stack, transpose), inputs);
        return;
      }
      Tensor stacked;
      try {
        TensorList l = TensorListOps.checkedList(stack, ctx.input(0));
        Shape element = TensorListOps.stackShape(stack, l, ctx.input(1));
        if (element.rank() + 1 != perm.shape().dim(0)) {
          SubgraphRun.run(ctx, List.of(stack, transpose), inputs); // Transpose's rank error
          return;
        }
        stacked = TensorListOps.stackRows(l, element, true);
      } catch (StatusException e) {
        throw e.withNode(stack.name(), stack.type());
      }
      ctx.setOutput(0, stacked);
    }

    /** An int32 or int64 vector {@code [1, 0, 2, 3, ...]}. */
    private static boolean swapsFirstTwo(Tensor perm) {
      if (perm.rank() != 1 || perm.shape().dim(0) < 2
          || perm.dtype() != DType.INT32 && perm.dtype() != DType.INT64) {
        return false;
      }
      int n = (int) perm.shape().dim(0);
      for (int i = 0; i < n; i++) {
        long v = perm.dtype() == DType.INT32 ? ((int[]) perm.rawData())[i]
            : ((long[]) perm.rawData())[i];
        if (v != (i < 2 ? 1 - i : i)) {
          return false;
        }
      }
      return true;
    }
  }
}
