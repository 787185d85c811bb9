package org.tensorgraph.conformance;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.DataType;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Builds a graph in TensorFlow 1.15 through its Java API, with the node names and attrs Python's
 * layer would give, so that TF's {@code toGraphDef()} is the kind of file a TF user exports.
 *
 * <pre>{@code
 * try (InteropTfGraph b = new InteropTfGraph()) {
 *   Output<?> x = b.placeholder("X", DataType.FLOAT, -1, 3);
 *   Output<?> y = b.op("Tanh", "Tanh").addInput(x).build().output(0);
 *   String json = InteropTf.toJson(b.graph());
 * }
 * }</pre>
 */
final class InteropTfGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final List<org.tensorflow.Tensor<?>> owned = new ArrayList<>();

  Graph graph() {
    return graph;
  }

  /** A builder for op {@code type} named {@code name}; the caller adds inputs and attrs. */
  GraphOperationBuilder op(String type, String name) {
    return graph.opBuilder(type, name);
  }

  /** {@code tf.placeholder(dtype, shape, name)}; -1 is an unknown dimension. */
  Output<?> placeholder(String name, DataType dtype, long... dims) {
    return op("Placeholder", name).setAttr("dtype", dtype)
        .setAttr("shape", TfTensors.shape(Shape.of(dims))).build().output(0);
  }

  /** {@code tf.constant(value, name)}. */
  Output<?> constant(String name, Tensor value) {
    org.tensorflow.Tensor<?> t = TfTensors.toTf(value);
    owned.add(t);
    return op("Const", name).setAttr("dtype", t.dataType()).setAttr("value", t).build()
        .output(0);
  }

  /** An op of one or two inputs whose attrs TF infers (T, Tidx, ...). */
  Output<?> apply(String type, String name, Output<?>... inputs) {
    GraphOperationBuilder b = op(type, name);
    for (Output<?> in : inputs) {
      b.addInput(in);
    }
    return b.build().output(0);
  }

  /** A seeded random op ({@code RandomUniform}, {@code RandomStandardNormal}, ...). */
  Output<?> random(String type, String name, Output<?> shape, long seed, long seed2) {
    return op(type, name).addInput(shape).setAttr("dtype", DataType.FLOAT)
        .setAttr("seed", seed).setAttr("seed2", seed2).build().output(0);
  }

  /**
   * {@code tf.Variable(initial)}: {@code VariableV2}, {@code name/Assign} from the initial value,
   * {@code name/read}; returns the Assign op (its initializer) and puts the read value in {@code
   * read[0]}.
   */
  Operation variable(String name, Output<?> initial, long[] dims, Output<?>[] read) {
    Output<?> v = op("VariableV2", name).setAttr("dtype", DataType.FLOAT)
        .setAttr("shape", TfTensors.shape(Shape.of(dims))).build().output(0);
    Operation assign = op("Assign", name + "/Assign").addInput(v).addInput(initial).build();
    read[0] = apply("Identity", name + "/read", v);
    return assign;
  }

  @Override
  public void close() {
    owned.forEach(org.tensorflow.Tensor::close);
    graph.close();
  }
}
