package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.core.io.Npz;

/** `tensorgraph freeze`: the frozen file runs alone and computes what the checkpoint run did. */
class FreezeCommandTest {
  @TempDir Path dir;

  private static final String FEED = "X=[[[1, 0, -1], [0.5, 2, 0]], [[0, 0, 1], [-2, 1, 1]]]";

  private Path checkpoint() throws Exception {
    float[] k = new float[28];
    for (int i = 0; i < k.length; i++) {
      k[i] = (i % 7 - 3) * 0.15f;
    }
    Path file = dir.resolve("w.npz");
    Npz.write(file, Map.of("rnn/basic_rnn_cell/kernel", Tensor.of(Shape.of(7, 4), k),
        "rnn/basic_rnn_cell/bias", Tensor.of(new float[] {0.1f, 0, -0.1f, 0.2f})), false);
    return file;
  }

  @Test
  void frozenGraphRunsWithoutInitOrCheckpoint() throws Exception {
    Path graph = RnnGraphs.write(RnnGraphs.articleOneLayer(), dir.resolve("article.json"));
    Path ckpt = checkpoint();
    CliRun withCkpt = CliRun.of("run", graph.toString(), "--checkpoint", ckpt.toString(),
        "--feed", FEED, "--fetch", "rnn/transpose_1", "--fetch", "rnn/while:4");
    assertEquals(Main.OK, withCkpt.code(), withCkpt.err());
    Path frozen = dir.resolve("out/frozen.json");
    CliRun f = CliRun.of("freeze", graph.toString(), "--checkpoint", ckpt.toString(), "--output",
        "rnn/transpose_1,rnn/while", "--out", frozen.toString());
    assertEquals(Main.OK, f.code(), f.err());
    Graph g = GraphDefJson.read(frozen);
    assertEquals(frozen + ": " + g.operations().size() + " nodes, " + g.functions().size()
        + " functions; variables now constants: rnn/basic_rnn_cell/kernel,"
        + " rnn/basic_rnn_cell/bias\n", f.out());
    assertEquals("Const", g.operation("rnn/basic_rnn_cell/kernel").type());
    assertNull(g.operation("init"), "initializers are pruned");
    assertTrue(g.operations().stream().noneMatch(o -> o.type().equals("VariableV2")));
    CliRun run = CliRun.of("run", frozen.toString(), "--feed", FEED, "--fetch",
        "rnn/transpose_1", "--fetch", "rnn/while:4");
    assertEquals(Main.OK, run.code(), run.err());
    assertEquals(withCkpt.out(), run.out());
  }

  @Test
  void initValuesFreezeToo() throws Exception {
    Path graph = RnnGraphs.write(RnnGraphs.articleOneLayer(), dir.resolve("article.json"));
    CliRun direct = CliRun.of("run", graph.toString(), "--init", "--feed", FEED, "--fetch",
        "rnn/transpose_1");
    assertEquals(Main.OK, direct.code(), direct.err());
    Path frozen = dir.resolve("frozen.json");
    CliRun f = CliRun.of("freeze", graph.toString(), "--init", "--output", "rnn/transpose_1",
        "--out", frozen.toString());
    assertEquals(Main.OK, f.code(), f.err());
    CliRun run = CliRun.of("run", frozen.toString(), "--feed", FEED, "--fetch",
        "rnn/transpose_1");
    assertEquals(direct.out(), run.out());
    CliRun other = CliRun.of("run", graph.toString(), "--checkpoint", checkpoint().toString(),
        "--feed", FEED, "--fetch", "rnn/transpose_1");
    assertNotEquals(direct.out(), other.out(), "the values really come from the variables");
  }

  @Test
  void failuresAreOneLine() throws Exception {
    Path graph = RnnGraphs.write(RnnGraphs.articleOneLayer(), dir.resolve("article.json"));
    Path frozen = dir.resolve("frozen.json");
    CliRun none = CliRun.of("freeze", graph.toString(), "--output", "rnn/transpose_1", "--out",
        frozen.toString());
    assertEquals(Main.FAILURE, none.code());
    assertEquals(List.of("tensorgraph: Attempting to use uninitialized value"
        + " rnn/basic_rnn_cell/kernel (give --init, or a --checkpoint with an entry for it)"),
        List.of(none.errLines()));
    CliRun unknown = CliRun.of("freeze", graph.toString(), "--init", "--output", "nope", "--out",
        frozen.toString());
    assertEquals(Main.FAILURE, unknown.code());
    assertEquals(1, unknown.errLines().length, unknown.err());
    assertTrue(unknown.errLines()[0].contains("nope"), unknown.err());
    MainTest.assertUsageError(CliRun.of("freeze", graph.toString(), "--init", "--out",
        frozen.toString()), "tensorgraph: Missing required option: '--output=NAME'",
        "tensorgraph freeze");
  }
}
