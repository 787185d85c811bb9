package org.tensorgraph.conformance;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.framework.GraphDef;
import org.tensorgraph.core.Tensor;

/**
 * TensorFlow 1.15's side of the interop tests: a graph file in GraphDef JSON goes through
 * protobuf's own JSON parser into a {@code tf.GraphDef}, is imported with {@code
 * Graph.importGraphDef}, and is run by tensor name; and a graph TF built goes the other way,
 * {@code toGraphDef()} printed by {@code JsonFormat}. Values cross as Tensorgraph {@link Tensor}s.
 *
 * <pre>{@code
 * try (InteropTf tf = InteropTf.importJson(GraphDefJson.write(g))) {
 *   tf.run(List.of("init"), Map.of(), List.of());
 *   List<Tensor> out = tf.run(List.of(), Map.of("X:0", x), List.of("rnn/transpose_1:0"));
 * }
 * }</pre>
 */
final class InteropTf implements AutoCloseable {
  private final Graph graph;
  private final Session session;

  private InteropTf(Graph graph) {
    this.graph = graph;
    this.session = new Session(graph);
  }

  /**
   * Parses {@code json} as a {@code tensorflow.GraphDef} (protobuf's JSON mapping, unknown fields
   * rejected) and imports it into a new TF graph.
   *
   * @throws InvalidProtocolBufferException if the text is not a GraphDef in protobuf JSON
   * @throws IllegalArgumentException TF's import error
   */
  static InteropTf importJson(String json) throws InvalidProtocolBufferException {
    byte[] bytes = parseGraphDef(json).toByteArray();
    Graph g = new Graph();
    try {
      g.importGraphDef(bytes);
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
    return new InteropTf(g);
  }

  /** The protobuf message our JSON denotes, as {@code json_format.Parse} would read it. */
  static GraphDef parseGraphDef(String json) throws InvalidProtocolBufferException {
    GraphDef.Builder b = GraphDef.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.build();
  }

  /** A TF graph's {@code toGraphDef()} as protobuf JSON, as {@code MessageToJson} prints it. */
  static String toJson(Graph g) throws InvalidProtocolBufferException {
    return JsonFormat.printer().print(GraphDef.parseFrom(g.toGraphDef()));
  }

  Graph graph() {
    return graph;
  }

  /**
   * One {@code Session.run}: targets by op name, feeds and fetches by tensor name ({@code
   * "X:0"}); returns the fetched values.
   */
  List<Tensor> run(List<String> targets, Map<String, Tensor> feeds, List<String> fetches) {
    List<org.tensorflow.Tensor<?>> in = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      targets.forEach(r::addTarget);
      for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
        org.tensorflow.Tensor<?> t = TfTensors.toTf(e.getValue());
        in.add(t);
        r.feed(e.getKey(), t);
      }
      fetches.forEach(r::fetch);
      List<Tensor> out = new ArrayList<>();
      for (org.tensorflow.Tensor<?> t : r.run()) {
        try (t) {
          out.add(TfTensors.fromTf(t));
        }
      }
      return out;
    } finally {
      in.forEach(org.tensorflow.Tensor::close);
    }
  }

  /**
   * Sets variables as a checkpoint restore would: for each entry a {@code Placeholder} and an
   * {@code Assign} into the {@code VariableV2} of that name, built in TF's graph and run once.
   * (For graph files that carry no assignment of their own.)
   */
  void assign(Map<String, Tensor> values) {
    List<String> targets = new ArrayList<>();
    Map<String, Tensor> feeds = new java.util.HashMap<>();
    int i = 0;
    for (Map.Entry<String, Tensor> e : values.entrySet()) {
      Operation variable = graph.operation(e.getKey());
      if (variable == null) {
        throw new IllegalArgumentException("TF's graph has no variable " + e.getKey());
      }
      String name = "interop_assign_" + i++;
      Output<?> ph = graph.opBuilder("Placeholder", name + "/value")
          .setAttr("dtype", TfTensors.dataType(e.getValue().dtype())).build().output(0);
      graph.opBuilder("Assign", name).addInput(variable.output(0)).addInput(ph).build();
      targets.add(name);
      feeds.put(name + "/value:0", e.getValue());
    }
    run(targets, feeds, List.of());
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
