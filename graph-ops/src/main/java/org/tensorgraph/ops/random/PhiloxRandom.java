package org.tensorgraph.ops.random;

import java.util.Arrays;

/**
 * The Philox4x32-10 counter-based generator exactly as TensorFlow 1.15 implements it
 * ({@code tensorflow/core/lib/random/philox_random.h}; Salmon et al., "Parallel random numbers: as
 * easy as 1, 2, 3", SC 2011).
 *
 * <p>The state is a 128-bit counter (four uint32 words, word 0 least significant) and a 64-bit key
 * (two uint32 words). Each {@link #next()} encrypts the counter with ten Philox rounds, returns
 * the four resulting words and increments the counter by one. Words are Java {@code int}s holding
 * uint32 bits; use {@link Integer#toUnsignedLong(int)} to read them as unsigned.
 *
 * <p>Like TF's value class, a generator is cheap to {@link #copy()}; instances are not
 * thread-safe.
 *
 * <pre>{@code
 * PhiloxRandom gen = new PhiloxRandom(1, 2); // TF's PhiloxRandom(seed_lo=1, seed_hi=2)
 * int[] words = gen.next();                  // 4 uint32, then the counter is [1, 0, 2, 0]
 * gen.skip(255);                             // counter is now [256, 0, 2, 0]
 * }</pre>
 */
public final class PhiloxRandom {
  /** Number of uint32 words one call of {@link #next()} returns. */
  public static final int RESULT_ELEMENT_COUNT = 4;

  // The constants recommended by the Philox paper, as in TF.
  private static final int W32A = 0x9E3779B9;
  private static final int W32B = 0xBB67AE85;
  private static final long M4X32A = 0xD2511F53L;
  private static final long M4X32B = 0xCD9E8D57L;
  private static final int ROUNDS = 10;

  private int c0;
  private int c1;
  private int c2;
  private int c3;
  private final int k0;
  private final int k1;

  /**
   * TF's {@code PhiloxRandom(uint64 seed_lo, uint64 seed_hi)}: the key is {@code seedLo}, the high
   * half of the counter is {@code seedHi} and the low half starts at zero. Negative values are read
   * as their two's-complement uint64 bits, as TF's int64 → uint64 conversion does.
   *
   * @param seedLo the key, TF's op attribute {@code seed}
   * @param seedHi counter words 2 and 3, TF's op attribute {@code seed2}
   */
  public PhiloxRandom(long seedLo, long seedHi) {
    this(0, 0, (int) seedHi, (int) (seedHi >>> 32), (int) seedLo, (int) (seedLo >>> 32));
  }

  private PhiloxRandom(int c0, int c1, int c2, int c3, int k0, int k1) {
    this.c0 = c0;
    this.c1 = c1;
    this.c2 = c2;
    this.c3 = c3;
    this.k0 = k0;
    this.k1 = k1;
  }

  /**
   * TF's {@code PhiloxRandom(ResultType counter, Key key)}.
   *
   * <pre>{@code
   * PhiloxRandom.of(new int[] {0, 0, 0, 0}, new int[] {0, 0}).next()
   * // [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] (Random123's known answer)
   * }</pre>
   *
   * @param counter four uint32 words, least significant first
   * @param key two uint32 words
   * @return a generator at that counter
   * @throws IllegalArgumentException if the arrays do not have 4 and 2 elements
   */
  public static PhiloxRandom of(int[] counter, int[] key) {
    if (counter.length != 4 || key.length != 2) {
      throw new IllegalArgumentException(
          "Philox needs a counter of 4 words and a key of 2 words, got "
              + counter.length
              + " and "
              + key.length);
    }
    return new PhiloxRandom(counter[0], counter[1], counter[2], counter[3], key[0], key[1]);
  }

  /** Returns an independent generator with the same counter and key. */
  public PhiloxRandom copy() {
    return new PhiloxRandom(c0, c1, c2, c3, k0, k1);
  }

  /** Returns the counter, four uint32 words, least significant first. */
  public int[] counter() {
    return new int[] {c0, c1, c2, c3};
  }

  /** Returns the key, two uint32 words. */
  public int[] key() {
    return new int[] {k0, k1};
  }

  /** Returns the next four uint32 words and advances the counter by one. */
  public int[] next() {
    int[] out = new int[RESULT_ELEMENT_COUNT];
    next(out);
    return out;
  }

  /**
   * Writes the next four uint32 words into {@code out[0..3]} and advances the counter by one; the
   * allocation-free form of {@link #next()}.
   *
   * @param out an array of at least 4 elements
   */
  public void next(int[] out) {
    int x0 = c0;
    int x1 = c1;
    int x2 = c2;
    int x3 = c3;
    int key0 = k0;
    int key1 = k1;
    for (int round = 0; round < ROUNDS; round++) {
      if (round > 0) { // TF's RaiseKey between rounds: 9 raises for 10 rounds
        key0 += W32A;
        key1 += W32B;
      }
      // uint32 x uint32 fits in 64 bits; the signed long product has the same bits.
      long p0 = M4X32A * Integer.toUnsignedLong(x0);
      long p1 = M4X32B * Integer.toUnsignedLong(x2);
      int hi0 = (int) (p0 >>> 32);
      int lo0 = (int) p0;
      int hi1 = (int) (p1 >>> 32);
      int lo1 = (int) p1;
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
    }
    out[0] = x0;
    out[1] = x1;
    out[2] = x2;
    out[3] = x3;
    skipOne();
  }

  private void skipOne() {
    if (++c0 == 0 && ++c1 == 0 && ++c2 == 0) {
      ++c3;
    }
  }

  /**
   * Skips {@code count} 128-bit samples, i.e. adds {@code count} (read as uint64) to the counter,
   * with TF's carry rule.
   *
   * @param count samples to skip, as an unsigned 64-bit number
   */
  public void skip(long count) {
    int countLo = (int) count;
    int countHi = (int) (count >>> 32);
    c0 += countLo;
    if (Integer.compareUnsigned(c0, countLo) < 0) {
      ++countHi;
    }
    c1 += countHi;
    // TF carries into word 2 only when word 1 overflowed; kept as is for bit-exactness.
    if (Integer.compareUnsigned(c1, countHi) < 0 && ++c2 == 0) {
      ++c3;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhiloxRandom p
        && Arrays.equals(counter(), p.counter())
        && Arrays.equals(key(), p.key());
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(counter()) + Arrays.hashCode(key());
  }

  @Override
  public String toString() {
    return String.format(
        "PhiloxRandom{counter=[%08x %08x %08x %08x], key=[%08x %08x]}", c0, c1, c2, c3, k0, k1);
  }
}
