package org.tensorgraph.core.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;

/** str and repr of every array in golden.txt, byte for byte as numpy printed them. */
class NumpyPrinterGoldenTest {
  static List<GoldenFile.Case> cases() throws IOException {
    try (InputStream in = NumpyPrinterGoldenTest.class.getResourceAsStream("golden.txt")) {
      if (in == null) {
        throw new IOException("golden.txt is missing; regenerate it with make_golden.py");
      }
      return GoldenFile.read(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void strMatchesNumpy(GoldenFile.Case c) {
    assertEquals(c.str(), NumpyPrinter.str(c.tensor()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reprMatchesNumpy(GoldenFile.Case c) {
    assertEquals(c.repr(), NumpyPrinter.repr(c.tensor()));
  }

  @Test
  void goldenFileCoversEveryDtypeAndRank() throws IOException {
    List<GoldenFile.Case> cases = cases();
    Set<DType> dtypes = EnumSet.noneOf(DType.class);
    boolean[] ranks = new boolean[5];
    for (GoldenFile.Case c : cases) {
      dtypes.add(c.tensor().dtype());
      ranks[Math.min(c.tensor().rank(), 4)] = true;
    }
    assertTrue(cases.size() >= 60, "only " + cases.size() + " cases");
    assertEquals(EnumSet.complementOf(EnumSet.of(DType.VARIANT)), dtypes);
    for (int r = 0; r < ranks.length; r++) {
      assertTrue(ranks[r], "no case of rank " + r);
    }
  }
}
