package org.tensorgraph.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;

/** A session's execution plans, one per (feeds, fetches, targets) signature, built once. */
final class PlanCache {
  /** Past this many signatures the cache starts over, so odd clients cannot grow it forever. */
  static final int MAX_PLANS = 1024;

  private final ConcurrentHashMap<Plan.Key, Plan> plans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Graph, FunctionPlan> bodies = new ConcurrentHashMap<>();
  /** How many plans were built: tests check that a signature is planned once. */
  final AtomicInteger builds = new AtomicInteger();

  Plan get(Plan.Key key) {
    Plan p = plans.get(key);
    if (p != null) {
      return p;
    }
    if (plans.size() >= MAX_PLANS) {
      plans.clear();
    }
    return plans.computeIfAbsent(key, this::build);
  }

  /**
   * The plan of a function body (its args fed, its results fetched) with its call tables. Keyed
   * by the body graph, which identifies the function: a call site looks it up once per kernel
   * invocation, not per call.
   */
  FunctionPlan forFunction(GraphFunction f) {
    FunctionPlan p = bodies.get(f.body());
    if (p != null) {
      return p;
    }
    return bodies.computeIfAbsent(f.body(), b -> FunctionPlan.of(f, build(FunctionPlan.key(f))));
  }

  private Plan build(Plan.Key key) {
    builds.incrementAndGet();
    return Plan.build(key);
  }
}
