package org.tensorgraph.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table pairs each of our methods with TF's result for the same parameters. */
class ComparisonTableTest {
  private static Measurement m(String cls, String method, Map<String, String> params,
      double median, double alloc) {
    return new Measurement(cls, method, params, median, median * 0.9, median * 1.2, alloc);
  }

  @Test
  void pairsOursWithTfAndReportsTheRatio() {
    Map<String, String> lstm = Map.of("rnn", "lstm-32-100-64-128");
    Map<String, String> mm = Map.of("shape", "1024x1024x1024");
    String table = ComparisonTable.markdown(List.of(
        m("RnnBench", "ours", lstm, 42.0, 3 * 1024 * 1024),
        m("RnnBench", "tf", lstm, 21.0, 900),
        m("MatMulBench", "ours", mm, 400, 4 << 20),
        m("MatMulBench", "oursKernel", mm, 390, 4 << 20),
        m("MatMulBench", "tf", mm, 8.0, 1200),
        m("ExecutorOverheadBench", "oursDirect", Map.of("nodes", "1000"), 0.05, Double.NaN)));
    assertEquals("""
        | case | ours median (p10–p90) | TF 1.15 median (p10–p90) | TF ÷ ours | ours alloc/run \
        | TF alloc/run (Java heap) |
        |---|---:|---:|---:|---:|---:|
        | BasicLSTM 32, 100, 64, 128 | 42.0 ms (37.8–50.4) | 21.0 ms (18.9–25.2) | 0.50 \
        | 3.0 MB | 900 B |
        | MatMul 1024×1024×1024 | 400 ms (360–480) | 8.00 ms (7.20–9.60) | 0.020 | 4.0 MB \
        | 1.2 KB |
        | MatMul 1024×1024×1024 (ours: kernel only, 1 thread) | 390 ms (351–468) \
        | 8.00 ms (7.20–9.60) | 0.021 | 4.0 MB | 1.2 KB |
        | chain of 1000 scalar Adds (ours: direct executor) | 50.0 µs (45.0–60.0) | n/a | n/a \
        | n/a | n/a |
        """, table);
  }

  @Test
  void aTfOnlyResultStillGetsARow() {
    String table = ComparisonTable.markdown(List.of(
        m("ElementwiseBench", "tf", Map.of("op", "Tanh", "n", "16384"), 0.012, 500)));
    assertEquals("| Tanh [16384] | n/a | 12.0 µs (10.8–14.4) | n/a | n/a | 500 B |",
        table.lines().toList().get(2));
  }

  @Test
  void aTfNativeRunAddsItsColumnsAndTheNote() {
    Map<String, String> rnn = Map.of("rnn", "basic-1-1000-32-64");
    Map<String, String> lstm = Map.of("rnn", "lstm-1-1000-32-64");
    String table = ComparisonTable.markdown(List.of(
        m("RnnBench", "ours", rnn, 5.0, 6 << 20),
        m("RnnBench", "tf", rnn, 30.0, 2900),
        m("RnnBench", "tfNative", rnn, 10.0, 2000),
        m("RnnBench", "tfNative", lstm, 17.0, 2100)));
    assertEquals("""
        | case | ours median (p10–p90) | TF 1.15 median (p10–p90) | TF ÷ ours \
        | TF native median (p10–p90) | TF native ÷ ours | ours alloc/run \
        | TF alloc/run (Java heap) |
        |---|---:|---:|---:|---:|---:|---:|---:|
        | BasicRNN 1, 1000, 32, 64 | 5.00 ms (4.50–6.00) | 30.0 ms (27.0–36.0) | 6.00 \
        | 10.0 ms (9.00–12.0) | 2.00 | 6.0 MB | 2.8 KB |
        | BasicLSTM 1, 1000, 32, 64 | n/a | n/a | n/a | 17.0 ms (15.3–20.4) | n/a | n/a \
        | 2.1 KB |

        """ + ComparisonTable.NATIVE_NOTE + "\n", table);
  }

  @Test
  void ratiosKeepTwoOrThreeSignificantDigits() {
    assertEquals("12", ComparisonTable.ratio(12.4));
    assertEquals("1.60", ComparisonTable.ratio(1.6));
    assertEquals("0.036", ComparisonTable.ratio(0.0361));
  }
}
