package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;

/**
 * What every part of the {@link Ops} facade shares: the graph, the name the next op gets, and
 * scopes. The facade is split into layers ({@code OpsBase} ← ... ← {@code Ops}) only to keep each
 * file short; users see one class.
 */
public abstract class OpsBase {
  protected final Graph graph;
  private final String nextName;

  protected OpsBase(Graph graph, String nextName) {
    this.graph = graph;
    this.nextName = nextName;
  }

  /** The graph ops are added to. */
  public Graph graph() {
    return graph;
  }

  /**
   * A facade whose next op gets {@code name} (under the current name scope), as Python's {@code
   * name=} argument: {@code tf.withName("X").placeholder(FLOAT32, shape)}.
   */
  public abstract Ops withName(String name);

  /** {@code with tf.name_scope(name)}: close the result to leave the scope. */
  public Scope withNameScope(String name) {
    return graph.withNameScope(name);
  }

  /** {@code with tf.control_dependencies(ops)}: close the result to leave the block. */
  public AutoCloseable withControlDependencies(List<Operation> ops) {
    return graph.withControlDependencies(ops);
  }

  /** The name set by {@link #withName} for the next op, or null. */
  protected String nextName() {
    return nextName;
  }

  /** Starts a node of {@code type} named by {@link #withName} or else {@code defaultName}. */
  protected OpBuilder node(String type, String defaultName) {
    return graph.opBuilder(type, nextName != null ? nextName : defaultName);
  }

  /**
   * Builds an op the way TF's generated Python wrappers do: a name scope named by {@link
   * #withName} or {@code defaultName} (made unique), constant inputs created inside it, then the
   * node itself named exactly as the scope.
   */
  protected Output scoped(String defaultName, java.util.function.Function<String, OpBuilder> body) {
    try (Scope s = graph.withNameScope(nextName != null ? nextName : defaultName)) {
      return out(body.apply(s.absoluteName()));
    }
  }

  /** A constant input created inside the current scope, named as TF names converted inputs. */
  protected Output constInput(String name, org.tensorgraph.core.Tensor value) {
    return out(graph.opBuilder("Const", name).setAttr("value", value)
        .setAttr("dtype", value.dtype()));
  }

  /** A one-input op named as its type, as TF's generated wrappers name them. */
  protected Output unary(String type, Output x) {
    return out(node(type, type).addInput(x));
  }

  /** A two-input op named {@code defaultName}. */
  protected Output binary(String type, String defaultName, Output x, Output y) {
    return out(node(type, defaultName).addInput(x).addInput(y));
  }

  /** Builds a one-output node and returns its output. */
  protected static Output out(OpBuilder b) {
    return b.build().output(0);
  }
}
