package org.tensorgraph.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.rnn.BasicLstmCell;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.GruCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnCell;
import org.tensorgraph.session.Session;
import org.tensorgraph.session.SessionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph bench rnn --cell basic|lstm|gru --batch B --time T --input I --units U
 * [--threads N] [--warmup N] [--runs N]}: times {@code Session.run} of a {@code dynamic_rnn}
 * forward pass and prints the median and spread, steps per second and GFLOP/s.
 *
 * <pre>{@code
 * $ tensorgraph bench rnn --cell lstm --batch 32 --time 100 --input 64 --units 128
 * BasicLSTM batch 32, time 100, input 64, units 128; threaded executor, 2 threads
 * runs: 20 measured after 5 warm-up runs
 * median: 61.2 ms (p10 58.9 ms, p90 66.0 ms; min 57.1 ms, max 70.3 ms)
 * steps/s: 1634 (time steps per second at the median)
 * GFLOP/s: 4.11 (2*B*T*(I+U)*4U = 2.52e+08 FLOP per run: the cell's matmuls only)
 * }</pre>
 *
 * <p>Tensorgraph only: the side-by-side comparison with TensorFlow 1.15 is the {@code benchmarks}
 * module's. A progress line goes to stderr while it runs; results go to stdout.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Measures Tensorgraph's speed.",
    subcommands = {BenchCommand.RnnBench.class})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** With no subcommand there is nothing to measure: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing benchmark (one of: "
        + String.join(", ", spec.subcommands().keySet()) + ")");
  }

  /** {@code bench rnn}. */
  @Command(
      name = "rnn",
      mixinStandardHelpOptions = true,
      versionProvider = Main.Version.class,
      description = {
        "Times Session.run of tf.nn.dynamic_rnn's forward pass (fetching outputs) on X of shape"
            + " [B, T, I] with random weights and inputs: warm-up runs, then measured runs, and"
            + " prints the median run time with its spread, time steps per second and GFLOP/s.",
        "",
        "FLOPs per run count the cell's matrix products only: 2*B*T*(I+U)*G*U with G = 1 for"
            + " basic, 4 for lstm, 3 for gru (elementwise ops are not counted)."
      })
  static final class RnnBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cell", required = true, paramLabel = "basic|lstm|gru",
        description = "BasicRNNCell, BasicLSTMCell or GRUCell.")
    String cell;

    @Option(names = "--batch", required = true, paramLabel = "B", description = "Batch size.")
    int batch;

    @Option(names = "--time", required = true, paramLabel = "T", description = "Time steps.")
    int time;

    @Option(names = "--input", required = true, paramLabel = "I",
        description = "Input depth per step.")
    int input;

    @Option(names = "--units", required = true, paramLabel = "U",
        description = "The cell's units.")
    int units;

    @Option(names = "--threads", paramLabel = "N",
        description = "Session threads (inter-op and intra-op); default: the processor count.")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
        description = "Runs before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20",
        description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
      int gates = gates();
      positive("--batch", batch);
      positive("--time", time);
      positive("--input", input);
      positive("--units", units);
      positive("--runs", runs);
      if (warmup < 0) {
        throw usage("--warmup must be at least 0, got " + warmup);
      }
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      positive("--threads", n);
      checkSize("X [B, T, I]", (long) batch * time * input);
      checkSize("outputs [B, T, U]", (long) batch * time * units);
      checkSize("the kernel [I + U, G * U]", (long) (input + units) * gates * units);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      out.printf("%s batch %d, time %d, input %d, units %d; threaded executor, %d thread%s%n",
          cellName(), batch, time, input, units, n, n == 1 ? "" : "s");
      out.flush();
      double[] ms = measure(n, err);
      report(out, ms, gates);
      return Main.OK;
    }

    private int gates() {
      return switch (cell) {
        case "basic" -> 1;
        case "lstm" -> 4;
        case "gru" -> 3;
        default -> throw usage("--cell must be basic, lstm or gru, got '" + cell + "'");
      };
    }

    private String cellName() {
      return switch (cell) {
        case "basic" -> "BasicRNN";
        case "lstm" -> "BasicLSTM";
        default -> "GRU";
      };
    }

    private RnnCell newCell() {
      return switch (cell) {
        case "basic" -> new BasicRnnCell(units);
        case "lstm" -> new BasicLstmCell(units);
        default -> new GruCell(units);
      };
    }

    /** Warm-up, then the measured runs' times in ms, with a progress line on stderr. */
    private double[] measure(int threads, PrintWriter err) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      tf.setRandomSeed(1);
      Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, time, input));
      Output outputs = Rnn.dynamicRnn(newCell(), x, DType.FLOAT32).outputs();
      Map<Output, Tensor> feeds = Map.of(x, randomInputs());
      SessionOptions options = SessionOptions.builder().interOpThreads(threads)
          .intraOpThreads(threads).build();
      double[] ms = new double[runs];
      try (Session s = new Session(g, options)) {
        s.run(tf.globalVariablesInitializer());
        for (int i = 0; i < warmup; i++) {
          progress(err, "warm-up " + (i + 1) + "/" + warmup);
          s.run(List.of(outputs), feeds, List.of());
        }
        for (int i = 0; i < runs; i++) {
          progress(err, "measuring " + (i + 1) + "/" + runs
              + (i == 0 ? "" : String.format(Locale.ROOT, " (last %s)", time(ms[i - 1]))));
          long t0 = System.nanoTime();
          s.run(List.of(outputs), feeds, List.of());
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
      }
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
      return ms;
    }

    private static void progress(PrintWriter err, String what) {
      err.print(String.format(Locale.ROOT, "\rbench rnn: %-48s", what));
      err.flush();
    }

    private Tensor randomInputs() {
      SplittableRandom r = new SplittableRandom(1);
      float[] v = new float[batch * time * input];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (r.nextDouble() * 2 - 1);
      }
      return Tensor.of(Shape.of(batch, time, input), v);
    }

    private void report(PrintWriter out, double[] ms, int gates) {
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      double median = percentile(sorted, 50);
      double flops = 2.0 * batch * time * (input + units) * gates * units;
      out.printf("runs: %d measured after %d warm-up run%s%n", runs, warmup,
          warmup == 1 ? "" : "s");
      out.printf("median: %s (p10 %s, p90 %s; min %s, max %s)%n", time(median),
          time(percentile(sorted, 10)), time(percentile(sorted, 90)), time(sorted[0]),
          time(sorted[sorted.length - 1]));
      out.printf(Locale.ROOT, "steps/s: %.0f (time steps per second at the median)%n",
          time / (median / 1e3));
      out.printf(Locale.ROOT, "GFLOP/s: %.3g (2*B*T*(I+U)*%dU = %.3g FLOP per run: the cell's"
          + " matmuls only)%n", flops / (median / 1e3) / 1e9, gates, flops);
    }

    /** Linear interpolation between closest ranks, as numpy's default percentile. */
    static double percentile(double[] sorted, double p) {
      double pos = p / 100 * (sorted.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(lo + 1, sorted.length - 1);
      return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String time(double ms) {
      if (ms >= 100) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
      }
      if (ms >= 1) {
        return String.format(Locale.ROOT, "%.3g ms", ms);
      }
      return String.format(Locale.ROOT, "%.3g µs", ms * 1e3);
    }

    private void positive(String option, int value) {
      if (value < 1) {
        throw usage(option + " must be at least 1, got " + value);
      }
    }

    private void checkSize(String what, long elements) {
      if (elements > Integer.MAX_VALUE - 8) {
        throw usage(what + " would have " + elements + " elements, more than a tensor can hold"
            + " (2^31 - 9); use smaller sizes");
      }
    }

    private ParameterException usage(String message) {
      return new ParameterException(spec.commandLine(), message);
    }
  }
}
