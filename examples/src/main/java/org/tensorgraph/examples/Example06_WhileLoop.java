package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.controlflow.ControlFlow;
import org.tensorgraph.session.Session;

/**
 * Lesson 6: a loop inside the graph. {@code tf.while_loop} becomes one {@code While} node whose
 * condition and body are functions; the loop runs inside {@code session.run}, as many times as
 * the fed values require — this is what {@code dynamic_rnn} is built on.
 *
 * <pre>
 * n = tf.placeholder(tf.int32, [])
 * i, total = tf.while_loop(lambda i, t: i <= n, lambda i, t: (i + 1, t + i), [1, 0])
 * </pre>
 */
public final class Example06_WhileLoop {
  private Example06_WhileLoop() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Sums 1..n in a graph loop for two values of n. */
  public static void run(PrintStream out) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output n = tf.withName("n").placeholder(DType.INT32, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (t, v) -> t.lessEqual(v.get(0), n),
        (t, v) -> List.of(t.addV2(v.get(0), t.constant(1)), t.addV2(v.get(1), v.get(0))),
        List.of(tf.constant(1), tf.constant(0)));
    out.println("the loop is one node: " + r.get(1).op().name() + " (" + r.get(1).op().type()
        + ")");
    try (Session s = new Session(g)) {
      for (int value : new int[] {10, 100}) {
        Tensor total = s.run(r.get(1), Map.of(n, Tensor.of(value)));
        out.println("sum of 1.." + value + " = " + total);
      }
    }
  }
}
