package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/** Each cell called once (and twice) on placeholders: names, shapes, reuse and numbers. */
class CellsTest {
  static final float[][] X = Ref.rand(2, 3, 1);
  static final float[][] H4 = Ref.rand(2, 4, 2);
  static final float[][] C4 = Ref.rand(2, 4, 3);

  /** Variable name to shape, in creation order. */
  static Map<String, Shape> vars(Graph g) {
    Map<String, Shape> m = new LinkedHashMap<>();
    for (Variable v : Variables.globalVariables(g)) {
      m.put(v.name(), v.shape());
    }
    return m;
  }

  /** Calls {@code cell} under variable scope "rnn" with x [2,3] and a state of placeholders. */
  static final class Fixture {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Output x = tf.withName("x").placeholder(DType.FLOAT32, Shape.of(-1, 3));
    final Map<Output, Tensor> feeds = new LinkedHashMap<>();

    Fixture() {
      feeds.put(x, Tensor.of(X));
    }

    Output ph(String name, float[][] v) {
      Output p = tf.withName(name).placeholder(DType.FLOAT32, Shape.of(-1, v[0].length));
      feeds.put(p, Tensor.of(v));
      return p;
    }

    CellOutput call(RnnCell cell, Object state) {
      try (VariableScopeHandle h = Variables.variableScope(g, "rnn")) {
        return cell.call(x, state);
      }
    }

    /** Initializes and runs {@code fetches} plus the variables' values. */
    <T> T run(ExecutorConfig exec, Object fetches, Function<Session, Void> before) {
      try (Session s = exec.open(g)) {
        s.run(Variables.globalVariablesInitializer(g));
        if (before != null) {
          before.apply(s);
        }
        return s.run(fetches, feeds);
      }
    }

    Tensor value(Session s, String var) {
      return s.run(g.output(var + "/read:0"));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void basicRnnCellComputesTanhOfLinear(ExecutorConfig exec) {
    Fixture f = new Fixture();
    BasicRnnCell cell = new BasicRnnCell(4);
    CellOutput r = f.call(cell, f.ph("h", H4));
    assertEquals(Map.of("rnn/basic_rnn_cell/kernel", Shape.of(7, 4),
        "rnn/basic_rnn_cell/bias", Shape.of(4)), vars(f.g));
    assertEquals("rnn/basic_rnn_cell/Tanh", r.output().op().name());
    assertEquals(Shape.of(-1, 4), r.output().shape());
    assertSame(r.output(), r.state());
    try (Session s = exec.open(f.g)) {
      s.run(Variables.globalVariablesInitializer(f.g));
      float[][] w = Ref.m(s.run(cell.kernel().value()));
      float[] b = Ref.v(s.run(cell.bias().value()));
      assertEquals(Tensor.zeros(DType.FLOAT32, Shape.of(4)), s.run(cell.bias().value()));
      Ref.close(Ref.rnn(X, H4, w, b), s.run(r.output(), f.feeds));
    }
  }

  private static void assertSame(Object a, Object b) {
    org.junit.jupiter.api.Assertions.assertSame(a, b);
  }

  @Test
  void aSecondCallReusesTheVariablesAndUniquifiesOpNames() {
    Fixture f = new Fixture();
    BasicRnnCell cell = new BasicRnnCell(4);
    CellOutput r1 = f.call(cell, f.ph("h", H4));
    CellOutput r2 = f.call(cell, r1.state());
    assertEquals(2, vars(f.g).size());
    assertEquals("rnn/basic_rnn_cell/MatMul", r1.output().op().input(0).op().input(0).op().name());
    assertEquals("rnn/basic_rnn_cell/Tanh_1", r2.output().op().name());
    assertEquals("rnn/basic_rnn_cell", cell.variableScope().name());
  }

  @Test
  void aSecondCellInTheSameScopeGetsSuffixOne() {
    Fixture f = new Fixture();
    Output h = f.ph("h", H4);
    CellOutput r;
    try (VariableScopeHandle s = Variables.variableScope(f.g, "rnn")) {
      new BasicRnnCell(4).call(f.x, h);
      r = new BasicRnnCell(4).call(f.x, h);
    }
    assertTrue(vars(f.g).containsKey("rnn/basic_rnn_cell_1/kernel"), vars(f.g).toString());
    assertEquals("rnn/basic_rnn_cell_1/Tanh", r.output().op().name());
  }

  @Test
  void aNewCellInAReenteredScopeFailsAsTf() {
    Fixture f = new Fixture();
    Output h = f.ph("h", H4);
    f.call(new BasicRnnCell(4), h);
    var e = assertThrows(IllegalArgumentException.class, () -> f.call(new BasicRnnCell(4), h));
    assertTrue(e.getMessage().startsWith("Variable rnn/basic_rnn_cell/kernel already exists, "
        + "disallowed."), e.getMessage());
  }

  @Test
  void cellNameAndScopeInitializerAreHonoured() {
    Fixture f = new Fixture();
    try (VariableScopeHandle h = Variables.variableScope(f.g, "outer", null,
        Initializers.constant(0.5))) {
      BasicRnnCell cell = new BasicRnnCell(4, null, null, "my_cell");
      cell.call(f.x, f.ph("h", H4));
      assertEquals(Shape.of(7, 4), vars(f.g).get("outer/my_cell/kernel"));
      try (Session s = new Session(f.g)) {
        s.run(Variables.globalVariablesInitializer(f.g));
        assertEquals(0.5f, f.value(s, "outer/my_cell/kernel").getFloat(6, 3));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void basicLstmCellTupleAndConcatState(ExecutorConfig exec) {
    for (boolean tuple : new boolean[] {true, false}) {
      Fixture f = new Fixture();
      BasicLstmCell cell = new BasicLstmCell(4, 0.5, tuple, null, null, null);
      Output c = f.ph("c", C4);
      Output h = f.ph("h", H4);
      Object state = tuple ? new LstmStateTuple<>(c, h) : f.tf.concat(List.of(c, h), 1);
      CellOutput r = f.call(cell, state);
      assertEquals(Map.of("rnn/basic_lstm_cell/kernel", Shape.of(7, 16),
          "rnn/basic_lstm_cell/bias", Shape.of(16)), vars(f.g));
      assertEquals(tuple ? new LstmStateTuple<>(4, 4) : (Object) 8, cell.stateSize());
      try (Session s = exec.open(f.g)) {
        s.run(Variables.globalVariablesInitializer(f.g));
        float[][] w = Ref.m(s.run(cell.kernel().value()));
        float[] b = Ref.v(s.run(cell.bias().value()));
        float[][][] want = Ref.lstm(X, C4, H4, w, b, 0.5);
        List<Tensor> got = s.run(List.of(r.output(), r.state()), f.feeds);
        Ref.close(want[1], got.get(0));
        if (tuple) {
          LstmStateTuple<?> st = (LstmStateTuple<?>) (Object) s.run(r.state(), f.feeds);
          Ref.close(want[0], (Tensor) st.c());
          Ref.close(want[1], (Tensor) st.h());
        } else {
          assertEquals(Shape.of(2, 8), got.get(1).shape());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void gruCellVariablesGateBiasAndMath(ExecutorConfig exec) {
    Fixture f = new Fixture();
    GruCell cell = new GruCell(4);
    CellOutput r = f.call(cell, f.ph("h", H4));
    Map<String, Shape> want = new LinkedHashMap<>();
    want.put("rnn/gru_cell/gates/kernel", Shape.of(7, 8));
    want.put("rnn/gru_cell/gates/bias", Shape.of(8));
    want.put("rnn/gru_cell/candidate/kernel", Shape.of(7, 4));
    want.put("rnn/gru_cell/candidate/bias", Shape.of(4));
    assertEquals(want, vars(f.g));
    try (Session s = exec.open(f.g)) {
      s.run(Variables.globalVariablesInitializer(f.g));
      List<Variable> v = cell.variables();
      float[] bg = Ref.v(s.run(v.get(1).value()));
      for (float x : bg) {
        assertEquals(1f, x);
      }
      float[][] expect = Ref.gru(X, H4, Ref.m(s.run(v.get(0).value())), bg,
          Ref.m(s.run(v.get(2).value())), Ref.v(s.run(v.get(3).value())));
      Ref.close(expect, s.run(r.output(), f.feeds));
    }
  }

  @Test
  void gruCellTakesKernelAndBiasInitializers() {
    Fixture f = new Fixture();
    GruCell cell = new GruCell(4, null, null, Initializers.constant(0.25),
        Initializers.constant(-2.0), null);
    f.call(cell, f.ph("h", H4));
    try (Session s = new Session(f.g)) {
      s.run(Variables.globalVariablesInitializer(f.g));
      assertEquals(0.25f, f.value(s, "rnn/gru_cell/candidate/kernel").getFloat(0, 0));
      assertEquals(-2f, f.value(s, "rnn/gru_cell/gates/bias").getFloat(7));
      assertEquals(-2f, f.value(s, "rnn/gru_cell/candidate/bias").getFloat(0));
    }
  }

  @Test
  void cellsRejectIntegerInputsAndUnknownDepth() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output xi = tf.placeholder(DType.INT32, Shape.of(2, 3));
    Output h = tf.placeholder(DType.FLOAT32, Shape.of(2, 4));
    var e = assertThrows(IllegalArgumentException.class, () -> new BasicRnnCell(4).call(xi, h));
    assertEquals("RNN cell only supports floating point inputs, but saw dtype: <dtype: 'int32'>",
        e.getMessage());
    Output xu = tf.placeholder(DType.FLOAT32, Shape.of(2, -1));
    e = assertThrows(IllegalArgumentException.class, () -> new GruCell(4).call(xu, h));
    assertEquals("Expected inputs.shape[-1] to be known, saw shape: (2, ?)", e.getMessage());
  }

  @Test
  void zeroStateNamesAndShapes() {
    Graph g = new Graph();
    Object z = new BasicLstmCell(3).zeroState(g, 5, DType.FLOAT32);
    LstmStateTuple<?> t = (LstmStateTuple<?>) z;
    assertEquals("BasicLSTMCellZeroState/zeros", ((Output) t.c()).op().name());
    assertEquals("BasicLSTMCellZeroState/zeros_1", ((Output) t.h()).op().name());
    assertEquals(Shape.of(5, 3), ((Output) t.c()).shape());
    Output batch = Ops.create(g).placeholder(DType.INT32, Shape.scalar());
    Object m = new MultiRnnCell(List.of(new BasicRnnCell(2), new GruCell(3)))
        .zeroState(batch, DType.FLOAT32);
    List<?> l = (List<?>) m;
    assertEquals("MultiRNNCellZeroState/BasicRNNCellZeroState/zeros",
        ((Output) l.get(0)).op().name());
    assertEquals("MultiRNNCellZeroState/GRUCellZeroState/zeros", ((Output) l.get(1)).op().name());
    assertEquals(Shape.of(-1, 3), ((Output) l.get(1)).shape());
    try (Session s = new Session(g)) {
      List<Tensor> r = s.run(m, Map.of(batch, Tensor.of(2)));
      assertEquals(Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)), r.get(1));
    }
    assertNull(new BasicRnnCell(2).variableScope());
    assertNotNull(z);
  }

  @Test
  void aScopeGivenToTheFirstCallNamesTheVariables() {
    Fixture f = new Fixture();
    Output h = f.ph("h", H4);
    BasicRnnCell cell = new BasicRnnCell(4);
    try (VariableScopeHandle s = Variables.variableScope(f.g, "rnn")) {
      cell.call(f.x, h, "my_scope");
      cell.call(f.x, h, "ignored");
      new GruCell(4).call(f.x, h, "gru");
      new MultiRnnCell(List.of(new BasicRnnCell(4))).call(f.x, List.of(h), "stack");
      new ResidualWrapper(new BasicRnnCell(3)).call(f.x, f.ph("h3", Ref.rand(2, 3, 4)), "res");
    }
    Map<String, Shape> v = vars(f.g);
    assertTrue(v.containsKey("rnn/my_scope/kernel"), v.toString());
    assertTrue(v.containsKey("rnn/gru/gates/kernel"), v.toString());
    assertTrue(v.containsKey("rnn/stack/multi_rnn_cell/cell_0/basic_rnn_cell/kernel"),
        v.toString());
    assertTrue(v.containsKey("rnn/res/kernel"), v.toString()); // wrappers pass scope= on
    assertEquals(10, v.size());
  }
}
