package org.tensorgraph.core.op;

import java.util.List;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * A plan-time rewrite: a connected group of nodes that one kernel computes at once, such as an
 * RNN step's {@code MatMul} + {@code BiasAdd} + {@code Tanh}. An {@link OpLibrary} registers its
 * fusions with {@link OpRegistry#registerFusion}; an executor's planner offers every node to every
 * fusion, last node first, and replaces each group found by one entry: the group's last node
 * (its root, whose outputs it produces) with the fusion's kernel and inputs.
 *
 * <pre>{@code
 * registry.registerFusion((root, scope) -> root.type().equals("Tanh")
 *     && scope.isPrivate(root.inputs().get(0)) ? new Fusion.Group(...) : null);
 * }</pre>
 *
 * <p>The contract: the fused kernel computes exactly what the group's kernels compute one after
 * the other, bit for bit, and raises the errors they raise, named after the node that raises it
 * (a kernel usually checks its fast path's preconditions and otherwise runs the original kernels;
 * see graph-ops' {@code SubgraphRun}). The reference interpreter never fuses, so every fusion is
 * tested against it. A fusion may absorb only nodes that {@link Scope#isPrivate} allows.
 */
@FunctionalInterface
public interface Fusion {
  /** The group ending at {@code root}, or null when {@code root} does not end one. */
  Group match(Operation root, Scope scope);

  /**
   * What a fused entry computes: {@code absorbed} are the group's other nodes, which no longer run
   * on their own; {@code inputs} are what {@code kernel} reads, in order, through {@link
   * KernelContext#input}; the kernel sets {@code root}'s outputs.
   */
  record Group(List<Operation> absorbed, List<Output> inputs, Kernel kernel) {
    public Group {
      absorbed = List.copyOf(absorbed);
      inputs = List.copyOf(inputs);
    }
  }

  /** What the planner knows about the nodes it runs. */
  interface Scope {
    /**
     * True when the node producing {@code o} may be absorbed into a group that reads {@code o}
     * once: the node runs in this plan and is not absorbed yet, {@code o} is its only output used,
     * used exactly once, none of its outputs is fetched or fed, the node is not a run target and
     * has no control edges in or out.
     */
    boolean isPrivate(Output o);
  }
}
