package org.tensorgraph.core.graph;

/**
 * An open name scope; closing it returns the graph to the previous scope.
 *
 * <pre>{@code
 * try (Scope s = graph.withNameScope("layer")) {
 *   s.name();   // "layer"
 * }
 * }</pre>
 */
public final class Scope implements AutoCloseable {
  private final Graph graph;
  private final String name;
  private final String previous;

  Scope(Graph graph, String name, String previous) {
    this.graph = graph;
    this.name = name;
    this.previous = previous;
  }

  /** The full scope name without a trailing slash ("" at the root). */
  public String name() {
    return name;
  }

  /** The scope as an absolute name usable to re-enter it: {@code "rnn/"}. */
  public String absoluteName() {
    return name.isEmpty() ? "" : name + "/";
  }

  @Override
  public void close() {
    graph.restoreNameScope(previous);
  }
}
