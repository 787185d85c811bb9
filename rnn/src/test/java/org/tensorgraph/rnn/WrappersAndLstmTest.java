package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
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
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/** LSTMCell's options, DropoutWrapper and ResidualWrapper, inside dynamicRnn. */
class WrappersAndLstmTest {
  static final float[][][] X = DynamicRnnTest.ARTICLE;

  /** LSTMCell with peepholes, cell clip and a clipped projection, one step. */
  static float[][][] lstmFull(float[][] x, float[][] c, float[][] m, Map<String, Tensor> v,
      double cellClip, double projClip) {
    float[][] w = Ref.m(v.get("kernel"));
    double[][] z = Ref.linear(x, m, w, Ref.v(v.get("bias")));
    float[] wf = Ref.v(v.get("w_f_diag"));
    float[] wi = Ref.v(v.get("w_i_diag"));
    float[] wo = Ref.v(v.get("w_o_diag"));
    float[][] p = Ref.m(v.get("projection/kernel"));
    int u = c[0].length;
    float[][] nc = new float[x.length][u];
    float[][] nm = new float[x.length][p[0].length];
    for (int b = 0; b < x.length; b++) {
      double[] mm = new double[u];
      for (int j = 0; j < u; j++) {
        double cc = Ref.sig(z[b][2 * u + j] + 1.0 + wf[j] * c[b][j]) * c[b][j]
            + Ref.sig(z[b][j] + wi[j] * c[b][j]) * Math.tanh(z[b][u + j]);
        cc = Math.max(-cellClip, Math.min(cellClip, cc));
        nc[b][j] = (float) cc;
        mm[j] = Ref.sig(z[b][3 * u + j] + wo[j] * cc) * Math.tanh(cc);
      }
      for (int k = 0; k < p[0].length; k++) {
        double s = 0;
        for (int j = 0; j < u; j++) {
          s += mm[j] * p[j][k];
        }
        nm[b][k] = (float) Math.max(-projClip, Math.min(projClip, s));
      }
    }
    return new float[][][] {nc, nm};
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void lstmCellPeepholesClipsAndProjection(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, 4);
    LstmCell cell = LstmCell.builder(5).usePeepholes(true).cellClip(0.3).numProj(2)
        .projClip(0.2).initializer(Initializers.randomUniform(-1, 1, 3L)).build();
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    Map<String, Shape> want = new LinkedHashMap<>();
    want.put("rnn/lstm_cell/kernel", Shape.of(5, 20));
    want.put("rnn/lstm_cell/bias", Shape.of(20));
    want.put("rnn/lstm_cell/w_f_diag", Shape.of(5));
    want.put("rnn/lstm_cell/w_i_diag", Shape.of(5));
    want.put("rnn/lstm_cell/w_o_diag", Shape.of(5));
    want.put("rnn/lstm_cell/projection/kernel", Shape.of(5, 2));
    assertEquals(want, CellsTest.vars(g));
    assertEquals(Shape.of(4, 2, 2), r.outputs().shape());
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Map<String, Tensor> v = new LinkedHashMap<>();
      for (Variable var : cell.variables()) {
        v.put(var.name().substring("rnn/lstm_cell/".length()), s.run(var.value()));
      }
      List<Object> got = s.run(List.of(r.outputs(), r.state()), Map.of(x, Tensor.of(X)));
      float[][] c = new float[4][5];
      float[][] m = new float[4][2];
      for (int t = 0; t < 2; t++) {
        float[][][] cm = lstmFull(DynamicRnnTest.step(X, t), c, m, v, 0.3, 0.2);
        c = cm[0];
        m = cm[1];
        Ref.close(m, Tensor.of(DynamicRnnTest.slice((Tensor) got.get(0), t)));
      }
      LstmStateTuple<?> st = (LstmStateTuple<?>) got.get(1);
      Ref.close(c, (Tensor) st.c());
      Ref.close(m, (Tensor) st.h());
    }
  }

  @Test
  void lstmCellConcatenatedState() {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, 4);
    LstmCell cell = LstmCell.builder(3).numProj(2).stateIsTuple(false).build();
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    assertEquals(Shape.of(4, 5), ((Output) r.state()).shape());
    assertEquals(Shape.of(5, 12), CellsTest.vars(g).get("rnn/lstm_cell/kernel"));
    try (Session s = new Session(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      List<Tensor> got = s.run(List.of(r.outputs(), r.state()), Map.of(x, Tensor.of(X)));
      for (int b = 0; b < 4; b++) { // the state ends with the last output (m)
        assertEquals(got.get(0).getFloat(b, 1, 0), got.get(1).getFloat(b, 3));
        assertEquals(got.get(0).getFloat(b, 1, 1), got.get(1).getFloat(b, 4));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void keepProbabilityOneAddsNoOps(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, 4);
    BasicRnnCell inner = new BasicRnnCell(4);
    RnnResult r = Rnn.dynamicRnn(new DropoutWrapper(inner, 1.0, 1.0, 1.0, 5L), x, DType.FLOAT32);
    for (var f : g.functions()) {
      f.body().operations().forEach(op -> assertFalse(op.name().contains("dropout")));
    }
    assertEquals("rnn/basic_rnn_cell/kernel", inner.kernel().name());
    assertNotEquals(null, g.operation("rnn/DropoutWrapperZeroState/BasicRNNCellZeroState/zeros"));
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Tensor out = s.run(r.outputs(), Map.of(x, Tensor.of(X)));
      float[][] w = Ref.m(s.run(inner.kernel().value()));
      float[] b = Ref.v(s.run(inner.bias().value()));
      float[][] h = new float[4][4];
      for (int t = 0; t < 2; t++) {
        h = Ref.rnn(DynamicRnnTest.step(X, t), h, w, b);
        Ref.close(h, Tensor.of(DynamicRnnTest.slice(out, t)));
      }
    }
  }

  @Test
  void seedsAreTfs() {
    assertEquals(992545650L, DropoutOps.genSeed(7L, "output", 0));
    assertEquals(839511211L, DropoutOps.genSeed(7L, "state", 1));
    assertEquals(2037882495L, DropoutOps.genSeed(12345L, "input", 0));
    assertEquals(null, DropoutOps.genSeed(null, "input", 0));
  }

  /** One call on a [400, 3] batch: about half the outputs dropped, the rest scaled by 2. */
  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void outputDropoutStatisticsAndDeterminism(ExecutorConfig exec) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(Ref.rand(400, 3, 9));
    Output h = tf.constant(Ref.rand(400, 50, 10));
    BasicRnnCell inner = new BasicRnnCell(50);
    DropoutWrapper cell = DropoutWrapper.builder(inner).outputKeepProb(0.5).seed(7L).build();
    CellOutput r = cell.call(x, h);
    Output raw = g.output("basic_rnn_cell/Tanh:0");
    assertEquals("dropout/Mul_1", r.output().op().name());
    assertSame(raw, r.state()); // the state is not dropped (keep 1.0)
    Tensor first;
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      List<Tensor> got = s.run(List.of(r.output(), raw));
      first = got.get(0);
      float[] d = got.get(0).toFloatArray();
      float[] o = got.get(1).toFloatArray();
      int zeros = 0;
      for (int i = 0; i < d.length; i++) {
        if (d[i] == 0) {
          zeros++;
        } else {
          assertEquals(o[i] * 2f, d[i], 1e-6f);
        }
      }
      double frac = zeros / (double) d.length; // 20000 Bernoulli(0.5): sd 0.0035
      assertTrue(Math.abs(frac - 0.5) < 0.03, "dropped fraction " + frac);
      assertNotEquals(first, s.run(r.output())); // the generator advances per run
    }
    try (Session s = exec.open(g)) { // a new session repeats the first run's mask
      s.run(Variables.globalVariablesInitializer(g));
      Tensor again = s.run(r.output());
      float[] a = again.toFloatArray();
      float[] f = first.toFloatArray();
      for (int i = 0; i < a.length; i++) {
        assertEquals(f[i] == 0, a[i] == 0, "mask differs at " + i);
      }
    }
  }

  @Test
  void lstmStateDropoutNeverDropsC() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(Ref.rand(4, 3, 1));
    Object st = new BasicLstmCell(4).zeroState(g, 4, DType.FLOAT32);
    DropoutWrapper cell = DropoutWrapper.builder(new BasicLstmCell(4)).stateKeepProb(0.5)
        .build();
    LstmStateTuple<?> s = (LstmStateTuple<?>) cell.call(x, st).state();
    assertFalse(((Output) s.c()).op().name().contains("dropout"));
    assertTrue(((Output) s.h()).op().name().contains("dropout"));
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void dropoutInsideTheLoopDrawsNewMasksEachStep(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(8, 20, 3));
    DropoutWrapper cell = DropoutWrapper.builder(new BasicRnnCell(30)).outputKeepProb(0.6)
        .seed(3L).build();
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    float[][][] in = new float[8][20][3];
    for (float[][] a : in) {
      for (float[] row : a) {
        java.util.Arrays.fill(row, 0.5f);
      }
    }
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Tensor out = s.run(r.outputs(), Map.of(x, Tensor.of(in)));
      float[] d = out.toFloatArray();
      int zeros = 0;
      for (float v : d) {
        zeros += v == 0 ? 1 : 0;
      }
      double frac = zeros / (double) d.length; // 4800 draws at 0.4: sd 0.007
      assertTrue(Math.abs(frac - 0.4) < 0.04, "dropped fraction " + frac);
      boolean differs = false;
      for (int t = 1; t < 20 && !differs; t++) {
        for (int j = 0; j < 30; j++) {
          differs |= (out.getFloat(0, t, j) == 0) != (out.getFloat(0, 0, j) == 0);
        }
      }
      assertTrue(differs, "every step used the same mask");
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void variationalDropoutUsesOneMaskForAllSteps(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(3, 6, 2));
    DropoutWrapper cell = DropoutWrapper.builder(new GruCell(40)).outputKeepProb(0.5)
        .stateKeepProb(0.7).seed(11L).variationalRecurrent(true, null, DType.FLOAT32).build();
    RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
    assertNotEquals(null, g.operation("DropoutWrapperInit/random_uniform/RandomUniform"));
    float[][][] in = new float[3][6][2];
    for (float[][] a : in) {
      for (float[] row : a) {
        java.util.Arrays.fill(row, 0.3f);
      }
    }
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Tensor out = s.run(r.outputs(), Map.of(x, Tensor.of(in)));
      int dropped = 0;
      for (int j = 0; j < 40; j++) {
        boolean z = out.getFloat(0, 0, j) == 0;
        dropped += z ? 1 : 0;
        for (int b = 0; b < 3; b++) {
          for (int t = 0; t < 6; t++) {
            assertEquals(z, out.getFloat(b, t, j) == 0, "unit " + j + " at b=" + b + " t=" + t);
          }
        }
      }
      assertTrue(dropped > 5 && dropped < 35, "dropped units " + dropped);
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void residualWrapperAddsTheInputs(ExecutorConfig exec) {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, -1);
    BasicRnnCell inner = new BasicRnnCell(3);
    RnnResult r = Rnn.dynamicRnn(new ResidualWrapper(inner), x, DType.FLOAT32);
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      float[][] w = Ref.m(s.run(inner.kernel().value()));
      float[] b = Ref.v(s.run(inner.bias().value()));
      List<Tensor> got = s.run(List.of(r.outputs(), r.state()), Map.of(x, Tensor.of(X)));
      float[][] h = new float[4][3];
      for (int t = 0; t < 2; t++) {
        float[][] xt = DynamicRnnTest.step(X, t);
        h = Ref.rnn(xt, h, w, b);
        float[][] out = new float[4][3];
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 3; j++) {
            out[i][j] = xt[i][j] + h[i][j];
          }
        }
        Ref.close(out, Tensor.of(DynamicRnnTest.slice(got.get(0), t)));
      }
      Ref.close(h, got.get(1));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void keepProbabilityFedAtRunTime(ExecutorConfig exec) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output keep = tf.withName("keep").placeholder(DType.FLOAT32, Shape.scalar());
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(20, 5, 3));
    BasicRnnCell inner = new BasicRnnCell(10);
    RnnResult r = Rnn.dynamicRnn(DropoutWrapper.builder(inner).outputKeepProb(keep).seed(1L)
        .build(), x, DType.FLOAT32);
    float[][][] in = new float[20][5][3];
    for (float[][] a : in) {
      for (float[] row : a) {
        java.util.Arrays.fill(row, 0.25f);
      }
    }
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Tensor full = s.run(r.outputs(), Map.of(x, Tensor.of(in), keep, Tensor.of(1f)));
      for (float v : full.toFloatArray()) {
        assertNotEquals(0f, v); // keep 1: nothing dropped
      }
      Tensor half = s.run(r.outputs(), Map.of(x, Tensor.of(in), keep, Tensor.of(0.5f)));
      int zeros = 0;
      for (float v : half.toFloatArray()) {
        zeros += v == 0 ? 1 : 0;
      }
      assertTrue(Math.abs(zeros / 1000.0 - 0.5) < 0.07, "dropped " + zeros + " of 1000");
    }
  }

  @Test
  void keepProbabilityZeroIsTfsRateError() {
    Graph g = new Graph();
    Output x = Ops.create(g).constant(Ref.rand(2, 3, 1));
    DropoutWrapper cell = DropoutWrapper.builder(new BasicRnnCell(2)).outputKeepProb(0.0).build();
    Object st = new BasicRnnCell(2).zeroState(g, 2, DType.FLOAT32);
    assertEquals("rate must be a scalar tensor or a float in the range [0, 1), got 1",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> cell.call(x, st)).getMessage());
  }
}
