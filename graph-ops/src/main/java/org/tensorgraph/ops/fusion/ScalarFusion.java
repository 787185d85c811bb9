package org.tensorgraph.ops.fusion;

import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.op.Fusion;

/**
 * Fuses a tree of int32 comparisons ({@code Less}, {@code LessEqual}, {@code Greater}, {@code
 * GreaterEqual}) and {@code LogicalAnd}/{@code LogicalOr} into one {@link FusedScalar}: a {@code
 * While} loop's condition, {@code counter < max_iterations && time < steps}, which runs once per
 * iteration and was three nodes.
 *
 * <pre>{@code
 * registry.registerFusion(new ScalarFusion());
 * }</pre>
 */
public final class ScalarFusion implements Fusion {
  /** The ops it fuses and their codes in {@link FusedScalar}. */
  static final Map<String, Integer> OPS = Map.of("Less", FusedScalar.LESS, "LessEqual",
      FusedScalar.LESS_EQUAL, "Greater", FusedScalar.GREATER, "GreaterEqual",
      FusedScalar.GREATER_EQUAL, "LogicalAnd", FusedScalar.AND, "LogicalOr", FusedScalar.OR);

  @Override
  public Group match(Operation root, Scope scope) {
    return FusionTree.match(root, scope, ScalarFusion::fusible, OPS, FusedScalar::new);
  }

  static boolean fusible(Operation op) {
    Integer code = OPS.get(op.type());
    return code != null && (code >= FusedScalar.AND || op.attr("T") == DType.INT32);
  }
}
