package org.tensorgraph.ops.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;
import org.tensorgraph.core.op.Kernel;

/**
 * A tree of fusible nodes grown from a root through inputs that only it reads: the nodes in
 * post-order (the root last), the leaves (inputs from outside), and per node, per operand, a
 * leaf index or {@code -1 - node index}. The elementwise and scalar fusions evaluate it.
 *
 * <pre>{@code
 * return FusionTree.match(root, scope, ElementwiseFusion::fusible, OPS, FusedElementwise::new);
 * }</pre>
 */
final class FusionTree {
  /** Trees stop growing here: kernels keep one value per node. */
  static final int MAX_NODES = 32;

  private final Fusion.Scope scope;
  private final Predicate<Operation> fusible;
  private final List<Operation> nodes = new ArrayList<>();
  private final List<Output> leaves = new ArrayList<>();
  private final List<int[]> operands = new ArrayList<>();

  private FusionTree(Fusion.Scope scope, Predicate<Operation> fusible) {
    this.scope = scope;
    this.fusible = fusible;
  }

  /**
   * The group of the tree rooted at {@code root}, evaluated by {@code kernel} over the tree's
   * {@link Program} with each node's op type coded by {@code codes}; null when {@code root} is not
   * fusible or absorbs nothing.
   */
  static Fusion.Group match(Operation root, Fusion.Scope scope, Predicate<Operation> fusible,
      Map<String, Integer> codes, Function<Program, Kernel> kernel) {
    if (!fusible.test(root)) {
      return null;
    }
    FusionTree t = new FusionTree(scope, fusible);
    t.add(root);
    if (t.nodes.size() < 2) {
      return null;
    }
    Program program = new Program(List.copyOf(t.nodes), List.copyOf(t.leaves),
        t.nodes.stream().mapToInt(op -> codes.get(op.type())).toArray(),
        t.operands.toArray(new int[0][]));
    return new Fusion.Group(t.nodes.subList(0, t.nodes.size() - 1), t.leaves,
        kernel.apply(program));
  }

  /**
   * A tree as its kernel reads it: the nodes in post-order (the root last), the leaves (the
   * kernel's inputs, in order), each node's op code, and per node, per operand, a leaf index or
   * {@code -1 - node index}.
   */
  record Program(List<Operation> nodes, List<Output> leaves, int[] codes, int[][] operands) {}

  /** Adds {@code op} after the nodes it absorbs; returns its node index. */
  private int add(Operation op) {
    int[] refs = new int[op.inputs().size()];
    for (int i = 0; i < refs.length; i++) {
      Output in = op.inputs().get(i);
      if (nodes.size() + 1 < MAX_NODES && fusible.test(in.op()) && scope.isPrivate(in)) {
        refs[i] = -1 - add(in.op());
      } else {
        refs[i] = leaves.size();
        leaves.add(in);
      }
    }
    nodes.add(op);
    operands.add(refs);
    return nodes.size() - 1;
  }
}
