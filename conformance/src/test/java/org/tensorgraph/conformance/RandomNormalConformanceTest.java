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
 * which we compute with {@link StrictMath}; both are within 1 ulp of the true value but not always
 * equal, so a double normal can differ from TF's by a few ulps (the error of the radius and the
 * angle's sine/cosine multiply), and a truncated-normal sample right at |x| = 2 could in principle
 * be kept by one side and rejected by the other, shifting the rest of its group.
 */
@ExtendWith(TensorFlowAvailable.class)
class RandomNormalConformanceTest {
  static final int RUNS = 2;
  static final int[][] SHAPES = RandomUniformConformanceTest.SHAPES;
  static final int[][] LARGE = {{100_000}};
  /** Measured against TF 1.15 on glibc 2.36 x86-64: see the test below. */
  static final long DOUBLE_MAX_ULP = 8;

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
    assertTrue(stats.exact > stats.count * 0.9, c + ": " + stats);
  }
}
