package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.examples.DemoOptions;
import org.tensorgraph.examples.Demos;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.MultiRnnCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnCell;
import org.tensorgraph.rnn.RnnResult;
import org.tensorgraph.session.Session;

/**
 * Issue 6's "done when": a file written by {@code tensorgraph demo article --export} imports and
 * runs in TensorFlow 1.15. The demo writes its two programs ({@code article.json}, {@code
 * article-2.json}); TF imports each, runs {@code init}, takes the same weights (the {@code
 * --checkpoint} values, assigned in TF) or derives them from the file's seeds ({@code --seed}),
 * and its outputs and states equal what the demo printed and what our session computes on the
 * loaded file, within 1e-6.
 */
@ExtendWith(TensorFlowAvailable.class)
class InteropDemoExportTest {
  @TempDir
  Path dir;

  @Test
  void articleExportRunsInTfWithTheCheckpointsWeights() throws Exception {
    Map<String, Tensor> weights = articleWeights();
    Path file = dir.resolve("article.json");
    String printed = runDemo(new DemoOptions(weights, null, file));
    checkProgram(file, 0, printed, weights);
    checkProgram(dir.resolve("article-2.json"), 1, printed, weights);
  }

  @Test
  void seededArticleExportRunsInTfWithTheSameInitialWeights() throws Exception {
    Path file = dir.resolve("seeded.graph.json");
    String printed = runDemo(new DemoOptions(Map.of(), 42L, file));
    checkProgram(file, 0, printed, Map.of());
    checkProgram(dir.resolve("seeded.graph-2.json"), 1, printed, Map.of());
  }

  /**
   * Program {@code index} of the article as written to {@code file}: TF's numbers equal the
   * printed ones and our session's on the same file.
   */
  private static void checkProgram(Path file, int index, String printed,
      Map<String, Tensor> weights) throws Exception {
    assertTrue(Files.isRegularFile(file), "the demo wrote " + file);
    Names names = names(index);
    Map<String, Tensor> feeds = Map.of(names.x(), Tensor.of(InteropModels.ARTICLE));
    List<Tensor> tf;
    try (InteropTf t = InteropTf.importJson(Files.readString(file))) {
      t.run(List.of("init"), Map.of(), List.of());
      Map<String, Tensor> mine = new LinkedHashMap<>(weights);
      mine.keySet().removeIf(n -> t.graph().operation(n) == null);
      if (!weights.isEmpty()) {
        assertEquals(index == 0 ? 2 : 4, mine.size(), "checkpoint entries for " + file);
        t.assign(mine);
      }
      tf = t.run(List.of(), feeds, names.fetches());
    }
    String what = "demo article --export, " + file.getFileName();
    InteropCompare.assertClose(what + " (ours on the loaded file)", names.fetches(),
        oursOnFile(file, weights, feeds, names.fetches()), tf);
    assertPrinted(what, section(printed, index), tf);
  }

  /**
   * Our session on the graph read back from the file, with the same weights. (A GraphDef keeps no
   * collections, so the loaded graph has no "global variables": the {@code VariableV2} nodes are
   * assigned by name, as TF's are.)
   */
  private static List<Tensor> oursOnFile(Path file, Map<String, Tensor> weights,
      Map<String, Tensor> feeds, List<String> fetches) throws Exception {
    Graph g = GraphDefJson.read(file);
    Ops tf = Ops.create(g);
    Map<Output, Tensor> values = new LinkedHashMap<>();
    List<Operation> assigns = new ArrayList<>();
    weights.forEach((name, value) -> {
      Operation variable = g.operation(name);
      if (variable != null) {
        Output ph = tf.placeholder(value.dtype(), value.shape());
        values.put(ph, value);
        assigns.add(g.opBuilder("Assign", "assign").addInput(variable.output(0)).addInput(ph)
            .build());
      }
    });
    try (Session s = new Session(g)) {
      s.run(g.operation("init"));
      s.run(List.of(), values, assigns);
      return s.run(fetches, feeds);
    }
  }

  /**
   * The printed {@code outputs: ...} and {@code states: ...} hold TF's values: numpy's printing
   * keeps 8 decimals, well inside the tolerance.
   */
  private static void assertPrinted(String what, String section, List<Tensor> tf) {
    double[] outputs = numbers(between(section, "outputs: ", "\nstates: "));
    double[] states = numbers(between(section, "\nstates: ", "\noutputs.shape"));
    double[] tfOutputs = doubles(tf.get(0));
    List<Double> tfStates = new ArrayList<>();
    for (Tensor t : tf.subList(1, tf.size())) {
      for (double v : doubles(t)) {
        tfStates.add(v);
      }
    }
    assertClose(what + ": printed outputs vs TF", tfOutputs, outputs);
    assertClose(what + ": printed states vs TF",
        tfStates.stream().mapToDouble(Double::doubleValue).toArray(), states);
  }

  private static double[] doubles(Tensor t) {
    double[] d = new double[t.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = t.getAsDouble(i);
    }
    return d;
  }

  private static void assertClose(String what, double[] tf, double[] printed) {
    assertEquals(tf.length, printed.length, what + ": how many numbers");
    for (int i = 0; i < tf.length; i++) {
      assertEquals(tf[i], printed[i], InteropCompare.TOLERANCE, what + " at " + i);
    }
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d*)?(e[-+]?\\d+)?");

  private static double[] numbers(String text) {
    Matcher m = NUMBER.matcher(text.replace("dtype=float32", "").replace("array(", ""));
    List<Double> values = new ArrayList<>();
    while (m.find()) {
      values.add(Double.parseDouble(m.group()));
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String between(String text, String from, String to) {
    int a = text.indexOf(from);
    int b = text.indexOf(to, a + from.length());
    assertTrue(a >= 0 && b > a, () -> "no '" + from.strip() + "' ... '" + to.strip() + "' in:\n"
        + text);
    return text.substring(a + from.length(), b);
  }

  /** The printed part of program {@code index}, after its {@code == title ==} line. */
  private static String section(String printed, int index) {
    String[] parts = printed.split("(?m)^== .* ==$");
    assertEquals(3, parts.length, "two titled programs in:\n" + printed);
    return parts[index + 1];
  }

  private static String runDemo(DemoOptions options) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demos.find("article").run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Feed and fetch names of program {@code index}, from the same program built here. */
  private record Names(String x, List<String> fetches) {}

  private static Names names(int index) {
    Graph g = new Graph();
    Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
    RnnCell cell = index == 0 ? new BasicRnnCell(4)
        : new MultiRnnCell(List.of(new BasicRnnCell(4), new BasicRnnCell(4)));
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    List<String> fetches = new ArrayList<>(List.of(r.outputs().name()));
    InteropModels.flatten(r.state()).forEach(o -> fetches.add(o.name()));
    Variables.globalVariablesInitializer(g);
    return new Names(x.name(), fetches);
  }

  /**
   * "TensorFlow's weights" for both programs, keyed as TF names them. Small, so that tanh does
   * not saturate on the article's inputs (up to 10) and every printed digit matters.
   */
  private static Map<String, Tensor> articleWeights() {
    String two = "rnn/multi_rnn_cell/cell_";
    Map<String, Tensor> w = new LinkedHashMap<>();
    w.put("rnn/basic_rnn_cell/kernel", matrix(7, 4, 1));
    w.put("rnn/basic_rnn_cell/bias", matrix(1, 4, 2));
    w.put(two + "0/basic_rnn_cell/kernel", matrix(7, 4, 3));
    w.put(two + "0/basic_rnn_cell/bias", matrix(1, 4, 4));
    w.put(two + "1/basic_rnn_cell/kernel", matrix(8, 4, 5));
    w.put(two + "1/basic_rnn_cell/bias", matrix(1, 4, 6));
    return w;
  }

  private static Tensor matrix(int rows, int cols, int k) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (0.08 * Math.sin(0.9 * i + k));
    }
    return Tensor.of(rows == 1 ? Shape.of(cols) : Shape.of(rows, cols), v);
  }
}
