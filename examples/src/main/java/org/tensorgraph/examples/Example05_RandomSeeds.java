package org.tensorgraph.examples;

import java.io.PrintStream;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.session.Session;

/**
 * Lesson 5: randomness. A random op keeps a generator per session that advances on every run; a
 * new session starts over. With a graph seed (or an op seed) the numbers are TensorFlow's own
 * (Philox4x32-10, bit for bit).
 */
public final class Example05_RandomSeeds {
  private Example05_RandomSeeds() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Draws twice in one session and once in another, with the graph seed set. */
  public static void run(PrintStream out) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.setRandomSeed(1234);
    Output u = tf.randomUniform(Shape.of(2, 3), 0, 1, DType.FLOAT32, null);
    Tensor first;
    try (Session s = new Session(g)) {
      first = s.run(u);
      out.println("first run:");
      out.println(first);
      out.println("second run (the generator advanced):");
      out.println(s.run(u));
    }
    try (Session s = new Session(g)) {
      Tensor again = s.run(u);
      out.println("a new session repeats the first run: " + again.equals(first));
    }
  }
}
