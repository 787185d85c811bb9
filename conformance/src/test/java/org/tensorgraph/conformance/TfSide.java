package org.tensorgraph.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlowException;
import org.tensorgraph.conformance.Differential.GraphBuilder;
import org.tensorgraph.conformance.Differential.Inferred;
import org.tensorgraph.conformance.Differential.Node;
import org.tensorgraph.conformance.Differential.Outcome;
import org.tensorgraph.conformance.Differential.Run;
import org.tensorgraph.conformance.Differential.Script;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Runs a {@link Script} on TF 1.15: op inputs are fed Placeholders (or, to see what TF infers
 * when shape functions know the values, Const nodes).
 */
final class TfSide implements GraphBuilder {
  private final TfGraph tf = new TfGraph();
  private final boolean constInputs;
  private final Map<org.tensorflow.Output<?>, org.tensorflow.Tensor<?>> feeds =
      new LinkedHashMap<>();

  private TfSide(boolean constInputs) {
    this.constInputs = constInputs;
  }

  @Override
  public Object input(Tensor value) {
    if (constInputs) {
      return constant(value);
    }
    org.tensorflow.Output<?> p =
        tf.placeholder(TfTensors.dataType(value.dtype()), value.shape().dims());
    feeds.put(p, TfTensors.toTf(value));
    return p;
  }

  @Override
  public Object constant(Tensor value) {
    return tf.constant(TfTensors.toTf(value));
  }

  @Override
  public Node op(String type, Map<String, Object> attrs, List<?> inputs, List<Object> controls) {
    org.tensorflow.Operation op = tf.op(type, attrs, inputs, controls);
    List<Object> outs = new ArrayList<>();
    for (int i = 0; i < op.numOutputs(); i++) {
      outs.add(op.output(i));
    }
    return new Node(op, outs);
  }

  /** Builds with Const inputs; the fetches' inferred shapes, or TF's build-time rejection. */
  static Inferred inferred(Script script) {
    TfSide side = new TfSide(true);
    try (TfGraph tf = side.tf) {
      List<Shape> shapes = new ArrayList<>();
      for (Run r : script.build(side)) {
        for (Object f : r.fetches()) {
          shapes.add(shape(((org.tensorflow.Output<?>) f).shape()));
        }
      }
      return new Inferred(shapes, null);
    } catch (IllegalArgumentException e) {
      return new Inferred(List.of(), e.getMessage());
    }
  }

  private static Shape shape(org.tensorflow.Shape s) {
    if (s.numDimensions() < 0) {
      return Shape.unknown();
    }
    long[] dims = new long[s.numDimensions()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = s.size(i);
    }
    return Shape.of(dims);
  }

  /** Builds with fed inputs and makes the runs; results until the first failure, if any. */
  static Outcome run(Script script) {
    TfSide side = new TfSide(false);
    List<List<Tensor>> results = new ArrayList<>();
    try (TfGraph tf = side.tf) {
      List<Run> runs = script.build(side);
      try (org.tensorflow.Session session = tf.session()) {
        for (Run r : runs) {
          results.add(side.runOnce(session, r));
        }
      }
      return new Outcome(results, null, null);
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
        | UnsupportedOperationException | SecurityException | TensorFlowException e) {
      return new Outcome(results, e.getClass().getSimpleName(), e.getMessage());
    } finally {
      side.feeds.values().forEach(org.tensorflow.Tensor::close);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Tensor> runOnce(org.tensorflow.Session session, Run r) {
    Map<org.tensorflow.Output<?>, org.tensorflow.Tensor<?>> all = new LinkedHashMap<>(feeds);
    List<org.tensorflow.Tensor<?>> extra = new ArrayList<>();
    r.feeds().forEach((k, v) -> {
      org.tensorflow.Tensor<?> t = TfTensors.toTf(v);
      extra.add(t);
      all.put((org.tensorflow.Output<?>) k, t);
    });
    List<org.tensorflow.Output<?>> fetches =
        (List<org.tensorflow.Output<?>>) (List<?>) r.fetches();
    List<org.tensorflow.Operation> targets =
        (List<org.tensorflow.Operation>) (List<?>) r.targets();
    try {
      List<Tensor> out = new ArrayList<>();
      for (org.tensorflow.Tensor<?> t : tf.run(session, fetches, targets, all)) {
        try (t) {
          out.add(TfTensors.fromTf(t));
        }
      }
      return out;
    } finally {
      extra.forEach(org.tensorflow.Tensor::close);
    }
  }
}
