package org.tensorgraph.session;

import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.op.VariableSlot;

/**
 * The plan executors' {@link org.tensorgraph.core.op.KernelContext}: reads and writes a run's
 * value slots through the plan's int tables. One instance serves a worker's successive nodes.
 * Function bodies run on the direct executor, inline on the current thread.
 */
final class NodeContext extends BaseContext {
  private final PlanRun run;
  private final Plan plan;
  int node;

  NodeContext(PlanRun run) {
    super(run.state, run.control, run.metadata);
    this.run = run;
    this.plan = run.plan;
  }

  /** A function runs on the direct executor, inline on this thread, through a reused run. */
  @Override
  public FunctionCall function(String name) {
    return new BodyCall(state, control, metadata, op().graph(), name);
  }

  @Override
  public Operation op() {
    return plan.nodes[node];
  }

  @Override
  public int numInputs() {
    return plan.inputSlots[node].length;
  }

  @Override
  public Tensor input(int i) {
    return deref(run.values[plan.inputSlots[node][i]]);
  }

  @Override
  public VariableSlot refInput(int i) {
    Object v = run.values[plan.inputSlots[node][i]];
    if (!(v instanceof VariableSlot)) {
      throw new InvalidArgumentException(notARef(op(), i));
    }
    return (VariableSlot) v;
  }

  @Override
  public void setOutput(int i, Tensor value) {
    set(i, value);
  }

  @Override
  public void setRefOutput(int i, VariableSlot slot) {
    set(i, slot);
  }

  private void set(int i, Object value) {
    if (i < 0 || i >= plan.numOutputs[node]) {
      throw new InternalException("Kernel of " + op().type() + " set output " + i + " of "
          + plan.numOutputs[node]);
    }
    int slot = plan.outputBase[node] + i;
    if (!plan.fedSlot[slot]) { // a fed output keeps its fed value
      run.values[slot] = value;
    }
  }

  /** The message for a reference input that holds a plain value (its variable output was fed). */
  static String notARef(Operation op, int i) {
    return "Input " + i + " of " + op.name() + " must be a variable reference, got a value (a fed"
        + " variable output cannot be assigned through)";
  }
}
