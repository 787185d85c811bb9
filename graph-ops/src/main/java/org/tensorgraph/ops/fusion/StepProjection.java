package org.tensorgraph.ops.fusion;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.ops.controlflow.TensorList;
import org.tensorgraph.ops.gemm.Gemm;

/**
 * The input projection of an RNN step, hoisted out of the loop: for a step that computes {@code
 * concat([x_t, h]) W} with {@code x_t} read from a TensorList, {@code x_t W_top} is computed for
 * every element of the list at once, by one large product, the first time a step asks (cuDNN's
 * trick), and each step then adds {@code h W_bottom} to its row block. Because every Gemm kernel
 * sums in k order (see {@code GemmProvider}), the result has the unfused graph's bits.
 *
 * <pre>{@code
 * StepProjection.Entry e = projections.lookup(list, t, x, top, pool, 2);  // null: not hoisted
 * System.arraycopy(e.p(), t * e.block(), out, 0, e.block());
 * }</pre>
 *
 * <p>Validity is by identity, never by assumption about the loop: the cached block of step t is
 * used only when the list is the same list object, element t is still the same (immutable) tensor
 * as when the projection was computed, and the weights are the same array. Projections are held
 * weakly by list, so they die with the run's list; concurrent runs each get their own.
 */
final class StepProjection {
  private final Map<TensorList, Entry> byList = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * The projections of {@code list}, whose element {@code t} the step read as {@code x}: {@code x
   * W_top} is at {@code p[t * block ..]}. Null when the hoisted projection does not apply: the
   * list's elements are not all float32 of x's shape, element t is no longer x, or the weights
   * changed since (then the step computes its own projection; the list is never projected twice,
   * so a loop that rewrites its input list cannot make every step redo the whole product).
   */
  Entry lookup(TensorList list, int t, Tensor x, Gemm.Packed top, Executor pool, int threads) {
    Entry e = byList.get(list);
    if (e == null) {
      e = build(list, x, top, pool, threads);
      byList.put(list, e);
    }
    boolean valid = e != NONE && e.top == top && t >= 0 && t < e.items.length && e.items[t] == x;
    if (valid && t == e.items.length - 1) {
      // why: the projection is megabytes, often a humongous G1 object that only a concurrent
      // cycle frees while the map holds it; the last step drops it so the next young GC can
      // (a later read of this list, if any, builds it again)
      byList.remove(list);
    }
    return valid ? e : null;
  }

  /** The projection of every element, or {@link #NONE} unless all are float32 of x's shape. */
  private static Entry build(TensorList list, Tensor x, Gemm.Packed top, Executor pool,
      int threads) {
    int steps = list.size();
    int rows = (int) x.shape().dim(0);
    int k = top.k();
    Tensor[] items = new Tensor[steps];
    float[] in = new float[Math.multiplyExact(Math.multiplyExact(steps, rows), k)];
    for (int t = 0; t < steps; t++) {
      Tensor item = list.get(t);
      if (item == null || item.dtype() != DType.FLOAT32 || !item.shape().equals(x.shape())) {
        return NONE;
      }
      items[t] = item;
      System.arraycopy((float[]) item.rawData(), 0, in, t * rows * k, rows * k);
    }
    float[] p = new float[Math.multiplyExact(Math.multiplyExact(steps, rows), top.n())];
    // why accumulate: p is fresh zeros, and a chain continued from +0 has the bits of one begun
    // at 0, without clearing megabytes of C first
    Gemm.sgemm(false, steps * rows, in, 0, top, p, 0, true, pool, threads);
    return new Entry(items, top, p, rows * top.n());
  }

  /** Marks a list whose projection does not apply. */
  private static final Entry NONE = new Entry(new Tensor[0], null, new float[0], 0);

  /** A list's projections: {@code block} floats per element, element t's at {@code t * block}. */
  record Entry(Tensor[] items, Gemm.Packed top, float[] p, int block) {}
}
