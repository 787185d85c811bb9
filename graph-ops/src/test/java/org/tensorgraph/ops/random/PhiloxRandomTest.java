package org.tensorgraph.ops.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PhiloxRandomTest {
  record Kat(String name, int[] counter, int[] key, int[] expected) {}

  // Known-answer vectors from Random123 (DEShawResearch/random123, tests/kat_vectors), the
  // three "philox4x32 10" lines: counter (4 words), key (2 words), expected output (4 words).
  static Stream<Kat> kats() {
    return Stream.of(
        new Kat(
            "zeros",
            new int[] {0, 0, 0, 0},
            new int[] {0, 0},
            new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}),
        new Kat(
            "ones",
            new int[] {-1, -1, -1, -1},
            new int[] {-1, -1},
            new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}),
        new Kat(
            "pi digits",
            new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
            new int[] {0xa4093822, 0x299f31d0},
            new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kats")
  void matchesRandom123KnownAnswers(Kat kat) {
    assertArrayEquals(kat.expected(), PhiloxRandom.of(kat.counter(), kat.key()).next());
  }

  @Test
  void seedsFillKeyAndHighCounterWordsLikeTf() {
    PhiloxRandom gen = new PhiloxRandom(0x1122334455667788L, 0x99aabbccddeeff00L);
    assertArrayEquals(new int[] {0x55667788, 0x11223344}, gen.key());
    assertArrayEquals(new int[] {0, 0, 0xddeeff00, 0x99aabbcc}, gen.counter());
  }

  record CounterCase(String name, int[] start, long skip, int[] expected) {}

  static Stream<CounterCase> skips() {
    return Stream.of(
        new CounterCase("small", new int[] {5, 0, 0, 0}, 7, new int[] {12, 0, 0, 0}),
        new CounterCase("carry into word 1", new int[] {-1, 0, 0, 0}, 1, new int[] {0, 1, 0, 0}),
        new CounterCase("high half", new int[] {3, 4, 0, 0}, 0x200000001L, new int[] {4, 6, 0, 0}),
        new CounterCase(
            "carry into word 2", new int[] {0, -1, 7, 0}, 1L << 32, new int[] {0, 0, 8, 0}),
        new CounterCase(
            "carry into word 3", new int[] {0, -1, -1, 2}, 1L << 32, new int[] {0, 0, 0, 3}),
        // TF's Skip loses this carry: the low-word carry wraps count_hi to 0, so word 2 stays.
        new CounterCase("uint64 count", new int[] {1, 0, 0, 0}, -1L, new int[] {0, 0, 0, 0}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skips")
  void skipAddsToTheCounterWithCarry(CounterCase c) {
    PhiloxRandom gen = PhiloxRandom.of(c.start(), new int[] {9, 9});
    gen.skip(c.skip());
    assertArrayEquals(c.expected(), gen.counter());
  }

  @Test
  void nextAdvancesTheCounterWithCarryThroughAllWords() {
    PhiloxRandom gen = PhiloxRandom.of(new int[] {-1, -1, -1, 0}, new int[] {1, 2});
    gen.next();
    assertArrayEquals(new int[] {0, 0, 0, 1}, gen.counter());
  }

  @Test
  void skipIsTheSameAsDrawing() {
    PhiloxRandom drawn = new PhiloxRandom(42, 7);
    PhiloxRandom skipped = drawn.copy();
    for (int i = 0; i < 1000; i++) {
      drawn.next();
    }
    skipped.skip(1000);
    assertEquals(drawn, skipped);
    assertArrayEquals(drawn.next(), skipped.next());
  }

  @Test
  void copiesAreIndependentAndDeterministic() {
    PhiloxRandom a = new PhiloxRandom(1, 2);
    PhiloxRandom b = a.copy();
    int[] first = a.next();
    assertArrayEquals(first, b.next());
    int[] second = a.next();
    assertNotEquals(a, b);
    assertArrayEquals(second, b.next());
    assertNotEquals(first[0], second[0]);
  }

  @Test
  void rejectsWrongWordCounts() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PhiloxRandom.of(new int[3], new int[2]));
    assertEquals(
        "Philox needs a counter of 4 words and a key of 2 words, got 3 and 2", e.getMessage());
  }
}
