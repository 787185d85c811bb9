package org.tensorgraph.ops.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RowPhase} and the pure-Java kernel's placed rows: phases read right, rows allocated
 * where asked, padding to whole cache lines, and products that keep their bits wherever a
 * collection has moved the rows.
 */
class RowPhaseTest {
  @Test
  void phasesAreKnownOnThisJdk() {
    boolean expected = Runtime.version().feature() < 23
        && !"false".equals(System.getProperty("tensorgraph.gemm.align"));
    assertEquals(expected, RowPhase.known(), "CI runs JDK 17 with compressed references");
  }

  @Test
  void newRowLandsOnEveryPhaseAsked() {
    if (!RowPhase.known()) {
      assertEquals(RowPhase.UNKNOWN, RowPhase.of(new float[4]));
      return;
    }
    Object[] holder = new Object[1];
    for (int ph = 0; ph < 64; ph += 8) {
      int hits = 0;
      for (int i = 0; i < 50; i++) {
        float[] row = RowPhase.newRow(GemmJava.ROW, ph);
        assertEquals(RowPhase.of(row), RowPhase.of(holder, row), "the two reads disagree");
        hits += RowPhase.of(row) == ph ? 1 : 0;
      }
      // a collection or a new allocation buffer may move one; most land
      assertTrue(hits >= 45, "phase " + ph + ": " + hits + " of 50 rows");
    }
  }

  @Test
  void consecutiveRowsStartAlike() {
    if (!RowPhase.known()) {
      return;
    }
    int same = 0;
    for (int i = 0; i < 50; i++) {
      float[] a = new float[GemmJava.ROW];
      float[] b = new float[GemmJava.ROW];
      same += RowPhase.of(a) == RowPhase.of(b) ? 1 : 0;
    }
    assertTrue(same >= 45, same + " of 50 pairs start alike");
  }

  @Test
  void paddedLengthsFillWholeCacheLines() {
    for (int n = 1; n <= 600; n++) {
      int p = GemmJava.padded(n);
      assertEquals(0, (p * 4 + 16) % 64, "length " + n);
      assertTrue(p >= n && p < n + 16, "length " + n + " padded to " + p);
    }
  }

  /** After collections move the packed rows and the workspace, the bits are the plain loop's. */
  @Test
  void productsKeepTheirBitsAfterRowsMove() {
    Random r = new Random(9);
    int m = 130;
    int n = 700;
    int k = 600;
    float[] a = GemmTest.random(r, m * k);
    float[] b = GemmTest.random(r, k * n);
    float[] plain = new float[m * n];
    Gemm.small(m, n, k, a, 0, k, 1, b, 0, n, 1, plain, 0, n, false);
    GemmProvider java = Gemm.javaKernel();
    Object packed = java.pack(b, 0, n, 1, k, n);
    for (int round = 0; round < 3; round++) {
      float[] c = new float[m * n];
      java.sgemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n, false);
      assertArrayEquals(plain, c, "round " + round);
      float[] cp = new float[m * n];
      java.sgemmPacked(m, n, k, a, 0, k, 1, packed, cp, 0, n, false);
      assertArrayEquals(plain, cp, "packed, round " + round);
      System.gc(); // moves the rows, often to another phase
    }
  }
}
