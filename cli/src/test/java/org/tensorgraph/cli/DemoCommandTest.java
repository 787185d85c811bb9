package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.examples.DemoOptions;
import org.tensorgraph.examples.Demos;

/** `tensorgraph demo` runs the examples' demos with the user's options. */
class DemoCommandTest {
  private static String direct(String name, DemoOptions o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Demos.find(name).run(o, ps);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listsTheDemos() {
    CliRun r = CliRun.of("demo", "--list");
    assertEquals(Main.OK, r.code());
    for (Demos.Demo d : Demos.all()) {
      assertTrue(r.out().contains(d.name()) && r.out().contains(d.summary()), r.out());
    }
    assertEquals(r, CliRun.of("demo"), "no NAME lists too");
  }

  @Test
  void articlePrintsWhatTheDemoPrints() {
    CliRun r = CliRun.of("demo", "article", "--seed", "3");
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(direct("article", new DemoOptions(Map.of(), 3L, null)), r.out());
    assertTrue(r.out().startsWith("== one layer: BasicRNNCell(num_units=4) ==\noutputs: [[["),
        r.out());
    assertEquals("", r.err());
  }

  @Test
  void checkpointWeightsAreUsed(@TempDir Path dir) throws Exception {
    float[] k = new float[28];
    for (int i = 0; i < k.length; i++) {
      k[i] = (i % 5 - 2) * 0.1f;
    }
    Map<String, Tensor> w = Map.of("rnn/basic_rnn_cell/kernel", Tensor.of(Shape.of(7, 4), k),
        "rnn/basic_rnn_cell/bias", Tensor.of(new float[] {0.1f, 0, -0.1f, 0.2f}));
    Path file = dir.resolve("w.npz");
    Npz.write(file, w, false);
    CliRun r = CliRun.of("demo", "article-one-layer", "--checkpoint", file.toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(direct("article-one-layer", new DemoOptions(w, null, null)), r.out());
  }

  @Test
  void badCheckpointsFailInOneLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("w.npz");
    Npz.write(file, Map.of("rnn/other", Tensor.of(new float[] {1})), false);
    CliRun r = CliRun.of("demo", "article", "--checkpoint", file.toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.errLines()[0].startsWith("tensorgraph: demo article: The checkpoint has entries "
        + "that are not variables of demo article: rnn/other"), r.err());
    Path broken = dir.resolve("broken.npz");
    Files.writeString(broken, "not a zip");
    CliRun b = CliRun.of("demo", "article", "--checkpoint", broken.toString());
    assertEquals(Main.FAILURE, b.code());
    assertEquals(1, b.errLines().length, b.err());
    assertTrue(b.errLines()[0].startsWith("tensorgraph: " + broken), b.err());
  }

  @Test
  void exportWritesTheGraph(@TempDir Path dir) {
    Path g = dir.resolve("article.json");
    CliRun r = CliRun.of("demo", "article-one-layer", "--export", g.toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertTrue(Files.exists(g));
  }

  @Test
  void unknownDemoIsAUsageError() {
    MainTest.assertUsageError(CliRun.of("demo", "mnist"),
        "tensorgraph: unknown demo 'mnist' (one of: "
            + String.join(", ", Demos.all().stream().map(Demos.Demo::name).toList()) + ")",
        "tensorgraph demo");
  }
}
