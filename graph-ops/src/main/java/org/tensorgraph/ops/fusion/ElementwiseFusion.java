package org.tensorgraph.ops.fusion;

import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Operation;
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

  @Override
  public Group match(Operation root, Scope scope) {
    return FusionTree.match(root, scope, ElementwiseFusion::fusible, OPS, FusedElementwise::new);
  }

  static boolean fusible(Operation op) {
    return OPS.containsKey(op.type()) && op.attr("T") == DType.FLOAT32;
  }
}
