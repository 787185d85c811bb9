package org.tensorgraph.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks with JMH, Tensorgraph and TF 1.15 in the same run, and prints the
 * comparison table ({@link ComparisonTable}) with JMH's GC profiler's {@code gc.alloc.rate.norm}.
 *
 * <pre>{@code
 * $ java -jar benchmarks/target/benchmarks.jar                          # everything
 * $ java -jar benchmarks/target/benchmarks.jar RnnBench -p rnn=lstm-4-2-3-4
 * $ java -jar benchmarks/target/benchmarks.jar MatMulBench -f 3 -wi 5 -i 10
 * $ java -jar benchmarks/target/benchmarks.jar 'RnnBench.(ours|tf|tfNative)$'   # + TF's own graph
 * }</pre>
 *
 * <p>Every JMH command-line option works (a regex selecting benchmarks, {@code -p name=v1,v2},
 * {@code -f}, {@code -wi}, {@code -w}, {@code -i}, {@code -r}, {@code -rf json}, {@code -h}).
 * Unless given, the settings are short ones for a shared 2-core machine: 1 fork, 3 warm-up and 5
 * measurement iterations of 1 s. Run times are JMH's sample mode (every invocation timed): the
 * table shows medians with the 10th and 90th percentiles.
 */
public final class Compare {
  private Compare() {}

  public static void main(String[] args) throws RunnerException, IOException {
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("Compare: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams()
        || cmd.shouldListProfilers() || cmd.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    String started = Instant.now().toString();
    String loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(options(cmd).build()).run();
    List<Measurement> measurements = new ArrayList<>();
    results.forEach(r -> measurements.add(Measurement.of(r)));
    System.out.println();
    System.out.println("Tensorgraph vs TensorFlow 1.15, started " + started + ", "
        + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
        + System.getProperty("java.version") + ", load average before: " + loadBefore
        + ", after: " + loadAverage());
    System.out.println();
    System.out.print(ComparisonTable.markdown(measurements));
  }

  /** The command line's options, with the short defaults and the GC profiler where unset. */
  static ChainedOptionsBuilder options(CommandLineOptions cmd) {
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      b.include(Compare.class.getPackageName() + "\\..*Bench\\..*");
    }
    if (!cmd.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (!cmd.getJvmArgsAppend().hasValue() && vectorModulePresent()) {
      // Measure what the launcher runs: the Vector API matmul (issue 7 asks the benchmarks to
      // enable it); pass any -jvmArgsAppend (e.g. -Dtensorgraph.gemm=java) to override.
      b.jvmArgsAppend("--add-modules=jdk.incubator.vector");
    }
    if (!cmd.getWarmupIterations().hasValue()) {
      b.warmupIterations(3);
    }
    if (!cmd.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.seconds(1));
    }
    if (!cmd.getMeasurementIterations().hasValue()) {
      b.measurementIterations(5);
    }
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.seconds(1));
    }
    if (cmd.getProfilers().stream().noneMatch(p -> p.getKlass().equals("gc")
        || p.getKlass().equals(GCProfiler.class.getName()))) {
      b.addProfiler(GCProfiler.class);
    }
    return b;
  }

  /** True when this JDK ships the incubator Vector API module. */
  static boolean vectorModulePresent() {
    return java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();
  }

  /** The 1-, 5- and 15-minute load averages (Linux), so a loaded machine shows in the report. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
          .split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
