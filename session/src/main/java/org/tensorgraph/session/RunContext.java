package org.tensorgraph.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.VariableSlot;

/**
 * The reference interpreter's {@link org.tensorgraph.core.op.KernelContext}: one node reading from
 * and writing to an environment map. Function bodies run on the reference interpreter too.
 */
final class RunContext extends BaseContext {
  private final Operation op;
  private final Map<Output, Object> env;

  RunContext(SessionState state, Operation op, Map<Output, Object> env, RunControl control,
      RunMetadata metadata) {
    super(state, control, metadata);
    this.op = op;
    this.env = env;
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
    } catch (Throwable e) { // as the plan executors: every failure becomes a node's status
      throw attribute(e, op);
    }
  }

  /** A function runs on the reference interpreter too, with its args fed through the env. */
  @Override
  public FunctionCall function(String name) {
    Graph graph = op.graph();
    return args -> {
      GraphFunction f = BodyCall.lookup(graph, name);
      FunctionPlan.checkArgs(f.argTypes().toArray(new DType[0]), args);
      control.check();
      Map<Output, Object> env = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        env.put(f.args().get(i).output(0), args[i]);
      }
      Map<Output, Object> out = new ReferenceInterpreter(state)
          .run(f.body(), env, f.results(), List.of(), control, metadata);
      return results(f, out);
    };
  }

  /** Each result of {@code f} read from the env; a failed read is the result node's. */
  private static Tensor[] results(GraphFunction f, Map<Output, Object> env) {
    Tensor[] r = new Tensor[f.results().size()];
    for (int i = 0; i < r.length; i++) {
      Output o = f.results().get(i);
      try {
        r[i] = deref(env.get(o));
      } catch (StatusException e) {
        throw e.withNode(o.op().name(), o.op().type());
      }
    }
    return r;
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
    return deref(env.get(op.input(i)));
  }

  @Override
  public VariableSlot refInput(int i) {
    Object v = env.get(op.input(i));
    if (!(v instanceof VariableSlot)) {
      throw new InvalidArgumentException(NodeContext.notARef(op, i));
    }
    return (VariableSlot) v;
  }

  @Override
  public void setOutput(int i, Tensor value) {
    env.putIfAbsent(op.output(i), value); // a fed output keeps its fed value
  }

  @Override
  public void setRefOutput(int i, VariableSlot slot) {
    env.putIfAbsent(op.output(i), slot);
  }
}
