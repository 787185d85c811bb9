package org.tensorgraph.session;

import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.NotFoundException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.op.KernelContext;

/**
 * A graph function as a plan executor's kernel calls it (a {@code While}'s cond and body, an
 * {@code If}'s branch): resolved on the first call, then every call writes its arguments straight
 * into one reused {@link PlanRun}, so that a loop iteration costs its nodes and a few checks, not
 * map building and plan lookups. It runs inline on the calling thread (a kernel on a pool thread
 * never waits for the pool) and, like the kernel invocation that owns it, on one thread only.
 */
final class BodyCall implements KernelContext.FunctionCall {
  private final SessionState state;
  private final RunControl control;
  private final RunMetadata metadata;
  private final Graph graph;
  private final String name;
  // Resolved on the first call, not before: a function that is never called may be missing, as
  // with callFunction.
  private FunctionPlan function;
  private PlanRun run;

  BodyCall(SessionState state, RunControl control, RunMetadata metadata, Graph graph,
      String name) {
    this.state = state;
    this.control = control;
    this.metadata = metadata;
    this.graph = graph;
    this.name = name;
  }

  @Override
  public Tensor[] call(Tensor[] args) {
    FunctionPlan f = resolve();
    f.checkArgs(args);
    control.check();
    return run.call(f, args);
  }

  private FunctionPlan resolve() {
    if (function == null) {
      GraphFunction f = lookup(graph, name);
      function = state.plans.forFunction(f);
      run = new PlanRun(state, function.plan, function.kernels, control, metadata, null);
    }
    return function;
  }

  /** The function {@code name} of {@code graph}'s library, with TF's text when it is missing. */
  static GraphFunction lookup(Graph graph, String name) {
    GraphFunction f = graph.function(name);
    if (f == null) {
      throw new NotFoundException("Function " + name + " is not defined.");
    }
    return f;
  }
}
