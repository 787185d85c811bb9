package org.tensorgraph.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.BasicLstmCell;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.LstmStateTuple;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnCell;
import org.tensorgraph.rnn.RnnResult;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Freezer;
import org.tensorgraph.session.Saver;
import org.tensorgraph.session.Session;

/**
 * Frozen dynamic_rnn graphs (BasicRNNCell and BasicLSTMCell): one file with no variables that
 * loads and computes exactly what the original computed, on every executor.
 */
class FreezeRnnTest {
  @TempDir
  Path dir;

  private static final Tensor X_BATCH = Tensor.of(RnnProgram.articleBatch());

  /** The graph and the tensor names to keep: outputs and every part of the final state. */
  private record Model(Graph g, Output x, List<String> fetches, Operation init) {
    static Model of(RnnCell cell) {
      Graph g = new Graph();
      g.setSeed(42);
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
      RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
      List<String> fetches = new ArrayList<>(List.of(r.outputs().name()));
      if (r.state() instanceof LstmStateTuple<?> t) {
        fetches.add(((Output) t.c()).name());
        fetches.add(((Output) t.h()).name());
      } else {
        fetches.add(((Output) r.state()).name());
      }
      return new Model(g, x, fetches, Variables.globalVariablesInitializer(g));
    }
  }

  static List<Arguments> cells() {
    List<Arguments> r = new ArrayList<>();
    for (ExecutorConfig exec : ExecutorConfig.values()) {
      r.add(Arguments.of("BasicRNNCell", exec));
      r.add(Arguments.of("BasicLSTMCell", exec));
    }
    return r;
  }

  private static Model model(String cell) {
    return Model.of(cell.equals("BasicRNNCell") ? new BasicRnnCell(4) : new BasicLstmCell(4));
  }

  private static List<Tensor> run(Graph g, ExecutorConfig exec, Model m) {
    try (Session s = exec.open(g)) {
      return s.run(m.fetches(), Map.of(m.x().name(), X_BATCH));
    }
  }

  private static Set<String> types(Graph g) {
    return g.operations().stream().map(Operation::type).collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cells")
  void aFrozenGraphFileComputesWhatTheOriginalDid(String cell, ExecutorConfig exec)
      throws Exception {
    Model m = model(cell);
    List<Tensor> want;
    Graph frozen;
    try (Session s = exec.open(m.g())) {
      s.run(m.init());
      want = s.run(m.fetches(), Map.of(m.x(), X_BATCH));
      frozen = Freezer.freeze(s, m.fetches());
    }
    assertFalse(types(frozen).contains("VariableV2"));
    assertFalse(types(frozen).contains("Assign"));
    assertTrue(types(frozen).contains("While"));
    assertEquals("Const", frozen.operation("rnn/" + cell(cell) + "/kernel").type());
    assertEquals(want, run(frozen, exec, m));

    Path file = dir.resolve("frozen.graph.json");
    GraphDefJson.write(frozen, file);
    Graph loaded = GraphDefJson.read(file);
    assertFalse(types(loaded).contains("VariableV2"));
    assertEquals(want, run(loaded, exec, m), "after GraphDefJson write and read");
  }

  private static String cell(String cell) {
    return cell.equals("BasicRNNCell") ? "basic_rnn_cell" : "basic_lstm_cell";
  }

  @ParameterizedTest
  @MethodSource("names")
  void freezingFromACheckpointPrunesWhatTheOutputsDoNotNeed(String cell) throws Exception {
    Model m = model(cell);
    Map<String, Tensor> want = new HashMap<>();
    Path ckpt;
    try (Session s = new Session(m.g())) {
      s.run(m.init());
      List<Tensor> r = s.run(m.fetches(), Map.of(m.x(), X_BATCH));
      for (int i = 0; i < r.size(); i++) {
        want.put(m.fetches().get(i), r.get(i));
      }
      ckpt = new Saver(m.g()).save(s, dir.resolve("model"), 1L);
    }
    String outputs = m.fetches().get(0);
    Graph frozen = Freezer.freeze(m.g(), ckpt, List.of(outputs));
    assertNull(frozen.operation("init"));
    assertTrue(frozen.operations().stream().noneMatch(op -> op.name().contains("/Initializer/")),
        "initializers are pruned");
    assertTrue(frozen.operations().size() < m.g().operations().size());
    assertNotNull(frozen.operation(m.x().op().name()));
    try (Session s = new Session(GraphDefJson.read(GraphDefJson.write(frozen), "frozen"))) {
      assertEquals(want.get(outputs), s.run(s.graph().output(outputs),
          Map.of(m.x().name(), X_BATCH)));
    }
  }

  static List<String> names() {
    return List.of("BasicRNNCell", "BasicLSTMCell");
  }

  @ParameterizedTest
  @MethodSource("names")
  void aCheckpointWithoutAVariableOrWithAnotherShapeIsRefused(String cell) throws Exception {
    Model m = model(cell);
    Path ckpt;
    try (Session s = new Session(m.g())) {
      s.run(m.init());
      ckpt = new Saver(m.g()).save(s, dir.resolve("model"));
    }
    Map<String, Tensor> values = Npz.read(ckpt);
    String bias = "rnn/" + cell(cell) + "/bias";
    Tensor b = values.remove(bias);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Freezer.freeze(m.g(), values, m.fetches()));
    assertTrue(e.getMessage().startsWith("No value for variable " + bias + ", which the "
        + "outputs " + m.fetches() + " need"), e.getMessage());
    values.put(bias, Tensor.zeros(DType.FLOAT32, Shape.of(b.size() + 1)));
    assertEquals("The value for variable " + bias + " has shape (" + (b.size() + 1) + ",), but "
        + "the variable's shape is (" + b.size() + ",)", assertThrows(
            IllegalArgumentException.class, () -> Freezer.freeze(m.g(), values, m.fetches()))
            .getMessage());
  }
}
