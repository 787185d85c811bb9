package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** {@link TensorList#withItems}: what that many SetItems leave, the original untouched. */
class TensorListWithItemsTest {
  @Test
  void replacesTheRangeInANewList() {
    TensorList l = TensorList.reserve(DType.FLOAT32, Shape.of(-1, 2), 4);
    Tensor a = Tensor.of(new float[][] {{1f, 2f}});
    Tensor b = Tensor.of(new float[][] {{3f, 4f}});
    TensorList out = l.withItems(1, new Tensor[] {a, b});
    assertNull(out.get(0));
    assertSame(a, out.get(1));
    assertSame(b, out.get(2));
    assertNull(out.get(3));
    assertNull(l.get(1), "the original list changed");
  }

  @Test
  void rejectsARangeOutsideTheList() {
    TensorList l = TensorList.reserve(DType.FLOAT32, Shape.of(2), 2);
    Tensor[] three = {Tensor.of(new float[2]), Tensor.of(new float[2]), Tensor.of(new float[2])};
    assertThrows(IndexOutOfBoundsException.class, () -> l.withItems(0, three));
    assertThrows(IndexOutOfBoundsException.class, () -> l.withItems(-1, new Tensor[1]));
  }
}
