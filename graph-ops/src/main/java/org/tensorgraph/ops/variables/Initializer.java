package org.tensorgraph.ops.variables;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/**
 * Builds a variable's initial value in the graph, under the current name scope, as TF's
 * initializer objects do when called with a shape and dtype.
 *
 * <pre>{@code
 * Initializer init = Initializers.glorotUniform(42L);
 * Output v = init.apply(graph, Shape.of(7, 4), DType.FLOAT32);  // ".../random_uniform"
 * }</pre>
 */
@FunctionalInterface
public interface Initializer {
  Output apply(Graph graph, Shape shape, DType dtype);

  /**
   * True for initializers that are a constant value rather than a function of the shape ({@code
   * get_variable} then takes the shape from the value; TF: "If initializer is a constant, do not
   * specify shape.").
   */
  default boolean isConstantValue() {
    return false;
  }
}
