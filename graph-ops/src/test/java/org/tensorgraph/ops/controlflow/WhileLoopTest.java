package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.ops.controlflow.CfTesting.add;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.less;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;
import static org.tensorgraph.ops.controlflow.CfTesting.run;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;

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
}
