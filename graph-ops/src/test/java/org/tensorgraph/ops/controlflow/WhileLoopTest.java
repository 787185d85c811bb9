package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.controlflow.CfTesting.add;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.less;
import static org.tensorgraph.ops.controlflow.CfTesting.mul;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;
import static org.tensorgraph.ops.controlflow.CfTesting.run;
import static org.tensorgraph.ops.controlflow.CfTesting.session;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;

/** {@link ControlFlow#whileLoop}: values, names, captures, invariants, on every executor. */
class WhileLoopTest {
  @ParameterizedTest
  @CsvSource({"3, 10, REFERENCE", "3, 10, DIRECT", "3, 10, THREADED", "12, 12, REFERENCE",
      "12, 12, THREADED", "-5, 10, DIRECT"})
  void countsUpToTen(int start, int expected, ExecutorKind kind) {
    Graph g = new Graph();
    Output i0 = placeholder(g, "i0", DType.INT32, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 10)),
        (tf, v) -> List.of(add(tf.graph(), v.get(0), constant(tf.graph(), 1))),
        List.of(i0));
    assertEquals(Tensor.of(expected), run(g, kind, r.get(0), Map.of(i0, Tensor.of(start))));
  }

  static Stream<Arguments> sumsAndProducts() {
    return Stream.of(ExecutorKind.values()).flatMap(k -> Stream.of(0, 1, 7, 50)
        .map(n -> Arguments.of(k, n)));
  }

  /** sum of i*i and the float product of (1 + i/10) for i < n, against the same Java loop. */
  @ParameterizedTest
  @MethodSource("sumsAndProducts")
  void computesSumAndProductAsJavaDoes(ExecutorKind kind, int n) {
    Graph g = new Graph();
    Output limit = placeholder(g, "n", DType.INT32, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), limit),
        (tf, v) -> {
          Graph b = tf.graph();
          Output i = v.get(0);
          Output fi = b.opBuilder("Cast", null).addInput(i).setAttr("DstT", DType.FLOAT32)
              .build().output(0);
          Output factor = add(b, constant(b, 1f), mul(b, fi, constant(b, 0.1f)));
          return List.of(add(b, i, constant(b, 1)), add(b, v.get(1), mul(b, i, i)),
              mul(b, v.get(2), factor));
        },
        List.of(constant(g, 0), constant(g, 0), constant(g, 1f)));
    int sum = 0;
    float prod = 1f;
    for (int i = 0; i < n; i++) {
      sum += i * i;
      prod = prod * (1f + (float) i * 0.1f);
    }
    try (Session s = session(g, kind)) {
      List<Tensor> out = s.run(r, Map.of(limit, Tensor.of(n)), null, null);
      assertEquals(List.of(Tensor.of(n), Tensor.of(sum), Tensor.of(prod)), out);
    }
  }

  @Test
  void namesTheNodeAndFunctionsAsWhileV2() {
    Graph g = new Graph();
    Output k = constant(g, 5);
    List<Output> r;
    try (Scope s = g.withNameScope("rnn")) {
      r = ControlFlow.whileLoop(g, (tf, v) -> less(tf.graph(), v.get(0), k),
          (tf, v) -> List.of(add(tf.graph(), v.get(0), k)), List.of(constant(g, 0)));
    }
    Operation w = r.get(0).op();
    assertEquals("rnn/while", w.name());
    assertEquals("While", w.type());
    assertEquals(List.of("rnn/while/loop_counter", "rnn/while/maximum_iterations", "rnn/Const",
        "Const"), w.inputs().stream().map(o -> o.op().name()).toList());
    assertEquals(List.of(DType.INT32, DType.INT32, DType.INT32, DType.INT32),
        w.attrList("T", DType.class));
    assertEquals(List.of(Shape.scalar(), Shape.scalar(), Shape.scalar(), Shape.scalar()),
        w.attrList("output_shapes", Shape.class));
    assertEquals(10L, w.attrLong("parallel_iterations"));
    assertEquals(2, r.get(0).index());
    GraphFunction body = g.function(w.attrFunc("body").name());
    assertEquals("rnn_while_body_2", body.name());
    assertEquals("rnn_while_cond_1", w.attrFunc("cond").name());
    assertEquals(List.of("loop_counter", "maximum_iterations", "const", "const_1"),
        body.args().stream().map(Operation::name).toList());
    assertTrue(body.body().operations().stream().map(Operation::name)
        .anyMatch(n -> n.equals("rnn/while/AddV2")), "body ops are named under rnn/while/");
    assertEquals("rnn/while/add", body.results().get(0).op().name());
    ControlFlow.whileLoop(g, (tf, v) -> less(tf.graph(), v.get(0), k),
        (tf, v) -> v, List.of(constant(g, 0)));
    assertTrue(g.operation("while") != null, "a second loop at the root is 'while'");
  }

  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void capturesAnOuterTensorOnceForCondAndBody(ExecutorKind kind) {
    Graph g = new Graph();
    Output step = placeholder(g, "step", DType.INT32, Shape.scalar());
    Output limit = placeholder(g, "limit", DType.INT32, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), add(tf.graph(), v.get(0), step), limit),
        (tf, v) -> List.of(add(tf.graph(), v.get(0), step)), List.of(constant(g, 0)));
    Operation w = r.get(0).op();
    assertEquals(5, w.numInputs(), "counter, bound, x, then step and limit once each");
    assertEquals(List.of(step, limit), w.inputs().subList(3, 5));
    GraphFunction cond = g.function(w.attrFunc("cond").name());
    assertEquals(5, cond.args().size(), "cond takes every loop variable");
    assertEquals(Tensor.of(18), run(g, kind, r.get(0),
        Map.of(step, Tensor.of(3), limit, Tensor.of(20))));
  }

  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void nestsLoopsAndChainsCapturesThroughTheOuterBody(ExecutorKind kind) {
    Graph g = new Graph();
    Output k = placeholder(g, "k", DType.INT32, Shape.scalar());
    // total = sum over i < 3 of (i + 1) * k: the inner cond reads the outer i, the inner body k.
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 3)),
        (tf, v) -> {
          Graph b = tf.graph();
          Output i = v.get(0);
          List<Output> inner = ControlFlow.whileLoop(b,
              (t2, w) -> less(t2.graph(), w.get(0), add(t2.graph(), i, constant(t2.graph(), 1))),
              (t2, w) -> List.of(add(t2.graph(), w.get(0), constant(t2.graph(), 1)),
                  add(t2.graph(), w.get(1), k)),
              List.of(constant(b, 0), v.get(1)));
          return List.of(add(b, i, constant(b, 1)), inner.get(1));
        },
        List.of(constant(g, 0), constant(g, 0)));
    assertEquals("while/while", g.function(r.get(0).op().attrFunc("body").name()).body()
        .operations().stream().filter(o -> o.type().endsWith("While")).findFirst().orElseThrow()
        .name());
    assertEquals(Tensor.of(6 * 7), run(g, kind, r.get(1), Map.of(k, Tensor.of(7))));
  }

  @Test
  void rejectsAShapeThatChangesAgainstItsInvariant() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.scalar());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ControlFlow.whileLoop(g, (tf, v) -> less(tf.graph(), v.get(0),
            constant(tf.graph(), 2)), (tf, v) -> List.of(add(tf.graph(), v.get(0),
            constant(tf.graph(), 1)), constant(tf.graph(), Tensor.of(new float[] {1, 2}))),
            List.of(constant(g, 0), x)));
    assertEquals("Input tensor 'x:0' enters the loop with shape (), but has shape (2,) after one "
        + "iteration. To allow the shape to vary across iterations, use the `shape_invariants` "
        + "argument of tf.while_loop to specify a less-specific shape.", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void aLessSpecificInvariantLetsTheShapeVary(ExecutorKind kind) {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 2)),
        (tf, v) -> List.of(add(tf.graph(), v.get(0), constant(tf.graph(), 1)),
            constant(tf.graph(), Tensor.of(new float[] {1, 2}))),
        List.of(constant(g, 0), x),
        WhileOptions.defaults().shapeInvariants(List.of(Shape.scalar(), Shape.unknown())));
    assertEquals(Shape.unknown(), r.get(1).shape());
    assertEquals(Tensor.of(new float[] {1, 2}), run(g, kind, r.get(1), Map.of(x, Tensor.of(0f))));
  }

  @Test
  void rejectsAnInvariantTheInitialValueDoesNotMeet() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ControlFlow.whileLoop(g, (tf, v) -> constant(tf.graph(), Tensor.of(false)),
            (tf, v) -> v, List.of(x),
            WhileOptions.defaults().shapeInvariants(List.of(Shape.of(3)))));
    assertEquals("The shape invariant specified for x:0 is not compatible with the initial shape "
        + "of the loop variable. It enters the loop with shape (2,), but the specified shape "
        + "invariant is (3,).", e.getMessage());
  }

  @Test
  void rejectsADtypeChangeAndAWrongNumberOfValues() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.INT32, Shape.scalar());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ControlFlow.whileLoop(g, (tf, v) -> less(tf.graph(), v.get(0),
            constant(tf.graph(), 2)), (tf, v) -> List.of(constant(tf.graph(), 1f)), List.of(x)));
    assertEquals("Loop var x:0 enters the loop with type <dtype: 'int32'> but has type "
        + "<dtype: 'float32'> after 1 iteration.", e.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> ControlFlow.whileLoop(g, (tf, v) -> less(tf.graph(), v.get(0),
            constant(tf.graph(), 2)), (tf, v) -> List.of(v.get(0), v.get(0)), List.of(x)));
    assertTrue(e2.getMessage().startsWith("The two structures don't have the same number of "
        + "elements"), e2.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"5, 5", "0, 0", "200, 100"})
  void stopsAtMaximumIterations(int bound, int expected) {
    Graph g = new Graph();
    Output m = placeholder(g, "m", DType.INT32, Shape.scalar());
    ControlFlow.Cond lessThan100 = (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 100));
    ControlFlow.Body inc = (tf, v) -> List.of(add(tf.graph(), v.get(0), constant(tf.graph(), 1)));
    Output fixed = ControlFlow.whileLoop(g, lessThan100, inc, List.of(constant(g, 0)),
        WhileOptions.defaults().maximumIterations(bound)).get(0);
    Output fed = ControlFlow.whileLoop(g, lessThan100, inc, List.of(constant(g, 0)),
        WhileOptions.defaults().maximumIterations(m).name("bounded")).get(0);
    assertEquals("bounded", fed.op().name());
    assertEquals(m, fed.op().input(1));
    try (Session s = session(g, ExecutorKind.THREADED)) {
      assertEquals(List.of(Tensor.of(expected), Tensor.of(expected)),
          s.run(List.of(fixed, fed), Map.of(m, Tensor.of(bound)), null, null));
    }
  }

  @Test
  void emitsWhileWithOrWithoutStatefulOpsAsTf115() {
    Graph g = new Graph();
    ControlFlow.Cond below3 = (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 3));
    Output stateless = ControlFlow.whileLoop(g, below3,
        (tf, v) -> List.of(add(tf.graph(), v.get(0), constant(tf.graph(), 1))),
        List.of(constant(g, 0))).get(0);
    Output stateful = ControlFlow.whileLoop(g, below3, (tf, v) -> {
      Graph b = tf.graph();
      Output draw = b.opBuilder("RandomUniformInt", null)
          .addInput(constant(b, Tensor.of(Shape.of(0), new int[0]))).addInput(constant(b, 1))
          .addInput(constant(b, 2)).build().output(0);
      return List.of(add(b, v.get(0), draw));
    }, List.of(constant(g, 0))).get(0);
    assertEquals("While", stateless.op().type());
    assertEquals("While", stateful.op().type());
    assertEquals(Tensor.of(3), run(g, ExecutorKind.DIRECT, stateful, Map.of()));
  }
}
