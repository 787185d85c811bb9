package org.tensorgraph.ops.fusion;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.tensorgraph.ops.gemm.Gemm;

/**
 * A fused node's packed weight blocks, kept across loop steps and runs: packing B costs as much as
 * a one-row product, so a step of batch 1 would otherwise spend half its matmul time packing.
 * Keyed by the weight array's identity and the block's place in it; {@code Tensor}s are immutable,
 * so an identical array means identical values. One entry per slot (the top and bottom row blocks
 * of a split weight), replaced when the weights change (a training step assigns a new tensor).
 *
 * <pre>{@code
 * Gemm.Packed w = cache.get(0, false, weights, 0, k, n);
 * }</pre>
 *
 * <p>Thread-safe: concurrent runs share it; a stale read only costs a second packing.
 */
final class PackCache {
  private final AtomicReferenceArray<Entry> slots;

  PackCache(int slots) {
    this.slots = new AtomicReferenceArray<>(slots);
  }

  /**
   * The {@code k x n} operand at {@code b[off..]} ({@code n x k} when {@code trans}), packed: see
   * {@link Gemm#pack}.
   */
  Gemm.Packed get(int slot, boolean trans, float[] b, int off, int k, int n) {
    Entry e = slots.get(slot);
    if (e != null && e.b == b && e.off == off && e.trans == trans && e.packed.k() == k
        && e.packed.n() == n) {
      return e.packed;
    }
    Entry fresh = new Entry(b, off, trans, Gemm.pack(trans, k, n, b, off));
    slots.set(slot, fresh);
    return fresh.packed;
  }

  private record Entry(float[] b, int off, boolean trans, Gemm.Packed packed) {}
}
