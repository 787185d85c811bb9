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
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;

/** {@link ControlFlow#cond}: branch choice (TF's ToBool), checks, shapes, nesting with loops. */
class CondTest {
  @ParameterizedTest
  @CsvSource({"true, 11, REFERENCE", "false, 20, REFERENCE", "true, 11, DIRECT",
      "false, 20, DIRECT", "true, 11, THREADED", "false, 20, THREADED"})
  void runsTheSelectedBranch(boolean p, int expected, ExecutorKind kind) {
    Graph g = new Graph();
    Output pred = placeholder(g, "p", DType.BOOL, Shape.scalar());
    Output x = constant(g, 10);
    List<Output> r = ControlFlow.cond(g, pred,
        tf -> List.of(add(tf.graph(), x, constant(tf.graph(), 1))),
        tf -> List.of(mul(tf.graph(), x, constant(tf.graph(), 2))));
    Operation op = r.get(0).op();
    assertEquals("cond", op.name());
    assertEquals("If", op.type());
    assertEquals("cond_true_1", op.attrFunc("then_branch").name());
    assertEquals("cond_false_2", op.attrFunc("else_branch").name());
    assertEquals(List.of(pred, x), op.inputs(), "one input for x, shared by both branches");
    assertEquals(Tensor.of(expected), run(g, kind, r.get(0), Map.of(pred, Tensor.of(p))));
  }

  static Stream<Arguments> predicates() {
    return Stream.of(Arguments.of(Tensor.of(0), false), Arguments.of(Tensor.of(3), true),
        Arguments.of(Tensor.of(-0.0f), false), Arguments.of(Tensor.of(0.5), true),
        Arguments.of(Tensor.of(7L), true),
        Arguments.of(Tensor.of(Shape.of(0), new float[0]), false),
        Arguments.of(Tensor.of(Shape.of(2), new int[] {0, 0}), true));
  }

  /** TF's ToBool: a scalar is true when non-zero; a non-scalar when it has elements. */
  @ParameterizedTest
  @MethodSource("predicates")
  void readsAPredicateAsTfsIfKernelDoes(Tensor value, boolean expected) {
    Graph g = new Graph();
    Output pred = placeholder(g, "p", value.dtype(), Shape.unknown());
    List<Output> r = ControlFlow.cond(g, pred, tf -> List.of(constant(tf.graph(), 1)),
        tf -> List.of(constant(tf.graph(), 0)));
    assertEquals(Tensor.of(expected ? 1 : 0),
        run(g, ExecutorKind.DIRECT, r.get(0), Map.of(pred, value)));
  }

  @Test
  void rejectsBranchesThatDisagree() {
    Graph g = new Graph();
    Output pred = constant(g, Tensor.of(true));
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> ControlFlow.cond(g, pred, tf -> List.of(constant(tf.graph(), 1)),
            tf -> List.of()));
    assertTrue(count.getMessage().startsWith("true_fn and false_fn arguments to tf.cond must have"
        + " the same number, type, and overall structure of return values.\n\ntrue_fn output:  ["
        + "Tensor(\"cond/Const:0\", shape=(), dtype=int32)]\nfalse_fn output: []\n\nError "
        + "details:\n"), count.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> ControlFlow.cond(g, pred, tf -> List.of(constant(tf.graph(), 1)),
            tf -> List.of(constant(tf.graph(), 1f))));
    assertTrue(type.getMessage().endsWith("Tensor(\"cond_1/Const:0\", shape=(), dtype=int32) and "
        + "Tensor(\"cond_1/Const:0\", shape=(), dtype=float32) have different types"),
        type.getMessage());
  }

  @Test
  void givesOutputsTheMostSpecificCompatibleShape() {
    Graph g = new Graph();
    Output pred = placeholder(g, "p", DType.BOOL, Shape.scalar());
    Output a = placeholder(g, "a", DType.FLOAT32, Shape.of(-1, 3));
    Output b = placeholder(g, "b", DType.FLOAT32, Shape.of(2, 3));
    Output c = placeholder(g, "c", DType.FLOAT32, Shape.of(2));
    List<Output> r = ControlFlow.cond(g, pred, tf -> List.of(b, b, a),
        tf -> List.of(a, c, a));
    assertEquals(List.of(Shape.of(-1, 3), Shape.unknown(), Shape.of(-1, 3)),
        r.stream().map(Output::shape).toList());
  }

  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void runsALoopInsideABranch(ExecutorKind kind) {
    Graph g = new Graph();
    Output pred = placeholder(g, "p", DType.BOOL, Shape.scalar());
    Output start = placeholder(g, "start", DType.INT32, Shape.scalar());
    List<Output> r = ControlFlow.cond(g, pred,
        tf -> ControlFlow.whileLoop(tf.graph(),
            (t2, v) -> less(t2.graph(), v.get(0), constant(t2.graph(), 10)),
            (t2, v) -> List.of(add(t2.graph(), v.get(0), constant(t2.graph(), 1))),
            List.of(start)),
        tf -> List.of(start));
    try (var s = CfTesting.session(g, kind)) {
      assertEquals(Tensor.of(10), s.run(r.get(0), Map.of(pred, Tensor.of(true),
          start, Tensor.of(4))));
      assertEquals(Tensor.of(4), s.run(r.get(0), Map.of(pred, Tensor.of(false),
          start, Tensor.of(4))));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void runsABranchInsideALoop(ExecutorKind kind) {
    Graph g = new Graph();
    Output ten = constant(g, 10);
    // x += 10 while i < 2, else x += 1; five iterations: 10 + 10 + 1 + 1 + 1.
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 5)),
        (tf, v) -> {
          Graph b = tf.graph();
          Output i = v.get(0);
          Output x = v.get(1);
          Output y = ControlFlow.cond(b, less(b, i, constant(b, 2)),
              t2 -> List.of(add(t2.graph(), x, ten)),
              t2 -> List.of(add(t2.graph(), x, constant(t2.graph(), 1)))).get(0);
          return List.of(add(b, i, constant(b, 1)), y);
        },
        List.of(constant(g, 0), constant(g, 0)));
    assertEquals(Tensor.of(23), run(g, kind, r.get(1), Map.of()));
  }
}
