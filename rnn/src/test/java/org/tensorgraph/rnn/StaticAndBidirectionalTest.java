package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** staticRnn and bidirectionalDynamicRnn against naive loops. */
class StaticAndBidirectionalTest {
  static final float[][][] X = DynamicRnnTest.GERON;
  static final int[] LENS = {2, 1, 2, 0};

  /** A BasicRNNCell run over x with lengths: outputs [B][T][U] (zeros past length), state. */
  static float[][][] naive(float[][][] x, int[] lens, float[][] w, float[] b, int units,
      float[][] stateOut) {
    int batch = x.length;
    int steps = x[0].length;
    float[][][] out = new float[batch][steps][units];
    float[][] h = new float[batch][units];
    for (int t = 0; t < steps; t++) {
      float[][] nh = Ref.rnn(DynamicRnnTest.step(x, t), h, w, b);
      for (int i = 0; i < batch; i++) {
        if (t < lens[i]) {
          h[i] = nh[i];
          out[i][t] = nh[i];
        }
      }
    }
    for (int i = 0; i < batch; i++) {
      stateOut[i] = h[i];
    }
    return out;
  }

  /** x with each row's first lens[b] steps reversed (reverse_sequence). */
  static float[][][] reverseSeq(float[][][] x, int[] lens) {
    float[][][] r = new float[x.length][][];
    for (int b = 0; b < x.length; b++) {
      r[b] = x[b].clone();
      for (int t = 0; t < lens[b]; t++) {
        r[b][t] = x[b][lens[b] - 1 - t];
      }
    }
    return r;
  }

  static void close3(float[][][] want, Tensor got) {
    for (int t = 0; t < want[0].length; t++) {
      float[][] w = new float[want.length][];
      for (int b = 0; b < want.length; b++) {
        w[b] = want[b][t];
      }
      Ref.close(w, Tensor.of(DynamicRnnTest.slice(got, t)));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void staticRnnUnrollsWithTfNamesAndLengths(ExecutorConfig exec) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = DynamicRnnTest.placeholderX(g, -1);
    List<Output> steps = tf.unstack(x, 1);
    Output len = tf.withName("len").placeholder(DType.INT32, Shape.of(-1));
    BasicRnnCell cell = new BasicRnnCell(4);
    StaticRnnResult r = Rnn.staticRnn(cell, steps,
        RnnOptions.dtype(DType.FLOAT32).sequenceLength(len));
    assertEquals("rnn/basic_rnn_cell/kernel", cell.kernel().name());
    assertNotNull(g.operation("rnn/basic_rnn_cell/MatMul_1"));
    assertEquals(2, r.outputs().size());
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      float[][] w = Ref.m(s.run(cell.kernel().value()));
      float[] b = Ref.v(s.run(cell.bias().value()));
      List<Object> got = s.run(List.of(r.outputs(), r.state()),
          Map.of(x, Tensor.of(X), len, Tensor.of(LENS)));
      float[][] state = new float[4][];
      float[][][] want = naive(X, LENS, w, b, 4, state);
      List<?> outs = (List<?>) got.get(0);
      for (int t = 0; t < 2; t++) {
        float[][] wt = new float[4][];
        for (int i = 0; i < 4; i++) {
          wt[i] = want[i][t];
        }
        Ref.close(wt, (Tensor) outs.get(t));
      }
      Ref.close(state, (Tensor) got.get(1));
    }
  }

  @Test
  void staticRnnErrors() {
    Graph g = new Graph();
    Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.of(2, 3));
    assertEquals("inputs must not be empty", assertThrows(IllegalArgumentException.class,
        () -> Rnn.staticRnn(new BasicRnnCell(2), List.of(), RnnOptions.dtype(DType.FLOAT32)))
        .getMessage());
    assertEquals("If no initial_state is provided, dtype must be specified",
        assertThrows(IllegalArgumentException.class, () -> Rnn.staticRnn(new BasicRnnCell(2),
            List.of(x), RnnOptions.defaults())).getMessage());
    Output badLen = Ops.create(g).placeholder(DType.INT32, Shape.of(2, 1));
    assertEquals("sequence_length must be a vector of length batch_size",
        assertThrows(IllegalArgumentException.class, () -> Rnn.staticRnn(new BasicRnnCell(2),
            List.of(x), RnnOptions.dtype(DType.FLOAT32).sequenceLength(badLen))).getMessage());
    Output u = Ops.create(g).placeholder(DType.FLOAT32, Shape.of(2, -1));
    assertEquals("Input size (dimension 0 of inputs) must be accessible via shape inference, but "
        + "saw value None.", assertThrows(IllegalArgumentException.class,
            () -> Rnn.staticRnn(new BasicRnnCell(2), List.of(u), RnnOptions.dtype(DType.FLOAT32)))
        .getMessage());
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void bidirectionalWithAndWithoutLengths(ExecutorConfig exec) {
    for (boolean withLens : new boolean[] {false, true}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = DynamicRnnTest.placeholderX(g, -1);
      Output len = tf.withName("len").placeholder(DType.INT32, Shape.of(-1));
      BasicRnnCell fw = new BasicRnnCell(3);
      BasicRnnCell bw = new BasicRnnCell(3);
      RnnOptions o = RnnOptions.dtype(DType.FLOAT32);
      BidirectionalRnnResult r = Rnn.bidirectionalDynamicRnn(fw, bw, x,
          withLens ? o.sequenceLength(len) : o);
      assertEquals("bidirectional_rnn/fw/basic_rnn_cell/kernel", fw.kernel().name());
      assertEquals("bidirectional_rnn/bw/basic_rnn_cell/kernel", bw.kernel().name());
      assertNotNull(g.operation("bidirectional_rnn/fw/fw/while"));
      assertNotNull(g.operation("bidirectional_rnn/bw/bw/while"));
      int[] lens = withLens ? LENS : new int[] {2, 2, 2, 2};
      try (Session s = exec.open(g)) {
        s.run(Variables.globalVariablesInitializer(g));
        List<Tensor> v = s.run(List.of(fw.kernel().value(), fw.bias().value(),
            bw.kernel().value(), bw.bias().value()));
        Map<Output, Tensor> feeds = withLens ? Map.of(x, Tensor.of(X), len, Tensor.of(LENS))
            : Map.of(x, Tensor.of(X));
        List<Object> got = s.run(List.of(r.outputFw(), r.outputBw(), r.stateFw(),
            r.stateBw()), feeds);
        float[][] sf = new float[4][];
        close3(naive(X, lens, Ref.m(v.get(0)), Ref.v(v.get(1)), 3, sf), (Tensor) got.get(0));
        Ref.close(sf, (Tensor) got.get(2));
        float[][] sb = new float[4][];
        float[][][] outBw = naive(reverseSeq(X, lens), lens, Ref.m(v.get(2)), Ref.v(v.get(3)), 3,
            sb);
        close3(reverseSeq(outBw, lens), (Tensor) got.get(1));
        Ref.close(sb, (Tensor) got.get(3));
      }
    }
  }
}
