package org.tensorgraph.examples;

import java.io.PrintStream;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.VariableScopeHandle;

/**
 * Lesson 3: names. Ops take the <em>name scope</em>; variables take the <em>variable scope</em>
 * only. Opening a variable scope a second time opens a new name scope ({@code layer_1}) but
 * finds the same variables when {@code reuse=True}; without it TF refuses.
 */
public final class Example03_NameAndVariableScopes {
  private Example03_NameAndVariableScopes() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Builds a layer twice, sharing its weights, and prints the names TF would give. */
  public static void run(PrintStream out) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("x").placeholder(DType.FLOAT32, Shape.of(-1, 2));
    Output first = layer(tf, x, Reuse.INHERIT, out);
    Output second = layer(tf, x, Reuse.TRUE, out);
    out.println("first output:  " + first.op().name());
    out.println("second output: " + second.op().name());
    try (Scope s = tf.withNameScope("outer")) {
      out.println("a name scope changes op names: " + tf.tanh(x).op().name());
    }
    try {
      layer(tf, x, Reuse.INHERIT, out);
    } catch (IllegalArgumentException e) {
      out.println("a third layer without reuse: " + e.getMessage());
    }
  }

  private static Output layer(Ops tf, Output x, Reuse reuse, PrintStream out) {
    try (VariableScopeHandle h = tf.variableScope("layer", reuse, null)) {
      Variable w = tf.getVariable("w", Shape.of(2, 2), DType.FLOAT32, null);
      out.println("variable " + w.name() + " used from name scope "
          + tf.graph().currentNameScope());
      return tf.matmul(x, w.value());
    }
  }
}
