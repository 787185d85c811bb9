package org.tensorgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A shape's element count and definedness are computed once, when it is made; they must answer
 * as a fresh computation would, overflow included.
 */
class ShapeCountsTest {
  @Test
  void countsAndDefinednessAnswerAsComputedOnDemand() {
    assertTrue(Shape.of(2, 3).isFullyDefined());
    assertFalse(Shape.of(2, -1).isFullyDefined());
    assertFalse(Shape.unknown().isFullyDefined());
    assertTrue(Shape.scalar().isFullyDefined());
    assertEquals(6, Shape.of(2, 3).numElements());
    assertEquals(6, Shape.of(2, 3).numElements(), "asked twice");
    assertEquals(0, Shape.of(5, 0, 7).numElements());
    assertEquals(Long.MAX_VALUE, Shape.of(Long.MAX_VALUE).numElements());
    assertEquals(1L << 62, Shape.of(1L << 31, 1L << 31).numElements());
  }

  @Test
  void anOverflowIsReportedEveryTimeItIsAskedFor() {
    for (Shape s : new Shape[] {Shape.of(1L << 32, 1L << 32), Shape.of(Long.MAX_VALUE, 2),
        Shape.of(1L << 40, 1L << 40, 0)}) {
      for (int i = 0; i < 2; i++) {
        ArithmeticException e = assertThrows(ArithmeticException.class, s::numElements);
        assertEquals("Number of elements of shape " + s + " overflows a 64-bit integer",
            e.getMessage());
      }
      assertTrue(s.isFullyDefined());
    }
    assertEquals("Shape [?,2] is not fully defined", assertThrows(IllegalStateException.class,
        () -> Shape.of(-1, 2).numElements()).getMessage());
  }

  @Test
  void intAndLongFactoriesAgreeAndCheckDimensions() {
    assertEquals(Shape.of(4L, 0L, 2L), Shape.of(4, 0, 2));
    assertEquals(Shape.scalar(), Shape.of(new int[0]));
    assertEquals(Shape.of(-1L, 3L), Shape.of(-1, 3));
    assertEquals("Shape dimension 1 is -2; dimensions must be >= 0, or -1 for unknown",
        assertThrows(IllegalArgumentException.class, () -> Shape.of(3, -2)).getMessage());
    long[] dims = {2, 3};
    Shape s = Shape.of(dims);
    dims[0] = 9;
    assertEquals(Shape.of(2, 3), s, "the factory copies its argument");
  }
}
