package org.tensorgraph.ops.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.session.ExecutorConfig.sameOnEveryExecutor;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/**
 * Fused {@code [ConcatV2] MatMul [BiasAdd] [Tanh|Sigmoid]} groups against the reference
 * interpreter, which never fuses: the same bits on every executor, the same errors from the same
 * nodes, and the fusion really taking place (the absorbed nodes do not run on their own).
 */
class MatMulFusionTest {
  private static final Random R = new Random(42);

  static Tensor random(int rows, int cols) {
    float[][] v = new float[rows][cols];
    for (float[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) R.nextGaussian();
      }
    }
    return Tensor.of(v);
  }

  static Tensor vector(int n) {
    float[] v = new float[n];
    for (int j = 0; j < n; j++) {
      v[j] = (float) R.nextGaussian();
    }
    return Tensor.of(v);
  }

  /** Every executor raises {@code type} from the node named {@code node}; returns the last. */
  static StatusException sameErrorOnEveryExecutor(Graph g, Output fetch,
      Map<Output, Tensor> feeds, Class<? extends StatusException> type, String node) {
    StatusException last = null;
    for (ExecutorConfig e : ExecutorConfig.values()) {
      try (Session s = e.open(g)) {
        last = assertThrows(type, () -> s.run(fetch, feeds), e.name());
        assertEquals(node, last.nodeName(), e.name());
      }
    }
    return last;
  }

  @Test
  void isRegistered() {
    assertTrue(OpRegistry.standard().fusions().stream().anyMatch(f -> f instanceof MatMulFusion));
  }

  @Test
  void matMulBiasTanhIsOneNodeWithTheSameBits() {
    // the last two split their bias and Tanh over the intra-op pool (DIRECT_INTRA_2)
    for (int[] s : new int[][] {{1, 3, 4}, {4, 7, 4}, {32, 192, 128}, {5, 300, 70},
        {67, 10, 63}}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, s[1]), "a");
      Output w = tf.constant(random(s[1], s[2]));
      Output b = tf.constant(vector(s[2]));
      Output y = tf.withName("act").tanh(tf.nn().biasAdd(tf.withName("mm").matmul(a, w), b));
      Set<String> ran = sameOnEveryExecutor(g, List.of(y), Map.of(a, random(s[0], s[1])));
      assertTrue(ran.contains("act"), ran.toString());
      assertFalse(ran.contains("mm"), "MatMul ran on its own: " + ran);
    }
  }

  @Test
  void concatProductIsSplitWithoutChangingABit() {
    // 32x512 and 67x63 (a Sigmoid tail of 5) split their epilogue over the intra-op pool
    for (int[] s : new int[][] {{4, 3, 4, 4}, {32, 64, 128, 512}, {1, 32, 64, 64},
        {3, 300, 10, 270}, {67, 20, 30, 63}}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, s[1]), "x");
      Output h = tf.placeholder(DType.FLOAT32, Shape.of(-1, s[2]), "h");
      Output w = tf.constant(random(s[1] + s[2], s[3]));
      Output b = tf.constant(vector(s[3]));
      Output cat = tf.withName("cat").concat(List.of(x, h), 1);
      Output y = tf.withName("act").sigmoid(tf.nn().biasAdd(tf.matmul(cat, w), b));
      Set<String> ran = sameOnEveryExecutor(g, List.of(y),
          Map.of(x, random(s[0], s[1]), h, random(s[0], s[2])));
      assertFalse(ran.contains("cat"), "the concatenation was built: " + ran);
    }
  }

  @Test
  void transposedWeightsAndNoActivation() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 50), "a");
    Output w = tf.constant(random(70, 50));
    Output y = tf.nn().biasAdd(tf.withName("mm").matmul(a, w, false, true),
        tf.constant(vector(70)));
    Set<String> ran = sameOnEveryExecutor(g, List.of(y), Map.of(a, random(9, 50)));
    assertFalse(ran.contains("mm"));
  }

  @Test
  void aFetchedIntermediateIsNotAbsorbed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 6), "a");
    Output mm = tf.withName("mm").matmul(a, tf.constant(random(6, 5)));
    Output y = tf.tanh(tf.nn().biasAdd(mm, tf.constant(vector(5))));
    Set<String> ran = sameOnEveryExecutor(g, List.of(mm, y), Map.of(a, random(3, 6)));
    assertTrue(ran.contains("mm"), ran.toString());
  }

  @Test
  void aSharedIntermediateIsNotAbsorbed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 6), "a");
    Output mm = tf.withName("mm").matmul(a, tf.constant(random(6, 5)));
    Output y = tf.add(tf.tanh(tf.nn().biasAdd(mm, tf.constant(vector(5)))), mm);
    Set<String> ran = sameOnEveryExecutor(g, List.of(y), Map.of(a, random(3, 6)));
    assertTrue(ran.contains("mm"), ran.toString());
  }

  @Test
  void float64IsNotFusedAndStillRight() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT64, Shape.of(-1, 2), "a");
    Output mm = tf.withName("mm").matmul(a, tf.constant(new double[][] {{1, 2}, {3, 4}}));
    Output y = tf.tanh(tf.nn().biasAdd(mm, tf.constant(new double[] {0.5, -0.5})));
    Set<String> ran = sameOnEveryExecutor(g, List.of(y),
        Map.of(a, Tensor.of(new double[][] {{1, -1}})));
    assertTrue(ran.contains("mm"));
  }

  /** Off the fast path the original kernels run: TF's error, named after the MatMul. */
  @Test
  void errorsComeFromTheNodeThatRaisesThem() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.unknown(), "a");
    Output mm = tf.withName("mm").matmul(a, tf.constant(random(3, 4)));
    Output y = tf.tanh(tf.nn().biasAdd(mm, tf.constant(vector(4))));
    StatusException ex = sameErrorOnEveryExecutor(g, y, Map.of(a, random(2, 5)),
        InvalidArgumentException.class, "mm");
    assertTrue(ex.getMessage().startsWith("Matrix size-incompatible: In[0]: [2,5], In[1]: [3,4]"),
        ex.getMessage());
  }

  @Test
  void aBadConcatAxisFallsBackToConcatsOwnError() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.unknown(), "x");
    Output h = tf.placeholder(DType.FLOAT32, Shape.unknown(), "h");
    Output cat = tf.withName("cat").concat(List.of(x, h), 0);
    Output y = tf.tanh(tf.nn().biasAdd(tf.matmul(cat, tf.constant(random(3, 2))),
        tf.constant(vector(2))));
    Map<Output, Tensor> feeds = Map.of(x, random(2, 3), h, random(1, 3));
    sameOnEveryExecutor(g, List.of(y), feeds); // axis 0 is legal here: [3, 3] x [3, 2]
    Map<Output, Tensor> bad = Map.of(x, random(2, 3), h, random(1, 4));
    sameErrorOnEveryExecutor(g, y, bad, InvalidArgumentException.class, "cat");
  }
}
