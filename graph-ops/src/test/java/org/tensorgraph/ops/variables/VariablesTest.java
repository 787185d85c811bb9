package org.tensorgraph.ops.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.random.PhiloxFill;
import org.tensorgraph.ops.random.PhiloxRandom;
import org.tensorgraph.session.Session;

class VariablesTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  /** The article's single-layer variables, created as BasicRNNCell creates them. */
  private Variable[] articleVariables(Long seed) {
    try (VariableScopeHandle rnn = tf.variableScope("rnn");
        VariableScopeHandle cell = Variables.variableScopeWithDefault(g, "basic_rnn_cell")) {
      Variable kernel = tf.getVariable("kernel", Shape.of(7, 4), DType.FLOAT32,
          seed == null ? null : Initializers.glorotUniform(seed));
      Variable bias = tf.getVariable("bias", Shape.of(4), DType.FLOAT32, Initializers.zeros());
      return new Variable[] {kernel, bias};
    }
  }

  @Test
  void articleVariablesHaveTfsNodeNames() {
    Variable[] v = articleVariables(null);
    assertEquals("rnn/basic_rnn_cell/kernel", v[0].name());
    assertEquals(Shape.of(7, 4), v[0].shape());
    assertEquals("rnn/basic_rnn_cell/bias", v[1].name());
    List<String> names = g.operations().stream().map(Operation::name).collect(Collectors.toList());
    String k = "rnn/basic_rnn_cell/kernel";
    assertEquals(List.of(k + "/Initializer/random_uniform/shape",
        k + "/Initializer/random_uniform/min", k + "/Initializer/random_uniform/max",
        k + "/Initializer/random_uniform/RandomUniform", k + "/Initializer/random_uniform/sub",
        k + "/Initializer/random_uniform/mul", k + "/Initializer/random_uniform", k,
        k + "/Assign", k + "/read", "rnn/basic_rnn_cell/bias/Initializer/zeros",
        "rnn/basic_rnn_cell/bias", "rnn/basic_rnn_cell/bias/Assign",
        "rnn/basic_rnn_cell/bias/read"), names);
    assertEquals("VariableV2", v[0].op().type());
    assertEquals("Assign", v[0].initializer().type());
    assertEquals("Identity", v[0].value().op().type());
    assertEquals("<tf.Variable 'rnn/basic_rnn_cell/kernel:0' shape=(7, 4) dtype=float32_ref>",
        v[0].toString());
  }

  @Test
  void initGroupsEveryAssign() {
    Variable[] v = articleVariables(null);
    Operation init = tf.globalVariablesInitializer();
    assertEquals("init", init.name());
    assertEquals("NoOp", init.type());
    assertEquals(List.of(v[0].initializer(), v[1].initializer()), init.controlInputs());
    assertEquals(List.of(v[0], v[1]), tf.globalVariables());
    assertEquals(List.of(v[0], v[1]), tf.trainableVariables());
  }

  @Test
  void glorotUniformWithASeedMatchesTfsFormula() {
    Variable[] v = articleVariables(42L);
    Operation rnd = g.operation("rnn/basic_rnn_cell/kernel/Initializer/random_uniform/"
        + "RandomUniform");
    assertEquals(87654321L, rnd.attrLong("seed"));
    assertEquals(42L, rnd.attrLong("seed2"));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      float[] got = s.run(v[0].value()).toFloatArray();
      // TF: limit = sqrt(3 * 1 / ((7 + 4) / 2)) in double, then rnd * (max - min) + min in float32
      float max = (float) Math.sqrt(3.0 / 5.5);
      float min = (float) -Math.sqrt(3.0 / 5.5);
      float[] u = new float[28];
      PhiloxFill.uniformFloat(new PhiloxRandom(87654321L, 42L), u);
      for (int i = 0; i < 28; i++) {
        assertEquals(u[i] * (max - min) + min, got[i], 0f, "element " + i);
        assertTrue(Math.abs(got[i]) <= max);
      }
      assertEquals(Tensor.of(new float[4]), s.run(v[1].value()));
    }
  }

  @Test
  void unseededInitializersDifferBetweenSessions() {
    Variable[] v = articleVariables(null);
    Operation init = tf.globalVariablesInitializer();
    Tensor a;
    Tensor b;
    try (Session s = new Session(g)) {
      s.run(init);
      a = s.run(v[0].value());
    }
    try (Session s = new Session(g)) {
      s.run(init);
      b = s.run(v[0].value());
    }
    assertFalse(a.equals(b), "seed 0/0 draws random seeds, as TF");
  }

  @Test
  void readingBeforeInitFailsWithTfsText() {
    Variable[] v = articleVariables(null);
    try (Session s = new Session(g)) {
      FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
          () -> s.run(v[0].value()));
      assertEquals("Attempting to use uninitialized value rnn/basic_rnn_cell/kernel\n\t [[node "
          + "rnn/basic_rnn_cell/kernel/read (Identity)]]", e.getMessage());
    }
  }

  @Test
  void reuseRulesAndTheirErrors() {
    articleVariables(null);
    IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
        () -> articleVariables(null));
    assertEquals("Variable rnn/basic_rnn_cell/kernel already exists, disallowed. Did you mean to "
        + "set reuse=True or reuse=tf.AUTO_REUSE in VarScope?", exists.getMessage());
    try (VariableScopeHandle h = tf.variableScope("rnn", Reuse.TRUE, null)) {
      try (VariableScopeHandle c = tf.variableScope("basic_rnn_cell")) {
        assertTrue(c.scope().reuses(), "reuse is inherited by sub-scopes");
        Variable k = tf.getVariable("kernel", Shape.of(7, 4), DType.FLOAT32, null);
        assertSame(k, Variables.globalVariables(g).get(0));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
            () -> tf.getVariable("kernel", Shape.of(3, 4), DType.FLOAT32, null));
        assertEquals("Trying to share variable rnn/basic_rnn_cell/kernel, but specified shape "
            + "(3, 4) and found shape (7, 4).", shape.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> tf.getVariable("nope", Shape.of(1), DType.FLOAT32, null));
        assertEquals("Variable rnn/basic_rnn_cell/nope does not exist, or was not created with "
            + "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
            missing.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
            () -> tf.getVariable("kernel", Shape.of(7, 4), DType.FLOAT64, null));
        assertTrue(dtype.getMessage().contains("specified dtype float64 and found dtype "
            + "float32_ref"), dtype.getMessage());
      }
    }
    try (VariableScopeHandle h = tf.variableScope("auto", Reuse.AUTO_REUSE, null)) {
      Variable a = tf.getVariable("w", Shape.of(2), DType.FLOAT32, null);
      assertSame(a, tf.getVariable("w", Shape.of(2), DType.FLOAT32, null));
    }
  }

  @Test
  void aSecondScopeOfTheSameNameOpensANewNameScope() {
    try (VariableScopeHandle h = tf.variableScope("rnn")) {
      assertEquals("rnn", g.currentNameScope());
    }
    try (VariableScopeHandle h = tf.variableScope("rnn", Reuse.TRUE, null)) {
      assertEquals("rnn_1", g.currentNameScope());
      assertEquals("rnn", h.scope().name());
      assertEquals("rnn_1/", h.scope().originalNameScope());
    }
  }

  @Test
  void defaultNamesAreUniqueAmongSiblingScopes() {
    try (VariableScopeHandle a = Variables.variableScopeWithDefault(g, "cell")) {
      assertEquals("cell", a.scope().name());
    }
    try (VariableScopeHandle b = Variables.variableScopeWithDefault(g, "cell")) {
      assertEquals("cell_1", b.scope().name());
      try (VariableScopeHandle inner = Variables.variableScopeWithDefault(g, "x")) {
        assertEquals("cell_1/x", inner.scope().name());
      }
    }
  }

  @Test
  void variableNamesIgnoreTheNameScope() {
    try (var ns = tf.withNameScope("outer"); VariableScopeHandle v = tf.variableScope("vs")) {
      Variable w = tf.getVariable("w", Shape.of(1), DType.FLOAT32, Initializers.ones());
      assertEquals("vs/w", w.name());
      assertEquals("outer/vs", g.currentNameScope());
    }
  }

  @Test
  void plainVariablesAreMadeUnique() {
    Variable a = tf.variable(Tensor.of(new float[] {1, 2}), "w");
    Variable b = tf.variable(Tensor.of(new float[] {3}), "w");
    assertEquals("w", a.name());
    assertEquals("w_1", b.name());
    assertEquals("w_1/initial_value", b.initialValue().op().name());
    assertEquals(Shape.of(1), b.shape());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(Tensor.of(new float[] {3}), s.run(b.value()));
    }
  }

  @Test
  void sessionsKeepTheirOwnValues() {
    Variable w = tf.variable(Tensor.of(new float[] {1}), "w");
    Output plusOne = g.opBuilder("AssignAdd", "inc").addInput(w.ref())
        .addInput(tf.constant(new float[] {1})).build().output(0);
    Operation init = tf.globalVariablesInitializer();
    try (Session s1 = new Session(g); Session s2 = new Session(g)) {
      s1.run(init);
      s2.run(init);
      s1.run(plusOne);
      s1.run(plusOne);
      assertEquals(Tensor.of(new float[] {3}), s1.run(w.value()));
      assertEquals(Tensor.of(new float[] {1}), s2.run(w.value()));
    }
  }

  @Test
  void defaultInitializersFollowTheDtype() {
    Variable f = tf.getVariable("f", Shape.of(2, 2), DType.FLOAT32, null);
    Variable i = tf.getVariable("i", Shape.of(3), DType.INT32, null);
    assertNotNull(g.operation("f/Initializer/random_uniform"));
    assertEquals("Const", g.operation("i/Initializer/zeros").type());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(Tensor.of(new int[3]), s.run(i.value()));
      assertEquals(Shape.of(2, 2), s.run(f.value()).shape());
    }
  }

  @Test
  void largeZerosUseFillAsTf() {
    Variable big = tf.getVariable("big", Shape.of(40, 25), DType.FLOAT32, Initializers.zeros());
    assertEquals("Fill", g.operation("big/Initializer/zeros").type());
    assertNotNull(g.operation("big/Initializer/zeros/shape_as_tensor"));
    assertNotNull(g.operation("big/Initializer/zeros/Const"));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(Tensor.zeros(DType.FLOAT32, Shape.of(40, 25)), s.run(big.value()));
    }
  }

  @Test
  void newVariablesNeedAFullShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tf.getVariable("v", Shape.of(-1, 3), DType.FLOAT32, null));
    assertEquals("Shape of a new variable (v) must be fully defined, but instead was (?, 3).",
        e.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> tf.getVariable("c", Shape.of(1), DType.FLOAT32,
            Initializers.constant(Tensor.of(new float[] {1}))));
    assertEquals("If initializer is a constant, do not specify shape.", c.getMessage());
  }

  @Test
  void varianceScalingRejectsBadArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> Initializers.varianceScaling(0, "fan_in", "uniform", null));
    assertThrows(IllegalArgumentException.class,
        () -> Initializers.varianceScaling(1, "fan_x", "uniform", null));
    assertThrows(IllegalArgumentException.class,
        () -> Initializers.varianceScaling(1, "fan_in", "cauchy", null));
  }

  @Test
  void fansFollowComputeFans() {
    assertEquals(5.5, Initializers.fanDivisor(Shape.of(7, 4), "fan_avg"));
    assertEquals(7, Initializers.fanDivisor(Shape.of(7, 4), "fan_in"));
    assertEquals(3 * 5 * 2, Initializers.fanDivisor(Shape.of(3, 5, 2, 8), "fan_in"));
    assertEquals(3 * 5 * 8, Initializers.fanDivisor(Shape.of(3, 5, 2, 8), "fan_out"));
    assertEquals(1, Initializers.fanDivisor(Shape.scalar(), "fan_avg"));
    assertEquals(6, Initializers.fanDivisor(Shape.of(6), "fan_out"));
  }
}
