package org.tensorgraph.ops.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;

/**
 * A tree of fusible nodes grown from a root through inputs that only it reads: the nodes in
 * post-order (the root last), the leaves (inputs from outside), and per node, per operand, a
 * leaf index or {@code -1 - node index}. The elementwise and scalar fusions evaluate it.
 *
 * <pre>{@code
 * FusionTree t = FusionTree.grow(root, scope, ElementwiseFusion::fusible);
 * if (t.nodes().size() >= 2) { ... }
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

  /** The tree rooted at {@code root} (which must itself be fusible). */
  static FusionTree grow(Operation root, Fusion.Scope scope, Predicate<Operation> fusible) {
    FusionTree t = new FusionTree(scope, fusible);
    t.add(root);
    return t;
  }

  List<Operation> nodes() {
    return nodes;
  }

  List<Output> leaves() {
    return leaves;
  }

  int[][] operands() {
    return operands.toArray(new int[0][]);
  }

  /** The group for {@code kernel}: every node but the root is absorbed. */
  Fusion.Group group(org.tensorgraph.core.op.Kernel kernel) {
    return new Fusion.Group(nodes.subList(0, nodes.size() - 1), leaves, kernel);
  }

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
