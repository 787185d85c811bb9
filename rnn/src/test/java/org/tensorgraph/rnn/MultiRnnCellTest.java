package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

/** MultiRNNCell's concatenated state, mixed and wrapped cells, and int64 lengths. */
class MultiRnnCellTest {
  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void concatenatedStateMatchesTupleState(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, 4);
    BasicRnnCell c0 = new BasicRnnCell(3);
    GruCell c1 = new GruCell(2);
    MultiRnnCell cell = new MultiRnnCell(List.of(c0, c1), false);
    assertEquals(5, cell.stateSize());
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    assertEquals(Shape.of(4, 5), ((Output) r.state()).shape());
    assertEquals(Shape.of(5, 4), c1.variables().get(0).shape());
    assertEquals("rnn/multi_rnn_cell/cell_1/gru_cell/gates/kernel", c1.variables().get(0).name());
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      float[][] w0 = Ref.m(s.run(c0.kernel().value()));
      float[] b0 = Ref.v(s.run(c0.bias().value()));
      List<Tensor> v = s.run(c1.variables().stream().map(q -> q.value()).toList());
      List<Tensor> got = s.run(List.of(r.outputs(), r.state()),
          Map.of(x, Tensor.of(DynamicRnnTest.ARTICLE)));
      float[][] h0 = new float[4][3];
      float[][] h1 = new float[4][2];
      for (int t = 0; t < 2; t++) {
        h0 = Ref.rnn(DynamicRnnTest.step(DynamicRnnTest.ARTICLE, t), h0, w0, b0);
        h1 = Ref.gru(h0, h1, Ref.m(v.get(0)), Ref.v(v.get(1)), Ref.m(v.get(2)), Ref.v(v.get(3)));
        Ref.close(h1, Tensor.of(DynamicRnnTest.slice(got.get(0), t)));
      }
      float[][] both = new float[4][5];
      for (int b = 0; b < 4; b++) {
        System.arraycopy(h0[b], 0, both[b], 0, 3);
        System.arraycopy(h1[b], 0, both[b], 3, 2);
      }
      Ref.close(both, got.get(1));
    }
  }

  @Test
  void wrappedLstmLayersKeepTheirNames() {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, -1);
    RnnCell cell = new MultiRnnCell(List.of(
        new DropoutWrapper(new BasicLstmCell(4), 1.0, 0.5, 1.0, 1L),
        new ResidualWrapper(new BasicLstmCell(4))));
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    assertEquals(Shape.of(7, 16),
        CellsTest.vars(g).get("rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel"));
    assertEquals(Shape.of(8, 16),
        CellsTest.vars(g).get("rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel"));
    List<?> st = (List<?>) r.state();
    assertTrue(st.get(0) instanceof LstmStateTuple<?> && st.get(1) instanceof LstmStateTuple<?>);
    try (Session s = new Session(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      List<?> v = s.run(r.state(), Map.of(x, Tensor.of(DynamicRnnTest.ARTICLE)));
      LstmStateTuple<?> top = (LstmStateTuple<?>) v.get(1);
      assertEquals(Shape.of(4, 4), ((Tensor) top.h()).shape());
    }
  }

  @Test
  void int64LengthsAreCastToInt32() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = DynamicRnnTest.placeholderX(g, -1);
    Output len = tf.constant(new long[] {1, 2, 0, 2});
    RnnResult r = Rnn.dynamicRnn(new BasicRnnCell(2), x,
        RnnOptions.dtype(DType.FLOAT32).sequenceLength(len));
    assertEquals(DType.INT32, g.operation("rnn/sequence_length").output(0).dtype());
    try (Session s = new Session(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Tensor out = s.run(r.outputs(), Map.of(x, Tensor.of(DynamicRnnTest.ARTICLE)));
      assertEquals(0f, out.getFloat(0, 1, 0));
      assertEquals(0f, out.getFloat(2, 0, 1));
    }
  }
}
