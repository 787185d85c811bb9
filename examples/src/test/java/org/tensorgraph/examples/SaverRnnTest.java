package org.tensorgraph.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.NotFoundException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.MultiRnnCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnCell;
import org.tensorgraph.rnn.RnnResult;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Saver;
import org.tensorgraph.session.Session;

/** Checkpoints of the article's RNN graphs: save, restore elsewhere, compute the same. */
class SaverRnnTest {
  @TempDir
  Path dir;

  private static final Tensor X_BATCH = Tensor.of(RnnProgram.articleBatch());

  /** The article's graph: X [None, 2, 3], dynamic_rnn over {@code cell}, init. */
  record Model(Graph g, Output x, Output outputs, Operation init) {
    static Model of(long seed, RnnCell cell) {
      Graph g = new Graph();
      g.setSeed(seed);
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
      RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
      return new Model(g, x, r.outputs(), Variables.globalVariablesInitializer(g));
    }

    static Model twoLayers(long seed) {
      return of(seed, new MultiRnnCell(List.of(new BasicRnnCell(4), new BasicRnnCell(4))));
    }

    Tensor run(Session s) {
      return s.run(outputs, Map.of(x, X_BATCH));
    }
  }

  @Test
  void twoLayerWeightsRestoreIntoARebuiltGraphAndGiveTheSameOutputs() throws Exception {
    Model a = Model.twoLayers(1);
    Tensor before;
    try (Session s = new Session(a.g())) {
      s.run(a.init());
      before = a.run(s);
      new Saver(a.g()).save(s, dir.resolve("model"), 100L);
    }
    Path latest = Saver.latestCheckpoint(dir);
    assertEquals(dir.resolve("model-100.npz"), latest);

    Model b = Model.twoLayers(2); // a restarted program: same graph, other initial weights
    try (Session s = new Session(b.g())) {
      s.run(b.init());
      assertNotEquals(before, b.run(s), "the seeds must give other weights");
      new Saver(b.g()).restore(s, latest);
      assertEquals(before, b.run(s));
    }
    for (ExecutorConfig exec : ExecutorConfig.values()) {
      try (Session s = exec.open(b.g())) { // no init at all
        new Saver(b.g()).restore(s, latest);
        assertEquals(before, b.run(s), exec.name());
      }
    }
  }

  @Test
  void theCheckpointHoldsEveryGlobalVariableByName() throws Exception {
    Model a = Model.twoLayers(3);
    Path file;
    Map<String, Tensor> values = new LinkedHashMap<>();
    try (Session s = new Session(a.g())) {
      s.run(a.init());
      file = new Saver(a.g()).save(s, dir.resolve("model"));
      for (Variable v : Variables.globalVariables(a.g())) {
        values.put(v.name(), s.run(v.value()));
      }
    }
    assertEquals(List.of("rnn/multi_rnn_cell/cell_0/basic_rnn_cell/kernel",
        "rnn/multi_rnn_cell/cell_0/basic_rnn_cell/bias",
        "rnn/multi_rnn_cell/cell_1/basic_rnn_cell/kernel",
        "rnn/multi_rnn_cell/cell_1/basic_rnn_cell/bias"), List.copyOf(values.keySet()));
    Map<String, Tensor> read = Npz.read(file);
    assertEquals(values, read);
    assertEquals(Shape.of(7, 4), read.get("rnn/multi_rnn_cell/cell_0/basic_rnn_cell/kernel")
        .shape());
    assertEquals(Shape.of(8, 4), read.get("rnn/multi_rnn_cell/cell_1/basic_rnn_cell/kernel")
        .shape());
  }

  @Test
  void aLoadedGraphFileRestoresACheckpoint() throws Exception {
    Model a = Model.of(4, new BasicRnnCell(4));
    Path graphFile = dir.resolve("model.graph.json");
    GraphDefJson.write(a.g(), graphFile);
    Tensor before;
    Path ckpt;
    try (Session s = new Session(a.g())) {
      s.run(a.init());
      before = a.run(s);
      ckpt = new Saver(a.g()).save(s, dir.resolve("model"));
    }
    // what 'tensorgraph run' does: a graph file and a checkpoint, no Java model code
    Graph loaded = GraphDefJson.read(graphFile);
    try (Session s = new Session(loaded)) {
      new Saver(loaded).restore(s, ckpt);
      assertEquals(before, s.run(loaded.output(a.outputs().name()),
          Map.of(a.x().name(), X_BATCH)));
    }
  }

  @Test
  void aCheckpointOfAnotherModelIsRefusedWithTheVariablesName() throws Exception {
    Model one = Model.of(5, new BasicRnnCell(5));
    Path ckpt;
    try (Session s = new Session(one.g())) {
      s.run(one.init());
      ckpt = new Saver(one.g()).save(s, dir.resolve("one"));
    }
    Model four = Model.of(5, new BasicRnnCell(4));
    try (Session s = new Session(four.g())) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> new Saver(four.g()).restore(s, ckpt));
      assertEquals("Assign requires shapes of both tensors to match. lhs shape= [7,4] rhs "
          + "shape= [8,5] (restoring variable rnn/basic_rnn_cell/kernel from " + ckpt + ")",
          e.getMessage());
    }
    Model two = Model.twoLayers(5);
    try (Session s = new Session(two.g())) {
      NotFoundException e = assertThrows(NotFoundException.class,
          () -> new Saver(two.g()).restore(s, ckpt));
      assertEquals("Key rnn/multi_rnn_cell/cell_0/basic_rnn_cell/kernel not found in checkpoint "
          + ckpt + " (it holds [rnn/basic_rnn_cell/kernel, rnn/basic_rnn_cell/bias])",
          e.getMessage());
    }
  }
}
