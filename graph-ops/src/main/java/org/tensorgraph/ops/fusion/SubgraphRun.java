package org.tensorgraph.ops.fusion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.VariableSlot;
import org.tensorgraph.core.op.VariableStore;

/**
 * A fused group's nodes run one after the other by their own kernels, inside the fused entry's
 * kernel: the slow path a fused kernel takes whenever its fast path's preconditions fail, so that
 * results and errors (TF's texts, named after the node that raises them) are exactly those of the
 * unfused graph.
 *
 * <pre>{@code
 * SubgraphRun.run(ctx, List.of(matMul, biasAdd, tanh), fusedInputs);  // sets tanh's outputs
 * }</pre>
 */
final class SubgraphRun {
  private SubgraphRun() {}

  /**
   * Runs {@code ops} (topologically ordered, the last is the root) reading the fused entry's
   * inputs {@code inputs} from {@code ctx}, and sets the root's outputs on {@code ctx}.
   */
  static void run(KernelContext ctx, List<Operation> ops, List<Output> inputs) {
    run(ctx, ops, inputs, List.of());
  }

  /**
   * As {@link #run(KernelContext, List, List)}, then sets each of {@code exports} (outputs of
   * {@code ops}) as output {@code root.numOutputs() + i}, as a {@link
   * org.tensorgraph.core.op.Fusion.Group}'s kernel does.
   */
  static void run(KernelContext ctx, List<Operation> ops, List<Output> inputs,
      List<Output> exports) {
    Map<Output, Tensor> values = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      values.put(inputs.get(i), ctx.input(i));
    }
    for (Operation op : ops) {
      Node node = new Node(ctx, op, values);
      try {
        op.opDef().kernel().compute(node);
      } catch (StatusException e) {
        throw e.withNode(op.name(), op.type());
      }
    }
    Operation root = ops.get(ops.size() - 1);
    for (int i = 0; i < root.numOutputs(); i++) {
      ctx.setOutput(i, values.get(root.output(i)));
    }
    for (int i = 0; i < exports.size(); i++) {
      ctx.setOutput(root.numOutputs() + i, values.get(exports.get(i)));
    }
  }

  /** One inner node's view: its inputs from {@code values}, its outputs into them. */
  private static final class Node implements KernelContext {
    private final KernelContext outer;
    private final Operation op;
    private final Map<Output, Tensor> values;

    Node(KernelContext outer, Operation op, Map<Output, Tensor> values) {
      this.outer = outer;
      this.op = op;
      this.values = values;
    }

    @Override
    public Operation op() {
      return op;
    }

    @Override
    public int numInputs() {
      return op.inputs().size();
    }

    @Override
    public Tensor input(int i) {
      Tensor t = values.get(op.inputs().get(i));
      if (t == null) {
        throw new InternalException("Fused input " + op.inputs().get(i) + " of " + op.name()
            + " was not computed");
      }
      return t;
    }

    @Override
    public VariableSlot refInput(int i) {
      // why: fusions never absorb ops with reference inputs, so reaching this is a fusion bug
      throw new InvalidArgumentException("Input " + i + " of fused node " + op.name()
          + " cannot be a variable reference");
    }

    @Override
    public void setOutput(int i, Tensor value) {
      values.put(op.output(i), value);
    }

    @Override
    public void setRefOutput(int i, VariableSlot slot) {
      throw new InternalException("Fused node " + op.name() + " cannot output a reference");
    }

    @Override
    public VariableStore variables() {
      return outer.variables();
    }

    @Override
    public <T> T kernelState(Supplier<T> init) {
      // why: no absorbed kernel keeps state (fusions take only stateless ops)
      throw new InternalException("Fused node " + op.name() + " cannot keep kernel state");
    }

    @Override
    public List<Tensor> callFunction(String name, List<Tensor> args) {
      return outer.callFunction(name, args);
    }

    @Override
    public void checkCancelled() {
      outer.checkCancelled();
    }

    @Override
    public Executor intraOpExecutor() {
      return outer.intraOpExecutor();
    }

    @Override
    public int intraOpParallelism() {
      return outer.intraOpParallelism();
    }
  }
}
