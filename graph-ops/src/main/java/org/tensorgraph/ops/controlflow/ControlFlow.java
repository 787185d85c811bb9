package org.tensorgraph.ops.controlflow;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;

/**
 * TF's v2 control-flow builders: {@link #whileLoop} ({@code tf.while_loop} as {@code while_v2}
 * builds it: one {@code While} node whose cond and body are functions) and {@link #cond} ({@code
 * tf.cond} as {@code cond_v2}: one {@code If} node). Outer tensors used inside are captured as
 * extra inputs; the lambdas get an {@link Ops} bound to the function body being built.
 *
 * <pre>{@code
 * Output i0 = tf.placeholder(DType.INT32, Shape.scalar());
 * List<Output> r = ControlFlow.whileLoop(g,
 *     (t, v) -> t.less(v.get(0), t.constant(10)),       // t builds in the cond function
 *     (t, v) -> List.of(t.add(v.get(0), t.constant(1))),
 *     List.of(i0));
 * session.run(r.get(0), Map.of(i0, Tensor.of(3)));   // 10
 * r.get(0).op().name();                              // "while"
 * r.get(0).op().type();                              // "While"
 * }</pre>
 *
 * <p>Names follow while_v2/cond_v2: the node is {@code while} (or the given name) under the
 * current name scope; its functions are {@code <scope>_cond_<n>} / {@code <scope>_body_<n>}
 * ({@code <scope>_true_<n>} / {@code <scope>_false_<n>} for cond) with {@code /} replaced by
 * {@code _} and {@code n} a per-graph counter; ops inside a body are named under the node's full
 * name ({@code rnn/while/MatMul}), so run-time errors name them as TF does. The node is {@code
 * While} / {@code If}, as TF 1.15's while_v2 and cond_v2 emit them ({@code StatelessWhile} /
 * {@code StatelessIf} are registered for graphs that TF 2 wrote).
 */
public final class ControlFlow {
  private ControlFlow() {}

  /** A loop condition: the loop variables (as the cond function's parameters) to a predicate. */
  @FunctionalInterface
  public interface Cond {
    Output apply(Ops tf, List<Output> vars);
  }

  /** A loop body: the loop variables to their next values, one per variable. */
  @FunctionalInterface
  public interface Body {
    List<Output> apply(Ops tf, List<Output> vars);
  }

  /** A branch of {@link #cond}: its outputs. */
  @FunctionalInterface
  public interface Branch {
    List<Output> apply(Ops tf);
  }

  /** {@link #whileLoop(Graph, Cond, Body, List, WhileOptions)} with TF's defaults. */
  public static List<Output> whileLoop(Graph graph, Cond cond, Body body, List<Output> loopVars) {
    return whileLoop(graph, cond, body, loopVars, WhileOptions.defaults());
  }

  /**
   * {@code tf.while_loop(cond, body, loop_vars, shape_invariants, parallel_iterations,
   * maximum_iterations, name)}: repeats {@code body} while {@code cond} holds and returns the
   * final loop variables. As in while_v2, a loop counter and the maximum-iterations bound (-1 for
   * none) are two extra loop variables in front, and captured outer tensors extra ones behind;
   * the returned list holds only the user's variables.
   *
   * @throws IllegalArgumentException with TF's text when a loop variable's shape after one
   *     iteration is not compatible with its invariant ({@code Input tensor 'x:0' enters the loop
   *     with shape (), but has shape (2,) after one iteration. ...}), when its dtype changes, or
   *     when the body returns the wrong number of values
   */
  public static List<Output> whileLoop(Graph graph, Cond cond, Body body, List<Output> loopVars,
      WhileOptions options) {
    try (Scope scope = graph.withNameScope(options.name() == null ? "while" : options.name())) {
      return new WhileBuilder(graph, scope.name(), options).build(cond, body, loopVars);
    }
  }

  /** {@link #cond(Graph, Output, Branch, Branch, String)} named "cond". */
  public static List<Output> cond(Graph graph, Output pred, Branch trueFn, Branch falseFn) {
    return cond(graph, pred, trueFn, falseFn, null);
  }

  /**
   * {@code tf.cond(pred, true_fn, false_fn, name)}: the outputs of the branch {@code pred}
   * selects. A non-bool scalar predicate is true when non-zero, as TF's {@code If} kernel reads
   * it. Outputs get the most specific shape both branches agree on.
   *
   * @throws IllegalArgumentException with TF's text when the branches return different numbers
   *     or dtypes of values
   */
  public static List<Output> cond(Graph graph, Output pred, Branch trueFn, Branch falseFn,
      String name) {
    try (Scope scope = graph.withNameScope(name == null ? "cond" : name)) {
      return CondBuilder.build(graph, scope.name(), pred, trueFn, falseFn);
    }
  }

  // ---------------------------------------------------------------- shared helpers

  /** A unique, TF-like function name: {@code util.unique_fn_name(scope, kind)}. */
  static String functionName(Graph g, String scope, String kind) {
    Counter c = g.extension(Counter.class, Counter::new);
    String prefix = (scope.isEmpty() ? "" : scope.replace('/', '_') + "_") + kind + "_";
    synchronized (c) {
      String name;
      do {
        name = prefix + (++c.next);
      } while (g.function(name) != null);
      return name;
    }
  }

  /** TF's {@code _ShapeLessThanOrEqual}: {@code a} is at least as specific as {@code b}. */
  static boolean shapeLessOrEqual(Shape a, Shape b) {
    if (!b.hasRank()) {
      return true;
    }
    if (a.rank() != b.rank()) {
      return false;
    }
    for (int i = 0; i < b.rank(); i++) {
      if (b.dim(i) != Shape.UNKNOWN && a.dim(i) != b.dim(i)) {
        return false;
      }
    }
    return true;
  }

  /** TF's {@code TensorShape.most_specific_compatible_shape}. */
  static Shape mostSpecificCompatible(Shape a, Shape b) {
    if (!a.hasRank() || !b.hasRank() || a.rank() != b.rank()) {
      return Shape.unknown();
    }
    long[] d = new long[a.rank()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.dim(i) == b.dim(i) ? a.dim(i) : Shape.UNKNOWN;
    }
    return Shape.of(d);
  }

  /** The per-graph counter behind function names. */
  private static final class Counter {
    private int next;
  }
}
