package org.tensorgraph.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;

/** A session's execution plans, one per (feeds, fetches, targets) signature, built once. */
final class PlanCache {
  /** Past this many signatures the cache starts over, so odd clients cannot grow it forever. */
  static final int MAX_PLANS = 1024;

  private final ConcurrentHashMap<Plan.Key, Plan> plans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Graph, Plan> bodies = new ConcurrentHashMap<>();
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

  /** The plan of a function body: its args fed, its results fetched. */
  Plan forFunction(GraphFunction f) {
    Plan p = bodies.get(f.body());
    if (p != null) {
      return p;
    }
    return bodies.computeIfAbsent(f.body(), b -> build(new Plan.Key(b,
        Set.copyOf(f.args().stream().map(a -> a.output(0)).toList()), f.results(),
        java.util.List.<Operation>of())));
  }

  private Plan build(Plan.Key key) {
    builds.incrementAndGet();
    return Plan.build(key);
  }
}
