package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Lists whose items stay in one array ({@link ListRows}): TensorListFromTensor's rows and a fused
 * loop's batch-major outputs read, replaced and stacked as lists of separate items would be.
 */
class ListRowsTest {
  static final DType F = DType.FLOAT32;
  static final Shape ROW = Shape.of(2, 3);

  /** {@code [n, 2, 3]} holding 0, 1, 2, ... */
  static Tensor counting(int n) {
    float[] d = new float[n * 6];
    for (int i = 0; i < d.length; i++) {
      d[i] = i;
    }
    return Tensor.wrap(Shape.of(n, 2, 3), d);
  }

  static TensorList fromTensor(Tensor t) {
    return TensorList.of(F, ROW, ListRows.timeMajor(t, ROW));
  }

  /** Item t of a [2, n, 3] batch-major array: rows data[0, t] and data[1, t]. */
  static float[] batchMajorItem(float[] data, int n, int t) {
    float[] r = new float[6];
    System.arraycopy(data, t * 3, r, 0, 3);
    System.arraycopy(data, (n + t) * 3, r, 3, 3);
    return r;
  }

  @Test
  void fromTensorItemsAreTheRowsAndTheSameTensorOnEveryRead() {
    Tensor x = counting(3);
    TensorList l = fromTensor(x);
    for (int t = 0; t < 3; t++) {
      float[] want = new float[6];
      System.arraycopy((float[]) x.rawData(), t * 6, want, 0, 6);
      assertArrayEquals(want, (float[]) l.get(t).rawData(), "item " + t);
      assertEquals(ROW, l.get(t).shape());
      assertSame(l.get(t), l.borrow().get(t), "a second read made another tensor");
    }
    assertTrue(l.itemIs(1, F, ROW));
    assertFalse(l.itemIs(1, F, Shape.of(6)));
    assertFalse(l.itemIs(1, DType.INT32, ROW));
  }

  @Test
  void spanIsTheTensorsRowsUntilOneIsReplaced() {
    Tensor x = counting(4);
    TensorList l = fromTensor(x);
    TensorList.Span s = l.span(1, 3);
    assertSame(x.rawData(), s.data());
    assertEquals(6, s.offset());
    assertNull(l.span(2, 3), "past the end");
    assertNull(l.span(0, 0));
    TensorList w = l.withItems(2, new Tensor[] {Tensor.zeros(F, ROW)});
    assertNull(w.span(1, 3), "item 2 was replaced");
    assertEquals(0, w.span(0, 2).offset(), "items 0 and 1 are still rows");
    assertArrayEquals(new float[6], (float[]) w.get(2).rawData());
    assertEquals(12f, ((float[]) l.get(2).rawData())[0], "the original list changed");
  }

  @Test
  void stackingAFromTensorListReturnsItsTensorsArrayAndCopiesOnceAnItemChanged() {
    Tensor x = counting(3);
    TensorList l = fromTensor(x);
    assertSame(x.rawData(), TensorListOps.stackRows(l, ROW, false).rawData());
    l.set(1, Tensor.wrap(ROW, new float[] {9, 9, 9, 9, 9, 9}));
    Tensor s = TensorListOps.stackRows(l, ROW, false);
    assertNotSame(x.rawData(), s.rawData());
    float[] want = ((float[]) x.rawData()).clone();
    Arrays.fill(want, 6, 12, 9f);
    assertArrayEquals(want, (float[]) s.rawData());
  }

  @Test
  void batchMajorItemsReadStackAndTransposeAsSeparateItemsWould() {
    int n = 4;
    float[] data = (float[]) counting(n).rawData(); // [2, 4, 3]
    TensorList reserved = TensorList.reserve(F, Shape.of(-1, 3), n);
    TensorList l = reserved.withBatchMajorItems(0, n, ROW, data);
    Tensor[] items = new Tensor[n];
    for (int t = 0; t < n; t++) {
      assertArrayEquals(batchMajorItem(data, n, t), (float[]) l.get(t).rawData(), "item " + t);
      items[t] = Tensor.wrap(ROW, batchMajorItem(data, n, t));
    }
    TensorList separate = reserved.withItems(0, items);
    Tensor batchMajor = TensorListOps.stackRows(l, ROW, true);
    assertSame(data, batchMajor.rawData(), "the stack copied the loop's array");
    assertEquals(Shape.of(2, n, 3), batchMajor.shape());
    assertArrayEquals((float[]) TensorListOps.stackRows(separate, ROW, true).rawData(), data);
    Tensor timeMajor = TensorListOps.stackRows(l, ROW, false);
    assertArrayEquals((float[]) TensorListOps.stackRows(separate, ROW, false).rawData(),
        (float[]) timeMajor.rawData());
    assertNull(reserved.get(0), "the reserved list changed");
  }

  @Test
  void batchMajorItemsInsideALongerListLeaveTheOthers() {
    float[] data = (float[]) counting(2).rawData(); // [2, 2, 3]: items 1 and 2
    Tensor first = Tensor.wrap(ROW, new float[] {7, 7, 7, 7, 7, 7});
    TensorList l = TensorList.reserve(F, ROW, 4).withItems(0, new Tensor[] {first})
        .withBatchMajorItems(1, 2, ROW, data);
    assertSame(first, l.get(0));
    assertArrayEquals(batchMajorItem(data, 2, 1), (float[]) l.get(2).rawData());
    assertNull(l.get(3));
    Tensor s = TensorListOps.stackRows(l, ROW, true);
    assertNotSame(data, s.rawData(), "not every item is the loop's");
    float[] out = (float[]) s.rawData(); // [2, 4, 3]: row 1 of item 2 at [1, 2]
    assertEquals(data[(2 + 1) * 3], out[(4 + 2) * 3]);
    assertEquals(7f, out[0]);
    assertEquals(0f, out[(4 + 3) * 3], "an unset item stacks as zeros");
  }

  @Test
  void batchMajorItemsOnAFromTensorListBecomeTensorsAtOnce() {
    TensorList l = fromTensor(counting(3));
    float[] data = new float[12];
    Arrays.fill(data, 5f);
    TensorList w = l.withBatchMajorItems(1, 2, ROW, data);
    assertEquals(0f, ((float[]) w.get(0).rawData())[0], "item 0 is still row 0");
    float[] fives = {5, 5, 5, 5, 5, 5};
    assertArrayEquals(fives, (float[]) w.get(1).rawData());
    assertArrayEquals(fives, (float[]) w.get(2).rawData());
    assertNull(w.span(0, 2), "item 1 is no longer a row");
  }

  @Test
  void popAndPushOnARowList() {
    TensorList l = fromTensor(counting(3));
    l.pop();
    assertEquals(2, l.size());
    Tensor z = Tensor.zeros(F, ROW);
    l.push(z);
    assertSame(z, l.get(2), "the pushed item, not the old row");
    assertEquals(6f, ((float[]) l.get(1).rawData())[0]);
  }

  @Test
  void rejectsAWrongArrayOrRange() {
    TensorList l = TensorList.reserve(F, ROW, 3);
    assertThrows(IllegalArgumentException.class,
        () -> l.withBatchMajorItems(0, 3, ROW, new float[17]));
    assertThrows(IndexOutOfBoundsException.class,
        () -> l.withBatchMajorItems(2, 2, ROW, new float[12]));
  }
}
