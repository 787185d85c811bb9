package org.tensorgraph.ops.fusion;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.fusion.MatMulFusionTest.random;
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
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;

/** Fused elementwise trees against the reference interpreter (which never fuses). */
class ElementwiseFusionTest {
  /** BasicLSTMCell's new c and new h, at shapes around the 8-float packet and 16-float vector. */
  @Test
  void lstmCellTailHasTheReferenceBits() {
    for (int[] s : new int[][] {{1, 1}, {1, 7}, {3, 8}, {4, 9}, {32, 128}, {5, 33}, {0, 4}}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output[] in = new Output[5];
      Map<Output, Tensor> feeds = new java.util.HashMap<>();
      for (int i = 0; i < 5; i++) {
        in[i] = tf.placeholder(DType.FLOAT32, Shape.of(-1, s[1]), "in" + i);
        feeds.put(in[i],
            s[0] == 0 ? Tensor.of(Shape.of(0, s[1]), new float[0]) : random(s[0], s[1]));
      }
      Output forget = tf.withName("fgate").sigmoid(tf.add(in[2], tf.constant(1.0f)));
      Output newC = tf.withName("new_c").add(tf.mul(in[4], forget),
          tf.mul(tf.sigmoid(in[0]), tf.withName("jtanh").tanh(in[1])));
      Output newH = tf.withName("new_h").mul(tf.tanh(newC), tf.sigmoid(in[3]));
      Set<String> ran = sameOnEveryExecutor(g, List.of(newC, newH), feeds);
      assertTrue(ran.contains("new_c") && ran.contains("new_h"), ran.toString());
      assertFalse(ran.contains("fgate") || ran.contains("jtanh"), ran.toString());
    }
  }

  @Test
  void scalarsAndScalarSubtrees() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output u = tf.placeholder(DType.FLOAT32, Shape.of(-1, 5), "u");
    Output h = tf.placeholder(DType.FLOAT32, Shape.of(-1, 5), "h");
    Output k = tf.withName("k").tanh(tf.constant(0.3f)); // a rank-0 intermediate
    Output y = tf.withName("y").add(tf.mul(u, h), tf.mul(tf.sub(tf.constant(1f), u), k));
    Output z = tf.withName("z").sigmoid(tf.mul(tf.constant(2f), tf.constant(0.25f)));
    Set<String> ran = sameOnEveryExecutor(g, List.of(y, z),
        Map.of(u, random(3, 5), h, random(3, 5)));
    assertFalse(ran.contains("k"), ran.toString());
  }

  @Test
  void otherBroadcastsRunTheOriginalKernels() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.unknown(), "a");
    Output b = tf.placeholder(DType.FLOAT32, Shape.unknown(), "b");
    Output y = tf.withName("y").tanh(tf.withName("sum").add(a, b));
    sameOnEveryExecutor(g, List.of(y),
        Map.of(a, random(2, 3), b, Tensor.of(new float[] {1, 2, 3})));
    StatusException ex = sameErrorOnEveryExecutor(g, y, Map.of(a, random(2, 3), b,
        random(2, 4)), InvalidArgumentException.class, "sum");
    assertTrue(ex.getMessage().startsWith("Incompatible shapes: [2,3] vs. [2,4]"),
        ex.getMessage());
  }

  @Test
  void integerTreesAreNotFused() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.INT32, Shape.of(2), "a");
    Output y = tf.withName("y").mul(tf.withName("sum").add(a, a), a);
    Set<String> ran = sameOnEveryExecutor(g, List.of(y), Map.of(a, Tensor.of(new int[] {3, -4})));
    assertTrue(ran.contains("sum"));
  }
}
