package org.tensorgraph.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.NotFoundException;
import org.tensorgraph.core.errors.ResourceExhaustedException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.VariableSlot;
import org.tensorgraph.core.op.VariableStore;

/**
 * What every executor's {@link KernelContext} shares: the session's variables and kernel state,
 * the run's control, and calls of graph functions (a {@code While} body), which run inline on the
 * calling thread so that a kernel on a pool thread never waits for the pool.
 */
abstract class BaseContext implements KernelContext {
  final SessionState state;
  final RunControl control;
  final RunMetadata metadata; // null: not profiling

  BaseContext(SessionState state, RunControl control, RunMetadata metadata) {
    this.state = state;
    this.control = control;
    this.metadata = metadata;
  }

  /** Runs a function body with its {@code _Arg} outputs fed; returns the result tensors. */
  abstract List<Tensor> runBody(GraphFunction f, Map<Output, Tensor> args);

  @Override
  public VariableStore variables() {
    return state.variables;
  }

  @Override
  public <T> T kernelState(Supplier<T> init) {
    return state.kernelState(op(), init);
  }

  @Override
  public java.util.concurrent.Executor intraOpExecutor() {
    return state.intraOp;
  }

  @Override
  public int intraOpParallelism() {
    return state.intraOpParallelism;
  }

  @Override
  public void checkCancelled() {
    control.check();
  }

  @Override
  public List<Tensor> callFunction(String name, List<Tensor> args) {
    GraphFunction f = op().graph().function(name);
    if (f == null) {
      throw new NotFoundException("Function " + name + " is not defined.");
    }
    if (args.size() != f.args().size()) {
      throw new InvalidArgumentException("Expects " + f.args().size() + " arguments, but "
          + args.size() + " is provided");
    }
    Map<Output, Tensor> feeds = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Output arg = f.args().get(i).output(0);
      if (args.get(i).dtype() != arg.dtype()) { // TF's function.cc text
        throw new InvalidArgumentException("Expects arg[" + i + "] to be " + arg.dtype().tfName()
            + " but " + args.get(i).dtype().tfName() + " is provided");
      }
      feeds.put(arg, args.get(i));
    }
    control.check();
    return runBody(f, feeds);
  }

  /** A value as kernels and fetches see it: a variable reference reads the variable. */
  static Tensor deref(Object v) {
    return v instanceof VariableSlot ? ((VariableSlot) v).value() : (Tensor) v;
  }

  /** Converts a kernel's failure into a status error attributed to {@code op}. */
  static StatusException attribute(Throwable e, Operation op) {
    if (e instanceof StatusException) {
      return ((StatusException) e).withNode(op.name(), op.type());
    }
    if (e instanceof OutOfMemoryError) {
      return new ResourceExhaustedException("OOM when computing the node: " + e.getMessage(),
          op.name(), op.type(), e);
    }
    return new InternalException("Kernel of " + op.type() + " failed: " + e, op.name(),
        op.type(), e);
  }

  /** Each result of {@code f} read from a run's values. */
  static List<Tensor> results(GraphFunction f, java.util.function.Function<Output, Object> get) {
    List<Tensor> r = new ArrayList<>(f.results().size());
    for (Output o : f.results()) {
      try {
        r.add(deref(get.apply(o)));
      } catch (StatusException e) {
        throw e.withNode(o.op().name(), o.op().type());
      }
    }
    return r;
  }
}
