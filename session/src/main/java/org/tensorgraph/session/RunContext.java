package org.tensorgraph.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.NotFoundException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.VariableSlot;
import org.tensorgraph.core.op.VariableStore;

/** The {@link KernelContext} of one node in one run, reading from and writing to an environment. */
final class RunContext implements KernelContext {
  private final SessionState state;
  private final Operation op;
  private final Map<Output, Object> env;
  private final RunControl control;

  RunContext(SessionState state, Operation op, Map<Output, Object> env, RunControl control) {
    this.state = state;
    this.op = op;
    this.env = env;
    this.control = control;
  }

  /** Runs the node's kernel, attributing any failure to the node. */
  void compute() {
    Kernel k = op.opDef().kernel();
    try {
      if (k == null) {
        throw new InternalException("Op " + op.type() + " has no kernel");
      }
      k.compute(this);
      for (Output o : op.outputs()) {
        if (!env.containsKey(o)) {
          throw new InternalException("Kernel of " + op.type() + " did not set output "
              + o.index());
        }
      }
    } catch (StatusException e) {
      throw e.withNode(op.name(), op.type());
    } catch (RuntimeException e) {
      throw new InternalException("Kernel of " + op.type() + " failed: " + e, op.name(),
          op.type(), e);
    }
  }

  @Override
  public Operation op() {
    return op;
  }

  @Override
  public int numInputs() {
    return op.numInputs();
  }

  @Override
  public Tensor input(int i) {
    Object v = env.get(op.input(i));
    if (v instanceof VariableSlot) {
      return ((VariableSlot) v).value();
    }
    return (Tensor) v;
  }

  @Override
  public VariableSlot refInput(int i) {
    Object v = env.get(op.input(i));
    if (!(v instanceof VariableSlot)) {
      throw new InvalidArgumentException("Input " + i + " of " + op.name()
          + " must be a variable reference, got a value (a reference input cannot be fed)");
    }
    return (VariableSlot) v;
  }

  @Override
  public void setOutput(int i, Tensor value) {
    env.put(op.output(i), value);
  }

  @Override
  public void setRefOutput(int i, VariableSlot slot) {
    env.put(op.output(i), slot);
  }

  @Override
  public VariableStore variables() {
    return state.variables;
  }

  @Override
  public <T> T kernelState(Supplier<T> init) {
    return state.kernelState(op, init);
  }

  @Override
  public List<Tensor> callFunction(String name, List<Tensor> args) {
    GraphFunction f = op.graph().function(name);
    if (f == null) {
      throw new NotFoundException("Function " + name + " is not defined.");
    }
    if (args.size() != f.args().size()) {
      throw new InvalidArgumentException("Expects " + f.args().size() + " arguments, but "
          + args.size() + " is provided");
    }
    Map<Output, Object> feeds = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      feeds.put(f.args().get(i).output(0), args.get(i));
    }
    Map<Output, Object> out = new ReferenceInterpreter(state)
        .run(f.body(), feeds, f.results(), List.of(), control);
    List<Tensor> r = new ArrayList<>();
    for (Output o : f.results()) {
      Object v = out.get(o);
      r.add(v instanceof VariableSlot ? ((VariableSlot) v).value() : (Tensor) v);
    }
    return r;
  }

  @Override
  public void checkCancelled() {
    control.check();
  }
}
