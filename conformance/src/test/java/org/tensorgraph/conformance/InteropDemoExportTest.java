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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.BasicLstmCell;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.BidirectionalRnnResult;
import org.tensorgraph.rnn.MultiRnnCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnOptions;
import org.tensorgraph.rnn.RnnResult;
import org.tensorgraph.session.Session;

/**
 * Issue 6's "done when": a file written by {@code tensorgraph demo article --export} imports and
 * runs in TensorFlow 1.15; and issue 5's: with TF's weights given by {@code --checkpoint}, the
 * demo prints TF's outputs and states within 1e-6.
 *
 * <p>Each RNN demo runs with {@code --checkpoint} weights (or only {@code --seed}) and {@code
 * --export}; the article writes {@code NAME.json} and {@code NAME-2.json}. TF imports every
 * written file, runs {@code init}, takes the same weights (assigned in TF, as a restore would) or
 * derives them from the seeds the file carries, and runs on the demo's input: its outputs and
 * states equal the numbers the demo printed and our session's on the file read back.
 */
@ExtendWith(TensorFlowAvailable.class)
class InteropDemoExportTest {
  @TempDir
  Path dir;

  /**
   * One program of a demo, rebuilt here the way the demo builds it, only to learn its variables
   * and its feed and fetch names (outputs first, then states).
   *
   * @param outputs how many fetches the demo prints after {@code outputs:}
   * @param statesEnd the text after the printed states
   */
  record Program(Function<Graph, Map<Output, Tensor>> feeds, Function<Graph, List<Output>> build,
      int outputs, String statesEnd) {}

  /** A program built here: its graph, and its feeds and fetches by name. */
  record Rebuilt(Graph graph, Map<String, Tensor> feeds, List<String> fetches) {
    static Rebuilt of(Program p) {
      Graph g = new Graph();
      Map<String, Tensor> feeds = new LinkedHashMap<>();
      p.feeds().apply(g).forEach((k, v) -> feeds.put(k.name(), v));
      List<String> fetches = p.build().apply(g).stream().map(Output::name).toList();
      return new Rebuilt(g, feeds, fetches);
    }
  }

  record DemoCase(String demo, boolean checkpoint, List<Program> programs) {
    @Override
    public String toString() {
      return demo + (checkpoint ? " --checkpoint" : " --seed 42") + " --export";
    }
  }

  static List<DemoCase> demos() {
    Program one = new Program(InteropDemoExportTest::articleX,
        g -> rnn(Rnn.dynamicRnn(new BasicRnnCell(4), x(g), DType.FLOAT32)), 1, "\noutputs.shape");
    Program two = new Program(InteropDemoExportTest::articleX,
        g -> rnn(Rnn.dynamicRnn(new MultiRnnCell(List.of(new BasicRnnCell(4),
            new BasicRnnCell(4))), x(g), DType.FLOAT32)), 1, "\noutputs.shape");
    Program lstm = new Program(InteropDemoExportTest::articleX,
        g -> rnn(Rnn.dynamicRnn(new BasicLstmCell(4), x(g), DType.FLOAT32)), 1,
        "\noutputs.shape");
    Program lengths = new Program(InteropDemoExportTest::paddedX,
        g -> rnn(Rnn.dynamicRnn(new BasicRnnCell(5), x(g), RnnOptions.dtype(DType.FLOAT32)
            .sequenceLength(g.operation("Placeholder_1").output(0)))), 1, "\noutputs[1, 1]");
    Program bidi = new Program(InteropDemoExportTest::articleX, g -> {
      BidirectionalRnnResult r = Rnn.bidirectionalDynamicRnn(new BasicRnnCell(4),
          new BasicRnnCell(4), x(g), RnnOptions.dtype(DType.FLOAT32));
      List<Output> f = new ArrayList<>(List.of(r.outputFw(), r.outputBw()));
      f.addAll(InteropModels.flatten(List.of(r.stateFw(), r.stateBw())));
      return f;
    }, 2, "\nstate_fw ==");
    return List.of(new DemoCase("article", true, List.of(one, two)),
        new DemoCase("article", false, List.of(one, two)),
        new DemoCase("basic-lstm", true, List.of(lstm)),
        new DemoCase("sequence-length", true, List.of(lengths)),
        new DemoCase("bidirectional", true, List.of(bidi)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("demos")
  void exportedFilesRunInTfAndGiveWhatTheDemoPrinted(DemoCase c) throws Exception {
    List<Rebuilt> rebuilt = new ArrayList<>();
    Map<String, Tensor> weights = new LinkedHashMap<>();
    for (Program p : c.programs()) {
      Rebuilt r = Rebuilt.of(p);
      rebuilt.add(r);
      weights.putAll(smallWeights(r.graph(), weights.size()));
    }
    Path file = dir.resolve(c.demo() + ".json");
    String printed = runDemo(c.demo(), new DemoOptions(c.checkpoint() ? weights : Map.of(),
        c.checkpoint() ? null : 42L, file));
    List<String> sections = sections(printed, c.programs().size());
    for (int i = 0; i < c.programs().size(); i++) {
      Path written = i == 0 ? file : dir.resolve(c.demo() + "-" + (i + 1) + ".json");
      checkProgram(c + ", " + written.getFileName(), written, c.programs().get(i),
          rebuilt.get(i), sections.get(i), c.checkpoint() ? weights : Map.of());
    }
  }

  /** The written file runs in TF; TF's numbers equal the printed ones and ours on the file. */
  private static void checkProgram(String what, Path file, Program p, Rebuilt rebuilt,
      String printed, Map<String, Tensor> weights) throws Exception {
    assertTrue(Files.isRegularFile(file), "the demo wrote " + file);
    Map<String, Tensor> feeds = rebuilt.feeds();
    List<String> fetches = rebuilt.fetches();
    Map<String, Tensor> mine = new LinkedHashMap<>();
    Variables.globalVariables(rebuilt.graph()).forEach(v -> {
      if (weights.containsKey(v.name())) {
        mine.put(v.name(), weights.get(v.name()));
      }
    });
    List<Tensor> tf;
    try (InteropTf t = InteropTf.importJson(Files.readString(file))) {
      t.run(List.of("init"), Map.of(), List.of());
      if (!mine.isEmpty()) {
        t.assign(mine);
      }
      tf = t.run(List.of(), feeds, fetches);
    }
    InteropCompare.assertClose(what + " (ours on the loaded file)", fetches,
        oursOnFile(file, mine, feeds, fetches), tf);
    assertPrinted(what, printed, p, tf);
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
      Output ph = tf.placeholder(value.dtype(), value.shape());
      values.put(ph, value);
      assigns.add(g.opBuilder("Assign", "assign").addInput(g.operation(name).output(0))
          .addInput(ph).build());
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
  private static void assertPrinted(String what, String section, Program p, List<Tensor> tf) {
    double[] outputs = numbers(between(section, "outputs: ", "\nstates: "));
    double[] states = numbers(between(section, "\nstates: ", p.statesEnd()));
    assertClose(what + ": printed outputs vs TF", doubles(tf.subList(0, p.outputs())), outputs);
    assertClose(what + ": printed states vs TF", doubles(tf.subList(p.outputs(), tf.size())),
        states);
  }

  private static double[] doubles(List<Tensor> tensors) {
    List<Double> d = new ArrayList<>();
    for (Tensor t : tensors) {
      for (int i = 0; i < t.size(); i++) {
        d.add(t.getAsDouble(i));
      }
    }
    return d.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void assertClose(String what, double[] tf, double[] printed) {
    assertEquals(tf.length, printed.length, what + ": how many numbers");
    for (int i = 0; i < tf.length; i++) {
      assertEquals(tf[i], printed[i], InteropCompare.TOLERANCE, what + " at " + i);
    }
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d*)?(e[-+]?\\d+)?");

  // The numbers of numpy's str() of arrays, tuples of them and LSTMStateTuple(c=..., h=...).
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

  /** What each program printed: split at the {@code == title ==} lines of a multi-program demo. */
  private static List<String> sections(String printed, int programs) {
    if (programs == 1) {
      return List.of(printed);
    }
    String[] parts = printed.split("(?m)^== .* ==$");
    assertEquals(programs + 1, parts.length, programs + " titled programs in:\n" + printed);
    return List.of(parts).subList(1, parts.length);
  }

  private static String runDemo(String name, DemoOptions options) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demos.find(name).run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the demos' inputs

  /** The demos' X: an unnamed {@code tf.placeholder(tf.float32, [None, 2, 3])}. */
  private static Output x(Graph g) {
    Output x = g.operation("Placeholder").output(0);
    assertEquals("Placeholder:0", x.name());
    return x;
  }

  private static Map<Output, Tensor> articleX(Graph g) {
    Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
    return Map.of(x, Tensor.of(InteropModels.ARTICLE));
  }

  /** Example 10's padded batch, with its lengths fed to the second placeholder. */
  private static Map<Output, Tensor> paddedX(Graph g) {
    Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
    float[][][] padded = {
        {{0, 1, 2}, {9, 8, 7}},
        {{3, 4, 5}, {0, 0, 0}},
        {{6, 7, 8}, {6, 5, 4}},
        {{9, 0, 1}, {3, 2, 1}}};
    Output len = Ops.create(g).placeholder(DType.INT32, Shape.of(-1));
    Map<Output, Tensor> feeds = new LinkedHashMap<>();
    feeds.put(x, Tensor.of(padded));
    feeds.put(len, Tensor.of(new int[] {2, 1, 2, 2}));
    return feeds;
  }

  private static List<Output> rnn(RnnResult r) {
    List<Output> f = new ArrayList<>(List.of(r.outputs()));
    f.addAll(InteropModels.flatten(r.state()));
    return f;
  }

  /**
   * "TensorFlow's weights" for a program's variables, keyed as TF names them. Small, so that tanh
   * does not saturate on the demos' inputs (up to 10) and every printed digit matters.
   */
  private static Map<String, Tensor> smallWeights(Graph g, int offset) {
    Map<String, Tensor> w = new LinkedHashMap<>();
    int k = offset;
    for (Variable v : Variables.globalVariables(g)) {
      k++;
      float[] values = new float[(int) v.shape().numElements()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (0.08 * Math.sin(0.9 * i + k));
      }
      w.put(v.name(), Tensor.of(v.shape(), values));
    }
    return w;
  }
}
