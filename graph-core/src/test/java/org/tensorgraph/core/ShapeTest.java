package org.tensorgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShapeTest {
  record Compat(Shape a, Shape b, boolean compatible, Shape merged) {}

  static Stream<Compat> compatCases() {
    return Stream.of(
        new Compat(Shape.of(-1, 2, 3), Shape.of(4, 2, 3), true, Shape.of(4, 2, 3)),
        new Compat(Shape.of(-1, 2), Shape.of(4, -1), true, Shape.of(4, 2)),
        new Compat(Shape.of(2, 3), Shape.of(2, 4), false, null),
        new Compat(Shape.of(2, 3), Shape.of(2, 3, 1), false, null),
        new Compat(Shape.unknown(), Shape.of(5), true, Shape.of(5)),
        new Compat(Shape.of(5), Shape.unknown(), true, Shape.of(5)),
        new Compat(Shape.scalar(), Shape.scalar(), true, Shape.scalar()),
        new Compat(Shape.scalar(), Shape.of(1), false, null));
  }

  @ParameterizedTest
  @MethodSource("compatCases")
  void compatibilityAndMerge(Compat c) {
    assertEquals(c.compatible(), c.a().isCompatibleWith(c.b()));
    assertEquals(c.compatible(), c.b().isCompatibleWith(c.a()));
    if (c.compatible()) {
      assertEquals(c.merged(), c.a().mergeWith(c.b()));
      assertEquals(c.merged(), c.b().mergeWith(c.a()));
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> c.a().mergeWith(c.b()));
      assertEquals("Shapes " + c.a().toPythonString() + " and " + c.b().toPythonString()
          + " are not compatible", e.getMessage());
    }
  }

  @Test
  void printsAsTfCppAndPython() {
    assertEquals("[?,2,3]", Shape.of(-1, 2, 3).toString());
    assertEquals("(?, 2, 3)", Shape.of(-1, 2, 3).toPythonString());
    assertEquals("(5,)", Shape.of(5).toPythonString());
    assertEquals("()", Shape.scalar().toPythonString());
    assertEquals("[]", Shape.scalar().toString());
    assertEquals("<unknown>", Shape.unknown().toString());
    assertEquals("(0, 3)", Shape.of(0, 3).toNumpyString());
  }

  @Test
  void numElementsChecksDefinednessAndOverflow() {
    assertEquals(24, Shape.of(4, 2, 3).numElements());
    assertEquals(1, Shape.scalar().numElements());
    assertEquals(0, Shape.of(0, 1L << 40).numElements());
    assertThrows(IllegalStateException.class, () -> Shape.of(-1, 2).numElements());
    assertThrows(IllegalStateException.class, () -> Shape.unknown().numElements());
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> Shape.of(1L << 40, 1L << 40).numElements());
    assertTrue(e.getMessage().contains("overflows"), e.getMessage());
  }

  @Test
  void rejectsNegativeDims() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Shape.of(2, -3));
    assertEquals("Shape dimension 1 is -3; dimensions must be >= 0, or -1 for unknown",
        e.getMessage());
  }

  @Test
  void rankAndDims() {
    Shape s = Shape.of(-1, 2, 3);
    assertEquals(3, s.rank());
    assertEquals(3, s.dim(-1));
    assertEquals(-1, s.dim(0));
    assertFalse(s.isFullyDefined());
    assertTrue(Shape.of(1, 2).isFullyDefined());
    assertEquals(-1, Shape.unknown().rank());
    assertFalse(Shape.unknown().hasRank());
    assertThrows(IndexOutOfBoundsException.class, () -> s.dim(3));
    assertThrows(IllegalStateException.class, () -> Shape.unknown().dims());
    assertEquals(Shape.of(2, 3, 7), s.subShape(1, 3).concatenate(Shape.of(7)));
    assertEquals(Shape.unknown(), s.concatenate(Shape.unknown()));
    assertEquals(Shape.of(-1, -1), Shape.unknownDims(2));
    assertEquals(Shape.of(9, 2, 3), s.withDim(0, 9));
  }

  @Test
  void equalityIsStructural() {
    assertEquals(Shape.of(-1), Shape.of(-1));
    assertEquals(Shape.of(-1).hashCode(), Shape.of(-1).hashCode());
    assertFalse(Shape.of(-1).equals(Shape.unknown()));
    assertTrue(Shape.of(3).isMoreSpecificThan(Shape.of(-1)));
    assertFalse(Shape.of(-1).isMoreSpecificThan(Shape.of(3)));
  }
}
