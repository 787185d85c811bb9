package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.ArrayTesting.constant;
import static org.tensorgraph.ops.ArrayTesting.fails;
import static org.tensorgraph.ops.ArrayTesting.placeholder;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.Session;
import org.tensorgraph.session.SessionOptions;

/**
 * TF1 reference variables: VariableV2, Assign, AssignAdd, AssignSub and reads through Identity.
 * Each test that runs sessions runs once per executor and expects the same values from each.
 */
class StateVariablesTest {
  private static final String EXECUTORS = "org.tensorgraph.ops.ArrayTesting#executors";
  private static final Tensor INIT = Tensor.of(new float[] {1, 2});

  /** TF's {@code tf.Variable(INIT, name="w")}: w, w/initial_value, w/Assign, w/read. */
  private static final class Var {
    final Graph g;
    final Output ref;
    final Operation assign;
    final Output read;

    Var(Graph g, String name, Shape shape, Tensor init) {
      this.g = g;
      ref = variable(g, name, shape, "");
      Output initial = constant(g, name + "/initial_value", init);
      assign = g.opBuilder("Assign", name + "/Assign").addInput(ref).addInput(initial).build();
      read = g.opBuilder("Identity", name + "/read").addInput(ref).build().output(0);
    }
  }

  private static Output variable(Graph g, String name, Shape shape, String sharedName) {
    return g.opBuilder("VariableV2", name).setAttr("shape", shape)
        .setAttr("dtype", DType.FLOAT32).setAttr("shared_name", sharedName).build().output(0);
  }

  private static Operation update(Graph g, String op, Output ref, Tensor delta) {
    return g.opBuilder(op, null).addInput(ref).addInput(constant(g, delta)).build();
  }

  @Test
  void variableNodeHasTfSignature() {
    Graph g = new Graph();
    Var w = new Var(g, "w", Shape.of(2), INIT);
    assertTrue(w.ref.isRef());
    assertEquals(Shape.of(2), w.ref.shape());
    assertEquals(DType.FLOAT32, w.ref.dtype());
    assertEquals("", w.ref.op().attrString("container"));
    assertTrue(w.ref.op().opDef().isStateful());
    assertTrue(w.assign.output(0).isRef());
    assertTrue(w.assign.attrBool("validate_shape"));
    assertTrue(w.assign.attrBool("use_locking"));
    assertEquals(false, w.read.isRef());
    assertEquals(Shape.of(2), w.read.shape());
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void assignThenReadGivesTheValue(SessionOptions o) {
    Var w = new Var(new Graph(), "w", Shape.of(2), INIT);
    try (Session s = new Session(w.g, o)) {
      s.run(w.assign);
      assertEquals(INIT, s.run(w.read));
      assertEquals(INIT, s.run(w.ref), "fetching the ref reads the value");
      assertEquals(INIT, s.run(w.assign.output(0)), "Assign's output is the variable");
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void readBeforeInitFailsNamingTheReadNode(SessionOptions o) {
    Var w = new Var(new Graph(), "w", Shape.of(2), INIT);
    try (Session s = new Session(w.g, o)) {
      FailedPreconditionException e = fails(FailedPreconditionException.class,
          () -> s.run(w.read));
      assertEquals("Attempting to use uninitialized value w", e.rawMessage());
      assertTrue(e.getMessage().contains("[[node w/read (Identity)]]"), e.getMessage());
      assertEquals("w/read", e.nodeName());
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void assignAddAccumulatesAcrossRuns(SessionOptions o) {
    Var w = new Var(new Graph(), "w", Shape.of(2), INIT);
    Operation add = update(w.g, "AssignAdd", w.ref, Tensor.of(new float[] {10, 100}));
    try (Session s = new Session(w.g, o)) {
      s.run(w.assign);
      s.run(add);
      s.run(add);
      assertEquals(Tensor.of(new float[] {31, 302}), s.run(add.output(0)));
      assertEquals(Tensor.of(new float[] {31, 302}), s.run(w.read));
      s.run(w.assign);
      assertEquals(INIT, s.run(w.read), "re-running the initializer resets the value");
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void assignSubAndIntegerVariables(SessionOptions o) {
    Graph g = new Graph();
    Output v = g.opBuilder("VariableV2", "step").setAttr("shape", Shape.scalar())
        .setAttr("dtype", DType.INT64).build().output(0);
    Operation init = g.opBuilder("Assign", null).addInput(v)
        .addInput(constant(g, Tensor.of(5L))).build();
    Operation sub = update(g, "AssignSub", v, Tensor.of(2L));
    try (Session s = new Session(g, o)) {
      s.run(init);
      s.run(sub);
      assertEquals(Tensor.of(1L), s.run(sub.output(0)));
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void assignAddOnAnUninitializedVariableFails(SessionOptions o) {
    Graph g = new Graph();
    Output w = variable(g, "w", Shape.of(2), "");
    Operation add = update(g, "AssignAdd", w, INIT);
    try (Session s = new Session(g, o)) {
      FailedPreconditionException e = fails(FailedPreconditionException.class,
          () -> s.run(add));
      assertEquals("Attempting to use uninitialized parameters: w", e.rawMessage());
      assertEquals("AssignAdd", e.nodeName());
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void assignAddNeedsTheVariablesSize(SessionOptions o) {
    Graph g = new Graph();
    Var w = new Var(g, "w", Shape.of(2), INIT);
    Output delta = placeholder(g, "delta", DType.FLOAT32, Shape.unknown());
    Operation add = g.opBuilder("AssignAdd", null).addInput(w.ref).addInput(delta).build();
    try (Session s = new Session(g, o)) {
      s.run(w.assign);
      InvalidArgumentException e = fails(InvalidArgumentException.class, () -> s.run(
          List.of(), Map.of(delta, Tensor.of(new float[] {1, 2, 3})), List.of(add)));
      assertEquals("Parameters and update must be the same size", e.rawMessage());
      assertEquals(INIT, s.run(w.read), "a failed update leaves the value");
    }
    IllegalArgumentException build = fails(IllegalArgumentException.class,
        () -> update(g, "AssignAdd", w.ref, Tensor.of(new float[] {1, 2, 3})));
    assertTrue(build.getMessage().startsWith("Dimension 0 in both shapes must be equal, but are 2"
        + " and 3. Shapes are [2] and [3]. for 'AssignAdd_1' (op: 'AssignAdd')"),
        build.getMessage());
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void assignChecksTheDeclaredShape(SessionOptions o) {
    Graph g = new Graph();
    Output w = variable(g, "kernel", Shape.of(7, 4), "");
    IllegalArgumentException build = fails(IllegalArgumentException.class,
        () -> g.opBuilder("Assign", "a").addInput(w).addInput(constant(g, Tensor.of(
            new float[3]))).build());
    assertEquals("Shapes must be equal rank, but are 2 and 1 for 'a' (op: 'Assign') with input"
        + " shapes: [7,4], [3].", build.getMessage());

    Output value = placeholder(g, "value", DType.FLOAT32, Shape.unknown());
    Operation assign = g.opBuilder("Assign", "kernel/Assign").addInput(w).addInput(value).build();
    try (Session s = new Session(g, o)) {
      InvalidArgumentException e = fails(InvalidArgumentException.class, () -> s.run(
          List.of(), Map.of(value, Tensor.of(new float[3])), List.of(assign)));
      assertEquals("Assign requires shapes of both tensors to match. lhs shape= [7,4] rhs shape="
          + " [3]", e.rawMessage());
      assertEquals("kernel/Assign", e.nodeName());
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void assignWithoutShapeValidationTakesAnyShape(SessionOptions o) {
    Graph g = new Graph();
    Output w = variable(g, "w", Shape.of(7, 4), "");
    Tensor three = Tensor.of(new float[] {1, 2, 3});
    Operation assign = g.opBuilder("Assign", null).addInput(w).addInput(constant(g, three))
        .setAttr("validate_shape", false).build();
    assertEquals(Shape.of(3), assign.output(0).shape(), "the output takes the value's shape");
    Output read = g.opBuilder("Identity", null).addInput(w).build().output(0);
    try (Session s = new Session(g, o)) {
      s.run(assign);
      assertEquals(three, s.run(read));
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void sessionsOnOneGraphKeepSeparateVariables(SessionOptions o) {
    Var w = new Var(new Graph(), "w", Shape.of(2), INIT);
    Operation add = update(w.g, "AssignAdd", w.ref, Tensor.of(new float[] {1, 1}));
    try (Session s1 = new Session(w.g, o); Session s2 = new Session(w.g, o)) {
      s1.run(w.assign);
      s1.run(add);
      FailedPreconditionException e = fails(FailedPreconditionException.class,
          () -> s2.run(w.read));
      assertEquals("Attempting to use uninitialized value w", e.rawMessage());
      s2.run(w.assign);
      assertEquals(INIT, s2.run(w.read));
      assertEquals(Tensor.of(new float[] {2, 3}), s1.run(w.read));
    }
  }

  @ParameterizedTest
  @MethodSource(EXECUTORS)
  void sharedNameKeysTheStore(SessionOptions o) {
    Graph g = new Graph();
    Output a = variable(g, "a", Shape.of(2), "shared");
    Output b = variable(g, "b", Shape.of(2), "shared");
    Operation assign = g.opBuilder("Assign", null).addInput(a).addInput(constant(g, INIT))
        .build();
    Output readB = g.opBuilder("Identity", "b/read").addInput(b).build().output(0);
    Output c = variable(g, "c", Shape.of(2), "");
    Output readC = g.opBuilder("Identity", "c/read").addInput(c).build().output(0);
    try (Session s = new Session(g, o)) {
      s.run(assign);
      assertEquals(INIT, s.run(readB), "nodes with one shared_name are one variable");
      FailedPreconditionException e = fails(FailedPreconditionException.class,
          () -> s.run(readC));
      assertEquals("Attempting to use uninitialized value c", e.rawMessage());
    }
  }

  @Test
  void refInputsNeedAVariable() {
    Graph g = new Graph();
    Output notRef = constant(g, INIT);
    IllegalArgumentException e = fails(IllegalArgumentException.class,
        () -> g.opBuilder("Assign", "a").addInput(notRef).addInput(notRef).build());
    assertEquals("'Assign' Op requires that input 'ref' be a mutable tensor (e.g. a tf.Variable)"
        + " (node 'a')", e.getMessage());
  }
}
