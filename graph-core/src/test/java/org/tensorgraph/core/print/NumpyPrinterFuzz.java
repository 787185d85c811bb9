package org.tensorgraph.core.print;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The differential fuzz against a local numpy; run by hand, not by the test suite (CI has no
 * numpy). It reads random arrays with numpy's texts from a file that {@code make_golden.py --fuzz}
 * wrote and reports every case where our str or repr differs.
 *
 * <pre>
 * python3 graph-core/src/test/resources/org/tensorgraph/core/print/make_golden.py \
 *     --fuzz 20000 --seed 1 --out /tmp/print-fuzz.txt
 * java -cp graph-core/target/classes:graph-core/target/test-classes \
 *     org.tensorgraph.core.print.NumpyPrinterFuzz /tmp/print-fuzz.txt
 * </pre>
 *
 * <p>Exit status 0 when every case matches, 1 otherwise.
 */
public final class NumpyPrinterFuzz {
  private NumpyPrinterFuzz() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: NumpyPrinterFuzz <cases-file>...  (from make_golden.py --fuzz)");
      System.exit(2);
    }
    int total = 0;
    int mismatches = 0;
    long nanos = 0;
    for (String file : args) {
      List<GoldenFile.Case> cases;
      try (InputStream in = Files.newInputStream(Path.of(file))) {
        cases = GoldenFile.read(in);
      }
      for (GoldenFile.Case c : cases) {
        long t0 = System.nanoTime();
        String str = NumpyPrinter.str(c.tensor());
        String repr = NumpyPrinter.repr(c.tensor());
        nanos += System.nanoTime() - t0;
        total++;
        if (!str.equals(c.str()) || !repr.equals(c.repr())) {
          mismatches++;
          if (mismatches <= 10) {
            report(c, str, repr);
          }
        }
      }
    }
    System.out.printf("cases=%d mismatches=%d printing=%.1f ms%n", total, mismatches,
        nanos / 1e6);
    System.exit(mismatches == 0 ? 0 : 1);
  }

  private static void report(GoldenFile.Case c, String str, String repr) {
    System.out.println("MISMATCH " + c.name() + " " + c.tensor().dtype() + " "
        + c.tensor().shape());
    if (!str.equals(c.str())) {
      System.out.println("numpy str:\n" + c.str() + "\nours:\n" + str);
    }
    if (!repr.equals(c.repr())) {
      System.out.println("numpy repr:\n" + c.repr() + "\nours:\n" + repr);
    }
  }
}
