package org.tensorgraph.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.Tensor;

/** Every example runs and prints what its lesson claims. */
class ExamplesSmokeTest {
  private static String capture(Consumer<PrintStream> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      example.accept(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void placeholdersAndFeeds() {
    String text = capture(Example01_PlaceholdersAndFeeds::run);
    // y = 2x + 1, computed here independently
    String twoRows = Tensor.of(new float[][] {{1, 3, 5}, {7, 9, 11}}).toString();
    assertTrue(text.contains(twoRows), text);
    assertTrue(text.contains("[[21. 41. 61.]]"), text);
    assertTrue(text.contains("shape=(?, 3)"), text);
  }

  @Test
  void variablesAndInitializers() {
    String text = capture(Example02_VariablesAndInitializers::run);
    assertTrue(text.contains("counter after two steps: 2"), text);
    assertTrue(text.contains("<tf.Variable 'w:0' shape=(2, 3) dtype=float32_ref>"), text);
  }

  @Test
  void nameAndVariableScopes() {
    String text = capture(Example03_NameAndVariableScopes::run);
    assertTrue(text.contains("variable layer/w used from name scope layer\n"), text);
    assertTrue(text.contains("variable layer/w used from name scope layer_1\n"), text);
    assertTrue(text.contains("first output:  layer/MatMul"), text);
    assertTrue(text.contains("second output: layer_1/MatMul"), text);
    assertTrue(text.contains("outer/Tanh"), text);
    assertTrue(text.contains("Variable layer/w already exists, disallowed."), text);
  }

  @Test
  void denseLayerAndSoftmax() {
    String text = capture(Example04_DenseLayerAndSoftmax::run);
    // naive reference: logits = x·W + b, softmax per row, cross-entropy against the labels
    float[][] x = {{1, 2, 3}, {3, 2, 1}};
    float[][] w = {{1, -1}, {0.5f, 0.5f}, {-1, 1}};
    float[] b = {0.1f, -0.1f};
    int[] label = {1, 0};
    double loss = 0;
    for (int i = 0; i < 2; i++) {
      double l0 = x[i][0] * w[0][0] + x[i][1] * w[1][0] + x[i][2] * w[2][0] + b[0];
      double l1 = x[i][0] * w[0][1] + x[i][1] * w[1][1] + x[i][2] * w[2][1] + b[1];
      double lse = Math.log(Math.exp(l0) + Math.exp(l1));
      loss += lse - (label[i] == 0 ? l0 : l1);
    }
    String line = text.lines().filter(l -> l.startsWith("mean cross-entropy: ")).findFirst()
        .orElseThrow();
    assertEquals(loss / 2, Double.parseDouble(line.substring(20)), 1e-5);
  }

  @Test
  void randomSeeds() {
    String text = capture(Example05_RandomSeeds::run);
    assertTrue(text.contains("a new session repeats the first run: true"), text);
    String firstRun = between(text, "first run:\n", "second run");
    String secondRun = between(text, "(the generator advanced):\n", "a new session");
    assertEquals(2, firstRun.lines().count(), text);
    assertTrue(!firstRun.equals(secondRun), "the generator advances between runs: " + text);
  }

  private static String between(String text, String from, String to) {
    int start = text.indexOf(from) + from.length();
    return text.substring(start, text.indexOf(to, start));
  }
}
