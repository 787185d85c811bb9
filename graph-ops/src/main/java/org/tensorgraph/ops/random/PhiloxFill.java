package org.tensorgraph.ops.random;

import java.util.Objects;

/**
 * TF 1.15's CPU fill of a random op's output ({@code FillPhiloxRandom} in {@code
 * tensorflow/core/kernels/random_op_cpu.h}), one method per distribution and element type.
 *
 * <p>The output is cut into groups of a distribution's {@code kResultElementCount} elements
 * (4 for float and int32, 2 for double and int64). For the fixed-sample distributions (uniform,
 * uniform int, normal) group {@code g} is made from the {@code g}-th Philox output after {@code
 * gen}; a trailing partial group draws a full sample and drops the unused lanes. Truncated normal
 * rejects samples, so each group starts from {@code gen} skipped by {@code g} times the group's
 * reservation (256 32-bit samples per output element) and reads single words from there. Either
 * way an element's value does not depend on how the work is split, so the {@code startGroup,
 * limitGroup} overloads let a kernel fill disjoint group ranges on several threads.
 *
 * <p>{@code gen} is never modified: pass the generator returned by {@link
 * GuardedPhiloxRandom#reserveRandomOutputs(long, int)} for the run.
 *
 * <pre>{@code
 * float[] out = new float[6];
 * PhiloxFill.uniformFloat(new PhiloxRandom(1, 2), out);
 * // [0.40639675, 0.8575996, 0.05539584, 0.08587229, 0.4121536, 0.03663087], as TF's first run
 * }</pre>
 */
public final class PhiloxFill {
  /** 32-bit samples TF reserves per output element of a variable-sample distribution. */
  private static final long RESERVED_SAMPLES_PER_OUTPUT = 256;
  private static final float TRUNCATE_FLOAT = 2.0f;
  private static final double TRUNCATE_DOUBLE = 2.0;

  private PhiloxFill() {}

  /**
   * Returns the number of groups an output of {@code size} elements has for a distribution with
   * {@code groupSize} elements per group, rounding up.
   *
   * @param size number of output elements
   * @param groupSize 4 for float and int32, 2 for double and int64
   * @return {@code ceil(size / groupSize)}
   */
  public static int groupCount(int size, int groupSize) {
    return (int) (((long) size + groupSize - 1) / groupSize);
  }

  /** {@code RandomUniform} with dtype float32: values in [0, 1). */
  public static void uniformFloat(PhiloxRandom gen, float[] out) {
    uniformFloat(gen, out, 0, groupCount(out.length, 4));
  }

  /** {@link #uniformFloat(PhiloxRandom, float[])} for groups [startGroup, limitGroup) only. */
  public static void uniformFloat(PhiloxRandom gen, float[] out, int startGroup, int limitGroup) {
    PhiloxRandom g = startAt(gen, out.length, 4, startGroup, limitGroup);
    int[] s = new int[4];
    for (int group = startGroup; group < limitGroup; group++) {
      g.next(s);
      int base = group * 4;
      int n = Math.min(4, out.length - base);
      for (int i = 0; i < n; i++) {
        out[base + i] = RandomDistributions.uint32ToFloat(s[i]);
      }
    }
  }

  /** {@code RandomUniform} with dtype float64: values in [0, 1), two per Philox output. */
  public static void uniformDouble(PhiloxRandom gen, double[] out) {
    uniformDouble(gen, out, 0, groupCount(out.length, 2));
  }

  /** {@link #uniformDouble(PhiloxRandom, double[])} for groups [startGroup, limitGroup) only. */
  public static void uniformDouble(
      PhiloxRandom gen, double[] out, int startGroup, int limitGroup) {
    PhiloxRandom g = startAt(gen, out.length, 2, startGroup, limitGroup);
    int[] s = new int[4];
    for (int group = startGroup; group < limitGroup; group++) {
      g.next(s);
      int base = group * 2;
      out[base] = RandomDistributions.uint64ToDouble(s[0], s[1]);
      if (base + 1 < out.length) {
        out[base + 1] = RandomDistributions.uint64ToDouble(s[2], s[3]);
      }
    }
  }

  /**
   * {@code RandomUniformInt} with dtype int32: values in [lo, hi).
   *
   * @throws IllegalArgumentException with TF's message if {@code out} is not empty and {@code lo
   *     >= hi} (TF checks only non-empty outputs)
   */
  public static void uniformInt32(PhiloxRandom gen, int lo, int hi, int[] out) {
    uniformInt32(gen, lo, hi, out, 0, groupCount(out.length, 4));
  }

  /** {@link #uniformInt32(PhiloxRandom, int, int, int[])} for groups [startGroup, limitGroup). */
  public static void uniformInt32(
      PhiloxRandom gen, int lo, int hi, int[] out, int startGroup, int limitGroup) {
    checkRange(out.length, lo, hi);
    PhiloxRandom g = startAt(gen, out.length, 4, startGroup, limitGroup);
    int range = hi - lo; // as uint32 bits, like TF's static_cast<uint32>(hi) - lo
    int[] s = new int[4];
    for (int group = startGroup; group < limitGroup; group++) {
      g.next(s);
      int base = group * 4;
      int n = Math.min(4, out.length - base);
      for (int i = 0; i < n; i++) {
        out[base + i] = RandomDistributions.uniformInt32(s[i], lo, range);
      }
    }
  }

  /**
   * {@code RandomUniformInt} with dtype int64: values in [lo, hi), two per Philox output.
   *
   * @throws IllegalArgumentException with TF's message if {@code out} is not empty and {@code lo
   *     >= hi}
   */
  public static void uniformInt64(PhiloxRandom gen, long lo, long hi, long[] out) {
    uniformInt64(gen, lo, hi, out, 0, groupCount(out.length, 2));
  }

  /**
   * {@link #uniformInt64(PhiloxRandom, long, long, long[])} for groups [startGroup, limitGroup).
   */
  public static void uniformInt64(
      PhiloxRandom gen, long lo, long hi, long[] out, int startGroup, int limitGroup) {
    checkRange(out.length, lo, hi);
    PhiloxRandom g = startAt(gen, out.length, 2, startGroup, limitGroup);
    long range = hi - lo; // as uint64 bits
    int[] s = new int[4];
    for (int group = startGroup; group < limitGroup; group++) {
      g.next(s);
      int base = group * 2;
      out[base] = RandomDistributions.uniformInt64(s[0], s[1], lo, range);
      if (base + 1 < out.length) {
        out[base + 1] = RandomDistributions.uniformInt64(s[2], s[3], lo, range);
      }
    }
  }

  /** {@code RandomStandardNormal} with dtype float32: Box-Muller on each pair of words. */
  public static void normalFloat(PhiloxRandom gen, float[] out) {
    normalFloat(gen, out, 0, groupCount(out.length, 4));
  }

  /** {@link #normalFloat(PhiloxRandom, float[])} for groups [startGroup, limitGroup) only. */
  public static void normalFloat(PhiloxRandom gen, float[] out, int startGroup, int limitGroup) {
    PhiloxRandom g = startAt(gen, out.length, 4, startGroup, limitGroup);
    int[] s = new int[4];
    float[] group4 = new float[4];
    for (int group = startGroup; group < limitGroup; group++) {
      g.next(s);
      RandomDistributions.boxMullerFloat(s[0], s[1], group4, 0);
      RandomDistributions.boxMullerFloat(s[2], s[3], group4, 2);
      int base = group * 4;
      System.arraycopy(group4, 0, out, base, Math.min(4, out.length - base));
    }
  }

  /** {@code RandomStandardNormal} with dtype float64: one Box-Muller pair per Philox output. */
  public static void normalDouble(PhiloxRandom gen, double[] out) {
    normalDouble(gen, out, 0, groupCount(out.length, 2));
  }

  /** {@link #normalDouble(PhiloxRandom, double[])} for groups [startGroup, limitGroup) only. */
  public static void normalDouble(
      PhiloxRandom gen, double[] out, int startGroup, int limitGroup) {
    PhiloxRandom g = startAt(gen, out.length, 2, startGroup, limitGroup);
    int[] s = new int[4];
    double[] pair = new double[2];
    for (int group = startGroup; group < limitGroup; group++) {
      g.next(s);
      RandomDistributions.boxMullerDouble(s[0], s[1], s[2], s[3], pair, 0);
      int base = group * 2;
      System.arraycopy(pair, 0, out, base, Math.min(2, out.length - base));
    }
  }

  /** {@code TruncatedNormal} with dtype float32: standard normals with |x| &lt; 2, rejecting. */
  public static void truncatedNormalFloat(PhiloxRandom gen, float[] out) {
    truncatedNormalFloat(gen, out, 0, groupCount(out.length, 4));
  }

  /** {@link #truncatedNormalFloat(PhiloxRandom, float[])} for groups [startGroup, limitGroup). */
  public static void truncatedNormalFloat(
      PhiloxRandom gen, float[] out, int startGroup, int limitGroup) {
    checkGroups(out.length, 4, startGroup, limitGroup);
    float[] group4 = new float[4];
    float[] pair = new float[2];
    for (int group = startGroup; group < limitGroup; group++) {
      SingleSampleAdapter words = groupStart(gen, group, 4);
      int index = 0;
      while (index < 4) { // TF's loop: one Box-Muller pair per iteration, keep each |x| < 2
        RandomDistributions.boxMullerFloat(words.next(), words.next(), pair, 0);
        for (int j = 0; j < 2 && index < 4; j++) {
          if (Math.abs(pair[j]) < TRUNCATE_FLOAT) {
            group4[index++] = pair[j];
          }
        }
      }
      int base = group * 4;
      System.arraycopy(group4, 0, out, base, Math.min(4, out.length - base));
    }
  }

  /** {@code TruncatedNormal} with dtype float64: standard normals with |x| &lt; 2, rejecting. */
  public static void truncatedNormalDouble(PhiloxRandom gen, double[] out) {
    truncatedNormalDouble(gen, out, 0, groupCount(out.length, 2));
  }

  /** {@link #truncatedNormalDouble(PhiloxRandom, double[])} for groups [startGroup, limitGroup). */
  public static void truncatedNormalDouble(
      PhiloxRandom gen, double[] out, int startGroup, int limitGroup) {
    checkGroups(out.length, 2, startGroup, limitGroup);
    double[] group2 = new double[2];
    double[] pair = new double[2];
    for (int group = startGroup; group < limitGroup; group++) {
      SingleSampleAdapter words = groupStart(gen, group, 2);
      int index = 0;
      while (index < 2) {
        RandomDistributions.boxMullerDouble(
            words.next(), words.next(), words.next(), words.next(), pair, 0);
        for (int j = 0; j < 2 && index < 2; j++) {
          if (Math.abs(pair[j]) < TRUNCATE_DOUBLE) {
            group2[index++] = pair[j];
          }
        }
      }
      int base = group * 2;
      System.arraycopy(group2, 0, out, base, Math.min(2, out.length - base));
    }
  }

  // A variable-sample group starts groupSize * 256 words (groupSize * 64 Philox outputs) in.
  private static SingleSampleAdapter groupStart(PhiloxRandom gen, int group, int groupSize) {
    PhiloxRandom g = gen.copy();
    long skipPerGroup =
        groupSize * RESERVED_SAMPLES_PER_OUTPUT / PhiloxRandom.RESULT_ELEMENT_COUNT;
    g.skip(group * skipPerGroup);
    return new SingleSampleAdapter(g);
  }

  private static PhiloxRandom startAt(
      PhiloxRandom gen, int size, int groupSize, int startGroup, int limitGroup) {
    checkGroups(size, groupSize, startGroup, limitGroup);
    PhiloxRandom g = gen.copy();
    g.skip(startGroup);
    return g;
  }

  private static void checkGroups(int size, int groupSize, int startGroup, int limitGroup) {
    int groups = groupCount(size, groupSize);
    if (startGroup < 0 || startGroup > limitGroup || limitGroup > groups) {
      throw new IndexOutOfBoundsException(
          "Group range ["
              + startGroup
              + ", "
              + limitGroup
              + ") is outside [0, "
              + groups
              + "] for "
              + size
              + " elements in groups of "
              + groupSize);
    }
  }

  private static void checkRange(int size, long lo, long hi) {
    if (size > 0 && lo >= hi) {
      throw new IllegalArgumentException("Need minval < maxval, got " + lo + " >= " + hi);
    }
  }

  /** TF's SingleSampleAdapter: hands out a Philox output's four words one at a time. */
  private static final class SingleSampleAdapter {
    private final PhiloxRandom gen;
    private final int[] words = new int[4];
    private int used = 4;

    SingleSampleAdapter(PhiloxRandom gen) {
      this.gen = Objects.requireNonNull(gen);
    }

    int next() {
      if (used == 4) {
        gen.next(words);
        used = 0;
      }
      return words[used++];
    }
  }
}
