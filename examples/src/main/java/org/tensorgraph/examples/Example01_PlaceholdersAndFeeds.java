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
 * Lesson 1: a graph is built first and run later. A placeholder stands for a value that is fed
 * at run time; the ops on it compute nothing until a session runs them.
 *
 * <pre>
 * X = tf.placeholder(tf.float32, [None, 3], name="X")
 * y = X * 2.0 + 1.0
 * print(sess.run(y, feed_dict={X: [[0, 1, 2], [3, 4, 5]]}))
 * </pre>
 */
public final class Example01_PlaceholdersAndFeeds {
  private Example01_PlaceholdersAndFeeds() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Builds the graph, runs it on two batches and prints what happens. */
  public static void run(PrintStream out) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    // The batch dimension is unknown (-1, Python's None): any number of rows may be fed.
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 3));
    Output y = tf.addV2(tf.mul(x, tf.constant(2f)), tf.constant(1f));
    out.println("y is symbolic: " + y);
    try (Session s = new Session(g)) {
      Tensor two = Tensor.of(new float[][] {{0, 1, 2}, {3, 4, 5}});
      out.println("y for two rows:");
      out.println(s.run(y, Map.of(x, two)));
      // The same graph runs again with another batch size: nothing is rebuilt.
      out.println("y for one row:");
      out.println(s.run(y, Map.of(x, Tensor.of(new float[][] {{10, 20, 30}}))));
    }
  }
}
