package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.session.Session;

/**
 * Lesson 4: a dense layer by hand — {@code softmax(x·W + b)} — and a loss. Broadcasting adds the
 * bias row to every example, as in numpy.
 */
public final class Example04_DenseLayerAndSoftmax {
  private Example04_DenseLayerAndSoftmax() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs a fixed 3→2 layer on two examples and prints probabilities and the loss. */
  public static void run(PrintStream out) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("x").placeholder(DType.FLOAT32, Shape.of(-1, 3));
    Output labels = tf.withName("labels").placeholder(DType.FLOAT32, Shape.of(-1, 2));
    Output w = tf.constant(new float[][] {{1, -1}, {0.5f, 0.5f}, {-1, 1}});
    Output b = tf.constant(new float[] {0.1f, -0.1f});
    Output logits = tf.nn().biasAdd(tf.matmul(x, w), b);
    Output probs = tf.nn().softmax(logits);
    Output loss = tf.reduceMean(tf.nn().softmaxCrossEntropyWithLogits(labels, logits), null,
        false);
    Map<Output, Tensor> feeds = Map.of(
        x, Tensor.of(new float[][] {{1, 2, 3}, {3, 2, 1}}),
        labels, Tensor.of(new float[][] {{0, 1}, {1, 0}}));
    try (Session s = new Session(g)) {
      out.println("probabilities:");
      out.println(s.run(probs, feeds));
      out.println("mean cross-entropy: " + s.run(loss, feeds));
    }
  }
}
