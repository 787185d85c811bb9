package org.tensorgraph.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.DataType;
import org.tensorflow.Output;
import org.tensorflow.Session;

/**
 * One random op configuration (op type, dtype, integer bounds, seeds) and the harness that runs it
 * in TF and in Tensorgraph side by side.
 *
 * @param op TF op type: RandomUniform, RandomUniformInt, RandomStandardNormal or TruncatedNormal
 * @param dtype output dtype
 * @param lo RandomUniformInt's minval (ignored otherwise)
 * @param hi RandomUniformInt's maxval (ignored otherwise)
 * @param seed op attribute {@code seed}
 * @param seed2 op attribute {@code seed2}
 */
record RandomOpCase(String op, DataType dtype, long lo, long hi, long seed, long seed2) {
  /** Seed pairs every random-op test covers. */
  static final long[][] SEEDS = {
    {1, 2},
    {0, Integer.MAX_VALUE}, // what Python's get_seed makes of (0, 0)
    {87654321, 1}, // DEFAULT_GRAPH_SEED with a small op seed
    {87654321, 12345},
    {5, 0},
    {0, 5},
    {-3, 7}, // raw op attrs are int64: negative seeds become uint64 bits
    {0x123456789abL, Long.MIN_VALUE},
  };

  static RandomOpCase real(String op, DataType dtype, long[] seeds) {
    return new RandomOpCase(op, dtype, 0, 0, seeds[0], seeds[1]);
  }

  @Override
  public String toString() {
    String bounds = op.equals("RandomUniformInt") ? " [" + lo + ", " + hi + ")" : "";
    return op + " " + dtype + bounds + " seeds " + seed + "/" + seed2;
  }

  /** Receives TF's and our output of one op in one run. */
  interface Comparison {
    void compare(Object tf, Object ours, String what);
  }

  /**
   * Builds one op per shape in one TF session and the same ops on our side, runs them all {@code
   * runs} times (each run advances every op's generator) and hands each pair of outputs over.
   */
  void runBoth(int[][] shapes, int runs, Comparison comparison) {
    try (TfGraph tf = new TfGraph();
        Session session = tf.session()) {
      List<Output<?>> fetches = new ArrayList<>();
      List<OurRandomOp> ours = new ArrayList<>();
      for (int[] dims : shapes) {
        fetches.add(tfOp(tf, dims));
        ours.add(ourOp(dims));
      }
      for (int run = 1; run <= runs; run++) {
        List<Object> expected = tf.run(session, fetches);
        for (int i = 0; i < shapes.length; i++) {
          String what = this + " shape " + Arrays.toString(shapes[i]) + " run " + run;
          comparison.compare(expected.get(i), ours.get(i).run(), what);
        }
      }
    }
  }

  Output<?> tfOp(TfGraph tf, int[] dims) {
    if (!op.equals("RandomUniformInt")) {
      return tf.random(op, dtype, seed, seed2, dims);
    }
    return dtype == DataType.INT32
        ? tf.randomInt((int) lo, (int) hi, seed, seed2, dims)
        : tf.randomInt(lo, hi, seed, seed2, dims);
  }

  OurRandomOp ourOp(int[] dims) {
    return op.equals("RandomUniformInt")
        ? OurRandomOp.integer(dtype, lo, hi, seed, seed2, dims)
        : OurRandomOp.real(op, dtype, seed, seed2, dims);
  }
}
