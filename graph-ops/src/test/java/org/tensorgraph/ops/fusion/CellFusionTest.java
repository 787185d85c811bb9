package org.tensorgraph.ops.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.fusion.MatMulFusionTest.random;
import static org.tensorgraph.ops.fusion.MatMulFusionTest.sameErrorOnEveryExecutor;
import static org.tensorgraph.session.ExecutorConfig.sameOnEveryExecutor;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.ops.Ops;

/** Fused cell steps (Split + elementwise DAG, two outputs) against the reference interpreter. */
class CellFusionTest {
  /** BasicLSTMCell's step after its MatMul: the nodes by name, new_c and new_h. */
  private record Cell(Graph g, Ops tf, Output gates, Output c, List<Output> parts, Output newC,
      Output newH) {}

  /**
   * {@code i, j, f, o = split(gates, 4, axis); new_c = c * sigmoid(f + 1) + sigmoid(i) *
   * tanh(j); new_h = tanh(new_c) * sigmoid(o)}, in BasicLSTMCell's creation order.
   */
  private static Cell cell(int axis) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output gates = tf.placeholder(DType.FLOAT32, Shape.unknown(), "gates");
    Output c = tf.placeholder(DType.FLOAT32, Shape.unknown(), "c");
    List<Output> p = tf.split(gates, 4, tf.constant(axis));
    Output forget = tf.withName("fgate").sigmoid(tf.add(p.get(2), tf.constant(1.0f)));
    Output newC = tf.withName("new_c").add(tf.mul(c, forget),
        tf.mul(tf.withName("igate").sigmoid(p.get(0)), tf.withName("jtanh").tanh(p.get(1))));
    Output tanhC = tf.withName("ctanh").tanh(newC);
    Output o = tf.withName("ogate").sigmoid(p.get(3));
    Output newH = tf.withName("new_h").mul(tanhC, o);
    return new Cell(g, tf, gates, c, p, newC, newH);
  }

  private static Map<Output, Tensor> feeds(Cell k, int batch, int units) {
    Map<Output, Tensor> f = new HashMap<>();
    f.put(k.gates, batch == 0 ? Tensor.of(Shape.of(0, 4 * units), new float[0])
        : random(batch, 4 * units));
    f.put(k.c, batch == 0 ? Tensor.of(Shape.of(0, units), new float[0]) : random(batch, units));
    return f;
  }

  @Test
  void isRegisteredBeforeElementwiseFusion() {
    List<Class<?>> order = new ArrayList<>();
    OpRegistry.standard().fusions().forEach(f -> order.add(f.getClass()));
    assertTrue(order.indexOf(CellFusion.class) > order.indexOf(MatMulFusion.class), "" + order);
    assertTrue(order.indexOf(CellFusion.class) < order.indexOf(ElementwiseFusion.class));
  }

  /**
   * Shapes around the 8-float packet (B * U % 8 != 0, U % 8 != 0), batch 1 and batch 0, and
   * shapes large enough to split over the intra-op pool (DIRECT_INTRA_2), one with a tail.
   */
  @Test
  void lstmStepIsOneEntryWithTheReferenceBits() {
    int[][] shapes = {{1, 1}, {1, 7}, {1, 32}, {2, 3}, {3, 8}, {4, 9}, {5, 33}, {32, 128},
        {0, 4}, {3, 5}, {37, 61}, {1, 2053}};
    for (int[] s : shapes) {
      for (int axis : new int[] {1, -1}) {
        Cell k = cell(axis);
        Map<Output, Tensor> feeds = feeds(k, s[0], s[1]);
        for (List<Output> fetches : List.of(List.of(k.newH), List.of(k.newC, k.newH),
            List.of(k.newH, k.newC))) {
          Set<String> ran = sameOnEveryExecutor(k.g, fetches, feeds);
          assertTrue(ran.contains("new_h"), ran.toString());
          for (String absorbed : List.of("split", "fgate", "igate", "jtanh", "ctanh", "ogate",
              "new_c")) {
            assertFalse(ran.contains(absorbed), absorbed + " ran: " + ran);
          }
        }
      }
    }
  }

  @Test
  void anExportReadAfterTheRootIsSetByTheFusedEntry() {
    Cell k = cell(1);
    Output twice = k.tf.withName("twice").add(k.newC, k.newC);
    Output next = k.tf.withName("next").mul(k.newH, twice);
    Set<String> ran = sameOnEveryExecutor(k.g, List.of(next), feeds(k, 3, 9));
    assertFalse(ran.contains("new_c") || ran.contains("split"), ran.toString());
  }

  @Test
  void anExportReadBeforeTheRootStopsTheGroupAndStaysCorrect() {
    // a reader of new_c created before the root: new_c cannot be exported
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output gates = tf.placeholder(DType.FLOAT32, Shape.of(-1, 36), "gates");
    Output c = tf.placeholder(DType.FLOAT32, Shape.of(-1, 9), "c");
    List<Output> p = tf.split(gates, 4, tf.constant(1));
    Output newC = tf.withName("new_c").add(tf.mul(c, tf.sigmoid(tf.add(p.get(2),
        tf.constant(1f)))), tf.mul(tf.sigmoid(p.get(0)), tf.tanh(p.get(1))));
    Output tanhC = tf.withName("ctanh").tanh(newC);
    Output reader = tf.withName("early").mul(newC, tf.constant(3f));
    Output newH = tf.withName("new_h").mul(tanhC, tf.sigmoid(p.get(3)));
    Map<Output, Tensor> feeds = Map.of(gates, random(3, 36), c, random(3, 9));
    Set<String> ran = sameOnEveryExecutor(g, List.of(newH, reader), feeds);
    assertTrue(ran.contains("new_c") && ran.contains("early"), ran.toString());
  }

  @Test
  void aSplitPartReadOutsideKeepsTheSplit() {
    Cell k = cell(1);
    Output outside = k.tf.withName("outside").identity(k.parts.get(3));
    for (List<Output> fetches : List.of(List.of(outside, k.newH),
        List.of(k.newH, k.parts.get(1)))) {
      Set<String> ran = sameOnEveryExecutor(k.g, fetches, feeds(k, 3, 9));
      assertTrue(ran.contains("split"), ran.toString());
    }
  }

  @Test
  void aSplitThatDoesNotDivideRaisesTheSplitsError() {
    Cell k = cell(1);
    Map<Output, Tensor> feeds = Map.of(k.gates, random(2, 10), k.c, random(2, 9));
    StatusException e = sameErrorOnEveryExecutor(k.g, k.newH, feeds,
        InvalidArgumentException.class, "split");
    assertEquals("Number of ways to split should evenly divide the split dimension, but got "
        + "split_dim 1 (size = 10) and num_split 4", e.getMessage().lines().findFirst().get());
  }

  @Test
  void otherShapesAndAFedAxisRunTheOriginalKernels() {
    Cell k = cell(1);
    // c broadcast from one row: not the fast path's shapes
    Map<Output, Tensor> broadcast = Map.of(k.gates, random(3, 36), k.c, random(1, 9));
    sameOnEveryExecutor(k.g, List.of(k.newH, k.newC), broadcast);
    // the axis Const fed with 0: splits rows, as unfused
    Output axis = k.parts.get(0).op().inputs().get(0);
    Map<Output, Tensor> rows = Map.of(k.gates, random(8, 9), k.c, random(2, 9), axis,
        Tensor.of(0));
    sameOnEveryExecutor(k.g, List.of(k.newH, k.newC), rows);
    // a rank-3 value
    Cell k3 = cell(-1);
    Map<Output, Tensor> rank3 = Map.of(k3.gates, Tensor.of(new float[][][] {{{1, -2, 3, 4, 5,
        6, 7, 8}}, {{0.5f, 0, -1, 2, 9, -9, 3, 1}}}), k3.c, Tensor.of(new float[2][1][2]));
    sameOnEveryExecutor(k3.g, List.of(k3.newH, k3.newC), rank3);
  }

  @Test
  void aTreeWithoutSplitIsLeftToElementwiseFusion() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 5), "a");
    Output inner = tf.withName("inner").tanh(a);
    Output y = tf.withName("y").mul(tf.withName("s").sigmoid(inner), inner);
    Set<String> ran = sameOnEveryExecutor(g, List.of(y, inner), Map.of(a, random(2, 5)));
    assertTrue(ran.contains("inner"), ran.toString());
    assertFalse(ran.contains("s"), ran.toString());
  }
}
