package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.errors.InvalidArgumentException;

/** The runtime broadcast plan against explicit multi-index arithmetic. */
class BroadcastTest {
  record BCase(Shape x, Shape y) {}

  static Stream<BCase> cases() {
    return Stream.of(new BCase(Shape.of(2, 3), Shape.of(2, 3)), new BCase(Shape.of(2, 3),
        Shape.of(3)), new BCase(Shape.of(3, 1), Shape.of(1, 4)), new BCase(Shape.of(2, 1, 3),
            Shape.of(4, 1)), new BCase(Shape.scalar(), Shape.of(5)), new BCase(Shape.of(5),
                Shape.scalar()), new BCase(Shape.scalar(), Shape.scalar()),
        new BCase(Shape.of(0, 3), Shape.of(3)), new BCase(Shape.of(2, 3, 4, 5), Shape.of(3, 1, 5)),
        new BCase(Shape.of(1, 1, 4), Shape.of(2, 3, 1)), new BCase(Shape.of(6, 1, 1, 2),
            Shape.of(6, 5, 7, 2)), new BCase(Shape.of(1), Shape.of(1, 1, 1)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rowsVisitEveryOutputOnceWithTheRightSources(BCase c) {
    long[] od = MathTestSupport.refBroadcast(c.x().dims(), c.y().dims());
    Broadcast.Plan p = Broadcast.plan(c.x(), c.y());
    assertEquals(Shape.of(od), p.shape());
    int n = MathTestSupport.count(od);
    assertEquals(n, p.size());
    int[] xi = new int[n];
    int[] yi = new int[n];
    boolean[] seen = new boolean[n];
    List<Integer> next = new ArrayList<>(List.of(0));
    p.forEachRow((xo, xs, yo, ys, zo, len) -> {
      assertEquals(next.get(0).intValue(), zo, "rows come in output order");
      assertTrue(xs == 0 || xs == 1);
      assertTrue(ys == 0 || ys == 1);
      for (int k = 0; k < len; k++) {
        assertFalse(seen[zo + k]);
        seen[zo + k] = true;
        xi[zo + k] = xo + k * xs;
        yi[zo + k] = yo + k * ys;
      }
      next.set(0, zo + len);
    });
    for (int i = 0; i < n; i++) {
      int[] idx = MathTestSupport.unflatten(od, i);
      assertTrue(seen[i]);
      assertEquals(MathTestSupport.refSourceIndex(c.x().dims(), idx), xi[i], "x of " + i);
      assertEquals(MathTestSupport.refSourceIndex(c.y().dims(), idx), yi[i], "y of " + i);
    }
    int[] mapX = Broadcast.indexMap(c.x(), p.shape());
    assertArrayEquals(xi, mapX);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void sameShapeIsOneRow(BCase c) {
    Broadcast.Plan p = Broadcast.plan(c.x(), c.x());
    int[] rows = {0};
    p.forEachRow((xo, xs, yo, ys, zo, len) -> rows[0]++);
    assertEquals(p.size() == 0 ? 0 : 1, rows[0]);
  }

  @org.junit.jupiter.api.Test
  void incompatibleShapesHaveTfText() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> Broadcast.plan(Shape.of(2, 3), Shape.of(4)));
    assertEquals("Incompatible shapes: [2,3] vs. [4]", e.getMessage());
    assertFalse(Broadcast.compatible(Shape.of(0), Shape.of(2)));
    assertTrue(Broadcast.compatible(Shape.of(0), Shape.of(1)));
  }
}
