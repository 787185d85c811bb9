package org.tensorgraph.ops.fusion;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.fusion.MatMulFusionTest.sameErrorOnEveryExecutor;
import static org.tensorgraph.session.ExecutorConfig.sameOnEveryExecutor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;

/** Fused scalar conditions against the reference interpreter (which never fuses). */
class ScalarFusionTest {
  private static Output[] cond(Graph g, Shape shape) {
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.INT32, shape, "a");
    Output b = tf.placeholder(DType.INT32, shape, "b");
    Output c = tf.placeholder(DType.INT32, shape, "c");
    Output d = tf.placeholder(DType.INT32, shape, "d");
    Output y = tf.withName("y").logicalOr(tf.withName("and").logicalAnd(
        tf.withName("lt").less(a, b), tf.withName("ge").greaterEqual(c, d)),
        tf.withName("gt").greater(a, d));
    return new Output[] {a, b, c, d, y};
  }

  @Test
  void loopConditionsHaveTheReferenceValues() {
    int[][] cases = {{0, 1, 2, 3}, {1, 1, 3, 3}, {2, 1, 5, 0}, {-7, -6, 0, 0}, {5, 9, 1, 2}};
    for (int[] v : cases) {
      Graph g = new Graph();
      Output[] o = cond(g, Shape.scalar());
      Set<String> ran = sameOnEveryExecutor(g, List.of(o[4]), Map.of(o[0], Tensor.of(v[0]),
          o[1], Tensor.of(v[1]), o[2], Tensor.of(v[2]), o[3], Tensor.of(v[3])));
      assertTrue(ran.contains("y"), ran.toString());
      assertFalse(ran.contains("lt") || ran.contains("and"), ran.toString());
    }
  }

  @Test
  void vectorsRunTheOriginalKernels() {
    Graph g = new Graph();
    Output[] o = cond(g, Shape.unknown());
    sameOnEveryExecutor(g, List.of(o[4]), Map.of(o[0], Tensor.of(new int[] {1, 5}),
        o[1], Tensor.of(new int[] {2, 2}), o[2], Tensor.of(3), o[3], Tensor.of(new int[] {4, 1})));
    sameErrorOnEveryExecutor(g, o[4], Map.of(o[0], Tensor.of(new int[] {1, 5}), o[1],
        Tensor.of(new int[] {1, 2, 3}), o[2], Tensor.of(3), o[3], Tensor.of(4)),
        InvalidArgumentException.class, "lt");
  }
}
