package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.DataType;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.MultiRnnCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnOptions;

/**
 * The article's variables, built the article's way (dynamic_rnn over BasicRNNCell(4), one and
 * two layers) under {@code variable_scope("rnn", initializer=glorot_uniform_initializer(seed=42))}:
 * TF's names and shapes, and initial kernels equal to TF 1.15's bit for bit.
 */
@ExtendWith(TensorFlowAvailable.class)
class ArticleVariablesConformanceTest {
  private static final long OP_SEED = 42;

  /** Builds the article's graph under a seeded scope and returns its variables after init. */
  private static Map<String, org.tensorgraph.core.Tensor> initialValues(boolean twoLayers,
      Map<String, Shape> shapes) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    var x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
    try (VariableScopeHandle rnn = tf.variableScope("rnn", Reuse.INHERIT,
        Initializers.glorotUniform(OP_SEED))) {
      var cell = twoLayers ? new MultiRnnCell(List.of(new BasicRnnCell(4), new BasicRnnCell(4)))
          : new BasicRnnCell(4);
      Rnn.dynamicRnn(cell, x, RnnOptions.dtype(DType.FLOAT32).scope(rnn.scope()));
    }
    Operation init = Variables.globalVariablesInitializer(g);
    Map<String, org.tensorgraph.core.Tensor> values = new java.util.LinkedHashMap<>();
    try (var s = new org.tensorgraph.session.Session(g)) {
      s.run(init);
      for (Variable v : Variables.globalVariables(g)) {
        shapes.put(v.name(), v.shape());
        values.put(v.name(), s.run(v.value()));
      }
    }
    return values;
  }

  /** TF: RandomUniform(shape, seed=87654321, seed2=42) * (max - min) + min, in float32. */
  private static float[] tfGlorot(int fanIn, int fanOut) {
    double limit = Math.sqrt(3.0 / Math.max(1.0, (fanIn + fanOut) / 2.0));
    try (TfGraph tf = new TfGraph(); Session session = tf.session()) {
      Output<?> min = tf.constant(Tensor.create((float) -limit));
      Output<?> max = tf.constant(Tensor.create((float) limit));
      Output<?> rnd = tf.random("RandomUniform", DataType.FLOAT, 87654321L, OP_SEED, fanIn,
          fanOut);
      Output<?> k = tf.binary("Add", tf.binary("Mul", rnd, tf.binary("Sub", max, min)), min);
      return (float[]) tf.run(session, List.of(k)).get(0); // TfGraph flattens row-major
    }
  }

  @Test
  void oneLayerKernelIsTfsBitForBit() {
    Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
    var values = initialValues(false, shapes);
    assertEquals(Map.of("rnn/basic_rnn_cell/kernel", Shape.of(7, 4),
        "rnn/basic_rnn_cell/bias", Shape.of(4)), shapes);
    Bits.assertSameBits(tfGlorot(7, 4),
        values.get("rnn/basic_rnn_cell/kernel").toFloatArray(), "[7,4] kernel");
    assertEquals(org.tensorgraph.core.Tensor.of(new float[4]),
        values.get("rnn/basic_rnn_cell/bias"));
  }

  @Test
  void twoLayerKernelsAreTfsBitForBit() {
    Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
    var values = initialValues(true, shapes);
    String p = "rnn/multi_rnn_cell/cell_";
    assertEquals(Shape.of(7, 4), shapes.get(p + "0/basic_rnn_cell/kernel"));
    assertEquals(Shape.of(8, 4), shapes.get(p + "1/basic_rnn_cell/kernel"));
    assertEquals(4, shapes.size());
    // Both kernels use op seed 42, so each is the first run of a (87654321, 42) generator.
    Bits.assertSameBits(tfGlorot(7, 4),
        values.get(p + "0/basic_rnn_cell/kernel").toFloatArray(), "cell_0 kernel");
    Bits.assertSameBits(tfGlorot(8, 4),
        values.get(p + "1/basic_rnn_cell/kernel").toFloatArray(), "cell_1 kernel");
  }
}
