package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `tensorgraph bench rnn`: the report's format and the argument errors, on tiny sizes. No timing
 * is asserted (speed is measured with JMH in the benchmarks module).
 */
class BenchCommandTest {
  /** bench rnn with tiny sizes; {@code overrides} are option-value pairs that replace them. */
  private static String[] args(String cell, String... overrides) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("--cell", cell);
    o.put("--batch", "2");
    o.put("--time", "3");
    o.put("--input", "2");
    o.put("--units", "3");
    o.put("--warmup", "1");
    o.put("--runs", "3");
    o.put("--threads", "1");
    for (int i = 0; i < overrides.length; i += 2) {
      o.put(overrides[i], overrides[i + 1]);
    }
    List<String> a = new ArrayList<>(List.of("bench", "rnn"));
    o.forEach((k, v) -> a.add(k + "=" + v));
    return a.toArray(new String[0]);
  }

  static Stream<Arguments> cells() {
    return Stream.of(Arguments.of("basic", "BasicRNN", 1), Arguments.of("lstm", "BasicLSTM", 4),
        Arguments.of("gru", "GRU", 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void reportsMedianSpreadStepsAndGflops(String cell, String name, int gates) {
    CliRun r = CliRun.of(args(cell));
    assertEquals(Main.OK, r.code(), r.err());
    String[] lines = r.out().split("\\R");
    assertEquals(5, lines.length, r.out());
    assertEquals(name + " batch 2, time 3, input 2, units 3; threaded executor, 1 thread",
        lines[0]);
    assertEquals("runs: 3 measured after 1 warm-up run", lines[1]);
    String t = "[0-9.]+ (ms|µs)";
    assertTrue(Pattern.matches("median: " + t + " \\(p10 " + t + ", p90 " + t + "; min " + t
        + ", max " + t + "\\)", lines[2]), lines[2]);
    assertTrue(Pattern.matches("steps/s: [0-9]+ \\(time steps per second at the median\\)",
        lines[3]), lines[3]);
    // 2*B*T*(I+U)*G*U = 2*2*3*5*G*3 FLOP
    String flops = String.format(java.util.Locale.ROOT, "%.3g", 180.0 * gates);
    assertTrue(Pattern.matches("GFLOP/s: [0-9.e+-]+ \\(2\\*B\\*T\\*\\(I\\+U\\)\\*" + gates
        + "U = " + Pattern.quote(flops) + " FLOP per run: the cell's matmuls only\\)", lines[4]),
        lines[4]);
  }

  @Test
  void progressGoesToStderr() {
    CliRun r = CliRun.of(args("basic"));
    assertEquals(Main.OK, r.code(), r.err());
    assertTrue(r.err().contains("bench rnn: warm-up 1/1"), r.err());
    assertTrue(r.err().contains("bench rnn: measuring 3/3 (last "), r.err());
    assertTrue(!r.out().contains("measuring"), r.out());
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(args("tanh"), "tensorgraph: --cell must be basic, lstm or gru, got 'tanh'"),
        Arguments.of(args("lstm", "--batch", "0"),
            "tensorgraph: --batch must be at least 1, got 0"),
        Arguments.of(args("lstm", "--units", "-4"),
            "tensorgraph: --units must be at least 1, got -4"),
        Arguments.of(args("lstm", "--threads", "0"),
            "tensorgraph: --threads must be at least 1, got 0"),
        Arguments.of(args("lstm", "--runs", "0"), "tensorgraph: --runs must be at least 1, got 0"),
        Arguments.of(args("lstm", "--warmup", "-1"),
            "tensorgraph: --warmup must be at least 0, got -1"),
        Arguments.of(args("lstm", "--batch", "x"),
            "tensorgraph: Invalid value for option '--batch': 'x' is not an int"),
        Arguments.of(args("basic", "--batch", "100000", "--time", "100000"),
            "tensorgraph: X [B, T, I] would have 20000000000 elements, more than a tensor can"
                + " hold (2^31 - 9); use smaller sizes"),
        Arguments.of(new String[] {"bench", "rnn", "--cell", "lstm", "--batch", "1", "--time",
            "1", "--input", "1"}, "tensorgraph: Missing required option: '--units=U'"),
        Arguments.of(new String[] {"bench"}, "tensorgraph: missing benchmark (one of: rnn)"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void argumentErrorsAreUsageErrors(String[] args, String message) {
    CliRun r = CliRun.of(args);
    assertEquals(Main.USAGE, r.code(), r.err());
    assertEquals(message, r.errLines()[0]);
    assertTrue(r.errLines()[1].startsWith("Try 'tensorgraph bench"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void percentilesInterpolateBetweenRanks() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    assertEquals(6, BenchCommand.RnnBench.percentile(sorted, 50));
    assertEquals(2, BenchCommand.RnnBench.percentile(sorted, 10));
    assertEquals(10, BenchCommand.RnnBench.percentile(sorted, 90));
    assertEquals(1.5, BenchCommand.RnnBench.percentile(new double[] {1, 2}, 50));
    assertEquals(7, BenchCommand.RnnBench.percentile(new double[] {7}, 90));
  }
}
