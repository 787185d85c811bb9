package org.tensorgraph.ops.variables;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * A TF1 reference variable: the {@code VariableV2} node, its initializer ({@code NAME/Assign}
 * from the value built under {@code NAME/Initializer/}) and its snapshot ({@code NAME/read}, an
 * {@code Identity}). Its value lives in each session, not in the graph.
 *
 * <pre>{@code
 * Variable k = Variables.getVariable(graph, "kernel", Shape.of(7, 4), DType.FLOAT32, null, true);
 * k.name();           // "rnn/basic_rnn_cell/kernel" inside variable scope rnn/basic_rnn_cell
 * k.value().name();   // "rnn/basic_rnn_cell/kernel/read:0"
 * }</pre>
 */
public final class Variable {
  private final Operation op;
  private final Operation initializer;
  private final Output initialValue;
  private final Output read;
  private final boolean trainable;

  Variable(Operation op, Operation initializer, Output initialValue, Output read,
      boolean trainable) {
    this.op = op;
    this.initializer = initializer;
    this.initialValue = initialValue;
    this.read = read;
    this.trainable = trainable;
  }

  /** The variable's name, which is its {@code VariableV2} node's name. */
  public String name() {
    return op.name();
  }

  public DType dtype() {
    return op.output(0).dtype();
  }

  public Shape shape() {
    return op.output(0).shape();
  }

  /** The {@code VariableV2} node. */
  public Operation op() {
    return op;
  }

  /** The reference output, for ops that update the variable ({@code Assign}, optimizers). */
  public Output ref() {
    return op.output(0);
  }

  /** The snapshot {@code NAME/read:0}: what ops use as the variable's value. */
  public Output value() {
    return read;
  }

  /** The {@code NAME/Assign} node that sets the initial value. */
  public Operation initializer() {
    return initializer;
  }

  /** The initial value tensor ({@code NAME/Initializer/...}). */
  public Output initialValue() {
    return initialValue;
  }

  public boolean isTrainable() {
    return trainable;
  }

  /** TF's Python form: {@code <tf.Variable 'w:0' shape=(7, 4) dtype=float32_ref>}. */
  @Override
  public String toString() {
    return "<tf.Variable '" + name() + ":0' shape=" + shape().toPythonString() + " dtype="
        + dtype().numpyName() + "_ref>";
  }
}
