package org.tensorgraph.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
   * VariableSlot for reference outputs).
   */
  Map<Output, Object> run(Graph graph, Map<Output, Object> feeds, List<Output> fetches,
      List<Operation> targets, RunControl control) {
    Set<Operation> needed = neededOps(feeds, fetches, targets);
    Map<Output, Object> env = new HashMap<>(feeds);
    for (Operation op : graph.operations()) {
      if (!needed.contains(op) || allOutputsFed(op, feeds)) {
        continue;
      }
      control.check();
      RunContext ctx = new RunContext(state, op, env, control);
      ctx.compute();
    }
    return env;
  }

  /** The ops that fetches and targets depend on, through data and control edges, stopping at feeds. */
  private static Set<Operation> neededOps(Map<Output, Object> feeds, List<Output> fetches,
      List<Operation> targets) {
    Set<Operation> seen = new HashSet<>();
    Deque<Operation> work = new ArrayDeque<>(targets);
    for (Output f : fetches) {
      if (!feeds.containsKey(f)) {
        work.push(f.op());
      }
    }
    while (!work.isEmpty()) {
      Operation op = work.pop();
      if (!seen.add(op)) {
        continue;
      }
      for (Output in : op.inputs()) {
        if (!feeds.containsKey(in)) {
          work.push(in.op());
        }
      }
      work.addAll(op.controlInputs());
    }
    return seen;
  }

  private static boolean allOutputsFed(Operation op, Map<Output, Object> feeds) {
    if (op.numOutputs() == 0) {
      return false;
    }
    for (Output o : op.outputs()) {
      if (!feeds.containsKey(o)) {
        return false;
      }
    }
    return true;
  }
}
