package org.tensorgraph.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * A graph to measure, built once with Tensorgraph and run by both sides: what one measured run
 * fetches and feeds, and the {@code init} op run once before measuring (null when the graph has no
 * variables).
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Ops tf = Ops.create(g);
 * Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.scalar());
 * BenchGraph b = new BenchGraph(g, null, List.of(tf.add(x, x)), Map.of(x, Tensor.of(1f)), true);
 * }</pre>
 *
 * @param graph the graph; the TF side imports its GraphDef JSON
 * @param init run once after the session starts, or null
 * @param fetches what each measured run fetches (on the TF side, by the same names)
 * @param feeds what each measured run feeds (float32 or int32 values)
 * @param tfOptimize whether TF's session may rewrite the graph (Grappler); off where rewriting
 *     would remove the very nodes being measured
 */
public record BenchGraph(Graph graph, Operation init, List<Output> fetches,
    Map<Output, Tensor> feeds, boolean tfOptimize) {
  public BenchGraph {
    Objects.requireNonNull(graph, "graph");
    fetches = List.copyOf(fetches);
    feeds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(feeds));
  }
}
