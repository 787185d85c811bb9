package org.tensorgraph.ops.fusion;

import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Registers graph-ops' plan-time fusions (no ops of its own): found by {@link
 * java.util.ServiceLoader} like every {@link OpLibrary}.
 *
 * <pre>{@code
 * OpRegistry.standard().fusions();  // LstmLoop, MatMul, Cell, Elementwise, Scalar, StackTranspose
 * }</pre>
 */
public final class FusionLibrary implements OpLibrary {
  @Override
  public void register(OpRegistry registry) {
    registry.registerFusion(new RnnLoopFusion());
    registry.registerFusion(new MatMulFusion());
    registry.registerFusion(new CellFusion());
    registry.registerFusion(new ElementwiseFusion());
    registry.registerFusion(new ScalarFusion());
    registry.registerFusion(new StackTransposeFusion());
  }
}
