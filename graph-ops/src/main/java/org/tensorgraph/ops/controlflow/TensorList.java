package org.tensorgraph.ops.controlflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;

/**
 * The value inside a {@code DT_VARIANT} TensorList handle, as TF's {@code TensorList}: an element
 * dtype, a (possibly partial) element shape, and items, each a tensor or unset ({@code null}).
 *
 * <pre>{@code
 * Output h = TensorLists.reserve(g, Shape.of(-1, 4), 3, DType.FLOAT32, null);
 * TensorList l = TensorList.of(session.run(h));
 * l.size();          // 3
 * l.elementShape();  // [?,4]
 * l.get(0);          // null: never set
 * }</pre>
 *
 * <p><b>In-place updates.</b> TF forwards a list's buffer to the output of {@code
 * TensorListSetItem} when its reference count is one; the JVM has no reference counts, so the rule
 * here is structural (see {@link ListOwnership}): a kernel may update a list in place only when
 * the list is not {@link #isBorrowed() borrowed} and the node is the only consumer of the tensor
 * inside a function body. Every other writer copies first ({@link #copy()}, counted by {@link
 * #COPIES}). A borrowed list is a read-only view that shares its items with a list that someone
 * else owns; {@code While} hands such views to {@code cond} and to a body whose input it does not
 * own, so a loop of T steps copies each list at most once, on its first write.
 */
public final class TensorList {
  /** Copies made by writers that could not update in place; tests read it. */
  static final AtomicLong COPIES = new AtomicLong();

  private final DType elementDtype;
  private final Shape elementShape;
  private final ArrayList<Tensor> items; // null entries are unset items, or come from rows
  /** Where the items {@link #items} leaves unset come from, when they are covered; or null. */
  private final ListRows rows;
  private final boolean borrowed;

  private TensorList(DType elementDtype, Shape elementShape, ArrayList<Tensor> items,
      ListRows rows, boolean borrowed) {
    this.elementDtype = elementDtype;
    this.elementShape = elementShape;
    this.items = items;
    this.rows = rows;
    this.borrowed = borrowed;
  }

  /** A list of {@code size} unset items, as {@code TensorListReserve} makes. */
  static TensorList reserve(DType elementDtype, Shape elementShape, int size) {
    ArrayList<Tensor> items = new ArrayList<>(Collections.nCopies(size, (Tensor) null));
    return new TensorList(elementDtype, elementShape, items, null, false);
  }

  /** A list holding {@code items} (not copied: the caller hands them over). */
  static TensorList of(DType elementDtype, Shape elementShape, List<Tensor> items) {
    return new TensorList(elementDtype, elementShape, new ArrayList<>(items), null, false);
  }

  /** A list whose items are {@code rows}' (items {@code 0 .. rows.count - 1}). */
  static TensorList of(DType elementDtype, Shape elementShape, ListRows rows) {
    ArrayList<Tensor> items = new ArrayList<>(Collections.nCopies(rows.count, (Tensor) null));
    return new TensorList(elementDtype, elementShape, items, rows, false);
  }

  /**
   * The list held by a variant handle.
   *
   * @throws InvalidArgumentException with TF's text if {@code handle} is not a scalar list handle
   */
  public static TensorList of(Tensor handle) {
    if (handle.rank() != 0) {
      throw new InvalidArgumentException("Input list must be a scalar saw: " + handle.shape());
    }
    Object v = handle.dtype() == DType.VARIANT ? handle.variantValue() : null;
    if (!(v instanceof TensorList)) {
      throw new InvalidArgumentException("Input handle is not a list. Saw: '"
          + (v == null ? handle.dtype().tfName() : v.getClass().getSimpleName()) + "'");
    }
    return (TensorList) v;
  }

  /** This list as a scalar variant tensor. */
  public Tensor toTensor() {
    return Tensor.variant(this);
  }

  public DType elementDtype() {
    return elementDtype;
  }

  /** The element shape the list was made with; dims or rank may be unknown. */
  public Shape elementShape() {
    return elementShape;
  }

  public int size() {
    return items.size();
  }

  /** Item {@code i}, or null when it was never set. */
  public Tensor get(int i) {
    Tensor t = items.get(i);
    return t != null || rows == null || !rows.covers(i) ? t : rows.item(i);
  }

  /** Item {@code i}'s shape, or null when it was never set; makes no tensor. */
  Shape shapeOf(int i) {
    Tensor t = items.get(i);
    return t != null ? t.shape() : rows != null && rows.covers(i) ? rows.element : null;
  }

  /**
   * True when item {@code i} is set, of {@code dtype} and {@code shape}; makes no tensor (a list
   * from a tensor makes its items only when they are read).
   */
  public boolean itemIs(int i, DType dtype, Shape shape) {
    Tensor t = items.get(i);
    if (t != null) {
      return t.dtype() == dtype && t.shape().equals(shape);
    }
    return rows != null && rows.covers(i) && elementDtype == dtype && rows.element.equals(shape);
  }

  /** Copies elements {@code pos .. pos + length - 1} of set item {@code i} (flat) to {@code dest}. */
  void copyItem(int i, int pos, Object dest, int destPos, int length) {
    Tensor t = items.get(i);
    if (t != null) {
      System.arraycopy(t.rawData(), pos, dest, destPos, length);
    } else {
      rows.copy(i, pos, dest, destPos, length);
    }
  }

  /**
   * Items {@code from .. from + n - 1} as consecutive blocks of one array, when they are the rows
   * of the tensor the list was made from and none was replaced since; else null. Fused kernels
   * read them there instead of gathering the items.
   *
   * <pre>{@code
   * TensorList.Span s = in.span(0, steps);  // s.data()[s.offset() ..]: item 0, then item 1, ...
   * }</pre>
   */
  public Span span(int from, int n) {
    if (rows == null || !rows.timeMajor || n <= 0 || !rows.covers(from)
        || !rows.covers(from + n - 1) || !unsetIn(from, n)) {
      return null;
    }
    return new Span(rows.data, rows.offset(from));
  }

  /** Where a {@link #span} of items lies: {@code data} from {@code offset} on. */
  public record Span(Object data, int offset) {}

  /**
   * The array holding every item of this list stacked, {@code [size, element...]}, or with
   * {@code batchMajor} {@code [element[0], size, element[1:]...]}, when all the items are rows of
   * shape {@code element} kept in that layout (from {@code TensorListFromTensor}, or {@link
   * #withBatchMajorItems}); else null. A stack returns it rather than a copy.
   */
  Object stackedData(Shape element, boolean batchMajor) {
    if (rows == null || rows.timeMajor == batchMajor || rows.from != 0
        || rows.count != items.size()
        || !rows.element.equals(element) || !unsetIn(0, items.size())) {
      return null;
    }
    return rows.data;
  }

  private boolean unsetIn(int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (items.get(i) != null) {
        return false;
      }
    }
    return true;
  }

  /** True for a read-only view of a list someone else owns: writers must copy it. */
  public boolean isBorrowed() {
    return borrowed;
  }

  /** A private copy (the items themselves are immutable tensors and are shared). */
  TensorList copy() {
    COPIES.incrementAndGet();
    return new TensorList(elementDtype, elementShape, new ArrayList<>(items), rows, false);
  }

  /**
   * A new list like this one with items {@code from .. from + items.length - 1} replaced: what
   * that many {@code TensorListSetItem}s leave, for a kernel that computes a whole loop at once.
   * This list is unchanged.
   *
   * <pre>{@code
   * TensorList out = reserved.withItems(0, steps);  // every step's output set
   * }</pre>
   *
   * @throws IndexOutOfBoundsException if the range is not inside the list
   */
  public TensorList withItems(int from, Tensor[] items) {
    Objects.checkFromIndexSize(from, items.length, size());
    TensorList out = copy();
    for (int i = 0; i < items.length; i++) {
      out.items.set(from + i, items[i]);
    }
    return out;
  }

  /**
   * A new list like this one with items {@code from .. from + n - 1} replaced by the rows of
   * {@code data}, laid out {@code [element[0], n, element[1:]...]} (handed over: never written
   * again): what a fused loop's SetItems leave, kept where the batch-major stack after the loop
   * finds them. This list is unchanged.
   *
   * <pre>{@code
   * TensorList out = reserved.withBatchMajorItems(0, steps, Shape.of(batch, units), seq);
   * }</pre>
   *
   * @throws IndexOutOfBoundsException if the range is not inside the list
   * @throws IllegalArgumentException if {@code data} does not hold n items of {@code element}
   */
  public TensorList withBatchMajorItems(int from, int n, Shape element, float[] data) {
    Objects.checkFromIndexSize(from, n, size());
    ListRows r = ListRows.batchMajor(from, n, element, data);
    if (rows != null) { // one block of rows per list: the new items become tensors now
      Tensor[] made = new Tensor[n];
      for (int i = 0; i < n; i++) {
        made[i] = r.item(from + i);
      }
      return withItems(from, made);
    }
    ArrayList<Tensor> kept = new ArrayList<>(items);
    for (int i = from; i < from + n; i++) {
      kept.set(i, null);
    }
    COPIES.incrementAndGet();
    return new TensorList(elementDtype, elementShape, kept, r, false);
  }

  /** The item storage, shared by this list and its views; compared by identity. */
  Object storage() {
    return items;
  }

  /** A read-only view sharing this list's items; O(1). */
  TensorList borrow() {
    return new TensorList(elementDtype, elementShape, items, rows, true);
  }

  void set(int i, Tensor t) {
    checkWritable();
    items.set(i, t);
  }

  void push(Tensor t) {
    checkWritable();
    items.add(t);
  }

  void pop() {
    checkWritable();
    items.remove(items.size() - 1);
  }

  private void checkWritable() {
    if (borrowed) {
      throw new IllegalStateException("A borrowed TensorList is read-only; copy it first");
    }
  }

  /** {@code TensorList(element_dtype=float32, element_shape=[?,4], size=3)}. */
  @Override
  public String toString() {
    return "TensorList(element_dtype=" + elementDtype.numpyName() + ", element_shape="
        + elementShape + ", size=" + items.size() + ")";
  }
}
