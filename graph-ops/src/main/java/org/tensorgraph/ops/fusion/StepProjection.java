package org.tensorgraph.ops.fusion;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * float[] out = projections.block(list, t, x, top, pool, 2);  // null: not hoisted
 * Gemm.sgemm(false, rows, h, 0, bottom, out, 0, true, pool, 2);  // += h W_bottom
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
   * The last projection's array once its loop is done with it, for the next run's: the same
   * plan runs the same shapes again, and a fresh array of megabytes costs more to allocate and
   * zero than the product costs to clear it (and is G1 garbage that only a concurrent cycle may
   * free). Likewise the gathered inputs.
   */
  private final AtomicReference<float[]> spare = new AtomicReference<>();
  private final AtomicReference<float[]> spareIn = new AtomicReference<>();

  /**
   * A new array holding {@code x W_top} for step {@code t} of {@code list}, whose element t the
   * step read as {@code x}; null when the hoisted projection does not apply: the list's elements
   * are not all float32 of x's shape, element t is no longer x, or the weights changed since
   * (then the step computes its own projection; the list is never projected twice, so a loop
   * that rewrites its input list cannot make every step redo the whole product).
   */
  float[] block(TensorList list, int t, Tensor x, Gemm.Packed top, Executor pool, int threads) {
    Entry e = byList.get(list);
    if (e == null) {
      e = build(list, x, top, pool, threads);
      byList.put(list, e);
    }
    if (e == NONE || e.top != top || t < 0 || t >= e.items.length || e.items[t] != x) {
      return null;
    }
    e.readers.incrementAndGet();
    try {
      if (e.released.get()) { // a concurrent run over the same (fed) list is done with it
        return null;
      }
      int from = t * e.block;
      return Arrays.copyOfRange(e.p, from, from + e.block);
    } finally {
      e.readers.decrementAndGet();
      if (t == e.items.length - 1) {
        release(list, e);
      }
    }
  }

  /**
   * The last step's read: the entry leaves the map (a later read of this list, if any, builds it
   * again) and its array becomes the spare, unless another reader may still be copying from it.
   * Readers count themselves in before they check {@code released}, and the releaser sets it
   * before it counts them, so one of the two always sees the other.
   */
  private void release(TensorList list, Entry e) {
    byList.remove(list, e);
    if (e.released.compareAndSet(false, true) && e.readers.get() == 0) {
      spare.set(e.p);
    }
  }

  /** The projection of every element, or {@link #NONE} unless all are float32 of x's shape. */
  private Entry build(TensorList list, Tensor x, Gemm.Packed top, Executor pool, int threads) {
    int steps = list.size();
    int rows = (int) x.shape().dim(0);
    int k = top.k();
    Tensor[] items = new Tensor[steps];
    int inSize = Math.multiplyExact(Math.multiplyExact(steps, rows), k);
    float[] in = take(spareIn, inSize);
    in = in != null ? in : new float[inSize];
    for (int t = 0; t < steps; t++) {
      Tensor item = list.get(t);
      if (item == null || item.dtype() != DType.FLOAT32 || !item.shape().equals(x.shape())) {
        return NONE;
      }
      items[t] = item;
      System.arraycopy((float[]) item.rawData(), 0, in, t * rows * k, rows * k);
    }
    int size = Math.multiplyExact(Math.multiplyExact(steps, rows), top.n());
    float[] p = take(spare, size);
    // why accumulate onto a fresh array: it is zeros, and a chain continued from +0 has the bits
    // of one begun at 0; a reused one is cleared by the product instead
    boolean fresh = p == null;
    p = fresh ? new float[size] : p;
    Gemm.sgemm(false, steps * rows, in, 0, top, p, 0, fresh, pool, threads);
    spareIn.set(in);
    return new Entry(items, top, p, rows * top.n());
  }

  /** The spare array if it has {@code size} floats, else null (and the spare is dropped). */
  static float[] take(AtomicReference<float[]> from, int size) {
    float[] a = from.getAndSet(null);
    return a != null && a.length == size ? a : null;
  }

  /** Marks a list whose projection does not apply. */
  private static final Entry NONE = new Entry(new Tensor[0], null, new float[0], 0);

  /** A list's projections: {@code block} floats per element, element t's at {@code t * block}. */
  private record Entry(Tensor[] items, Gemm.Packed top, float[] p, int block,
      AtomicInteger readers, AtomicBoolean released) {
    Entry(Tensor[] items, Gemm.Packed top, float[] p, int block) {
      this(items, top, p, block, new AtomicInteger(), new AtomicBoolean());
    }
  }
}
