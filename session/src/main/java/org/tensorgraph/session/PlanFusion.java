package org.tensorgraph.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;

/**
 * The plan-time optimiser: offers each node a plan runs to the graph's registered {@link Fusion}s,
 * last node first (so the longest group, the one ending at an activation, wins over the shorter
 * one ending at its {@code BiasAdd}), and returns the groups found by root.
 *
 * <pre>{@code
 * Map<Operation, Fusion.Group> groups = PlanFusion.find(key, executedNodes);
 * }</pre>
 *
 * <p>The system property {@code tensorgraph.fusion=false} turns it off (for comparisons); the
 * reference interpreter never fuses.
 */
final class PlanFusion implements Fusion.Scope {
  static final boolean ENABLED = !"false".equals(System.getProperty("tensorgraph.fusion"));

  private final Map<Output, Integer> uses = new HashMap<>();
  private final Map<Operation, Integer> opUses = new HashMap<>();
  private final Set<Operation> controlled = new HashSet<>();
  private final Set<Operation> executed;
  private final Set<Operation> absorbed = new HashSet<>();
  private final Plan.Key key;

  private PlanFusion(Plan.Key key, List<Operation> exec) {
    this.key = key;
    this.executed = new HashSet<>(exec);
    for (Operation op : exec) {
      for (Output in : op.inputs()) {
        uses.merge(in, 1, Integer::sum);
        opUses.merge(in.op(), 1, Integer::sum);
      }
      if (!op.controlInputs().isEmpty()) {
        controlled.add(op);
        controlled.addAll(op.controlInputs());
      }
    }
  }

  /** The fused groups of the nodes {@code exec}, by root; empty when nothing fuses. */
  static Map<Operation, Fusion.Group> find(Plan.Key key, List<Operation> exec) {
    Map<Operation, Fusion.Group> groups = new IdentityHashMap<>();
    List<Fusion> fusions = key.graph().registry().fusions();
    if (!ENABLED || fusions.isEmpty()) {
      return groups;
    }
    PlanFusion scope = new PlanFusion(key, exec);
    for (int i = exec.size() - 1; i >= 0; i--) {
      Operation root = exec.get(i);
      if (scope.absorbed.contains(root)) {
        continue;
      }
      for (Fusion f : fusions) {
        Fusion.Group g = f.match(root, scope);
        if (g != null) {
          scope.absorbed.addAll(g.absorbed());
          groups.put(root, g);
          break;
        }
      }
    }
    return groups;
  }

  @Override
  public boolean isPrivate(Output o) {
    Operation op = o.op();
    return executed.contains(op) && !absorbed.contains(op) && !controlled.contains(op)
        && uses.getOrDefault(o, 0) == 1 && opUses.getOrDefault(op, 0) == 1
        && !key.targets().contains(op) && op.outputs().stream()
            .noneMatch(x -> key.fetches().contains(x) || key.feeds().contains(x));
  }
}
