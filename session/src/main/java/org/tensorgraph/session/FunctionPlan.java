package org.tensorgraph.session;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Kernel;

/**
 * A function body's {@link Plan} with the tables a call needs, computed once per body: the slot
 * and dtype of each parameter, in parameter order, so that a call writes its arguments straight
 * into a run's value array instead of building a feed map.
 */
final class FunctionPlan {
  final GraphFunction function;
  final Plan plan;
  /** Per parameter, the slot its {@code _Arg} output is fed into. */
  final int[] argSlots;
  private final DType[] argTypes;
  /** Per result, the node it comes from, to attribute a failed read (an unset variable). */
  private final Output[] results;
  /** The plan's kernels, except that a {@code Const} sets its value without reading its attrs. */
  final Kernel[] kernels;

  private FunctionPlan(GraphFunction f, Plan plan) {
    this.function = f;
    this.plan = plan;
    int n = f.args().size();
    argSlots = new int[n];
    argTypes = new DType[n];
    for (int i = 0; i < n; i++) {
      Output arg = f.args().get(i).output(0);
      argSlots[i] = plan.feedSlots.get(arg);
      argTypes[i] = arg.dtype();
    }
    results = f.results().toArray(new Output[0]);
    kernels = withConstants(plan);
  }

  /**
   * {@code plan}'s kernels where each plain {@code Const} node whose value has its declared dtype
   * gets a kernel that just sets that value. Why: the Const kernel looks up two attrs by name on
   * every run, and a loop body runs thousands of times; attrs never change once a node is built,
   * so the result is the same. A Const that would fail keeps its kernel, and so its error.
   */
  private static Kernel[] withConstants(Plan plan) {
    Kernel[] k = plan.kernels.clone();
    for (int i = 0; i < k.length; i++) {
      Operation op = plan.nodes[i];
      if (op.type().equals("Const") && k[i] == op.opDef().kernel()
          && op.attr("value") instanceof Tensor v && v.dtype() != DType.VARIANT
          && op.attr("dtype") == v.dtype()) {
        k[i] = ctx -> ctx.setOutput(0, v);
      }
    }
    return k;
  }

  /** The plan of a function body: its args fed, its results fetched. */
  static Plan.Key key(GraphFunction f) {
    Output[] args = new Output[f.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = f.args().get(i).output(0);
    }
    return new Plan.Key(f.body(), Set.copyOf(Arrays.asList(args)), f.results(),
        List.<Operation>of());
  }

  static FunctionPlan of(GraphFunction f, Plan plan) {
    return new FunctionPlan(f, plan);
  }

  /** TF's {@code function.cc} checks of a call's arguments: their number and dtypes. */
  void checkArgs(Tensor[] args) {
    checkArgs(argTypes, args);
  }

  /** As {@link #checkArgs(Tensor[])} against {@code types}; shared with the reference path. */
  static void checkArgs(DType[] types, Tensor[] args) {
    if (args.length != types.length) {
      throw new InvalidArgumentException("Expects " + types.length + " arguments, but "
          + args.length + " is provided");
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i].dtype() != types[i]) {
        throw new InvalidArgumentException("Expects arg[" + i + "] to be " + types[i].tfName()
            + " but " + args[i].dtype().tfName() + " is provided");
      }
    }
  }

  /** Result {@code i} as the caller sees it: a variable reference reads the variable. */
  Tensor result(int i, Object value) {
    try {
      return BaseContext.deref(value);
    } catch (StatusException e) {
      throw e.withNode(results[i].op().name(), results[i].op().type());
    }
  }
}
