package org.tensorgraph.ops.random;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * The generator state that one random op keeps for the life of one session: TF 1.15's {@code
 * GuardedPhiloxRandom} ({@code tensorflow/core/util/guarded_philox_random.cc}).
 *
 * <p>Each run reserves a block of 128-bit samples: it gets a copy of the current generator and the
 * stored one skips past the block, so the next run continues after it. TF's random kernels reserve
 * {@link #RESERVED_SAMPLES_PER_OUTPUT} samples per output element, far more than they use, so the
 * outputs of a run never depend on how its work was sharded. Thread-safe.
 *
 * <pre>{@code
 * GuardedPhiloxRandom state = GuardedPhiloxRandom.create(1, 2);
 * PhiloxRandom run1 = state.reserveRandomOutputs(6, 256); // counter [0, 0, 2, 0]
 * PhiloxRandom run2 = state.reserveRandomOutputs(6, 256); // counter [1536, 0, 2, 0]
 * }</pre>
 */
public final class GuardedPhiloxRandom {
  /** The multiplier TF's random kernels pass to {@link #reserveRandomOutputs(long, int)}. */
  public static final int RESERVED_SAMPLES_PER_OUTPUT = 256;

  private final boolean randomlySeeded;
  private PhiloxRandom generator; // guarded by this

  private GuardedPhiloxRandom(PhiloxRandom generator, boolean randomlySeeded) {
    this.generator = generator;
    this.randomlySeeded = randomlySeeded;
  }

  /**
   * TF's {@code GuardedPhiloxRandom::Init(seed, seed2)}: the op attributes {@code seed} and {@code
   * seed2} become {@code PhiloxRandom(seed, seed2)}. If both are 0 the op is unseeded and two
   * random 64-bit seeds are drawn, as TF does with {@code random::New64()}, here from {@link
   * SecureRandom}.
   *
   * @param seed the op attribute {@code seed}
   * @param seed2 the op attribute {@code seed2}
   * @return a fresh state at the start of the stream
   */
  public static GuardedPhiloxRandom create(long seed, long seed2) {
    return create(seed, seed2, null);
  }

  /**
   * Like {@link #create(long, long)}, drawing the seeds of an unseeded op (0, 0) from {@code
   * entropy} instead of {@link SecureRandom}, so tests can make them reproducible.
   *
   * @param seed the op attribute {@code seed}
   * @param seed2 the op attribute {@code seed2}
   * @param entropy source for random seeds; {@code null} means a new {@link SecureRandom}
   * @return a fresh state at the start of the stream
   */
  public static GuardedPhiloxRandom create(long seed, long seed2, RandomGenerator entropy) {
    if (seed == 0 && seed2 == 0) {
      RandomGenerator source = entropy != null ? entropy : new SecureRandom();
      return new GuardedPhiloxRandom(
          new PhiloxRandom(source.nextLong(), source.nextLong()), true);
    }
    return new GuardedPhiloxRandom(new PhiloxRandom(seed, seed2), false);
  }

  /** Returns whether the seeds were drawn at random because both op seeds were 0. */
  public boolean randomlySeeded() {
    return randomlySeeded;
  }

  /**
   * Returns a copy of the current generator, valid for {@code samples} 128-bit samples, and
   * advances the stored generator past them.
   *
   * @param samples number of 128-bit samples to reserve, as an unsigned 64-bit number
   * @return the generator at the start of the reserved block
   */
  public synchronized PhiloxRandom reserveSamples128(long samples) {
    PhiloxRandom local = generator.copy();
    generator.skip(samples);
    return local;
  }

  /**
   * Reserves enough 128-bit samples for {@code samples} 32-bit ones: {@code (samples + 3) / 4}.
   *
   * @param samples number of 32-bit samples
   * @return the generator at the start of the reserved block
   */
  public PhiloxRandom reserveSamples32(long samples) {
    return reserveSamples128((samples + 3) / 4);
  }

  /**
   * TF's {@code ReserveRandomOutputs}: reserves {@code outputCount * multiplier} 128-bit samples.
   * The random kernels call it with {@link #RESERVED_SAMPLES_PER_OUTPUT} on every run.
   *
   * @param outputCount number of output elements of the run
   * @param multiplier samples reserved per output element
   * @return the generator at the start of the reserved block
   */
  public PhiloxRandom reserveRandomOutputs(long outputCount, int multiplier) {
    return reserveSamples128(outputCount * multiplier);
  }

  @Override
  public synchronized String toString() {
    return "GuardedPhiloxRandom{" + generator + (randomlySeeded ? ", randomly seeded}" : "}");
  }
}
