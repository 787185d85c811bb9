package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.conformance.InteropModels.Built;
import org.tensorgraph.conformance.InteropModels.Model;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.RnnWeights;
import org.tensorgraph.session.Session;

/**
 * Graphs written by Tensorgraph run in TensorFlow 1.15 (issue 6 §7): each model of {@link
 * InteropModels} is built here, written with {@link GraphDefJson#write(Graph)}, parsed by
 * protobuf's {@code JsonFormat} into a {@code tf.GraphDef}, imported with {@code
 * Graph.importGraphDef} and run there; its outputs and states match our session's within 1e-6.
 *
 * <p>Two ways to the same weights. Fixed ones travel inside the file: {@link RnnWeights} adds
 * {@code load_weights/<variable>} placeholders and {@code Assign}s before the graph is written,
 * and both sides run them with the same feeds (a checkpoint restore, as {@code --checkpoint}
 * does). Seeded ones are computed on each side: with a graph seed every initializer's {@code
 * RandomUniform} carries its own {@code seed}/{@code seed2} attrs, so TF's {@code init} must give
 * our initial values bit for bit.
 */
@ExtendWith(TensorFlowAvailable.class)
class InteropOursToTfTest {
  private static final long GRAPH_SEED = 20261126L;

  static List<Model> models() {
    return InteropModels.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void fixedWeightsGiveTheSameOutputsAndStatesInTf(Model m) throws Exception {
    Graph g = new Graph();
    Built b = m.build().apply(g);
    Operation init = Variables.globalVariablesInitializer(g);
    RnnWeights.Assignment load = RnnWeights.assignment(g, InteropModels.weights(g), true);
    String json = GraphDefJson.write(g);

    List<Tensor> ours;
    try (Session s = new Session(g)) {
      s.run(init);
      s.run(load.target(), load.feeds());
      ours = s.run(b.fetches(), b.feeds(), List.of());
    }
    List<Tensor> tf;
    try (InteropTf t = InteropTf.importJson(json)) {
      t.run(List.of(init.name()), Map.of(), List.of());
      t.run(List.of(load.target().name()), byName(load.feeds()), List.of());
      tf = t.run(List.of(), b.feedsByName(), b.fetchNames());
    }
    InteropCompare.assertClose(m.name() + ", fixed weights", b.fetchNames(), ours, tf);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void seededInitializersGiveTfsWeightsBitForBit(Model m) throws Exception {
    Graph g = new Graph();
    g.setSeed(GRAPH_SEED);
    Built b = m.build().apply(g);
    Operation init = Variables.globalVariablesInitializer(g);
    List<String> weights = Variables.globalVariables(g).stream().map(Variable::value)
        .map(Output::name).toList();
    String json = GraphDefJson.write(g);

    List<Tensor> oursW;
    List<Tensor> ours;
    try (Session s = new Session(g)) {
      s.run(init);
      oursW = s.run(weights.stream().map(g::output).toList(), Map.of(), List.of());
      ours = s.run(b.fetches(), b.feeds(), List.of());
    }
    List<Tensor> tfW;
    List<Tensor> tf;
    try (InteropTf t = InteropTf.importJson(json)) {
      t.run(List.of(init.name()), Map.of(), List.of());
      tfW = t.run(List.of(), Map.of(), weights);
      tf = t.run(List.of(), b.feedsByName(), b.fetchNames());
    }
    InteropCompare.assertSameBits(m.name() + ", seeded init", weights, oursW, tfW);
    InteropCompare.assertClose(m.name() + ", seeded init", b.fetchNames(), ours, tf);
  }

  /**
   * What we write is protobuf's canonical JSON for the message it denotes: parsing it and printing
   * it again with {@code JsonFormat} gives the same JSON tree (layout aside), so no field, default
   * or number spelling of ours is one protobuf would drop or write differently.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void writtenJsonIsProtobufsCanonicalJson(Model m) throws Exception {
    Graph g = new Graph();
    m.build().apply(g);
    Variables.globalVariablesInitializer(g);
    RnnWeights.assignment(g, InteropModels.weights(g), true);
    String json = GraphDefJson.write(g);
    String reprinted = JsonFormat.printer().print(InteropTf.parseGraphDef(json));
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(mapper.readTree(reprinted), mapper.readTree(json), m.name());
  }

  private static Map<String, Tensor> byName(Map<Output, Tensor> feeds) {
    Map<String, Tensor> r = new LinkedHashMap<>();
    feeds.forEach((k, v) -> r.put(k.name(), v));
    return r;
  }
}
