package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.io.GraphDefJson;

/** `tensorgraph inspect`: the sections of a dynamicRnn graph's description. */
class InspectCommandTest {
  @TempDir Path dir;

  /** The lines of one section, without their two-space indent. */
  private static List<String> section(String out, String heading) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(heading) + ":\\n((?:  .*\\n)*)")
        .matcher(out);
    assertTrue(m.find(), "no section " + heading + " in\n" + out);
    return m.group(1).lines().map(l -> l.substring(2)).toList();
  }

  @Test
  void describesTheArticleGraph() throws Exception {
    Graph g = RnnGraphs.articleOneLayer();
    Path file = RnnGraphs.write(g, dir.resolve("article.json"));
    CliRun r = CliRun.of("inspect", file.toString());
    assertEquals(Main.OK, r.code(), r.err());
    String out = r.out();
    assertTrue(out.startsWith(file + ": " + g.operations().size() + " nodes, "
        + g.functions().size() + " functions\n"), out);
    assertEquals(List.of("X  float32  [?,2,3]"),
        section(out, "Placeholders (feed with --feed NAME=VALUE)"));
    assertEquals(List.of("rnn/basic_rnn_cell/kernel  float32  [7,4]",
        "rnn/basic_rnn_cell/bias    float32  [4]"),
        section(out, "Variables (set with --init or --checkpoint)"));
    List<String> types = section(out, "Op types");
    long whiles = g.operations().stream().filter(o -> o.type().equals("While")).count();
    assertTrue(types.stream().anyMatch(t -> t.matches("While +" + whiles)), out);
    assertTrue(types.stream().anyMatch(t -> t.matches("VariableV2 +2")), out);
    List<String> sorted = types.stream().map(t -> t.split(" ")[0]).sorted().toList();
    assertEquals(sorted, types.stream().map(t -> t.split(" ")[0]).toList(), "sorted by type");
    List<String> functions = section(out, "Functions");
    assertEquals(g.functions().size(), functions.size(), out);
    for (GraphFunction f : g.functions()) {
      assertTrue(functions.stream().anyMatch(l -> l.startsWith(f.name() + "  ")
          && l.contains(f.body().operations().size() + " nodes")), f.name() + "\n" + out);
    }
    assertTrue(functions.stream().anyMatch(l -> l.contains("-> (") && l.contains(": bool)")),
        "the cond returns a bool\n" + out);
    List<String> outputs = section(out, "Outputs (fetch with --fetch NAME)");
    String shape = GraphDefJson.read(file).output("rnn/transpose_1:0").shape().toString();
    assertTrue(outputs.stream().anyMatch(l -> l.matches("rnn/transpose_1:0 +float32 +"
        + Pattern.quote(shape))), out);
    assertTrue(outputs.stream().noneMatch(l -> l.startsWith("rnn/basic_rnn_cell/kernel/Assign")),
        "initializers feed init: not leaves\n" + out);
    assertEquals(List.of("init  NoOp"), section(out, "Targets (run with --target NAME)"));
  }

  @Test
  void emptySectionsSayNone() throws Exception {
    Graph g = new Graph();
    org.tensorgraph.ops.Ops.create(g).withName("c").constant(1f);
    CliRun r = CliRun.of("inspect", RnnGraphs.write(g, dir.resolve("c.json")).toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(dir.resolve("c.json") + ": 1 node, 0 functions\n"
        + "\nPlaceholders (feed with --feed NAME=VALUE):\n  (none)\n"
        + "\nVariables (set with --init or --checkpoint):\n  (none)\n"
        + "\nOp types:\n  Const  1\n"
        + "\nFunctions:\n  (none)\n"
        + "\nOutputs (fetch with --fetch NAME):\n  c:0  float32  []\n"
        + "\nTargets (run with --target NAME):\n  (none)\n", r.out());
  }

  @Test
  void badFilesFailInOneLine() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[1, 2]");
    CliRun r = CliRun.of("inspect", bad.toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.errLines()[0].startsWith("tensorgraph: " + bad + ": "), r.err());
    MainTest.assertUsageError(CliRun.of("inspect"),
        "tensorgraph: Missing required parameter: 'GRAPH.json'", "tensorgraph inspect");
  }
}
