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
import org.tensorgraph.ops.variables.Initializers;

/**
 * One elementwise op on float32 variables of {@code n} elements: the binary ops an RNN step
 * makes ({@code Add}, {@code Mul}) and its activations ({@code Tanh}, {@code Sigmoid}). 16,384 is
 * an LSTM step's gate block (32 x 512), 1,048,576 a large tensor.
 *
 * <pre>{@code
 * $ java -jar benchmarks/target/benchmarks.jar ElementwiseBench -p op=Tanh -p n=1048576
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ElementwiseBench extends SideBySide {
  /** The op type. */
  @Param({"Add", "Mul", "Tanh", "Sigmoid"})
  public String op;

  /** Elements. */
  @Param({"16384", "1048576"})
  public int n;

  @Override
  protected BenchGraph build() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.setRandomSeed(SEED);
    Output x = tf.getVariable("x", Shape.of(n), DType.FLOAT32,
        Initializers.randomUniform(-3, 3, null)).value();
    Output y = tf.getVariable("y", Shape.of(n), DType.FLOAT32,
        Initializers.randomUniform(-3, 3, null)).value();
    Output z = switch (op) {
      case "Add" -> tf.add(x, y);
      case "Mul" -> tf.mul(x, y);
      case "Tanh" -> tf.tanh(x);
      case "Sigmoid" -> tf.sigmoid(x);
      default -> throw new IllegalArgumentException("op is Add, Mul, Tanh or Sigmoid, not " + op);
    };
    return new BenchGraph(g, tf.globalVariablesInitializer(), List.of(z), Map.of(), true);
  }

  /** Tensorgraph's Session.run. */
  @Benchmark
  public List<Tensor> ours() {
    return ours.run();
  }

  /** TF 1.15's Session.run of the same graph. */
  @Benchmark
  public int tf() {
    return tf.run();
  }
}
