package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.DataType;

/**
 * RandomStandardNormal and TruncatedNormal against TF 1.15.
 *
 * <p>float32 is bit-exact: Box-Muller's {@code logf} and {@code sincosf} are ports of glibc's,
 * which TF's Linux build calls. float64 goes through glibc's double {@code log} and {@code sincos},
 * which we do not port: {@link Math}'s HotSpot intrinsics agree with them on about 99.8% of the
 * inputs and are 1 ulp off elsewhere, so a double normal can differ from TF's by a couple of ulps
 * (the radius and the sine/cosine errors multiply). A truncated-normal sample right at |x| = 2
 * could in principle be kept by one side and rejected by the other; none was in these samples.
 */
@ExtendWith(TensorFlowAvailable.class)
class RandomNormalConformanceTest {
  static final int RUNS = 2;
  static final int[][] SHAPES = RandomUniformConformanceTest.SHAPES;
  static final int[][] LARGE = {{100_000}};
  /**
   * Measured against TF 1.15 with glibc 2.36 on x86-64 (FMA): over these seeds 99.74-99.80% of
   * float64 values are bit-exact and the rest differ by at most 2 ulp.
   */
  static final long DOUBLE_MAX_ULP = 2;

  static Stream<RandomOpCase> cases(DataType dtype) {
    return Arrays.stream(RandomOpCase.SEEDS)
        .flatMap(s -> Stream.of("RandomStandardNormal", "TruncatedNormal")
            .map(op -> RandomOpCase.real(op, dtype, s)));
  }

  static Stream<RandomOpCase> floatCases() {
    return cases(DataType.FLOAT);
  }

  static Stream<RandomOpCase> doubleCases() {
    return cases(DataType.DOUBLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floatCases")
  void float32MatchesTfBitForBit(RandomOpCase c) {
    c.runBoth(SHAPES, RUNS, Bits::assertSameBits);
  }

  // A large sample for the first seeds: about 2^20 Box-Muller pairs per op.
  @ParameterizedTest(name = "{0}")
  @MethodSource("floatCases")
  void float32LargeSamplesMatchTfBitForBit(RandomOpCase c) {
    if (c.seed2() == 2 || c.seed() == 87654321) {
      c.runBoth(LARGE, RUNS, Bits::assertSameBits);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doubleCases")
  void float64IsWithinMeasuredUlpsOfTf(RandomOpCase c) {
    Bits.UlpStats stats = new Bits.UlpStats();
    c.runBoth(SHAPES, RUNS, (tf, ours, what) -> stats.add(tf, ours));
    c.runBoth(LARGE, 1, (tf, ours, what) -> stats.add(tf, ours));
    System.out.println("conformance: " + c + ": " + stats);
    assertTrue(stats.maxUlp <= DOUBLE_MAX_ULP, c + ": " + stats);
    assertTrue(stats.exact > stats.count * 0.99, c + ": " + stats);
  }
}
