package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.tensorgraph.core.Tensor;

/** Compares what Tensorgraph and TensorFlow computed for the same named tensors. */
final class InteropCompare {
  /** The bound for float32 results of the same graph on both runtimes. */
  static final double TOLERANCE = 1e-6;

  private InteropCompare() {}

  /**
   * Asserts equal dtypes and shapes and values within {@link #TOLERANCE}, and prints the largest
   * difference (the test report keeps it, so the margin is visible, not only pass/fail).
   *
   * @return the largest absolute difference over all tensors
   */
  static double assertClose(String what, List<String> names, List<Tensor> ours,
      List<Tensor> tf) {
    assertEquals(names.size(), ours.size(), what + ": our fetch count");
    assertEquals(names.size(), tf.size(), what + ": TF's fetch count");
    double max = 0;
    for (int i = 0; i < names.size(); i++) {
      String where = what + ", " + names.get(i);
      Tensor a = ours.get(i);
      Tensor b = tf.get(i);
      assertEquals(b.dtype(), a.dtype(), where + ": dtype (TF vs ours)");
      assertEquals(b.shape(), a.shape(), where + ": shape (TF vs ours)");
      double d = maxAbsDiff(a, b);
      assertTrue(d <= TOLERANCE, () -> where + ": |ours - TF| reaches " + d + "\nours " + a
          + "\nTF   " + b);
      max = Math.max(max, d);
    }
    System.out.printf("interop %s: max |ours - TF| = %.3g over %d tensors%n", what, max,
        names.size());
    return max;
  }

  /** Asserts identical bits (random initial values: both sides run Philox with the same keys). */
  static void assertSameBits(String what, List<String> names, List<Tensor> ours,
      List<Tensor> tf) {
    for (int i = 0; i < names.size(); i++) {
      Tensor a = ours.get(i);
      Tensor b = tf.get(i);
      assertEquals(b.shape(), a.shape(), what + ", " + names.get(i) + ": shape");
      Bits.assertSameBits(b.rawData(), a.rawData(), what + ", " + names.get(i));
    }
  }

  static double maxAbsDiff(Tensor a, Tensor b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      double d = Math.abs(a.getAsDouble(i) - b.getAsDouble(i));
      if (Double.isNaN(d)) {
        return Double.POSITIVE_INFINITY;
      }
      max = Math.max(max, d);
    }
    return max;
  }
}
