package org.tensorgraph.ops.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PhiloxFillTest {
  /** One distribution: fills {@code size} elements from groups [start, limit) into a double[]. */
  interface Filler {
    double[] fill(PhiloxRandom gen, double[] into, int start, int limit);
  }

  record Dist(String name, int groupSize, double lo, double hi, Filler filler) {
    double[] fill(PhiloxRandom gen, int size) {
      return filler.fill(gen, new double[size], 0, PhiloxFill.groupCount(size, groupSize));
    }
  }

  static Stream<Dist> dists() {
    return Stream.of(
        new Dist("uniformFloat", 4, 0, 1, floats(PhiloxFill::uniformFloat)),
        new Dist("uniformDouble", 2, 0, 1, PhiloxFillTest::uniformDouble),
        new Dist("uniformInt32", 4, -7, 5, PhiloxFillTest::uniformInt32),
        new Dist("uniformInt64", 2, -(1L << 40), 3, PhiloxFillTest::uniformInt64),
        new Dist("normalFloat", 4, -6, 6, floats(PhiloxFill::normalFloat)),
        new Dist("normalDouble", 2, -6, 6, PhiloxFillTest::normalDouble),
        new Dist("truncatedNormalFloat", 4, -2, 2, floats(PhiloxFill::truncatedNormalFloat)),
        new Dist("truncatedNormalDouble", 2, -2, 2, PhiloxFillTest::truncatedDouble));
  }

  interface FloatFill {
    void fill(PhiloxRandom gen, float[] out, int start, int limit);
  }

  static Filler floats(FloatFill f) {
    return (gen, into, start, limit) -> {
      float[] out = new float[into.length];
      f.fill(gen, out, start, limit);
      return IntStream.range(0, out.length).mapToDouble(i -> out[i]).toArray();
    };
  }

  static double[] uniformDouble(PhiloxRandom gen, double[] into, int start, int limit) {
    PhiloxFill.uniformDouble(gen, into, start, limit);
    return into;
  }

  static double[] normalDouble(PhiloxRandom gen, double[] into, int start, int limit) {
    PhiloxFill.normalDouble(gen, into, start, limit);
    return into;
  }

  static double[] truncatedDouble(PhiloxRandom gen, double[] into, int start, int limit) {
    PhiloxFill.truncatedNormalDouble(gen, into, start, limit);
    return into;
  }

  static double[] uniformInt32(PhiloxRandom gen, double[] into, int start, int limit) {
    int[] out = new int[into.length];
    PhiloxFill.uniformInt32(gen, -7, 5, out, start, limit);
    return Arrays.stream(out).asDoubleStream().toArray();
  }

  static double[] uniformInt64(PhiloxRandom gen, double[] into, int start, int limit) {
    long[] out = new long[into.length];
    PhiloxFill.uniformInt64(gen, -(1L << 40), 3, out, start, limit);
    return Arrays.stream(out).asDoubleStream().toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dists")
  void deterministicAndLeavesTheGeneratorAlone(Dist d) {
    PhiloxRandom gen = new PhiloxRandom(11, 12);
    PhiloxRandom before = gen.copy();
    double[] a = d.fill(gen, 101);
    assertEquals(before, gen);
    assertArrayEquals(a, d.fill(gen, 101));
    assertTrue(Arrays.stream(a).distinct().count() >= 10, "values vary");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dists")
  void valuesStayInRange(Dist d) {
    double[] a = d.fill(new PhiloxRandom(13, 14), 4001);
    for (double v : a) {
      assertTrue(v >= d.lo() && v < d.hi(), () -> d.name() + " gave " + v);
    }
  }

  // TF shards the fill by groups; an element's value must not depend on the split.
  @ParameterizedTest(name = "{0}")
  @MethodSource("dists")
  void anySplitIntoGroupRangesGivesTheSameOutput(Dist d) {
    PhiloxRandom gen = new PhiloxRandom(15, 16);
    int size = 37;
    double[] whole = d.fill(gen, size);
    int groups = PhiloxFill.groupCount(size, d.groupSize());
    double[] pieces = new double[size];
    int[] cuts = {0, 3, 4, 9, groups};
    for (int i = 0; i + 1 < cuts.length; i++) {
      double[] part = d.filler().fill(gen, new double[size], cuts[i], cuts[i + 1]);
      int from = cuts[i] * d.groupSize();
      int to = Math.min(size, cuts[i + 1] * d.groupSize());
      System.arraycopy(part, from, pieces, from, to - from);
    }
    assertArrayEquals(whole, pieces);
  }

  // A shorter output is a prefix of a longer one: trailing partial groups drop lanes only.
  @ParameterizedTest(name = "{0}")
  @MethodSource("dists")
  void shorterOutputsArePrefixes(Dist d) {
    PhiloxRandom gen = new PhiloxRandom(17, 18);
    double[] longer = d.fill(gen, 40);
    for (int size : new int[] {0, 1, 2, 3, 5, 7, 38}) {
      assertArrayEquals(Arrays.copyOf(longer, size), d.fill(gen, size), "size " + size);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dists")
  void rejectsGroupRangesOutsideTheOutput(Dist d) {
    PhiloxRandom gen = new PhiloxRandom(1, 1);
    int groups = PhiloxFill.groupCount(10, d.groupSize());
    assertThrows(
        IndexOutOfBoundsException.class, () -> d.filler().fill(gen, new double[10], -1, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> d.filler().fill(gen, new double[10], 2, 1));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> d.filler().fill(gen, new double[10], 0, groups + 1));
  }

  @Test
  void uniformFloatElementKIsLaneKMod4OfOutputKDiv4() {
    PhiloxRandom gen = new PhiloxRandom(21, 22);
    float[] out = new float[30];
    PhiloxFill.uniformFloat(gen, out);
    PhiloxRandom raw = gen.copy();
    for (int group = 0; group * 4 < out.length; group++) {
      int[] words = raw.next();
      for (int lane = 0; lane < 4 && group * 4 + lane < out.length; lane++) {
        assertEquals(RandomDistributions.uint32ToFloat(words[lane]), out[group * 4 + lane]);
      }
    }
  }

  @Test
  void truncatedGroupsStart256WordsPerElementApart() {
    PhiloxRandom gen = new PhiloxRandom(23, 24);
    float[] out = new float[8];
    PhiloxFill.truncatedNormalFloat(gen, out);
    PhiloxRandom second = gen.copy();
    second.skip(4 * 256 / 4); // group 1 begins after group 0's reservation
    float[] alone = new float[4];
    PhiloxFill.truncatedNormalFloat(second, alone);
    assertArrayEquals(alone, Arrays.copyOfRange(out, 4, 8));
  }

  @Test
  void normalSamplesHaveUnitVariance() {
    float[] out = new float[200_000];
    PhiloxFill.normalFloat(new PhiloxRandom(25, 26), out);
    double mean = 0;
    double square = 0;
    for (float v : out) {
      mean += v;
      square += (double) v * v;
    }
    mean /= out.length;
    double variance = square / out.length - mean * mean;
    assertEquals(0.0, mean, 0.01);
    assertEquals(1.0, variance, 0.02);
  }

  @Test
  void uniformIntRangeOfOneGivesLo() {
    int[] out = new int[9];
    PhiloxFill.uniformInt32(new PhiloxRandom(3, 4), -4, -3, out);
    assertTrue(Arrays.stream(out).allMatch(v -> v == -4));
  }

  @Test
  void uniformIntRejectsEmptyRangesWithTfsMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PhiloxFill.uniformInt32(new PhiloxRandom(1, 1), 5, 5, new int[3]));
    assertEquals("Need minval < maxval, got 5 >= 5", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PhiloxFill.uniformInt64(new PhiloxRandom(1, 1), 9, -9, new long[1]));
    PhiloxFill.uniformInt32(new PhiloxRandom(1, 1), 5, 5, new int[0]); // TF: empty output is fine
  }
}
