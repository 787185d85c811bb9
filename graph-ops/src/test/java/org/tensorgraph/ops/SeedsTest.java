package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.tensorgraph.core.graph.Graph;

class SeedsTest {
  @Test
  void followsGetSeedsTable() {
    Graph g = new Graph();
    assertArrayEquals(new long[] {0, 0}, Seeds.get(g, null));
    assertArrayEquals(new long[] {87654321L, 42}, Seeds.get(g, 42L));
    g.opBuilder("NoOp", null).build();
    g.opBuilder("NoOp", null).build();
    g.setSeed(7);
    assertArrayEquals(new long[] {7, 2}, Seeds.get(g, null), "seed2 is the op count");
    assertArrayEquals(new long[] {7, 5}, Seeds.get(g, 5L));
    // truncation modulo 2^31 - 1, and (0, 0) avoided
    g.setSeed((1L << 31) - 1);
    assertArrayEquals(new long[] {0, (1L << 31) - 1}, Seeds.get(g, 0L));
    g.setSeed(-1);
    assertArrayEquals(new long[] {(1L << 31) - 2, 3}, Seeds.get(g, 3L));
  }
}
