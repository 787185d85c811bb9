package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The summation order of {@link EigenReduce} on inputs where order shows (TF's bits are {@code
 * EigenFloatConformanceTest}'s job).
 */
class EigenReduceTest {
  @Test
  void fewerThanAPacketAddInOrder() {
    float[] a = {1e8f, 1f, -1e8f, 1f};
    assertEquals(((1e8f + 1f) + -1e8f) + 1f, EigenReduce.sumFloat(a, 0, 4)); // 1.0
  }

  @Test
  void onePacketAddsLanesPairwise() {
    float[] a = {1e8f, 1f, 1f, 1f, -1e8f, 1f, 1f, 1f};
    // ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7)) = (0 + 2) + (2 + 2)
    assertEquals(6f, EigenReduce.sumFloat(a, 0, 8));
  }

  @Test
  void leftoverIsAddedBeforeThePacketSum() {
    float[] a = new float[9];
    a[0] = 1e8f;
    a[8] = 1f; // the leftover sum (1) is added to the packet sum (1e8), in that order
    assertEquals(1f + 1e8f, EigenReduce.sumFloat(a, 0, 9));
  }

  @Test
  void offsetAndMean() {
    float[] a = {9f, 1f, 2f, 3f};
    assertEquals(6f, EigenReduce.sumFloat(a, 1, 3));
    assertEquals(2f, EigenReduce.meanFloat(a, 1, 3));
    float[] b = {1.1f, 1.3f, 0.8f};
    assertEquals(EigenReduce.sumFloat(b, 0, 3) / 3f, EigenReduce.meanFloat(b, 0, 3));
  }

  @Test
  void longRunsSplitAtAPacketBoundaryNearTheMiddle() {
    int n = EigenReduce.LEAF + 9; // split at 8 * ceil(ceil(n / 2) / 8) = 4104
    float[] a = new float[n];
    java.util.Arrays.fill(a, 0.1f);
    float left = EigenReduce.sumFloat(a, 0, 4104);
    float right = EigenReduce.sumFloat(a, 4104, n - 4104);
    assertEquals(left + right, EigenReduce.sumFloat(a, 0, n));
  }

  @Test
  void logSoftmaxAndSoftmaxOfARow() {
    float[] x = {1f, 2f, 3f};
    float[] ls = new float[3];
    float[] sm = new float[3];
    EigenReduce.logSoftmax(x, 1, 3, ls);
    EigenReduce.softmax(x, 1, 3, sm);
    assertEquals(-2.4076061f, ls[0], 1e-6f);
    assertEquals(0.66524094f, sm[2], 1e-6f);
  }
}
