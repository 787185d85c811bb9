package org.tensorgraph.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;

/** What outlives one run: the graph, the variables, each kernel's private state, the plans. */
final class SessionState {
  final Graph graph;
  final SessionVariables variables = new SessionVariables();
  final PlanCache plans = new PlanCache();
  private final Map<Operation, Object> kernelStates = new ConcurrentHashMap<>();

  SessionState(Graph graph) {
    this.graph = graph;
  }

  @SuppressWarnings("unchecked")
  <T> T kernelState(Operation op, Supplier<T> init) {
    Object s = kernelStates.get(op);
    return s != null ? (T) s : (T) kernelStates.computeIfAbsent(op, k -> init.get());
  }
}
