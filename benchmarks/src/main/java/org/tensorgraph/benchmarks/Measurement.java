package org.tensorgraph.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * One JMH result reduced to what the comparison table shows: which benchmark method with which
 * parameters, the median and 10th/90th percentiles of its run time in milliseconds, and the bytes
 * it allocated on the Java heap per run ({@code gc.alloc.rate.norm}, NaN when not profiled).
 *
 * <pre>{@code
 * Measurement m = new Measurement("RnnBench", "ours", Map.of("rnn", "basic-4-2-3-4"),
 *     0.21, 0.19, 0.25, 51_200);
 * }</pre>
 *
 * @param benchClass the benchmark class's simple name
 * @param method the {@code @Benchmark} method: {@code tf}, {@code ours}, {@code oursKernel}, ...
 * @param params the {@code @Param} values, in declaration order
 * @param medianMs the median run time
 * @param p10Ms the 10th percentile
 * @param p90Ms the 90th percentile
 * @param allocBytes Java heap bytes allocated per run
 */
public record Measurement(String benchClass, String method, Map<String, String> params,
    double medianMs, double p10Ms, double p90Ms, double allocBytes) {
  public Measurement {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Reads a sample-time JMH result (any time unit). */
  public static Measurement of(RunResult r) {
    String benchmark = r.getParams().getBenchmark();
    int dot = benchmark.lastIndexOf('.');
    String cls = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
    Map<String, String> params = new LinkedHashMap<>();
    for (String key : r.getParams().getParamsKeys()) {
      params.put(key, r.getParams().getParam(key));
    }
    Result<?> primary = r.getPrimaryResult();
    double toMs = msPer(primary.getScoreUnit());
    Statistics s = primary.getStatistics();
    double alloc = Double.NaN;
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        alloc = e.getValue().getScore();
      }
    }
    return new Measurement(cls, benchmark.substring(dot + 1), params,
        s.getPercentile(50) * toMs, s.getPercentile(10) * toMs, s.getPercentile(90) * toMs,
        alloc);
  }

  private static double msPer(String unit) {
    String u = unit.substring(0, unit.indexOf('/'));
    return switch (u) {
      case "s" -> 1e3;
      case "ms" -> 1;
      case "us" -> 1e-3;
      case "ns" -> 1e-6;
      default -> throw new IllegalArgumentException("Not a time unit per op: " + unit);
    };
  }
}
