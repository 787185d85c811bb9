package org.tensorgraph.ops.controlflow;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Output;

/**
 * The optional arguments of {@link ControlFlow#whileLoop}, as {@code tf.while_loop}'s keyword
 * arguments; immutable, each setter returns a new value.
 *
 * <pre>{@code
 * WhileOptions o = WhileOptions.defaults()
 *     .shapeInvariants(List.of(Shape.scalar(), Shape.of(-1, 4)))
 *     .maximumIterations(timeSteps)
 *     .name("while");
 * }</pre>
 *
 * @param shapeInvariants one shape per loop variable, or null for the loop variables' own shapes
 * @param parallelIterations TF's {@code parallel_iterations} (recorded; iterations run in order)
 * @param maximumIterations an int32 scalar bounding the iterations, or null for none
 * @param maximumIterationsValue a constant bound used when {@code maximumIterations} is null and
 *     this is {@code >= 0}
 * @param name the While node's name (default {@code "while"}), made unique in the current scope
 */
public record WhileOptions(List<Shape> shapeInvariants, int parallelIterations,
    Output maximumIterations, long maximumIterationsValue, String name) {

  private static final WhileOptions DEFAULTS = new WhileOptions(null, 10, null, -1, null);

  public WhileOptions {
    shapeInvariants = shapeInvariants == null ? null : List.copyOf(shapeInvariants);
    if (parallelIterations <= 0) {
      throw new IllegalArgumentException("parallel_iterations must be a positive integer: "
          + parallelIterations);
    }
  }

  /** TF's defaults: no invariants, {@code parallel_iterations=10}, no bound, name "while". */
  public static WhileOptions defaults() {
    return DEFAULTS;
  }

  public WhileOptions shapeInvariants(List<Shape> invariants) {
    return new WhileOptions(invariants, parallelIterations, maximumIterations,
        maximumIterationsValue, name);
  }

  public WhileOptions parallelIterations(int n) {
    return new WhileOptions(shapeInvariants, n, maximumIterations, maximumIterationsValue, name);
  }

  /** A bound given by a tensor (an int32 scalar), as {@code dynamic_rnn}'s time steps. */
  public WhileOptions maximumIterations(Output bound) {
    return new WhileOptions(shapeInvariants, parallelIterations, bound, -1, name);
  }

  /** A constant bound ({@code >= 0}). */
  public WhileOptions maximumIterations(int bound) {
    if (bound < 0) {
      throw new IllegalArgumentException("maximum_iterations must be >= 0, got " + bound);
    }
    return new WhileOptions(shapeInvariants, parallelIterations, null, bound, name);
  }

  public WhileOptions name(String n) {
    return new WhileOptions(shapeInvariants, parallelIterations, maximumIterations,
        maximumIterationsValue, n);
  }

  /** True when a bound was given, as a tensor or a constant. */
  public boolean hasMaximumIterations() {
    return maximumIterations != null || maximumIterationsValue >= 0;
  }
}
