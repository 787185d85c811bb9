package org.tensorgraph.ops.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefFormatException;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.session.Session;

/** GraphDef JSON with the real ops: files load with the standard registry and run. */
class GraphDefEndToEndTest {
  private static final float[][] X = {{1, 2, 3}, {-4, 0.5f, 6}};
  private static final float[][] KERNEL = {{0.5f, -1}, {2, 0.25f}, {1.5f, -0.75f}};

  private static String resource(String path) throws IOException {
    try (InputStream in = GraphDefEndToEndTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void tfWrittenDenseLayerRuns() throws Exception {
    Graph g = GraphDefJson.read(resource("tf_dense_layer.graph.json"), "dense.json");
    float[] want = new float[4];
    for (int b = 0; b < 2; b++) {
      for (int u = 0; u < 2; u++) {
        float s = 0;
        for (int k = 0; k < 3; k++) {
          s += X[b][k] * KERNEL[k][u];
        }
        want[b * 2 + u] = (float) Math.tanh(s + 0.125f);
      }
    }
    try (Session s = new Session(g)) {
      Tensor y = s.run(g.output("dense/Tanh:0"), Map.of("x:0", Tensor.of(X)));
      assertEquals(Shape.of(2, 2), y.shape());
      assertArrayEquals(want, y.toFloatArray(), 1e-6f);
      Tensor noise = s.run(g.output("noise/RandomUniform:0"));
      assertEquals(Shape.of(2, 2), noise.shape());
      for (float v : noise.toFloatArray()) {
        assertTrue(v >= 0 && v < 1, "uniform in [0, 1): " + v);
      }
    }
  }

  /** A graph built with the Ops facade (variables, seeded init) reloads and computes the same. */
  @Test
  void opsGraphWithVariablesRoundTripsAndComputesTheSameBits(@TempDir Path dir) throws Exception {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.setRandomSeed(42);
    Output x = tf.withName("x").placeholder(DType.FLOAT32, Shape.of(-1, 3));
    Variable w = tf.getVariable("dense/kernel", Shape.of(3, 2), DType.FLOAT32,
        Initializers.randomUniform(-1, 1, null));
    Variable b = tf.getVariable("dense/bias", Shape.of(2), DType.FLOAT32, Initializers.zeros());
    Output y = tf.tanh(tf.nn().biasAdd(tf.matmul(x, w.value()), b.value()));
    Operation init = tf.globalVariablesInitializer();
    Path file = dir.resolve("dense.graph.json");
    GraphDefJson.write(g, file);
    Graph back = GraphDefJson.read(file);
    assertEquals(GraphDefJson.write(g), GraphDefJson.write(back));
    Tensor a = runDense(g, init.name(), y.name());
    Tensor c = runDense(back, init.name(), y.name());
    assertEquals(a, c, "same seeds, same initial weights, same outputs");
    assertNotEquals(Tensor.zeros(DType.FLOAT32, Shape.of(2, 2)), a);
  }

  private static Tensor runDense(Graph g, String init, String y) {
    try (Session s = new Session(g)) {
      s.run(g.operation(init));
      return s.run(g.output(y), Map.of("x:0", Tensor.of(X)));
    }
  }

  /** TF's TensorList RNN reference graph, written by us and read back, gives the same bits. */
  @Test
  void tensorListRnnSurvivesOurWriter() throws Exception {
    String json = resource("/org/tensorgraph/ops/controlflow/while_tensorlist_rnn.graph.json");
    Graph g = GraphDefJson.read(json, "rnn.json");
    Graph back = GraphDefJson.read(GraphDefJson.write(g), "rnn-rewritten.json");
    float[][][] xb = {{{0, 1, 2}, {9, 8, 7}}, {{3, 4, 5}, {0, 0, 0}}, {{6, 7, 8}, {6, 5, 4}},
        {{9, 0, 1}, {3, 2, 1}}};
    List<Tensor> r1 = runRnn(g, xb);
    List<Tensor> r2 = runRnn(back, xb);
    assertEquals(r1, r2);
    assertEquals(Shape.of(4, 2, 4), r1.get(0).shape());
    assertEquals(List.of("rnn_while_cond", "rnn_while_body"), back.functions().stream()
        .map(f -> f.name()).toList());
  }

  private static List<Tensor> runRnn(Graph g, float[][][] xb) {
    try (Session s = new Session(g)) {
      return s.run(List.of(g.output("outputs:0"), g.output("state:0")),
          Map.of(g.output("X:0"), Tensor.of(xb)), null, null);
    }
  }

  @Test
  void unknownOpsOfTheStandardRegistryAreListedTogether() {
    String json = "{\"node\": [{\"name\": \"a\", \"op\": \"NoSuchOp\"}, {\"name\": \"b\", "
        + "\"op\": \"Tanh\", \"input\": [\"a\"], \"attr\": {\"T\": {\"type\": \"DT_FLOAT\"}}}, "
        + "{\"name\": \"c\", \"op\": \"AlsoMissing\"}, {\"name\": \"d\", \"op\": \"NoSuchOp\"}]}";
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(json, "g.json"));
    assertEquals("g.json: unsupported ops: NoSuchOp (nodes a, d), AlsoMissing (node c); this "
        + "registry has no op of these types", e.getMessage());
  }

  @Test
  void importWithInputMapRuns() throws Exception {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output feed = tf.withName("feed").constant(X);
    List<Object> r = GraphDefJson.importInto(g, resource("tf_dense_layer.graph.json"),
        "dense.json", "layer", Map.of("x:0", feed), List.of("dense/Tanh:0"));
    Output y = (Output) r.get(0);
    assertEquals("layer/dense/Tanh:0", y.name());
    try (Session s = new Session(g)) {
      Tensor got = s.run(y);
      Graph plain = GraphDefJson.read(resource("tf_dense_layer.graph.json"), "dense.json");
      try (Session s2 = new Session(plain)) {
        assertEquals(s2.run(plain.output("dense/Tanh:0"), Map.of("x:0", Tensor.of(X))), got);
      }
    }
  }
}
