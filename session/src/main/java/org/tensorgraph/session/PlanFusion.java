package org.tensorgraph.session;

import java.util.ArrayList;
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
 * one ending at its {@code BiasAdd}), and returns the groups found by root. Every group is checked
 * ({@link #valid}) before it is taken; one that breaks the rules counts as no match.
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
  /** Per output, the executed nodes that read it (a node reading it twice is listed twice). */
  private final Map<Output, List<Operation>> readers = new HashMap<>();
  private final Set<Operation> controlled = new HashSet<>();
  /** Each executed node's position in plan (creation) order. */
  private final Map<Operation, Integer> position = new HashMap<>();
  private final Set<Operation> absorbed = new HashSet<>();
  private final Set<Output> fetched;
  private final Plan.Key key;

  private PlanFusion(Plan.Key key, List<Operation> exec) {
    this.key = key;
    this.fetched = new HashSet<>(key.fetches());
    for (Operation op : exec) {
      position.put(op, position.size());
      for (Output in : op.inputs()) {
        uses.merge(in, 1, Integer::sum);
        opUses.merge(in.op(), 1, Integer::sum);
        readers.computeIfAbsent(in, k -> new ArrayList<>()).add(op);
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
        if (g != null && scope.valid(root, g)) {
          scope.absorbed.addAll(g.absorbed());
          groups.put(root, g);
          break;
        }
      }
    }
    return groups;
  }

  /**
   * Whether the plan can run {@code g} as one entry at {@code root}'s place: every absorbed node
   * is eligible, every output of one that is read outside the group or fetched is exported, no
   * export is fed, and every outside reader of an export comes after the root.
   */
  boolean valid(Operation root, Fusion.Group g) {
    Set<Operation> group = new HashSet<>(g.absorbed());
    if (group.size() != g.absorbed().size() || group.contains(root)) {
      return false;
    }
    group.add(root);
    Set<Output> exports = new HashSet<>(g.exports());
    if (exports.size() != g.exports().size()) {
      return false;
    }
    for (Output e : exports) {
      if (e.op() == root || !group.contains(e.op()) || !mayExport(e, group, root)) {
        return false;
      }
    }
    for (Operation op : g.absorbed()) {
      if (!eligible(op)) {
        return false;
      }
      for (Output o : op.outputs()) {
        if (!exports.contains(o) && (fetched.contains(o) || readOutside(o, group))) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public boolean isPrivate(Output o) {
    Operation op = o.op();
    return eligible(op) && uses.getOrDefault(o, 0) == 1 && opUses.getOrDefault(op, 0) == 1
        && op.outputs().stream().noneMatch(fetched::contains);
  }

  @Override
  public boolean readOnlyBy(Operation producer, Set<Operation> group) {
    if (!eligible(producer)) {
      return false;
    }
    for (Output o : producer.outputs()) {
      if (fetched.contains(o) || readOutside(o, group)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean mayExport(Output o, Set<Operation> group, Operation root) {
    Operation op = o.op();
    Integer rootAt = position.get(root);
    if (!eligible(op) || rootAt == null) {
      return false;
    }
    for (Output other : op.outputs()) {
      if (!other.equals(o) && (fetched.contains(other) || readOutside(other, group))) {
        return false;
      }
    }
    for (Operation r : readers.getOrDefault(o, List.of())) {
      if (!group.contains(r) && position.get(r) <= rootAt) {
        return false;
      }
    }
    return true;
  }

  /**
   * A node a group may absorb: it runs in this plan, is not absorbed yet, is not a run target,
   * has no control edges in or out and none of its outputs is fed.
   */
  private boolean eligible(Operation op) {
    return position.containsKey(op) && !absorbed.contains(op) && !controlled.contains(op)
        && !key.targets().contains(op) && op.outputs().stream().noneMatch(key.feeds()::contains);
  }

  private boolean readOutside(Output o, Set<Operation> group) {
    for (Operation r : readers.getOrDefault(o, List.of())) {
      if (!group.contains(r)) {
        return true;
      }
    }
    return false;
  }
}
