package org.tensorgraph.conformance;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.DataType;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
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

  /** A {@code Placeholder} of the given dtype and fully defined shape. */
  Output<?> placeholder(DataType dtype, long[] dims) {
    return op("Placeholder", Map.of("dtype", dtype, "shape", org.tensorgraph.core.Shape.of(dims)),
            List.of())
        .output(0);
  }

  /**
   * Any op, as {@code graph.opBuilder} builds it: each input is an {@code Output} or a list of them
   * (a list argument); attr values are Tensorgraph's kinds (long, float, boolean, String, DType,
   * Shape, Tensor, long[] or int[], List of DType) or TF's DataType, converted to TF's here. TF
   * infers type and length attrs from the inputs and fills in defaults, as Python's layer does.
   */
  Operation op(String type, Map<String, Object> attrs, List<?> inputs) {
    return op(type, attrs, inputs, List.of());
  }

  /** {@link #op(String, Map, List)} with control inputs (TF {@code Operation}s). */
  Operation op(String type, Map<String, Object> attrs, List<?> inputs, List<?> controls) {
    OperationBuilder b = graph.opBuilder(type, name(type));
    controls.forEach(c -> b.addControlInput((Operation) c));
    for (Object in : inputs) {
      if (in instanceof List<?> list) {
        b.addInputList(list.toArray(new Output<?>[0]));
      } else {
        b.addInput((Output<?>) in);
      }
    }
    attrs.forEach((k, v) -> setAttr(b, k, v));
    return b.build();
  }

  private void setAttr(OperationBuilder b, String name, Object v) {
    if (v instanceof Boolean z) {
      b.setAttr(name, (boolean) z);
    } else if (v instanceof Integer || v instanceof Long) {
      b.setAttr(name, ((Number) v).longValue());
    } else if (v instanceof Float || v instanceof Double) {
      b.setAttr(name, ((Number) v).floatValue());
    } else if (v instanceof String str) {
      b.setAttr(name, str);
    } else if (v instanceof DataType t) {
      b.setAttr(name, t);
    } else if (v instanceof org.tensorgraph.core.DType t) {
      b.setAttr(name, TfTensors.dataType(t));
    } else if (v instanceof org.tensorgraph.core.Shape s) {
      b.setAttr(name, TfTensors.shape(s));
    } else if (v instanceof org.tensorgraph.core.Tensor t) {
      Tensor<?> value = TfTensors.toTf(t);
      owned.add(value);
      b.setAttr(name, value);
    } else if (v instanceof long[] l) {
      b.setAttr(name, l);
    } else if (v instanceof int[] i) {
      b.setAttr(name, java.util.Arrays.stream(i).asLongStream().toArray());
    } else if (v instanceof List<?> types) {
      b.setAttr(name, types.stream().map(t -> TfTensors.dataType((org.tensorgraph.core.DType) t))
          .toArray(DataType[]::new));
    } else {
      throw new IllegalArgumentException("No TF attr kind for " + name + " = " + v);
    }
  }

  /**
   * Runs once with feeds and targets; returns the fetched tensors, which the caller closes.
   *
   * @throws RuntimeException TF's exception for a failed run (IllegalArgumentException for
   *     INVALID_ARGUMENT, IllegalStateException for FAILED_PRECONDITION, ...)
   */
  List<Tensor<?>> run(Session session, List<Output<?>> fetches, List<Operation> targets,
      Map<Output<?>, Tensor<?>> feeds) {
    Session.Runner runner = session.runner();
    fetches.forEach(runner::fetch);
    targets.forEach(runner::addTarget);
    feeds.forEach(runner::feed);
    return runner.run();
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
