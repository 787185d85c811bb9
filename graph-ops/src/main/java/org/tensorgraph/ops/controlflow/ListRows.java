package org.tensorgraph.ops.controlflow;

import java.lang.reflect.Array;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Items {@code from .. from + count - 1} of a {@link TensorList} kept in one primitive array and
 * made into tensors only when read: {@code TensorListFromTensor}'s rows (TF copies each at once;
 * here row i of the tensor stays where it is) and a fused loop's outputs, written batch-major
 * where the stack and transpose after the loop want them. Arrays of tensors are never written
 * again, so the list may share one with the tensor it came from or goes to.
 *
 * <pre>{@code
 * ListRows r = ListRows.timeMajor(x);          // x [T, B, I]: item t is x[t]
 * ListRows o = ListRows.batchMajor(0, T, Shape.of(B, U), seq);  // seq [B, T, U]: item t is seq[:, t]
 * }</pre>
 *
 * <p>Layout: item {@code from + k} is {@code element.numElements() / run} runs of {@code run}
 * elements, run {@code r} at {@code k * run + r * runStride}.
 */
final class ListRows {
  final int from;
  final int count;
  final Object data;
  final Shape element;
  final boolean timeMajor;
  private final int len;
  private final int run;
  private final int runStride;
  /** Items already made, so that every read of item i returns the same tensor. */
  private final AtomicReferenceArray<Tensor> made;

  private ListRows(int from, int count, Object data, Shape element, boolean timeMajor, int run,
      int runStride) {
    this.from = from;
    this.count = count;
    this.data = data;
    this.element = element;
    this.timeMajor = timeMajor;
    this.len = Tensor.checkedElementCount(element);
    this.run = run;
    this.runStride = runStride;
    this.made = new AtomicReferenceArray<>(count);
  }

  /** The rows of {@code t} as items {@code 0 .. t.shape().dim(0) - 1}. */
  static ListRows timeMajor(Tensor t, Shape rowShape) {
    int n = (int) t.shape().dim(0);
    int len = Tensor.checkedElementCount(rowShape);
    return new ListRows(0, n, t.rawData(), rowShape, true, len, 0);
  }

  /**
   * Items {@code from .. from + count - 1} of shape {@code element} from {@code data} laid out
   * {@code [element[0], count, element[1:]...]}: the stack of those items with its first two axes
   * swapped.
   */
  static ListRows batchMajor(int from, int count, Shape element, Object data) {
    int len = Tensor.checkedElementCount(element);
    int rows = (int) element.dim(0);
    int run = rows == 0 ? 0 : len / rows;
    if ((long) len * count != Array.getLength(data)) {
      throw new IllegalArgumentException(count + " items of shape " + element + " need "
          + (long) len * count + " elements, the array has " + Array.getLength(data));
    }
    return new ListRows(from, count, data, element, false, run, count * run);
  }

  boolean covers(int i) {
    return i >= from && i - from < count;
  }

  /** Where item {@code i} starts in {@link #data}: for a time-major block, its whole extent. */
  int offset(int i) {
    return (i - from) * run;
  }

  /** Item {@code i} (covered) as a tensor: made on its first read, the same one afterwards. */
  Tensor item(int i) {
    int k = i - from;
    Tensor t = made.get(k);
    if (t == null) {
      Object a = Array.newInstance(data.getClass().getComponentType(), len);
      copy(i, 0, a, 0, len);
      made.compareAndSet(k, null, Tensor.wrap(element, a));
      t = made.get(k);
    }
    return t;
  }

  /** Copies elements {@code pos .. pos + length - 1} of item {@code i} (flat) to {@code dest}. */
  void copy(int i, int pos, Object dest, int destPos, int length) {
    int base = (i - from) * run;
    while (length > 0) {
      int r = pos / run;
      int within = pos - r * run;
      int take = Math.min(run - within, length);
      System.arraycopy(data, base + r * runStride + within, dest, destPos, take);
      pos += take;
      destPos += take;
      length -= take;
    }
  }
}
