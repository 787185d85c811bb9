package org.tensorgraph.core.graph;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;

/**
 * A symbolic tensor: output {@code index} of an {@link Operation}, with its dtype and static
 * shape. Named as TF names tensors: {@code "rnn/transpose_1:0"}.
 *
 * <pre>{@code
 * Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 3), "X");
 * x.name();    // "X:0"
 * x.shape();   // [?,2,3]
 * }</pre>
 */
public final class Output {
  private final Operation op;
  private final int index;

  Output(Operation op, int index) {
    this.op = op;
    this.index = index;
  }

  public Operation op() {
    return op;
  }

  public int index() {
    return index;
  }

  public DType dtype() {
    return op.outputType(index);
  }

  /** The static shape known at build time (dims the graph cannot know are {@code ?}). */
  public Shape shape() {
    return op.outputShape(index);
  }

  /** True when this output is a TF1 reference (a {@code VariableV2}'s output). */
  public boolean isRef() {
    return op.isRefOutput(index);
  }

  /** {@code "op_name:index"}. */
  public String name() {
    return op.name() + ":" + index;
  }

  /** The graph this tensor belongs to. */
  public Graph graph() {
    return op.graph();
  }

  /**
   * Refines the static shape with {@code shape}, as TF's {@code Tensor.set_shape}: the result is the
   * merge of both.
   *
   * @throws IllegalArgumentException if the shapes are incompatible
   */
  public void setShape(Shape shape) {
    op.refineOutputShape(index, shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Output && ((Output) o).op == op && ((Output) o).index == index;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(op) * 31 + index;
  }

  /** TF's Python form: {@code Tensor("X:0", shape=(?, 2, 3), dtype=float32)}. */
  @Override
  public String toString() {
    return "Tensor(\"" + name() + "\", shape=" + shape().toPythonString() + ", dtype="
        + dtype().numpyName() + ")";
  }
}
