package org.tensorgraph.session;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.ResourceExhaustedException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Operation;
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

  /** Every executor calls functions through its {@link #function} handle. */
  @Override
  public List<Tensor> callFunction(String name, List<Tensor> args) {
    return Arrays.asList(function(name).call(args.toArray(new Tensor[0])));
  }

  @Override
  public abstract FunctionCall function(String name);

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
}
