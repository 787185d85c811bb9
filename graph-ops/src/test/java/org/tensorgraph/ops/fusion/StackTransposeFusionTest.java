package org.tensorgraph.ops.fusion;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.fusion.MatMulFusionTest.sameErrorOnEveryExecutor;
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
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.controlflow.TensorLists;

/** dynamic_rnn's stack-then-transpose in one pass, against the reference interpreter. */
class StackTransposeFusionTest {
  private static Tensor values(int... dims) {
    Random r = new Random(dims.length * 31L + dims[0]);
    float[] v = new float[Math.toIntExact(Shape.of(dims).numElements())];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat();
    }
    return Tensor.wrap(Shape.of(dims), v);
  }

  /** {@code transpose(stack(fromTensor(x)), perm)} with x [t, b, u...]; the node names. */
  private static Output stackTranspose(Graph g, Output x, Shape element, long num, int[] perm) {
    Ops tf = Ops.create(g);
    Output list = TensorLists.fromTensor(g, x, element, "list");
    Output stacked = TensorLists.stack(g, list, DType.FLOAT32, element, num, "stack");
    return tf.withName("trans").transpose(stacked, tf.constant(perm));
  }

  @Test
  void swappingTheFirstTwoAxesIsOnePassWithTheSameValues() {
    for (int[] s : new int[][] {{5, 3, 4}, {1, 1, 1}, {7, 2, 3, 2}, {0, 3, 2}, {4, 0, 2}}) {
      Graph g = new Graph();
      Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.unknown(), "x");
      int[] perm = new int[s.length];
      for (int i = 0; i < perm.length; i++) {
        perm[i] = i < 2 ? 1 - i : i;
      }
      long[] element = new long[s.length - 1];
      for (int i = 1; i < s.length; i++) {
        element[i - 1] = s[i];
      }
      Output y = stackTranspose(g, x, Shape.of(element), -1, perm);
      Set<String> ran = sameOnEveryExecutor(g, List.of(y), Map.of(x, values(s)));
      assertTrue(ran.contains("trans"), ran.toString());
      assertFalse(ran.contains("stack"), "the stack ran on its own: " + ran);
    }
  }

  @Test
  void otherPermsRunTheOriginalKernels() {
    for (int[] perm : new int[][] {{0, 1, 2}, {1, 2, 0}, {2, 1, 0}}) {
      Graph g = new Graph();
      Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.unknown(), "x");
      Output y = stackTranspose(g, x, Shape.of(3, 4), -1, perm);
      sameOnEveryExecutor(g, List.of(y), Map.of(x, values(5, 3, 4)));
    }
  }

  @Test
  void theStacksErrorsAreTheStacks() {
    Graph g = new Graph();
    Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.unknown(), "x");
    Output y = stackTranspose(g, x, Shape.of(3, 4), 7, new int[] {1, 0, 2});
    StatusException e = sameErrorOnEveryExecutor(g, y, Map.of(x, values(5, 3, 4)),
        InvalidArgumentException.class, "stack");
    assertTrue(e.getMessage().startsWith("Operation expected a list with 7 elements but got a "
        + "list with 5 elements."), e.getMessage());
  }

  @Test
  void aPermOfTheWrongRankIsTheTransposesError() {
    Graph g = new Graph();
    Output x = Ops.create(g).placeholder(DType.FLOAT32, Shape.unknown(), "x");
    // why an unknown element shape: with a known one, graph construction already refuses it
    Output y = stackTranspose(g, x, Shape.unknown(), -1, new int[] {1, 0});
    sameErrorOnEveryExecutor(g, y, Map.of(x, values(5, 3, 4)), InvalidArgumentException.class,
        "trans");
  }
}
