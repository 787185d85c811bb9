package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.DataType;
import org.tensorflow.Output;
import org.tensorflow.Session;

/**
 * RandomUniform and RandomUniformInt: our Philox fill against TF 1.15's CPU kernels, bit for bit,
 * over many seeds, dtypes, shapes and bounds, and over several runs of each op in one session
 * (each run advances the op's generator).
 */
@ExtendWith(TensorFlowAvailable.class)
class RandomUniformConformanceTest {
  static final int RUNS = 3;
  static final int[][] SHAPES = {{}, {0}, {1}, {3}, {4}, {5}, {7, 4}, {1000}, {2, 3, 5}};

  static Stream<RandomOpCase> uniformCases() {
    return Arrays.stream(RandomOpCase.SEEDS)
        .flatMap(s -> Stream.of(DataType.FLOAT, DataType.DOUBLE)
            .map(t -> RandomOpCase.real("RandomUniform", t, s)));
  }

  static Stream<RandomOpCase> intCases() {
    long[][] int32 = {
      {0, 10}, {-5, 5}, {-100, -90}, {7, 8}, {0, 1 << 30}, {Integer.MIN_VALUE, Integer.MAX_VALUE}
    };
    long[][] int64 = {
      {0, 10}, {-5, 5}, {-1, 0}, {-(1L << 40), 1L << 40}, {Long.MIN_VALUE, Long.MAX_VALUE}
    };
    // Each bound with three seed pairs keeps the run short; all seeds are covered above.
    return Stream.of(RandomOpCase.SEEDS[0], RandomOpCase.SEEDS[1], RandomOpCase.SEEDS[6])
        .flatMap(s -> Stream.concat(
            Arrays.stream(int32).map(b -> intCase(DataType.INT32, b, s)),
            Arrays.stream(int64).map(b -> intCase(DataType.INT64, b, s))));
  }

  private static RandomOpCase intCase(DataType dtype, long[] bounds, long[] seeds) {
    return new RandomOpCase("RandomUniformInt", dtype, bounds[0], bounds[1], seeds[0], seeds[1]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uniformCases")
  void randomUniformMatchesTfBitForBit(RandomOpCase c) {
    c.runBoth(SHAPES, RUNS, Bits::assertSameBits);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("intCases")
  void randomUniformIntMatchesTfExactly(RandomOpCase c) {
    c.runBoth(SHAPES, RUNS, Bits::assertSameBits);
  }

  @Test
  void aNewSessionRestartsTheGenerator() {
    try (TfGraph tf = new TfGraph()) {
      Output<?> r = tf.random("RandomUniform", DataType.FLOAT, 1, 2, 2, 3);
      Object first;
      try (Session s = tf.session()) {
        first = tf.run(s, List.of(r)).get(0);
        Object second = tf.run(s, List.of(r)).get(0);
        assertNotEquals(Arrays.toString((float[]) first), Arrays.toString((float[]) second));
      }
      try (Session s = tf.session()) {
        Bits.assertSameBits(first, tf.run(s, List.of(r)).get(0), "TF, new session, run 1");
      }
      Object ours = OurRandomOp.real("RandomUniform", DataType.FLOAT, 1, 2, 2, 3).run();
      Bits.assertSameBits(first, ours, "ours, run 1");
    }
  }

  // Seeds (0, 0) make TF draw random seeds: only range and variation can be compared.
  @Test
  void zeroSeedsAreRandomInBothButStayInRange() {
    float[] a = (float[]) OurRandomOp.real("RandomUniform", DataType.FLOAT, 0, 0, 1000).run();
    float[] b = (float[]) OurRandomOp.real("RandomUniform", DataType.FLOAT, 0, 0, 1000).run();
    assertFalse(Arrays.equals(a, b), "two unseeded ops must differ");
    try (TfGraph tf = new TfGraph()) {
      Output<?> r = tf.random("RandomUniform", DataType.FLOAT, 0, 0, 1000);
      float[] t1;
      float[] t2;
      try (Session s = tf.session()) {
        t1 = (float[]) tf.run(s, List.of(r)).get(0);
      }
      try (Session s = tf.session()) {
        t2 = (float[]) tf.run(s, List.of(r)).get(0);
      }
      assertFalse(Arrays.equals(t1, t2), "TF: two sessions of an unseeded op differ");
      for (float[] values : List.of(a, b, t1, t2)) {
        assertTrue(allInUnitInterval(values));
        assertEquals(0.5, mean(values), 0.05);
      }
    }
  }

  private static boolean allInUnitInterval(float[] values) {
    for (float v : values) {
      if (!(v >= 0f && v < 1f)) {
        return false;
      }
    }
    return true;
  }

  private static double mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
