package org.tensorgraph.ops.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GuardedPhiloxRandomTest {
  record Reservation(String name, long outputs, int multiplier, long expectedSkip) {}

  static Stream<Reservation> reservations() {
    return Stream.of(
        new Reservation("six outputs", 6, 256, 1536),
        new Reservation("scalar", 1, 256, 256),
        new Reservation("empty", 0, 256, 0),
        new Reservation("large", 1L << 30, 256, 1L << 38));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reservations")
  void eachReservationReturnsTheCurrentGeneratorAndSkipsPastIt(Reservation r) {
    GuardedPhiloxRandom state = GuardedPhiloxRandom.create(1, 2);
    PhiloxRandom expected = new PhiloxRandom(1, 2);
    for (int run = 0; run < 3; run++) {
      assertEquals(expected, state.reserveRandomOutputs(r.outputs(), r.multiplier()));
      expected.skip(r.expectedSkip());
    }
  }

  @Test
  void reserveSamples32RoundsUpToWholeOutputs() {
    GuardedPhiloxRandom state = GuardedPhiloxRandom.create(3, 4);
    state.reserveSamples32(5);
    PhiloxRandom expected = new PhiloxRandom(3, 4);
    expected.skip(2);
    assertEquals(expected, state.reserveSamples128(0));
  }

  @Test
  void seedsGoStraightIntoTheGenerator() {
    GuardedPhiloxRandom state = GuardedPhiloxRandom.create(-1, 7);
    assertFalse(state.randomlySeeded());
    PhiloxRandom gen = state.reserveSamples128(0);
    assertArrayEquals(new int[] {-1, -1}, gen.key());
    assertArrayEquals(new int[] {0, 0, 7, 0}, gen.counter());
  }

  @Test
  void zeroSeedsDrawRandomSeeds() {
    GuardedPhiloxRandom a = GuardedPhiloxRandom.create(0, 0);
    GuardedPhiloxRandom b = GuardedPhiloxRandom.create(0, 0);
    assertTrue(a.randomlySeeded());
    assertNotEquals(a.reserveSamples128(0), b.reserveSamples128(0));
    // Only (0, 0) is unseeded; one zero seed is an ordinary seed.
    assertFalse(GuardedPhiloxRandom.create(0, 5).randomlySeeded());
    assertFalse(GuardedPhiloxRandom.create(5, 0).randomlySeeded());
  }

  @Test
  void zeroSeedsTakeTheirSeedsFromTheGivenSource() {
    GuardedPhiloxRandom state = GuardedPhiloxRandom.create(0, 0, new SplittableRandom(9));
    SplittableRandom same = new SplittableRandom(9);
    long seed = same.nextLong();
    long seed2 = same.nextLong();
    assertEquals(new PhiloxRandom(seed, seed2), state.reserveSamples128(0));
  }

  @Test
  void concurrentReservationsGetDisjointBlocks() throws Exception {
    GuardedPhiloxRandom state = GuardedPhiloxRandom.create(5, 6);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PhiloxRandom>> futures =
          IntStream.range(0, 400)
              .mapToObj(i -> pool.submit(() -> state.reserveRandomOutputs(1, 256)))
              .toList();
      Set<Integer> starts = new HashSet<>();
      for (Future<PhiloxRandom> f : futures) {
        starts.add(f.get().counter()[0]);
      }
      assertEquals(400, starts.size());
      assertTrue(starts.stream().allMatch(c -> c % 256 == 0 && c >= 0 && c < 400 * 256));
    } finally {
      pool.shutdownNow();
    }
  }
}
