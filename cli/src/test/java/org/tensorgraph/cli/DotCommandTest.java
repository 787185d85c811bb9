package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;

/** `tensorgraph dot`: valid DOT with scope clusters and While bodies as nested clusters. */
class DotCommandTest {
  @TempDir Path dir;

  private static final String Q = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern SUBGRAPH = Pattern.compile("\\s*subgraph " + Q + " \\{");
  private static final Pattern NODE = Pattern.compile("\\s*" + Q + " \\[(.*)\\];");
  private static final Pattern EDGE = Pattern.compile("\\s*" + Q + " -> " + Q + " \\[(.*)\\];");
  private static final Pattern LABEL = Pattern.compile("\\s*label=" + Q + "; style=\\w+; color="
      + Q + ";");

  /** What a light parse of our DOT finds: each node's enclosing clusters, labels, edges. */
  record Dot(Map<String, List<String>> nodeClusters, Map<String, String> nodeAttrs,
      Map<String, String> clusterLabels, Map<String, List<String>> clusterParents,
      List<String[]> edges) {}

  /** Parses line by line, failing on any line that is not one of the statement forms we write. */
  static Dot parse(String dot) {
    String[] lines = dot.split("\n");
    assertTrue(lines[0].matches("digraph " + Q + " \\{"), lines[0]);
    assertEquals("}", lines[lines.length - 1]);
    Deque<String> stack = new ArrayDeque<>();
    Dot d = new Dot(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(),
        new ArrayList<>());
    for (int i = 1; i < lines.length - 1; i++) {
      String l = lines[i];
      Matcher m;
      if ((m = SUBGRAPH.matcher(l)).matches()) {
        assertFalse(d.clusterLabels.containsKey(m.group(1)), "cluster twice: " + l);
        d.clusterParents.put(m.group(1), List.copyOf(stack));
        stack.push(m.group(1));
        d.clusterLabels.put(m.group(1), null);
      } else if ((m = LABEL.matcher(l)).matches()) {
        d.clusterLabels.put(stack.peek(), m.group(1));
      } else if (l.strip().equals("}")) {
        assertFalse(stack.isEmpty(), "unbalanced } at line " + (i + 1));
        stack.pop();
      } else if ((m = EDGE.matcher(l)).matches()) {
        d.edges.add(new String[] {m.group(1), m.group(2), m.group(3)});
      } else if ((m = NODE.matcher(l)).matches()) {
        assertTrue(d.nodeClusters.put(m.group(1), List.copyOf(stack)) == null, "twice: " + l);
        d.nodeAttrs.put(m.group(1), m.group(2));
      } else {
        assertTrue(l.matches("  (graph|node|edge) \\[.*\\];"), "not a statement we write: " + l);
      }
    }
    assertTrue(stack.isEmpty(), "unclosed subgraph " + stack);
    for (String[] e : d.edges) {
      assertTrue(d.nodeAttrs.containsKey(e[0]) && d.nodeAttrs.containsKey(e[1]),
          "edge between undeclared nodes: " + e[0] + " -> " + e[1]);
    }
    return d;
  }

  @Test
  void drawsScopesAndTheWhileBodies() throws Exception {
    Graph g = RnnGraphs.articleOneLayer();
    Path file = RnnGraphs.write(g, dir.resolve("article.json"));
    CliRun r = CliRun.of("dot", file.toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("digraph \"article.json\" {\n"), r.out());
    Dot d = parse(r.out());
    assertEquals("rnn", d.clusterLabels.get("cluster_rnn"));
    assertEquals("rnn/while", d.clusterLabels.get("cluster_rnn/while"));
    assertEquals(List.of("cluster_rnn"), d.clusterParents.get("cluster_rnn/while"));
    assertEquals(List.of("cluster_rnn/while", "cluster_rnn"), d.nodeClusters.get("rnn/while"));
    assertEquals(List.of("cluster_rnn/basic_rnn_cell", "cluster_rnn"),
        d.nodeClusters.get("rnn/basic_rnn_cell/kernel"));
    assertTrue(d.nodeAttrs.get("rnn/basic_rnn_cell/kernel").contains("shape=cylinder"));
    assertTrue(d.nodeAttrs.get("X").startsWith("label=\"X\\nPlaceholder\""), d.nodeAttrs.get("X"));
    assertEquals(List.of(), d.nodeClusters.get("X"));
    Operation loop = g.operation("rnn/while");
    for (String attr : List.of("cond", "body")) {
      String fname = loop.attrFunc(attr).name();
      String cluster = "cluster_rnn/while::" + fname + "::";
      assertEquals(fname, d.clusterLabels.get(cluster), "labelled with the function name");
      assertEquals(List.of("cluster_rnn/while", "cluster_rnn"), d.clusterParents.get(cluster));
    }
    GraphFunction body = g.function(loop.attrFunc("body").name());
    String matmul = "rnn/while::" + body.name() + "::rnn/while/basic_rnn_cell/MatMul";
    assertTrue(d.nodeAttrs.containsKey(matmul), d.nodeAttrs.keySet().toString());
    assertEquals("cluster_rnn/while::" + body.name() + "::rnn/while/basic_rnn_cell",
        d.nodeClusters.get(matmul).get(0), "body scopes are clusters inside the body");
    assertTrue(d.edges.stream().anyMatch(e -> e[0].equals("X") && e[1].equals("rnn/transpose")
        && e[2].equals("label=\"float32 [?,2,3]\"")), "data edge with dtype and shape");
    assertTrue(d.edges.stream().anyMatch(e -> e[0].equals("rnn/basic_rnn_cell/kernel/Assign")
        && e[1].equals("init") && e[2].equals("style=dashed")), "control edge, dashed");
    assertTrue(d.edges.stream().anyMatch(e -> e[1].equals(matmul)), "edges inside the body");
    graphvizAccepts(r.out());
  }

  @Test
  void writesToAFileAndEscapesQuotes() throws Exception {
    Graph g = RnnGraphs.articleOneLayer();
    Path file = RnnGraphs.write(g, dir.resolve("a \"quoted\" name.json"));
    Path out = dir.resolve("dots/a.dot");
    CliRun r = CliRun.of("dot", file.toString(), "--out", out.toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals("", r.out());
    String dot = Files.readString(out);
    assertTrue(dot.startsWith("digraph \"a \\\"quoted\\\" name.json\" {\n"), dot);
    parse(dot);
    assertEquals("\"a\\\\b\\\"c\"", GraphDot.quote("a\\b\"c"));
  }

  @Test
  void badFilesFailInOneLine() throws Exception {
    CliRun r = CliRun.of("dot", dir.resolve("missing.json").toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals(List.of("tensorgraph: " + dir.resolve("missing.json") + ": no such file"),
        List.of(r.errLines()));
  }

  /** When Graphviz is installed, `dot -Tsvg` must accept the text; otherwise nothing to check. */
  private static void graphvizAccepts(String dotText) throws Exception {
    Path dot = Path.of("/usr/bin/dot");
    if (!Files.isExecutable(dot)) {
      return;
    }
    Process p = new ProcessBuilder(dot.toString(), "-Tsvg").redirectErrorStream(true).start();
    p.getOutputStream().write(dotText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dot -Tsvg did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("<svg"), out);
  }
}
