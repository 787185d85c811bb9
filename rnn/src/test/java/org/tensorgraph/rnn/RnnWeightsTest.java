package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.rnn.RnnWeights.Assignment;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/** Loading known weights by TF variable name, then the article's network on them. */
class RnnWeightsTest {
  static final float[][] W0 = Ref.rand(7, 4, 21);
  static final float[] B0 = {0.1f, -0.2f, 0.3f, -0.4f};
  static final float[][] W1 = Ref.rand(8, 4, 22);
  static final float[] B1 = {0.01f, 0.02f, -0.03f, 0.04f};

  static Map<String, Tensor> twoLayerWeights() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("rnn/multi_rnn_cell/cell_0/basic_rnn_cell/kernel", Tensor.of(W0));
    m.put("rnn/multi_rnn_cell/cell_0/basic_rnn_cell/bias", Tensor.of(B0));
    m.put("rnn/multi_rnn_cell/cell_1/basic_rnn_cell/kernel:0", Tensor.of(W1));
    m.put("rnn/multi_rnn_cell/cell_1/basic_rnn_cell/bias", Tensor.of(B1));
    return m;
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void articleTwoLayersOnGivenWeightsFromAnNpz(ExecutorConfig exec, @TempDir Path dir)
      throws Exception {
    Path npz = dir.resolve("w.npz");
    Npz.write(npz, twoLayerWeights(), false);
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, -1);
    RnnResult r = Rnn.dynamicRnn(new MultiRnnCell(List.of(new BasicRnnCell(4),
        new BasicRnnCell(4))), x, DType.FLOAT32);
    Assignment load = RnnWeights.fromNpz(g, npz, true);
    try (Session s = exec.open(g)) {
      s.run(load.target(), load.feeds()); // no initializer needed: every variable is given
      List<Object> got = s.run(List.of(r.outputs(), r.state()),
          Map.of(x, Tensor.of(DynamicRnnTest.ARTICLE)));
      float[][] h0 = new float[4][4];
      float[][] h1 = new float[4][4];
      for (int t = 0; t < 2; t++) {
        h0 = Ref.rnn(DynamicRnnTest.step(DynamicRnnTest.ARTICLE, t), h0, W0, B0);
        h1 = Ref.rnn(h0, h1, W1, B1);
        Ref.close(h1, Tensor.of(DynamicRnnTest.slice((Tensor) got.get(0), t)));
      }
      Ref.close(h0, (Tensor) ((List<?>) got.get(1)).get(0));
      Ref.close(h1, (Tensor) ((List<?>) got.get(1)).get(1));
    }
    assertTrue(Files.exists(npz));
  }

  @Test
  void loadingTwiceReusesTheAssignOps() {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, -1);
    Rnn.dynamicRnn(new MultiRnnCell(List.of(new BasicRnnCell(4), new BasicRnnCell(4))), x,
        DType.FLOAT32);
    RnnWeights.assignment(g, twoLayerWeights(), true);
    int before = g.operations().size();
    RnnWeights.assignment(g, twoLayerWeights(), true);
    assertEquals(before + 1, g.operations().size()); // only a new group NoOp
  }

  @Test
  void errorsNameTheVariable() {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, -1);
    Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32);
    var e = assertThrows(IllegalArgumentException.class, () -> RnnWeights.assignment(g,
        Map.of("rnn/basic_rnn_cell/kernal", Tensor.of(W0)), false));
    assertEquals("No variable named 'rnn/basic_rnn_cell/kernal' in the graph; its variables are "
        + "[rnn/basic_rnn_cell/bias, rnn/basic_rnn_cell/kernel]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RnnWeights.assignment(g,
        Map.of("rnn/basic_rnn_cell/kernel", Tensor.of(W1)), false));
    assertEquals("The value for variable rnn/basic_rnn_cell/kernel has shape [8,4], but the "
        + "variable has shape [7,4]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RnnWeights.assignment(g,
        Map.of("rnn/basic_rnn_cell/bias", Tensor.of(new double[] {1, 2, 3, 4})), false));
    assertEquals("The value for variable rnn/basic_rnn_cell/bias has dtype float64, but the "
        + "variable is float32", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RnnWeights.assignment(g,
        Map.of("rnn/basic_rnn_cell/bias", Tensor.of(B0)), true));
    assertEquals("No value for variables [rnn/basic_rnn_cell/kernel]", e.getMessage());
    assertEquals(Shape.of(4), Tensor.of(B0).shape());
  }
}
