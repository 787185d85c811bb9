package org.tensorgraph.core.op;

import java.util.List;
import java.util.Set;
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
 * tested against it. A fusion may absorb only nodes that {@link Scope#isPrivate} or {@link
 * Scope#readOnlyBy} allow, or whose read outputs it exports ({@link Scope#mayExport}); the planner
 * checks every group it is given and ignores one that breaks these rules.
 */
@FunctionalInterface
public interface Fusion {
  /** The group ending at {@code root}, or null when {@code root} does not end one. */
  Group match(Operation root, Scope scope);

  /**
   * What a fused entry computes: {@code absorbed} are the group's other nodes, which no longer run
   * on their own; {@code inputs} are what {@code kernel} reads, in order, through {@link
   * KernelContext#input}; the kernel sets {@code root}'s outputs, then each of {@code exports} (an
   * output of an absorbed node that is still read outside the group, or fetched) as output {@code
   * root.numOutputs() + i}.
   *
   * <pre>{@code
   * // an LSTM step rooted at new_h = tanh(new_c) * sigmoid(o), new_c also a loop result:
   * new Fusion.Group(absorbed, inputs, kernel, List.of(newC));  // kernel sets outputs 0 and 1
   * }</pre>
   */
  record Group(List<Operation> absorbed, List<Output> inputs, Kernel kernel,
      List<Output> exports) {
    public Group {
      absorbed = List.copyOf(absorbed);
      inputs = List.copyOf(inputs);
      exports = List.copyOf(exports);
    }

    /** A group that exports nothing: its kernel sets only the root's outputs. */
    public Group(List<Operation> absorbed, List<Output> inputs, Kernel kernel) {
      this(absorbed, inputs, kernel, List.of());
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

    /**
     * True when {@code producer} may be absorbed into {@code group} (the nodes chosen so far, root
     * included) without exporting anything: it is eligible (it runs in this plan, is not absorbed
     * yet, is not a run target, has no control edges in or out) and every read of every one of
     * its outputs in this plan is by a node of {@code group}, none fetched or fed. A DAG fusion
     * grows its group from the root backward, deciding nodes in reverse plan order, so that every
     * reader of a node is decided before the node itself.
     *
     * <pre>{@code
     * // split -> {Sigmoid_1, Tanh, Add, Sigmoid_2}, all four in the group:
     * scope.readOnlyBy(split, group);   // true
     * }</pre>
     */
    boolean readOnlyBy(Operation producer, Set<Operation> group);

    /**
     * True when the node producing {@code o} may be absorbed into {@code group}, ending at {@code
     * root}, with {@code o} exported (set by the fused kernel as an extra output): the node is
     * eligible (as for {@link #readOnlyBy}), {@code o} is not fed, its other outputs are read only
     * inside {@code group} and not fetched, and every reader of {@code o} outside {@code group}
     * comes after {@code root} in plan order (the direct executor runs the plan in order). {@code
     * o} may be fetched.
     *
     * <pre>{@code
     * // new_c = Add_1, read by Tanh_1 (in the group) and a loop result (fetched):
     * scope.mayExport(newC, group, newH);   // true: the fused entry sets new_c as output 1
     * }</pre>
     */
    boolean mayExport(Output o, Set<Operation> group, Operation root);
  }
}
