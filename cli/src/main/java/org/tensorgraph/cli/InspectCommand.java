package org.tensorgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph inspect GRAPH.json}: what a user needs to run a graph file: what to feed,
 * which variables need values, what is in it, and what can be fetched.
 *
 * <pre>{@code
 * $ tensorgraph inspect article.json
 * article.json: 61 nodes, 2 functions
 *
 * Placeholders (feed with --feed NAME=VALUE):
 *   X  float32  [?,2,3]
 *
 * Variables (set with --init or --checkpoint):
 *   rnn/basic_rnn_cell/kernel  float32  [7,4]
 *   rnn/basic_rnn_cell/bias    float32  [4]
 * ...
 * }</pre>
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Lists a graph file's placeholders, variables, op types, functions and outputs.",
      "",
      "The first line is 'FILE: N nodes, M functions'; then six sections, each a heading line and one indented line per item ('(none)'"
          + " when empty), columns separated by two or more spaces:",
      "",
      "  Placeholders: NAME  DTYPE  SHAPE, in graph order",
      "  Variables: NAME  DTYPE  SHAPE of each VariableV2, in graph order",
      "  Op types: TYPE  COUNT, sorted by type (top-level graph only)",
      "  Functions: NAME  N nodes  (ARG: DTYPE, ...) -> (RESULT: DTYPE, ...)",
      "  Outputs: TENSOR  DTYPE  SHAPE of each output that no node reads, of operations that no"
          + " node depends on: what a run usually fetches",
      "  Targets: operations without outputs that nothing depends on, such as 'init'",
      "",
      "DTYPE is numpy's name (float32, int32, ...), float32_ref for a variable's reference,"
          + " variant for a TensorList. SHAPE is TensorFlow's form: [?,2,3] with ? for an unknown size, [] for a scalar,"
          + " <unknown> for an unknown rank."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the file is missing or malformed (one line naming the node)",
      "2:usage error"
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GRAPH.json", description = "The GraphDef JSON file to describe.")
  Path graphFile;

  @Override
  public Integer call() throws CliFailure {
    Graph g = GraphFiles.readGraph(graphFile);
    PrintWriter out = spec.commandLine().getOut();
    out.print(describe(g, graphFile.toString()));
    out.flush();
    return Main.OK;
  }

  /** The whole report, ending with a newline. */
  static String describe(Graph g, String source) {
    List<Operation> ops = g.operations();
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": ").append(ops.size()).append(ops.size() == 1 ? " node, " : " nodes, ")
        .append(g.functions().size()).append(g.functions().size() == 1 ? " function" : " functions")
        .append('\n');
    section(sb, "Placeholders (feed with --feed NAME=VALUE)", rows(ops, "Placeholder"));
    section(sb, "Variables (set with --init or --checkpoint)", rows(ops, "VariableV2"));
    section(sb, "Op types", opTypes(ops));
    section(sb, "Functions", functions(g));
    Leaves leaves = leaves(ops);
    section(sb, "Outputs (fetch with --fetch NAME)", leaves.outputs);
    section(sb, "Targets (run with --target NAME)", leaves.targets);
    return sb.toString();
  }

  private static List<String[]> rows(List<Operation> ops, String type) {
    List<String[]> r = new ArrayList<>();
    for (Operation op : ops) {
      if (op.type().equals(type)) {
        r.add(new String[] {op.name(), op.attrType("dtype").numpyName(),
            op.attrShape("shape").toString()});
      }
    }
    return r;
  }

  private static List<String[]> opTypes(List<Operation> ops) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Operation op : ops) {
      counts.merge(op.type(), 1, Integer::sum);
    }
    List<String[]> r = new ArrayList<>();
    counts.forEach((type, n) -> r.add(new String[] {type, Integer.toString(n)}));
    return r;
  }

  private static List<String[]> functions(Graph g) {
    List<String[]> r = new ArrayList<>();
    for (GraphFunction f : g.functions()) {
      List<String> args = new ArrayList<>();
      for (Operation a : f.args()) {
        args.add(a.name() + ": " + dtype(a.output(0)));
      }
      List<String> results = new ArrayList<>();
      for (int i = 0; i < f.results().size(); i++) {
        results.add(f.resultNames().get(i) + ": " + dtype(f.results().get(i)));
      }
      int n = f.body().operations().size();
      r.add(new String[] {f.name(), n + (n == 1 ? " node" : " nodes"),
          "(" + String.join(", ", args) + ") -> (" + String.join(", ", results) + ")"});
    }
    return r;
  }

  private record Leaves(List<String[]> outputs, List<String[]> targets) {}

  /** Outputs nobody reads, of operations nobody depends on (by data or control). */
  private static Leaves leaves(List<Operation> ops) {
    Set<Output> read = new HashSet<>();
    Set<Operation> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Operation op : ops) {
      read.addAll(op.inputs());
      needed.addAll(op.controlInputs());
    }
    List<String[]> outputs = new ArrayList<>();
    List<String[]> targets = new ArrayList<>();
    for (Operation op : ops) {
      if (needed.contains(op)) {
        continue;
      }
      if (op.numOutputs() == 0) {
        targets.add(new String[] {op.name(), op.type()});
      }
      for (Output o : op.outputs()) {
        if (!read.contains(o)) {
          outputs.add(new String[] {o.name(), dtype(o), o.shape().toString()});
        }
      }
    }
    return new Leaves(outputs, targets);
  }

  private static String dtype(Output o) {
    return FeedValues.dtypeName(o.dtype()) + (o.isRef() ? "_ref" : "");
  }

  /** A heading and aligned rows: every column but the last padded to its widest cell. */
  private static void section(StringBuilder sb, String heading, List<String[]> rows) {
    sb.append('\n').append(heading).append(":\n");
    if (rows.isEmpty()) {
      sb.append("  (none)\n");
      return;
    }
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[cols];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]);
        if (c < row.length - 1) {
          line.append(" ".repeat(width[c] - row[c].length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
