package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.ops.controlflow.CfTesting.add;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.less;
import static org.tensorgraph.ops.controlflow.CfTesting.mul;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;
import static org.tensorgraph.ops.controlflow.CfTesting.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;

/**
 * The hand-written GraphDefs that TF 1.15 runs (see src/test/resources/.../README.md), loaded and
 * run through our kernels; and our own loops written as GraphDef JSON, read back and run.
 */
class ReferenceGraphsTest {
  /** The article's X_batch: 4 instances, 2 time steps, 3 inputs. */
  static final float[][][] X_BATCH = {
      {{0, 1, 2}, {9, 8, 7}}, {{3, 4, 5}, {0, 0, 0}}, {{6, 7, 8}, {6, 5, 4}},
      {{9, 0, 1}, {3, 2, 1}}};

  private static Graph load(String file) throws Exception {
    try (InputStream in = ReferenceGraphsTest.class.getResourceAsStream(file)) {
      return GraphDefJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void runsTfsCounterGraph(ExecutorKind kind) throws Exception {
    Graph g = load("while_counter.graph.json");
    try (Session s = session(g, kind)) {
      assertEquals(Tensor.of(10), s.run(g.output("while:0"), Map.of("i0:0", Tensor.of(3))));
      assertEquals(Tensor.of(12), s.run(g.output("while:0"), Map.of("i0:0", Tensor.of(12))));
    }
  }

  /** TF's control-flow-v2 dynamic_rnn(BasicRNNCell(4)) graph against a naive Java RNN. */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void runsTfsTensorListRnnGraph(ExecutorKind kind) throws Exception {
    Graph g = load("while_tensorlist_rnn.graph.json");
    float[] kernel = g.operation("rnn/basic_rnn_cell/kernel").attrTensor("value").toFloatArray();
    float[] h = new float[4 * 4];
    float[] outputs = new float[4 * 2 * 4];
    for (int t = 0; t < 2; t++) {
      float[] next = new float[16];
      for (int b = 0; b < 4; b++) {
        for (int u = 0; u < 4; u++) {
          float sum = 0;
          for (int k = 0; k < 7; k++) {
            float in = k < 3 ? X_BATCH[b][t][k] : h[b * 4 + k - 3];
            sum += in * kernel[k * 4 + u];
          }
          next[b * 4 + u] = (float) Math.tanh(sum);
          outputs[(b * 2 + t) * 4 + u] = next[b * 4 + u];
        }
      }
      h = next;
    }
    try (Session s = session(g, kind)) {
      List<Tensor> r = s.run(List.of(g.output("outputs:0"), g.output("state:0")),
          Map.of(g.output("X:0"), Tensor.of(X_BATCH)), null, null);
      assertEquals(Shape.of(4, 2, 4), r.get(0).shape());
      assertArrayEquals(outputs, r.get(0).toFloatArray(), 1e-6f);
      assertArrayEquals(h, r.get(1).toFloatArray(), 1e-6f);
    }
  }

  /** A loop we build, with a TensorArray and a capture, survives GraphDef JSON and runs again. */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void ourLoopsRoundTripThroughGraphDefJson(ExecutorKind kind) throws IOException {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(-1));
    Output scale = placeholder(g, "scale", DType.FLOAT32, Shape.scalar());
    TensorArray in = TensorArray.create(g, DType.FLOAT32, 0, Shape.scalar()).unstack(x);
    TensorArray out = TensorArray.create(g, DType.FLOAT32, in.size(), Shape.scalar());
    List<Output> r;
    try (var s = g.withNameScope("rnn")) {
      r = ControlFlow.whileLoop(g, (tf, v) -> less(tf.graph(), v.get(0), in.size()),
          (tf, v) -> List.of(add(tf.graph(), v.get(0), constant(tf.graph(), 1)),
              out.withHandle(v.get(1)).write(v.get(0), mul(tf.graph(), in.in(tf).read(v.get(0)),
                  scale)).handle()),
          List.of(constant(g, 0), out.handle()),
          WhileOptions.defaults().maximumIterations(100));
    }
    Output stacked = out.withHandle(r.get(1)).stack();
    Graph back = GraphDefJson.read(GraphDefJson.write(g), "roundtrip");
    Map<String, Tensor> feeds = Map.of("x:0", Tensor.of(new float[] {1, 2, 3}), "scale:0",
        Tensor.of(2f));
    try (Session s = session(back, kind)) {
      assertEquals(Tensor.of(new float[] {2, 4, 6}), s.run(back.output(stacked.name()), feeds));
    }
    assertEquals("rnn/while", back.operation("rnn/while").name());
  }
}
