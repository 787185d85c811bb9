package org.tensorgraph.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.GraphDefJson;

/** The article demos compute TF's RNN with given weights and print the article's format. */
class ArticleDemosTest {
  /** Deterministic "TensorFlow weights": small distinct values. */
  private static Tensor weights(int rows, int cols, float scale) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = scale * (float) Math.sin(i * 0.7 + rows);
    }
    return Tensor.of(Shape.of(rows, cols), v);
  }

  private static Tensor bias(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.05f * (i - 1);
    }
    return Tensor.of(Shape.of(n), v);
  }

  /** A naive BasicRNNCell over [batch][time][depth] with per-example lengths, in double. */
  static float[][][] naiveRnn(float[][][] x, Tensor kernel, Tensor b, int[] lengths,
      float[][] finalState) {
    int units = (int) kernel.shape().dim(1);
    int depth = x[0][0].length;
    float[][][] out = new float[x.length][x[0].length][units];
    for (int i = 0; i < x.length; i++) {
      float[] h = new float[units];
      for (int t = 0; t < x[i].length; t++) {
        if (lengths != null && t >= lengths[i]) {
          continue; // zeros out, state carried
        }
        float[] next = new float[units];
        for (int u = 0; u < units; u++) {
          double acc = b.getFloat(u);
          for (int k = 0; k < depth; k++) {
            acc += x[i][t][k] * kernel.getFloat(k, u);
          }
          for (int k = 0; k < units; k++) {
            acc += h[k] * kernel.getFloat(depth + k, u);
          }
          next[u] = (float) Math.tanh(acc);
        }
        h = next;
        out[i][t] = next.clone();
      }
      finalState[i] = h;
    }
    return out;
  }

  private static void assertClose(float[][][] want, Tensor got) {
    for (int i = 0; i < want.length; i++) {
      for (int t = 0; t < want[i].length; t++) {
        for (int u = 0; u < want[i][t].length; u++) {
          assertEquals(want[i][t][u], got.getFloat(i, t, u), 2e-6, "at " + i + "," + t + "," + u);
        }
      }
    }
  }

  private static String capture(Demos.Demo demo, DemoOptions o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      demo.run(o, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void oneLayerWithGivenWeightsMatchesANaiveRnn() {
    Tensor k = weights(7, 4, 0.4f);
    Tensor b = bias(4);
    DemoOptions o = new DemoOptions(Map.of("rnn/basic_rnn_cell/kernel", k,
        "rnn/basic_rnn_cell/bias", b), null, null);
    List<Object> v = Example07_ArticleOneLayer.program(o).run(o, 0);
    float[][] state = new float[4][];
    assertClose(naiveRnn(RnnProgram.articleBatch(), k, b, null, state), (Tensor) v.get(0));
    for (int i = 0; i < 4; i++) {
      for (int u = 0; u < 4; u++) {
        assertEquals(state[i][u], ((Tensor) v.get(1)).getFloat(i, u), 2e-6);
      }
    }
  }

  @Test
  void articlePrintsBothProgramsInTheArticlesFormat() {
    Tensor k0 = weights(7, 4, 0.3f);
    Tensor k1 = weights(8, 4, 0.3f);
    String p = "rnn/multi_rnn_cell/cell_";
    DemoOptions o = new DemoOptions(Map.of("rnn/basic_rnn_cell/kernel", k0,
        p + "0/basic_rnn_cell/kernel", k0, p + "1/basic_rnn_cell/kernel", k1), null, null);
    String text = capture(Demos.find("article"), o);
    List<Object> one = Example07_ArticleOneLayer.program(o).run(o, 0);
    List<Object> two = Example08_ArticleTwoLayers.program(o).run(o, 0);
    String expectedOne = "outputs: " + one.get(0) + "\nstates: " + one.get(1) + "\n";
    List<?> states = (List<?>) two.get(1);
    String expectedTwo = "outputs: " + two.get(0) + "\nstates: (" + ((Tensor) states.get(0)).repr()
        + ", " + ((Tensor) states.get(1)).repr() + ")\n";
    assertTrue(text.contains(expectedOne), text);
    assertTrue(text.contains(expectedTwo), text);
    assertTrue(text.contains("states == outputs[:, -1, :]: True"), text);
    assertTrue(text.contains("states[-1] == outputs[:, -1, :]: True"), text);
    assertTrue(text.contains("outputs.shape = (4, 2, 4)"), text);
    assertTrue(text.contains("len(states) = 2  # one state per layer, each (4, 4)"), text);
  }

  @Test
  void sequenceLengthZeroesPaddingAndCarriesTheState() {
    Tensor k = weights(8, 5, 0.3f);
    Tensor b = bias(5);
    DemoOptions o = new DemoOptions(Map.of("rnn/basic_rnn_cell/kernel", k,
        "rnn/basic_rnn_cell/bias", b), null, null);
    List<Object> v = Example10_VariableLengthSequences.program(o).run(o, 0);
    float[][][] x = {{{0, 1, 2}, {9, 8, 7}}, {{3, 4, 5}, {0, 0, 0}}, {{6, 7, 8}, {6, 5, 4}},
        {{9, 0, 1}, {3, 2, 1}}};
    float[][] state = new float[4][];
    assertClose(naiveRnn(x, k, b, new int[] {2, 1, 2, 2}, state), (Tensor) v.get(0));
    assertEquals(state[1][3], ((Tensor) v.get(1)).getFloat(1, 3), 2e-6);
    String text = capture(Demos.find("sequence-length"), o);
    assertTrue(text.contains("outputs[1, 1] is all zeros (past the length): True"), text);
    assertTrue(text.contains("states[1] == outputs[1, 0] (the last real step): True"), text);
  }

  @Test
  void cellWidthFollowsTheCheckpoint() {
    DemoOptions o = new DemoOptions(Map.of("rnn/basic_rnn_cell/kernel", weights(9, 6, 0.1f)),
        null, null);
    List<Object> v = Example07_ArticleOneLayer.program(o).run(o, 0);
    assertEquals(Shape.of(4, 2, 6), ((Tensor) v.get(0)).shape());
  }

  @Test
  void checkpointErrorsNameTheProblem() {
    DemoOptions unknown = new DemoOptions(Map.of("rnn/nope", bias(4)), null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> capture(Demos.find("article-one-layer"), unknown));
    assertTrue(e.getMessage().startsWith("The checkpoint has entries that are not variables of "
        + "demo article-one-layer: rnn/nope (its variables: rnn/basic_rnn_cell/kernel (7, 4), "
        + "rnn/basic_rnn_cell/bias (4,))"), e.getMessage());
    DemoOptions badShape = new DemoOptions(Map.of("rnn/basic_rnn_cell/bias", bias(3)), null,
        null);
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
        () -> capture(Demos.find("article-one-layer"), badShape));
    assertEquals("The value for variable rnn/basic_rnn_cell/bias has shape [3], but the variable "
        + "has shape [4]", s.getMessage());
    assertThrows(IllegalArgumentException.class, () -> capture(Demos.find("seeds"), unknown));
  }

  @Test
  void seededRunsRepeatAndExportsLoad(@TempDir Path dir) throws Exception {
    DemoOptions seeded = new DemoOptions(Map.of(), 7L, dir.resolve("g.json"));
    String a = capture(Demos.find("article"), seeded);
    String b = capture(Demos.find("article"), new DemoOptions(Map.of(), 7L, null));
    assertEquals(a, b, "the same graph seed gives the same weights");
    assertTrue(Files.exists(dir.resolve("g.json")));
    assertTrue(Files.exists(dir.resolve("g-2.json")));
    assertEquals("While", GraphDefJson.read(dir.resolve("g.json")).operation("rnn/while")
        .type());
  }

  @Test
  void everyDemoRunsAndNamesAreUnique() {
    HashSet<String> names = new HashSet<>();
    for (Demos.Demo d : Demos.all()) {
      assertTrue(names.add(d.name()), d.name());
      String text = capture(d, DemoOptions.none());
      assertTrue(!text.isBlank(), d.name());
    }
    assertTrue(capture(Demos.find("while-loop"), DemoOptions.none())
        .contains("sum of 1..100 = 5050"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Demos.find("nope"));
    assertTrue(e.getMessage().startsWith("Unknown demo 'nope'; known demos: article, "),
        e.getMessage());
  }
}
