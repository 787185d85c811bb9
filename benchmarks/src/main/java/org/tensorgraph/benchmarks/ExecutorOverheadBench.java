package org.tensorgraph.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;

/**
 * Per-node executor cost: a chain of {@code nodes} scalar {@code Add}s, {@code y = ((X + 1) + 1)
 * + ...}, fed a scalar {@code X}; the run time divided by the node count is the cost of one node.
 *
 * <pre>{@code
 * $ java -jar benchmarks/target/benchmarks.jar ExecutorOverheadBench
 * }</pre>
 *
 * <p>TF's Grappler is off for this graph only: its constant push-down and arithmetic rewrites
 * would fold the chain into a node or two and measure nothing. {@code oursDirect} runs the chain
 * on the direct executor (every node on the calling thread), {@code ours} on the default threaded
 * one.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ExecutorOverheadBench extends SideBySide {
  /** Length of the chain. */
  @Param({"1000"})
  public int nodes;

  @Override
  protected BenchGraph build() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.scalar());
    Output one = tf.constant(1f);
    Output y = x;
    for (int i = 0; i < nodes; i++) {
      y = tf.add(y, one);
    }
    return new BenchGraph(g, null, List.of(y), Map.of(x, Tensor.of(0f)), false);
  }

  /** Tensorgraph's Session.run on the threaded executor. */
  @Benchmark
  public List<Tensor> ours() {
    return ours.run();
  }

  /** Tensorgraph's Session.run on the direct executor. */
  @Benchmark
  public List<Tensor> oursDirect() {
    return ours.run();
  }

  /** TF 1.15's Session.run of the same graph. */
  @Benchmark
  public int tf() {
    return tf.run();
  }
}
