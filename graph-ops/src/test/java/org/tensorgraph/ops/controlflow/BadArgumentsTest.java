package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.less;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/** Malformed calls of the builders fail on the caller's line with a message that says why. */
class BadArgumentsTest {
  private static final ControlFlow.Cond BELOW_3 =
      (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 3));

  static Stream<Arguments> badLoops() {
    return Stream.of(
        Arguments.of((Consumer<Graph>) g -> ControlFlow.whileLoop(g, (tf, v) -> null,
            (tf, v) -> v, List.of(constant(g, 0))),
            "The loop condition returned null; it must return a scalar predicate"),
        Arguments.of((Consumer<Graph>) g -> ControlFlow.whileLoop(g, BELOW_3, (tf, v) -> null,
            List.of(constant(g, 0))), "The two structures don't have the same number of "
                + "elements: the body returned null for 1 loop variables"),
        Arguments.of((Consumer<Graph>) g -> ControlFlow.whileLoop(g,
            (tf, v) -> constant(tf.graph(), Tensor.of(new boolean[] {true})), (tf, v) -> v,
            List.of(constant(g, 0))), "The loop condition must return a scalar, but returned "
                + "Tensor(\"while/Const:0\", shape=(1,), dtype=bool); reduce it (tf.reduce_all) "
                + "or reshape it to a scalar"),
        Arguments.of((Consumer<Graph>) g -> ControlFlow.whileLoop(g, BELOW_3, (tf, v) -> v,
            List.of(constant(g, 0)), WhileOptions.defaults().maximumIterations(
                constant(g, Tensor.of(5L)))), "Tensor conversion requested dtype int32 for "
                + "Tensor with dtype int64: Tensor(\"Const_1:0\", shape=(), dtype=int64)"),
        Arguments.of((Consumer<Graph>) g -> ControlFlow.whileLoop(g, BELOW_3, (tf, v) -> v,
            List.of(constant(g, 0)), WhileOptions.defaults().maximumIterations(
                constant(g, Tensor.of(new int[] {5})))),
            "maximum_iterations must be a scalar, saw shape: (1,)"),
        Arguments.of((Consumer<Graph>) g -> ControlFlow.whileLoop(g, BELOW_3, (tf, v) -> v,
            List.of(constant(g, 0)), WhileOptions.defaults().shapeInvariants(List.of())),
            "shape_invariants must have the same structure as loop_vars: 0 shapes for 1 loop "
                + "variables"),
        Arguments.of((Consumer<Graph>) g -> ControlFlow.cond(g, constant(g, Tensor.of(true)),
            tf -> null, tf -> List.of()),
            "A tf.cond branch returned null; return a list (List.of() for no outputs)"));
  }

  @ParameterizedTest
  @MethodSource("badLoops")
  void failsWithAMessage(Consumer<Graph> build, String message) {
    Graph g = new Graph();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> build.accept(g));
    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsBadOptions() {
    assertEquals("parallel_iterations must be a positive integer: 0",
        assertThrows(IllegalArgumentException.class,
            () -> WhileOptions.defaults().parallelIterations(0)).getMessage());
    assertEquals("maximum_iterations must be >= 0, got -2",
        assertThrows(IllegalArgumentException.class,
            () -> WhileOptions.defaults().maximumIterations(-2)).getMessage());
  }

  @Test
  void rejectsATensorOfASiblingBody() {
    Graph g = new Graph();
    Output[] leaked = new Output[1];
    ControlFlow.whileLoop(g, BELOW_3, (tf, v) -> {
      leaked[0] = constant(tf.graph(), 1);
      return v;
    }, List.of(constant(g, 0)));
    Output x = placeholder(g, "x", DType.INT32, Shape.scalar());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ControlFlow.whileLoop(g, BELOW_3,
            (tf, v) -> List.of(CfTesting.add(tf.graph(), v.get(0), leaked[0])), List.of(x)));
    assertEquals("Tensor while/Const:0 must be from the same graph as the AddV2 op being built",
        e.getMessage());
  }
}
