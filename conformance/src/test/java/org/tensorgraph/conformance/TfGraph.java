package org.tensorgraph.conformance;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.DataType;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * A TensorFlow 1.15 graph built with raw {@code opBuilder} calls, as TF's Python layer would emit
 * them, plus conversion of fetched tensors to flat Java arrays.
 *
 * <pre>{@code
 * try (TfGraph tf = new TfGraph(); Session s = tf.session()) {
 *   Output<?> r = tf.random("RandomUniform", DataType.FLOAT, 1, 2, 2, 3);
 *   float[] values = (float[]) tf.run(s, List.of(r)).get(0);
 * }
 * }</pre>
 */
final class TfGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final List<Tensor<?>> owned = new ArrayList<>();
  private int nodes;

  Session session() {
    return new Session(graph);
  }

  private String name(String prefix) {
    return prefix + "_" + nodes++;
  }

  Output<?> constant(Tensor<?> value) {
    owned.add(value);
    return graph
        .opBuilder("Const", name("Const"))
        .setAttr("dtype", value.dataType())
        .setAttr("value", value)
        .build()
        .output(0);
  }

  Output<?> shape(int... dims) {
    return constant(Tensor.create(new long[] {dims.length}, IntBuffer.wrap(dims)));
  }

  /** {@code RandomUniform}, {@code RandomStandardNormal} or {@code TruncatedNormal}. */
  Output<?> random(String op, DataType dtype, long seed, long seed2, int... dims) {
    return graph
        .opBuilder(op, name(op))
        .addInput(shape(dims))
        .setAttr("dtype", dtype)
        .setAttr("seed", seed)
        .setAttr("seed2", seed2)
        .build()
        .output(0);
  }

  /** {@code RandomUniformInt} with int32 bounds. */
  Output<?> randomInt(int lo, int hi, long seed, long seed2, int... dims) {
    return randomInt(Tensor.create(lo), Tensor.create(hi), seed, seed2, dims);
  }

  /** {@code RandomUniformInt} with int64 bounds. */
  Output<?> randomInt(long lo, long hi, long seed, long seed2, int... dims) {
    return randomInt(Tensor.create(lo), Tensor.create(hi), seed, seed2, dims);
  }

  private Output<?> randomInt(Tensor<?> lo, Tensor<?> hi, long seed, long seed2, int... dims) {
    return graph
        .opBuilder("RandomUniformInt", name("RandomUniformInt"))
        .addInput(shape(dims))
        .addInput(constant(lo))
        .addInput(constant(hi))
        .setAttr("seed", seed)
        .setAttr("seed2", seed2)
        .build()
        .output(0);
  }

  /** A two-input op such as {@code Add}, {@code Sub} or {@code Mul}. */
  Output<?> binary(String op, Output<?> x, Output<?> y) {
    return graph.opBuilder(op, name(op)).addInput(x).addInput(y).build().output(0);
  }

  /** Runs the fetches once and returns each as a flat float[], double[], int[] or long[]. */
  List<Object> run(Session session, List<Output<?>> fetches) {
    Session.Runner runner = session.runner();
    fetches.forEach(runner::fetch);
    List<Tensor<?>> results = runner.run();
    List<Object> arrays = new ArrayList<>();
    for (Tensor<?> t : results) {
      try (t) {
        arrays.add(flat(t));
      }
    }
    return arrays;
  }

  private static Object flat(Tensor<?> t) {
    int n = t.numElements();
    DataType type = t.dataType();
    switch (type) {
      case FLOAT:
        float[] f = new float[n];
        t.writeTo(FloatBuffer.wrap(f));
        return f;
      case DOUBLE:
        double[] d = new double[n];
        t.writeTo(DoubleBuffer.wrap(d));
        return d;
      case INT32:
        int[] i = new int[n];
        t.writeTo(IntBuffer.wrap(i));
        return i;
      case INT64:
        long[] l = new long[n];
        t.writeTo(LongBuffer.wrap(l));
        return l;
      default:
        throw new IllegalArgumentException("No flat Java array for " + type);
    }
  }

  @Override
  public void close() {
    owned.forEach(Tensor::close);
    graph.close();
  }
}
