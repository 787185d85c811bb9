package org.tensorgraph.ops.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;

/**
 * Fuses a tree of float32 {@code Add}/{@code AddV2}/{@code Sub}/{@code Mul}/{@code Tanh}/{@code
 * Sigmoid} nodes, each read only by the next, into one {@link FusedElementwise}: an LSTM step's
 * {@code c * sigmoid(f + b) + sigmoid(i) * tanh(j)} and {@code tanh(c) * sigmoid(o)}, a GRU's
 * {@code u * h + (1 - u) * c}. Registered after {@link MatMulFusion}, so an activation right after
 * a MatMul stays with it.
 *
 * <pre>{@code
 * registry.registerFusion(new ElementwiseFusion());
 * }</pre>
 */
public final class ElementwiseFusion implements Fusion {
  /** The ops it fuses and their codes in {@link FusedElementwise}. */
  static final Map<String, Integer> OPS = Map.of("Add", FusedElementwise.ADD, "AddV2",
      FusedElementwise.ADD, "Sub", FusedElementwise.SUB, "Mul", FusedElementwise.MUL, "Tanh",
      FusedElementwise.TANH, "Sigmoid", FusedElementwise.SIGMOID);
  /** Trees stop growing here: the kernel keeps one array per node. */
  static final int MAX_NODES = 32;

  @Override
  public Group match(Operation root, Scope scope) {
    if (!fusible(root)) {
      return null;
    }
    Tree t = new Tree(scope);
    t.add(root);
    if (t.nodes.size() < 2) {
      return null;
    }
    FusedElementwise kernel = new FusedElementwise(t.nodes, t.leaves, t.codes, t.operands);
    return new Group(t.nodes.subList(0, t.nodes.size() - 1), t.leaves, kernel);
  }

  static boolean fusible(Operation op) {
    return OPS.containsKey(op.type()) && op.attr("T") == DType.FLOAT32;
  }

  /** The nodes in post-order (the root last), its leaves, and each node's operand references. */
  private static final class Tree {
    final Scope scope;
    final List<Operation> nodes = new ArrayList<>();
    final List<Output> leaves = new ArrayList<>();
    final List<Integer> codes = new ArrayList<>();
    /** Per node, per operand: a leaf index, or {@code -1 - node index}. */
    final List<int[]> operands = new ArrayList<>();

    Tree(Scope scope) {
      this.scope = scope;
    }

    /** Adds {@code op} after the nodes it absorbs; returns its node index. */
    int add(Operation op) {
      int[] refs = new int[op.inputs().size()];
      for (int i = 0; i < refs.length; i++) {
        Output in = op.inputs().get(i);
        if (nodes.size() + 1 < MAX_NODES && fusible(in.op()) && scope.isPrivate(in)) {
          refs[i] = -1 - add(in.op());
        } else {
          refs[i] = leaves.size();
          leaves.add(in);
        }
      }
      nodes.add(op);
      codes.add(OPS.get(op.type()));
      operands.add(refs);
      return nodes.size() - 1;
    }
  }
}
