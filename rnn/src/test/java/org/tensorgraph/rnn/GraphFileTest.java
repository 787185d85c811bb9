package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/** The article's two-layer graph survives a GraphDef JSON round trip and computes the same. */
class GraphFileTest {
  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void twoLayerGraphRoundTrips(ExecutorConfig exec) throws Exception {
    Graph g = new Graph();
    Output x = DynamicRnnTest.placeholderX(g, -1);
    RnnResult r = Rnn.dynamicRnn(new MultiRnnCell(List.of(new BasicRnnCell(4),
        new BasicRnnCell(4))), x, DType.FLOAT32);
    RnnWeights.Assignment load = RnnWeights.assignment(g, RnnWeightsTest.twoLayerWeights(), true);
    List<Output> state = RnnNest.flatten(r.state());
    List<Tensor> want = run(exec, g, load, List.of(r.outputs(), state.get(0), state.get(1)));

    Graph back = GraphDefJson.read(GraphDefJson.write(g), "rnn.json");
    Map<Output, Tensor> feeds = new HashMap<>();
    load.feeds().forEach((k, v) -> feeds.put(back.output(k.name()), v));
    RnnWeights.Assignment loadBack = new RnnWeights.Assignment(
        back.operation(load.target().name()), feeds);
    List<Tensor> got = run(exec, back, loadBack, List.of(back.output(r.outputs().name()),
        back.output(state.get(0).name()), back.output(state.get(1).name())));
    assertEquals(want, got);
  }

  private static List<Tensor> run(ExecutorConfig exec, Graph g, RnnWeights.Assignment load,
      List<Output> fetches) {
    try (Session s = exec.open(g)) {
      s.run(load.target(), load.feeds());
      return s.run(fetches, Map.of(g.output("X:0"), Tensor.of(DynamicRnnTest.ARTICLE)));
    }
  }
}
