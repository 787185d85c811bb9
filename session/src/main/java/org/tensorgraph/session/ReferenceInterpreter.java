package org.tensorgraph.session;

import java.util.List;
import java.util.Map;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * The semantic definition of running a graph: one loop over the needed nodes in creation order
 * (a topological order), each kernel reading its inputs from an environment and writing its
 * outputs back. Every faster executor must agree with it.
 */
final class ReferenceInterpreter {
  private final SessionState state;

  ReferenceInterpreter(SessionState state) {
    this.state = state;
  }

  /**
   * Runs {@code graph} and returns the environment: each computed output's value (a Tensor, or a
   * VariableSlot for reference outputs), fed values included.
   */
  Map<Output, Object> run(Graph graph, Map<Output, Object> env, List<Output> fetches,
      List<Operation> targets, RunControl control, RunMetadata metadata) {
    Plan.Key key = new Plan.Key(graph, env.keySet(), fetches, targets);
    for (Operation op : Plan.executedNodes(key)) {
      control.check();
      long t0 = metadata == null ? 0 : System.nanoTime();
      new RunContext(state, op, env, control, metadata).compute();
      if (metadata != null) {
        metadata.record(op, t0, System.nanoTime());
      }
    }
    return env;
  }
}
