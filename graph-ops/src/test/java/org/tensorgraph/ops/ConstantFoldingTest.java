package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/** Shape rules see values computed from constants, as TF's shape refiner lets them. */
class ConstantFoldingTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @Test
  void packOfConstantsGivesReshapeItsShape() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(6));
    Output shape = tf.stack(List.of(tf.constant(2), tf.constant(3)), 0);
    assertEquals(Shape.of(2, 3), tf.reshape(x, shape).shape());
  }

  @Test
  void shapeOfAKnownTensorFeedsFill() {
    Output known = tf.placeholder(DType.FLOAT32, Shape.of(4, 5));
    Output dims = tf.withName("dims").identity(
        out(g.opBuilder("Shape", null).addInput(known)));
    assertEquals(Shape.of(4, 5), tf.fill(dims, tf.constant(1f)).shape());
  }

  @Test
  void concatAndRangeOfConstantsGiveTransposeItsPerm() {
    // dynamic_rnn's _transpose_batch_time: perm = concat([1, 0], range(2, rank))
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(4, 2, 3));
    Output perm = tf.concat(List.of(tf.constant(new int[] {1, 0}),
        tf.range(tf.constant(2), tf.rank(x), tf.constant(1))), 0);
    assertEquals(Shape.of(2, 4, 3), tf.transpose(x, perm).shape());
  }

  @Test
  void anythingFedOrStatefulStaysUnknown() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(6));
    Output fed = tf.placeholder(DType.INT32, Shape.of(2));
    assertEquals(Shape.of(-1, -1), tf.reshape(x, fed).shape());
    Output unknownShape = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3));
    Output dims = out(g.opBuilder("Shape", null).addInput(unknownShape));
    assertEquals(Shape.of(-1, -1), tf.fill(dims, tf.constant(1f)).shape());
  }

  private static Output out(org.tensorgraph.core.graph.OpBuilder b) {
    return b.build().output(0);
  }
}
