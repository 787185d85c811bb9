package org.tensorgraph.conformance;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.DataType;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorgraph.ops.random.GuardedPhiloxRandom;
import org.tensorgraph.ops.random.PhiloxFill;
import org.tensorgraph.ops.random.PhiloxRandom;

/**
 * The article's kernels: TF1's default {@code glorot_uniform_initializer} for the [7, 4] and
 * [8, 4] BasicRNNCell kernels, built as TF's Python {@code random_ops.random_uniform} builds it
 * (Const min/max in float32, {@code Sub}, {@code RandomUniform}, {@code Mul}, {@code Add}) and
 * computed on our side with the same float32 arithmetic.
 */
@ExtendWith(TensorFlowAvailable.class)
class GlorotUniformConformanceTest {
  record Case(int fanIn, int fanOut, long seed, long seed2) {}

  static Stream<Case> cases() {
    return Stream.of(new long[] {1, 2}, new long[] {42, 7}, new long[] {87654321, 5},
            new long[] {0, Integer.MAX_VALUE})
        .flatMap(s -> Stream.of(new Case(7, 4, s[0], s[1]), new Case(8, 4, s[0], s[1])));
  }

  /** VarianceScaling(scale=1, mode="fan_avg", distribution="uniform"), in Python's doubles. */
  static double limit(int fanIn, int fanOut) {
    double scale = 1.0;
    scale /= Math.max(1., (fanIn + fanOut) / 2.);
    return Math.sqrt(3.0 * scale);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void glorotUniformKernelMatchesTfBitForBit(Case c) {
    double limit = limit(c.fanIn(), c.fanOut());
    float min = (float) -limit; // convert_to_tensor(-limit, float32): one rounding
    float max = (float) limit;
    try (TfGraph tf = new TfGraph();
        Session session = tf.session()) {
      Output<?> minT = tf.constant(Tensor.create(min));
      Output<?> maxT = tf.constant(Tensor.create(max));
      Output<?> range = tf.binary("Sub", maxT, minT);
      Output<?> rnd =
          tf.random("RandomUniform", DataType.FLOAT, c.seed(), c.seed2(), c.fanIn(), c.fanOut());
      Output<?> kernel = tf.binary("Add", tf.binary("Mul", rnd, range), minT);
      GuardedPhiloxRandom state = GuardedPhiloxRandom.create(c.seed(), c.seed2());
      for (int run = 1; run <= 2; run++) { // running the initializer again draws new values
        Object expected = tf.run(session, List.of(kernel)).get(0);
        Bits.assertSameBits(expected, ours(state, c, min, max), c + " run " + run);
      }
    }
  }

  private static float[] ours(GuardedPhiloxRandom state, Case c, float min, float max) {
    float[] out = new float[c.fanIn() * c.fanOut()];
    PhiloxRandom gen = state.reserveRandomOutputs(out.length, 256);
    PhiloxFill.uniformFloat(gen, out);
    float range = max - min;
    for (int i = 0; i < out.length; i++) {
      out[i] = out[i] * range + min; // two float32 roundings, as TF's Mul then Add
    }
    return out;
  }
}
