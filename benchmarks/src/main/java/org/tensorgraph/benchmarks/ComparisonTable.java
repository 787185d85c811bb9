package org.tensorgraph.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as a Markdown table: one row per Tensorgraph method and parameter set, beside
 * TF 1.15's time for the same parameters and the ratio TF time ÷ ours (above 1: we are faster).
 * When the run measured a {@code tfNative} method (TF on the graph its own Python API builds, see
 * {@link RnnBench}), two more columns give that time and its ratio, and a note under the table
 * says which graph each TF column ran.
 *
 * <pre>{@code
 * System.out.println(ComparisonTable.markdown(measurements));
 * | case | ours median (p10–p90) | TF 1.15 median (p10–p90) | TF ÷ ours | ours alloc/run | ...
 * |---|---:|---:|---:|---:|---:|
 * | BasicRNN 4, 2, 3, 4 | 19.8 µs (11.0–35.2) | 82.6 µs (61.6–177) | 4.17 | 21.5 KB | 1011 B |
 * }</pre>
 */
public final class ComparisonTable {
  /** Under a table with the TF-native columns: what each TF column ran. */
  static final String NATIVE_NOTE = "TF 1.15: our GraphDef imported into TF (functional While,"
      + " TensorList ops). TF native: the graph TF 1.15's own tf.nn.dynamic_rnn builds in a TF1"
      + " program (v1 control flow: Enter/Merge/Switch/Exit frame, TensorArrayV3), same weights.";

  private ComparisonTable() {}

  /** TF's measurements of one case: on our graph, and on its own (null when not measured). */
  private record Tf(Measurement ourGraph, Measurement nativeGraph) {}

  /** The table; measurements without a TF or an ours side show "n/a" there. */
  public static String markdown(List<Measurement> all) {
    Map<String, List<Measurement>> groups = new LinkedHashMap<>();
    for (Measurement m : all) {
      groups.computeIfAbsent(m.benchClass() + m.params(), k -> new ArrayList<>()).add(m);
    }
    boolean withNative = all.stream().anyMatch(m -> m.method().equals("tfNative"));
    StringBuilder sb = new StringBuilder();
    sb.append("| case | ours median (p10–p90) | TF 1.15 median (p10–p90) | TF ÷ ours")
        .append(withNative ? " | TF native median (p10–p90) | TF native ÷ ours" : "")
        .append(" | ours alloc/run | TF alloc/run (Java heap) |\n");
    sb.append(withNative ? "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        : "|---|---:|---:|---:|---:|---:|\n");
    for (List<Measurement> g : groups.values()) {
      Tf tf = new Tf(method(g, "tf"), method(g, "tfNative"));
      List<Measurement> ours = g.stream().filter(m -> m.method().startsWith("ours")).toList();
      if (ours.isEmpty()) {
        row(sb, label(g.get(0)) + variant("ours"), null, tf, withNative);
      }
      for (Measurement o : ours) {
        row(sb, label(o) + variant(o.method()), o, tf, withNative);
      }
    }
    return withNative ? sb.append("\n").append(NATIVE_NOTE).append("\n").toString()
        : sb.toString();
  }

  private static Measurement method(List<Measurement> group, String method) {
    return group.stream().filter(m -> m.method().equals(method)).findFirst().orElse(null);
  }

  private static void row(StringBuilder sb, String label, Measurement ours, Tf tf,
      boolean withNative) {
    sb.append("| ").append(label)
        .append(" | ").append(time(ours))
        .append(" | ").append(time(tf.ourGraph()))
        .append(" | ").append(ratio(tf.ourGraph(), ours));
    if (withNative) {
      sb.append(" | ").append(time(tf.nativeGraph()))
          .append(" | ").append(ratio(tf.nativeGraph(), ours));
    }
    // TF's Java-heap bytes are its Java API's per-run cost, alike for either graph: one column,
    // from the run on our graph, or on TF's own when only that ran.
    Measurement tfAlloc = tf.ourGraph() != null ? tf.ourGraph() : tf.nativeGraph();
    sb.append(" | ").append(ours == null ? "n/a" : bytes(ours.allocBytes()))
        .append(" | ").append(tfAlloc == null ? "n/a" : bytes(tfAlloc.allocBytes()))
        .append(" |\n");
  }

  /** TF's time ÷ ours, or "n/a" when either is missing. */
  private static String ratio(Measurement tf, Measurement ours) {
    return ours == null || tf == null ? "n/a" : ratio(tf.medianMs() / ours.medianMs());
  }

  /** The case in the words: "BasicLSTM 32, 100, 64, 128", "MatMul 1024×1024×1024". */
  static String label(Measurement m) {
    Map<String, String> p = m.params();
    return switch (m.benchClass()) {
      case "RnnBench" -> RnnCase.parse(p.get("rnn")).label();
      case "MatMulBench" -> "MatMul " + p.get("shape").replace('x', '×');
      case "ElementwiseBench" -> p.get("op") + " [" + p.get("n") + "]";
      case "ExecutorOverheadBench" -> "chain of " + p.get("nodes") + " scalar Adds";
      default -> m.benchClass() + " " + p;
    };
  }

  private static String variant(String method) {
    return switch (method) {
      case "ours", "tf" -> "";
      case "oursKernel" -> " (ours: kernel only, 1 thread)";
      case "oursDirect" -> " (ours: direct executor)";
      default -> " (" + method + ")";
    };
  }

  /** Median (p10–p90) to 3 significant digits, in ms from a 1 ms median up and in µs below. */
  static String time(Measurement m) {
    if (m == null) {
      return "n/a";
    }
    boolean ms = m.medianMs() >= 1;
    double scale = ms ? 1 : 1000;
    return String.format(Locale.ROOT, "%s %s (%s–%s)", sig(m.medianMs() * scale),
        ms ? "ms" : "µs", sig(m.p10Ms() * scale), sig(m.p90Ms() * scale));
  }

  private static String sig(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  static String ratio(double r) {
    return r >= 10 ? String.format(Locale.ROOT, "%.0f", r)
        : r >= 0.1 ? String.format(Locale.ROOT, "%.2f", r)
        : String.format(Locale.ROOT, "%.3f", r);
  }

  static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "n/a";
    }
    if (b >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MB", b / (1 << 20));
    }
    return b >= 1 << 10 ? String.format(Locale.ROOT, "%.1f KB", b / (1 << 10))
        : String.format(Locale.ROOT, "%.0f B", b);
  }
}
