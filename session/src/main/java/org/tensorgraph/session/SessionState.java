package org.tensorgraph.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;

/**
 * What outlives one run: the graph, the variables, each kernel's private state, the plans, the
 * intra-op pool kernels may split work onto.
 */
final class SessionState {
  final Graph graph;
  final Executor intraOp;
  final int intraOpParallelism;
  final SessionVariables variables = new SessionVariables();
  final PlanCache plans = new PlanCache();
  private final Map<Operation, Object> kernelStates = new ConcurrentHashMap<>();

  SessionState(Graph graph, Executor intraOp, int intraOpParallelism) {
    this.graph = graph;
    this.intraOp = intraOp;
    this.intraOpParallelism = intraOpParallelism;
  }

  @SuppressWarnings("unchecked")
  <T> T kernelState(Operation op, Supplier<T> init) {
    Object s = kernelStates.get(op);
    return s != null ? (T) s : (T) kernelStates.computeIfAbsent(op, k -> init.get());
  }
}
