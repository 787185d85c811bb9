package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/** The article's programs and dynamicRnn's semantics against naive Java loops. */
class DynamicRnnTest {
  static final float[][][] ARTICLE = {{{0, 1, 2}, {1, 2, 3}}, {{3, 4, 5}, {4, 5, 6}},
      {{5, 6, 7}, {6, 7, 8}}, {{7, 8, 9}, {8, 9, 10}}};
  static final float[][][] GERON = {{{0, 1, 2}, {9, 8, 7}}, {{3, 4, 5}, {0, 0, 0}},
      {{6, 7, 8}, {6, 5, 4}}, {{9, 0, 1}, {3, 2, 1}}};

  /** x[b][t] for all b at step t. */
  static float[][] step(float[][][] x, int t) {
    float[][] r = new float[x.length][];
    for (int b = 0; b < x.length; b++) {
      r[b] = x[b][t];
    }
    return r;
  }

  static float[][] slice(Tensor out3, int t) {
    int b = (int) out3.shape().dim(0);
    int u = (int) out3.shape().dim(2);
    float[][] r = new float[b][u];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < u; j++) {
        r[i][j] = out3.getFloat(i, t, j);
      }
    }
    return r;
  }

  static Output placeholderX(Graph g, long batch) {
    return Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(batch, 2, 3));
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void articleOneLayer(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = placeholderX(g, -1);
    BasicRnnCell cell = new BasicRnnCell(4);
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    assertEquals(Shape.of(7, 4), cell.kernel().shape());
    assertEquals("rnn/basic_rnn_cell/kernel", cell.kernel().name());
    assertEquals("rnn/transpose_1", r.outputs().op().name());
    assertEquals(Shape.of(-1, 2, 4), r.outputs().shape());
    assertEquals(Shape.of(-1, 4), ((Output) r.state()).shape());
    assertTrue(g.operation("rnn/while").type().endsWith("While"));
    assertTrue(g.operation("rnn/transpose") != null && g.operation("rnn/time") != null);
    assertEquals(32L, g.operation("rnn/while").attrLong("parallel_iterations"));
    assertTrue(g.functions().stream().anyMatch(f ->
        f.body().operation("rnn/while/basic_rnn_cell/MatMul") != null), "body op names");
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      float[][] w = Ref.m(s.run(cell.kernel().value()));
      float[] b = Ref.v(s.run(cell.bias().value()));
      List<Tensor> got = s.run(List.of(r.outputs(), r.state()), Map.of(x, Tensor.of(ARTICLE)));
      assertEquals(Shape.of(4, 2, 4), got.get(0).shape());
      float[][] h = new float[4][4];
      for (int t = 0; t < 2; t++) {
        h = Ref.rnn(step(ARTICLE, t), h, w, b);
        Ref.close(h, Tensor.of(slice(got.get(0), t)));
      }
      Ref.close(h, got.get(1));
      assertEquals(Tensor.of(slice(got.get(0), 1)), got.get(1)); // state == outputs[:, -1]
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void articleTwoLayers(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = placeholderX(g, 4);
    BasicRnnCell c0 = new BasicRnnCell(4);
    BasicRnnCell c1 = new BasicRnnCell(4);
    RnnResult r = Rnn.dynamicRnn(new MultiRnnCell(List.of(c0, c1)), x, DType.FLOAT32);
    assertEquals("rnn/multi_rnn_cell/cell_0/basic_rnn_cell/kernel", c0.kernel().name());
    assertEquals("rnn/multi_rnn_cell/cell_1/basic_rnn_cell/kernel", c1.kernel().name());
    assertEquals(Shape.of(8, 4), c1.kernel().shape());
    assertEquals(4, CellsTest.vars(g).size());
    List<?> st = (List<?>) r.state();
    assertEquals(2, st.size());
    assertEquals(Shape.of(4, 4), ((Output) st.get(1)).shape());
    assertEquals(Shape.of(4, 2, 4), r.outputs().shape());
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      float[][] w0 = Ref.m(s.run(c0.kernel().value()));
      float[] b0 = Ref.v(s.run(c0.bias().value()));
      float[][] w1 = Ref.m(s.run(c1.kernel().value()));
      float[] b1 = Ref.v(s.run(c1.bias().value()));
      List<Object> got = s.run(List.of(r.outputs(), r.state()), Map.of(x, Tensor.of(ARTICLE)));
      float[][] h0 = new float[4][4];
      float[][] h1 = new float[4][4];
      for (int t = 0; t < 2; t++) {
        h0 = Ref.rnn(step(ARTICLE, t), h0, w0, b0);
        h1 = Ref.rnn(h0, h1, w1, b1);
        Ref.close(h1, Tensor.of(slice((Tensor) got.get(0), t)));
      }
      List<?> gs = (List<?>) got.get(1);
      Ref.close(h0, (Tensor) gs.get(0));
      Ref.close(h1, (Tensor) gs.get(1));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void sequenceLengthZeroesOutputsAndCarriesState(ExecutorConfig exec) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = placeholderX(g, -1);
    Output len = tf.withName("len").placeholder(DType.INT32, Shape.of(-1));
    BasicRnnCell cell = new BasicRnnCell(5);
    RnnResult r = Rnn.dynamicRnn(cell, x,
        RnnOptions.dtype(DType.FLOAT32).sequenceLength(len));
    assertTrue(g.operation("rnn/sequence_length") != null);
    assertTrue(g.operation("rnn/CheckSeqLen") != null);
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      float[][] w = Ref.m(s.run(cell.kernel().value()));
      float[] b = Ref.v(s.run(cell.bias().value()));
      int[] lens = {2, 1, 2, 0};
      List<Tensor> got = s.run(List.of(r.outputs(), r.state()),
          Map.of(x, Tensor.of(GERON), len, Tensor.of(lens)));
      float[][] h = new float[4][5];
      for (int t = 0; t < 2; t++) {
        float[][] nh = Ref.rnn(step(GERON, t), h, w, b);
        float[][] out = new float[4][5];
        for (int i = 0; i < 4; i++) {
          if (t < lens[i]) {
            h[i] = nh[i];
            out[i] = nh[i];
          }
        }
        Ref.close(out, Tensor.of(slice(got.get(0), t)));
      }
      Ref.close(h, got.get(1));
      // all lengths 1: the loop stops after one step; step 2 is zeros from the unwritten slot
      Tensor one = s.run(r.outputs(), Map.of(x, Tensor.of(GERON), len,
          Tensor.of(new int[] {1, 1, 1, 1})));
      assertEquals(Tensor.zeros(DType.FLOAT32, Shape.of(4, 5)), Tensor.of(slice(one, 1)));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void timeMajorMatchesBatchMajor(ExecutorConfig exec) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output xt = tf.withName("Xt").placeholder(DType.FLOAT32, Shape.of(2, -1, 3));
    GruCell cell = new GruCell(3);
    RnnResult r = Rnn.dynamicRnn(cell, xt, RnnOptions.dtype(DType.FLOAT32).timeMajor(true));
    assertEquals(Shape.of(2, -1, 3), r.outputs().shape());
    float[][][] tm = new float[2][4][];
    for (int b = 0; b < 4; b++) {
      for (int t = 0; t < 2; t++) {
        tm[t][b] = ARTICLE[b][t];
      }
    }
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      List<Tensor> v = s.run(cell.variables().stream().map(q -> q.value()).toList());
      List<Tensor> got = s.run(List.of(r.outputs(), r.state()), Map.of(xt, Tensor.of(tm)));
      float[][] h = new float[4][3];
      for (int t = 0; t < 2; t++) {
        h = Ref.gru(tm[t], h, Ref.m(v.get(0)), Ref.v(v.get(1)), Ref.m(v.get(2)), Ref.v(v.get(3)));
        float[][] row = new float[4][3];
        for (int b = 0; b < 4; b++) {
          for (int j = 0; j < 3; j++) {
            row[b][j] = got.get(0).getFloat(t, b, j);
          }
        }
        Ref.close(h, Tensor.of(row));
      }
      Ref.close(h, got.get(1));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void lstmTupleStateWithInitialState(ExecutorConfig exec) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = placeholderX(g, 4);
    Output c0 = tf.constant(Ref.rand(4, 4, 5));
    Output h0 = tf.constant(Ref.rand(4, 4, 6));
    BasicLstmCell cell = new BasicLstmCell(4);
    RnnResult r = Rnn.dynamicRnn(cell, x,
        RnnOptions.defaults().initialState(new LstmStateTuple<>(c0, h0)));
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      float[][] w = Ref.m(s.run(cell.kernel().value()));
      float[] b = Ref.v(s.run(cell.bias().value()));
      List<Object> got = s.run(List.of(r.outputs(), r.state()), Map.of(x, Tensor.of(ARTICLE)));
      float[][] c = Ref.rand(4, 4, 5);
      float[][] h = Ref.rand(4, 4, 6);
      for (int t = 0; t < 2; t++) {
        float[][][] ch = Ref.lstm(step(ARTICLE, t), c, h, w, b, 1.0);
        c = ch[0];
        h = ch[1];
        Ref.close(h, Tensor.of(slice((Tensor) got.get(0), t)));
      }
      LstmStateTuple<?> st = (LstmStateTuple<?>) got.get(1);
      Ref.close(c, (Tensor) st.c());
      Ref.close(h, (Tensor) st.h());
    }
  }
}
