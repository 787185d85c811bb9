package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NestTest {
  record Pair<T>(T a, T b) {}

  record Named(String name, int size) {}

  private record Hidden<T>(T x) {}

  @Test
  void flattensDepthFirstInOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", List.of(2, new Pair<>(3, 4)));
    assertEquals(List.of(0, 1, 2, 3, 4, 5), Nest.flatten(List.of(0, m, 5)));
    assertEquals(List.of(7), Nest.flatten(7));
    assertEquals(List.of(), Nest.flatten(List.of()));
  }

  @Test
  void mapsKeepingTheStructureAndTypes() {
    Object r = Nest.map(List.of(1, new Pair<>(2, List.of(3)), Map.of("k", 4)),
        x -> (Integer) x * 10);
    assertEquals(List.of(10, new Pair<>(20, List.of(30)), Map.of("k", 40)), r);
    assertInstanceOf(ArrayList.class, r);
    assertEquals(new Hidden<>("1"), Nest.map(new Hidden<>(1), String::valueOf));
  }

  @Test
  void recordsMustAcceptTheNewLeaves() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Nest.map(new Named("n", 1), x -> 1.5));
    assertEquals("Cannot rebuild record Named: component name has type String, which cannot "
        + "hold a Double. Declare the record generic in its element type, e.g. record "
        + "Named<T>(T name, ...).", e.getMessage());
  }

  @Test
  void errorsOfTheFunctionPassThrough() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Nest.map(new Pair<>(1, 2), x -> {
          throw new IllegalStateException("mine");
        }));
    assertEquals("mine", e.getMessage());
  }

  @Test
  void knowsItsStructures() {
    assertTrue(Nest.isStructure(List.of()));
    assertTrue(Nest.isStructure(Map.of()));
    assertTrue(Nest.isStructure(new Pair<>(1, 2)));
    assertFalse(Nest.isStructure("x"));
  }
}
