package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.core.io.Npy;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.session.Session;

/** `tensorgraph run`: feeds, fetches, --out, --init, --checkpoint and one-line errors. */
class RunCommandTest {
  @TempDir Path dir;

  /** X [?,3] float -> y = tanh(X @ W + b) (scope "dense"), plus int and bool side graphs. */
  private static Graph dense() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 3));
    try (var s = tf.withNameScope("dense")) {
      Output w = tf.withName("W").constant(new float[][] {{1, -1}, {0.5f, 2}, {-0.25f, 0}});
      Output b = tf.withName("b").constant(new float[] {0.1f, -0.2f});
      tf.withName("y").tanh(tf.nn().biasAdd(tf.matmul(x, w), b));
    }
    Output n = tf.withName("N").placeholder(DType.INT32, Shape.of(2));
    tf.withName("twice").add(n, n);
    Output p = tf.withName("P").placeholder(DType.BOOL, Shape.of());
    tf.withName("notP").logicalNot(p);
    Output d = tf.withName("D").placeholder(DType.FLOAT64, Shape.unknown());
    tf.withName("dsq").square(d);
    return g;
  }

  private Path write(Graph g) throws Exception {
    Path file = dir.resolve("g.json");
    GraphDefJson.write(g, file);
    return file;
  }

  private static Tensor direct(Graph g, String fetch, Map<String, Tensor> feeds) {
    try (Session s = new Session(g)) {
      var r = s.runner();
      feeds.forEach(r::feed);
      return r.fetch(fetch).run().get(0);
    }
  }

  private static void assertFailure(CliRun r, String expectedLine) {
    assertEquals(Main.FAILURE, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().length, r.err());
    assertEquals("tensorgraph: " + expectedLine, r.errLines()[0]);
  }

  @Test
  void printsEachFetchAsSessionComputesIt() throws Exception {
    Graph g = dense();
    Path file = write(g);
    CliRun r = CliRun.of("run", file.toString(), "--feed", "X=[[1, 2, 3], [-1, 0.5, 4]]",
        "--fetch", "dense/y", "--fetch", "dense/W:0");
    assertEquals(Main.OK, r.code(), r.err());
    Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 4}});
    Tensor y = direct(g, "dense/y", Map.of("X", x));
    assertEquals("dense/y:\n" + y + "\ndense/W:0:\n" + direct(g, "dense/W:0", Map.of()) + "\n",
        r.out());
    assertTrue(r.out().startsWith("dense/y:\n[[ 0.874"), r.out()); // tanh(1+1-0.75+0.1)
    assertEquals("", r.err());
  }

  @Test
  void feedsFromNpyAndWritesOutFiles() throws Exception {
    Graph g = dense();
    Path file = write(g);
    Tensor x = Tensor.of(new float[][] {{0.25f, -2, 1}});
    Path xFile = dir.resolve("x.npy");
    Npy.write(xFile, x);
    Path out = dir.resolve("out/sub");
    CliRun r = CliRun.of("run", file.toString(), "--feed", "X=" + xFile, "--fetch", "dense/y:0",
        "--fetch", "X", "--out", out.toString());
    assertEquals(Main.OK, r.code(), r.err());
    Tensor y = direct(g, "dense/y", Map.of("X", x));
    assertEquals(y, Npy.read(out.resolve("dense_y_0.npy")));
    assertEquals(x, Npy.read(out.resolve("X.npy")), "a fed tensor fetched is its feed");
    assertEquals("dense/y:0:\n" + y + "\nX:\n" + x + "\n", r.out());
    assertEquals("rnn_transpose_1_0.npy", RunCommand.fileName("rnn/transpose_1:0"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "N | [3, -4]            | twice | [ 6 -8]",
    "X | [[1, 2, 3]]        | X     | [[1. 2. 3.]]",
    "X | [[1e0, 2.5, -0.0]] | X     | [[ 1.   2.5 -0. ]]",
    "P | true               | notP  | False",
    "D | [[1.5], [2]]       | dsq   | [[2.25]\\n [4.  ]]",
    "D | 3                  | dsq   | 9.0",
    "D | []                 | dsq   | []",
  })
  void jsonLiteralsTakeTheTensorsDtype(String name, String literal, String fetch, String printed)
      throws Exception {
    CliRun r = CliRun.of("run", write(dense()).toString(), "--feed", name + "=" + literal,
        "--fetch", fetch);
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(fetch + ":\n" + printed.replace("\\n", "\n") + "\n", r.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "N=[1.5, 2] | the float 1.5 cannot be fed to a int32 tensor; write an integer (without '.' or"
        + " an exponent) (tensor 'N:0' is int32)",
    "N=[1, 3000000000] | 3000000000 is out of range for int32 (tensor 'N:0' is int32)",
    "X=[[1, 2], [3]] | ragged nested list: a row of length 1 at depth 1 where the first has"
        + " length 2 (tensor 'X:0' is float32)",
    "X=[[1, [2]]] | ragged nested list: a list where the first row has a number at depth 2"
        + " (tensor 'X:0' is float32)",
    "X=[\"a\"] | not a JSON literal: strings, objects and null are not tensor values; write a"
        + " number, true, false or a nested list of those at column 2 (tensor 'X:0' is float32)",
    "X=[[1, 2] | not a JSON literal: unclosed '[' at column 8 (tensor 'X:0' is float32)",
    "P=1 | the number 1 cannot be fed to a bool tensor; write true or false (tensor 'P:0' is"
        + " bool)",
    "X=[[true, 1, 2]] | true cannot be fed to a float32 tensor; write a number (tensor 'X:0' is"
        + " float32)",
    "X=weights | not a JSON literal: unexpected 'w' at column 1; nor is it an existing file"
        + " (tensor 'X:0' is float32)",
  })
  void badLiteralsFailInOneLine(String feed, String message) throws Exception {
    CliRun r = CliRun.of("run", write(dense()).toString(), "--feed", feed, "--fetch", "X");
    assertFailure(r, "--feed " + feed + ": " + message);
  }

  @Test
  void feedShapeIsCheckedWithTfText() throws Exception {
    CliRun r = CliRun.of("run", write(dense()).toString(), "--feed", "X=[1, 2, 3]", "--fetch",
        "dense/y");
    assertFailure(r, "Cannot feed value of shape [3] for Tensor 'X:0', which has shape"
        + " '[?, 3]'");
  }

  @Test
  void npyFeedOfAnotherDtypeFails() throws Exception {
    Path xFile = dir.resolve("x64.npy");
    Npy.write(xFile, Tensor.of(new double[][] {{1, 2, 3}}));
    CliRun r = CliRun.of("run", write(dense()).toString(), "--feed", "X=" + xFile, "--fetch",
        "X");
    assertFailure(r, "--feed X=" + xFile + ": the file holds float64 values but tensor 'X:0' is"
        + " float32 (convert it, e.g. np.save(FILE, a.astype(np.float32)))");
  }

  @Test
  void badNpyFeedFails() throws Exception {
    Path bad = dir.resolve("bad.npy");
    Files.writeString(bad, "not numpy");
    CliRun r = CliRun.of("run", write(dense()).toString(), "--feed", "X=" + bad, "--fetch", "X");
    assertEquals(Main.FAILURE, r.code());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.errLines()[0].startsWith("tensorgraph: " + bad + ": "), r.err());
    CliRun missing = CliRun.of("run", write(dense()).toString(), "--feed",
        "X=" + dir.resolve("nope.npy"), "--fetch", "X");
    assertFailure(missing, dir.resolve("nope.npy") + ": no such file");
  }

  @Test
  void missingFeedFailsWithTfTextAndTheNode() throws Exception {
    CliRun r = CliRun.of("run", write(dense()).toString(), "--fetch", "dense/y");
    assertFailure(r, "You must feed a value for placeholder tensor 'X' with dtype float and"
        + " shape [?,3] [[node X (Placeholder)]]");
  }

  @Test
  void unknownNamesFailWithTfText() throws Exception {
    Path file = write(dense());
    assertFailure(CliRun.of("run", file.toString(), "--fetch", "dense/z"), "The name 'dense/z'"
        + " refers to a Tensor which does not exist. The operation, 'dense/z', does not exist in"
        + " the graph.");
    assertFailure(CliRun.of("run", file.toString(), "--fetch", "dense/y:1"), "The name"
        + " 'dense/y:1' refers to a Tensor which does not exist. The operation, 'dense/y', exists"
        + " but only has 1 outputs.");
    assertFailure(CliRun.of("run", file.toString(), "--target", "nope"),
        "The name 'nope' refers to an Operation not in the graph.");
    assertFailure(CliRun.of("run", file.toString(), "--feed", "Q=1", "--fetch", "X"),
        "The name 'Q' refers to a Tensor which does not exist. The operation, 'Q', does not"
            + " exist in the graph.");
  }

  @Test
  void badGraphFilesFailInOneLine() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"node\": [{\"name\": \"a\", \"op\": \"MatMul\", \"input\":"
        + " [\"b\", \"c\"]}]}");
    CliRun r = CliRun.of("run", bad.toString(), "--fetch", "a");
    assertEquals(Main.FAILURE, r.code());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.errLines()[0].startsWith("tensorgraph: " + bad + ": node 'a' (MatMul)"),
        r.err());
    Files.writeString(bad, "{\"node\": [");
    CliRun truncated = CliRun.of("run", bad.toString(), "--fetch", "a");
    assertEquals(Main.FAILURE, truncated.code());
    assertEquals(1, truncated.errLines().length, truncated.err());
    assertTrue(truncated.errLines()[0].startsWith("tensorgraph: " + bad + ": "), truncated.err());
    assertFailure(CliRun.of("run", dir.resolve("none.json").toString(), "--fetch", "a"),
        dir.resolve("none.json") + ": no such file");
  }

  @Test
  void verbosePrintsTheStackTrace() throws Exception {
    CliRun r = CliRun.of("run", "-v", write(dense()).toString(), "--fetch", "dense/y");
    assertEquals(Main.FAILURE, r.code());
    assertTrue(r.errLines().length > 2, r.err());
    assertTrue(r.err().contains("at org.tensorgraph."), r.err());
  }

  @Test
  void usageErrors() throws Exception {
    String file = write(dense()).toString();
    MainTest.assertUsageError(CliRun.of("run", file), "tensorgraph: nothing to run: give at"
        + " least one --fetch NAME or --target OP", "tensorgraph run");
    MainTest.assertUsageError(CliRun.of("run", file, "--feed", "X", "--fetch", "X"),
        "tensorgraph: --feed 'X': expected NAME=FILE.npy or NAME=<JSON literal>",
        "tensorgraph run");
    MainTest.assertUsageError(CliRun.of("run", file, "--fetch", "a/b", "--fetch", "a_b",
        "--out", dir.toString()), "tensorgraph: --out: fetches 'a/b' and 'a_b' would both be"
        + " written to a_b.npy", "tensorgraph run");
    MainTest.assertUsageError(CliRun.of("run", "--fetch", "y"),
        "tensorgraph: Missing required parameter: 'GRAPH.json'", "tensorgraph run");
  }

  /** w [2,2] (ones initializer), v [2] (zeros), out = X @ w + v, and tf's "init". */
  private static Graph withVariables(boolean withInit) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2));
    var w = tf.getVariable("w", Shape.of(2, 2), DType.FLOAT32, Initializers.ones());
    var v = tf.getVariable("v", Shape.of(2), DType.FLOAT32, Initializers.zeros());
    tf.withName("out").add(tf.matmul(x, w.value()), v.value());
    if (withInit) {
      tf.globalVariablesInitializer();
    }
    return g;
  }

  @Test
  void initRunsTheInitializers() throws Exception {
    for (boolean withInitOp : new boolean[] {true, false}) {
      Path file = write(withVariables(withInitOp));
      CliRun r = CliRun.of("run", file.toString(), "--init", "--feed", "X=[[1, 2]]", "--fetch",
          "out");
      assertEquals(Main.OK, r.code(), r.err());
      assertEquals("out:\n[[3. 3.]]\n", r.out(), "init op present: " + withInitOp);
    }
    CliRun none = CliRun.of("run", write(withVariables(true)).toString(), "--feed", "X=[[1, 2]]",
        "--fetch", "out");
    assertFailure(none, "Attempting to use uninitialized value w [[node w/read (Identity)]]");
  }

  @Test
  void checkpointValuesWinOverInitializers() throws Exception {
    Path file = write(withVariables(true));
    Path ckpt = dir.resolve("c.npz");
    Npz.write(ckpt, Map.of("w", Tensor.of(new float[][] {{1, 2}, {3, 4}})), false);
    CliRun r = CliRun.of("run", file.toString(), "--init", "--checkpoint", ckpt.toString(),
        "--feed", "X=[[1, 1]]", "--fetch", "out", "--fetch", "w");
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals("out:\n[[4. 6.]]\nw:\n[[1. 2.]\n [3. 4.]]\n", r.out());
    Npz.write(ckpt, Map.of("w", Tensor.of(new float[][] {{1, 2}, {3, 4}}),
        "v", Tensor.of(new float[] {10, 20})), false);
    CliRun only = CliRun.of("run", file.toString(), "--checkpoint", ckpt.toString(), "--feed",
        "X=[[1, 1]]", "--fetch", "out");
    assertEquals("out:\n[[14. 26.]]\n", only.out(), only.err());
  }

  @Test
  void badCheckpointsFailInOneLine() throws Exception {
    Path file = write(withVariables(true));
    Path ckpt = dir.resolve("c.npz");
    Npz.write(ckpt, Map.of("u", Tensor.of(new float[] {1})), false);
    assertFailure(CliRun.of("run", file.toString(), "--checkpoint", ckpt.toString(), "--fetch",
        "out"), ckpt + ": entries that are not variables of the graph: u (the graph's"
        + " variables: w, v)");
    Npz.write(ckpt, Map.of("w", Tensor.of(new float[] {1, 2})), false);
    assertFailure(CliRun.of("run", file.toString(), "--checkpoint", ckpt.toString(), "--fetch",
        "out"), ckpt + ": entry 'w' has shape (2,) but the variable has shape [2,2]");
    Npz.write(ckpt, Map.of("v", Tensor.of(new int[] {1, 2})), false);
    assertFailure(CliRun.of("run", file.toString(), "--checkpoint", ckpt.toString(), "--fetch",
        "out"), ckpt + ": entry 'v' is int32 but the variable is float32");
    Npz.write(ckpt, Map.of("X", Tensor.of(new float[] {1, 2})), false);
    assertFailure(CliRun.of("run", file.toString(), "--checkpoint", ckpt.toString(), "--fetch",
        "out"), ckpt + ": entry 'X' names a Placeholder node, not a variable (VariableV2)");
  }

  @Test
  void targetsRunForTheirEffects() throws Exception {
    Path file = write(withVariables(true));
    CliRun r = CliRun.of("run", file.toString(), "--target", "init");
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals("", r.out());
    assertFailure(CliRun.of("run", file.toString(), "--fetch", "init"), "The name 'init' refers"
        + " to a Tensor which does not exist. The operation, 'init', exists but only has 0"
        + " outputs. Run an operation without outputs with --target init.");
  }

  @Test
  void outProblemsFailBeforeAnythingIsPrinted() throws Exception {
    Path file = RnnGraphs.write(RnnGraphs.articleOneLayer(), dir.resolve("rnn.json"));
    String x = "Placeholder=[[[1, 2, 3], [4, 5, 6]]]".replace("Placeholder", "X");
    assertFailure(CliRun.of("run", file.toString(), "--init", "--feed", x, "--fetch",
        "rnn/transpose_1", "--fetch", "rnn/TensorArrayV2_1", "--out", dir.toString()),
        "--out: fetch 'rnn/TensorArrayV2_1' is a variant (an opaque value such as a TensorList),"
            + " which has no .npy form; fetch it without --out");
    Path aFile = dir.resolve("taken");
    Files.writeString(aFile, "");
    assertFailure(CliRun.of("run", file.toString(), "--init", "--feed", x, "--fetch",
        "rnn/transpose_1", "--out", aFile.toString()), aFile + ": cannot create the --out"
        + " directory: a file is in the way of a directory");
    assertFailure(CliRun.of("run", file.toString(), "--feed", "rnn/TensorArrayV2_1=1",
        "--fetch", "rnn/transpose_1"), "--feed rnn/TensorArrayV2_1=1: a variant tensor (an opaque"
        + " value such as a TensorList) cannot be fed from the command line (tensor"
        + " 'rnn/TensorArrayV2_1:0' is variant)");
  }

  @Test
  void feedValueKinds() {
    assertTrue(FeedValues.isFile("x.NPY"));
    assertFalse(FeedValues.isFile("[1, 2]"));
    assertFalse(FeedValues.isFile("3"));
    assertEquals(Shape.of(2, 0), JsonLiteral.parse(" [ [ ] , [ ] ] ").shape());
    assertEquals(Tensor.of(Float.NaN), JsonLiteral.parse("NaN").toTensor(DType.FLOAT32));
    assertEquals(Tensor.of(new long[] {Long.MIN_VALUE}),
        JsonLiteral.parse("[-9223372036854775808]").toTensor(DType.INT64));
    IllegalArgumentException deep = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> JsonLiteral.parse("[".repeat(100_000)));
    assertEquals("not a JSON literal: lists nested deeper than 32 at column 33",
        deep.getMessage());
  }
}
