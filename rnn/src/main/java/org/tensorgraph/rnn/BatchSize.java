package org.tensorgraph.rnn;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;

/**
 * The batch size as TF's RNN code carries it: a Python int when the static shape knows it, else a
 * tensor ({@code shape(x)[i]}).
 *
 * @param dynamic the int32 scalar tensor, or null when static
 * @param value the static size, or {@link Shape#UNKNOWN}
 */
record BatchSize(Output dynamic, long value) {
  boolean isStatic() {
    return dynamic == null;
  }

  /** The size as a tensor: the dynamic one, or a new int32 Const. */
  Output tensor(Graph g) {
    return dynamic != null ? dynamic : Ops.create(g).constant((int) value);
  }

  Object zeroState(RnnCell cell, Graph g, DType dtype) {
    return cell.zeroState(g, dynamic, value, dtype);
  }

  /**
   * TF's {@code _best_effort_input_batch_size} over a time-major input: its static dimension 1,
   * else {@code shape(input)[1]}.
   */
  static BatchSize bestEffort(Graph g, Output input) {
    Shape s = input.shape();
    if (s.hasRank()) {
      if (s.rank() < 2) {
        throw new IllegalArgumentException("Expected input tensor " + pythonTensor(input)
            + " to have rank at least 2");
      }
      if (s.dim(1) != Shape.UNKNOWN) {
        return new BatchSize(null, s.dim(1));
      }
    }
    Ops tf = Ops.create(g);
    return new BatchSize(tf.index(tf.shape(input), 1), Shape.UNKNOWN);
  }

  /** static_rnn's batch size: dimension 0 of the first input, checks on every input. */
  static BatchSize forStatic(Graph g, List<Output> inputs) {
    Output first = inputs.get(0);
    long fixed = Shape.UNKNOWN;
    for (Output in : inputs) {
      Shape s = in.shape();
      if (s.hasRank() && s.rank() < 2) {
        throw new IllegalArgumentException("Shape " + s.toPythonString()
            + " must have rank at least 2");
      }
      if (!s.hasRank()) {
        continue;
      }
      for (int i = 1; i < s.rank(); i++) {
        if (s.dim(i) == Shape.UNKNOWN) {
          throw new IllegalArgumentException("Input size (dimension " + (i - 1) + " of inputs) "
              + "must be accessible via shape inference, but saw value None.");
        }
      }
      if (fixed == Shape.UNKNOWN) {
        fixed = s.dim(0);
      } else if (s.dim(0) != Shape.UNKNOWN && s.dim(0) != fixed) {
        throw new IllegalArgumentException("Dimensions " + fixed + " and " + s.dim(0)
            + " are not compatible");
      }
    }
    if (fixed != Shape.UNKNOWN) {
      return new BatchSize(null, fixed);
    }
    Ops tf = Ops.create(g);
    return new BatchSize(tf.index(tf.shape(first), 0), Shape.UNKNOWN);
  }

  /** Python's {@code str(tensor)}: {@code Tensor("X:0", shape=(3,), dtype=float32)}. */
  static String pythonTensor(Output t) {
    return "Tensor(\"" + t.name() + "\", shape=" + t.shape().toPythonString() + ", dtype="
        + t.dtype().numpyName() + ")";
  }
}
