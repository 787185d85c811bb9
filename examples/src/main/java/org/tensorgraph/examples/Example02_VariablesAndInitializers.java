package org.tensorgraph.examples;

import java.io.PrintStream;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.session.Session;

/**
 * Lesson 2: variables live in the session, not in the graph. {@code tf.get_variable} adds a
 * {@code VariableV2} node, an initializer and a {@code read} snapshot; nothing has a value until
 * {@code init} runs, and each session keeps its own values.
 *
 * <pre>
 * w = tf.get_variable("w", [2, 3], initializer=tf.glorot_uniform_initializer(seed=42))
 * counter = tf.get_variable("counter", [], tf.int32, tf.zeros_initializer())
 * step = tf.assign_add(counter, 1)
 * </pre>
 */
public final class Example02_VariablesAndInitializers {
  private Example02_VariablesAndInitializers() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Creates two variables, initializes them and updates one. */
  public static void run(PrintStream out) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable w = tf.getVariable("w", Shape.of(2, 3), DType.FLOAT32,
        Initializers.glorotUniform(42L));
    Variable counter = tf.getVariable("counter", Shape.scalar(), DType.INT32,
        Initializers.zeros());
    Output step = g.opBuilder("AssignAdd", "step").addInput(counter.ref())
        .addInput(tf.constant(1)).build().output(0);
    Operation init = tf.globalVariablesInitializer();
    out.println("variables: " + tf.globalVariables());
    try (Session s = new Session(g)) {
      s.run(init);
      // A seeded initializer gives the same numbers as TensorFlow with the same seed.
      out.println("w after init (glorot uniform, seed 42):");
      out.println(s.run(w.value()));
      s.run(step);
      s.run(step);
      out.println("counter after two steps: " + s.run(counter.value()));
    }
  }
}
