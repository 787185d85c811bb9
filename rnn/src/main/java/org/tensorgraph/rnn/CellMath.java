package org.tensorgraph.rnn;

import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;

/** Building blocks the cells share, named as TF's Python names them. */
final class CellMath {
  private CellMath() {}

  /** TF's default activation. */
  static final UnaryOperator<Output> TANH = x -> Ops.create(x.graph()).tanh(x);

  /** {@code bias_add(matmul(concat([a, b], 1), kernel), bias)}: "concat", "MatMul", "BiasAdd". */
  static Output linear(Output a, Output b, Output kernel, Output bias) {
    Ops tf = Ops.create(a.graph());
    Output m = tf.matmul(tf.concat(List.of(a, b), 1), kernel);
    return tf.nn().biasAdd(m, bias);
  }

  /** A scalar constant of {@code dtype}. */
  static Tensor scalar(DType dtype, double v) {
    return switch (dtype) {
      case FLOAT64 -> Tensor.of(v);
      case INT32 -> Tensor.of((int) v);
      case INT64 -> Tensor.of((long) v);
      default -> Tensor.of((float) v);
    };
  }

  /**
   * Python's {@code x + 1.5}, {@code 1 - x}, {@code x * 2.0} with a Python number: the number
   * becomes {@code <op>/y} (or {@code <op>/x} when it is on the left) inside the op's name scope.
   *
   * @param type AddV2, Sub or Mul
   * @param name add, sub or mul
   */
  static Output withScalar(String type, String name, Output x, double v, boolean scalarLeft) {
    return withScalar(x.graph(), type, name, x, v, scalarLeft);
  }

  /** {@link #withScalar(String, String, Output, double, boolean)} built in graph {@code g}. */
  static Output withScalar(Graph g, String type, String name, Output x, double v,
      boolean scalarLeft) {
    try (Scope s = g.withNameScope(name)) {
      Output c = Ops.create(g).withName(scalarLeft ? "x" : "y").constant(scalar(x.dtype(), v));
      return g.opBuilder(type, s.absoluteName()).addInput(scalarLeft ? c : x)
          .addInput(scalarLeft ? x : c).build().output(0);
    }
  }
}
