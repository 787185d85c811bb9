package org.tensorgraph.ops.variables;

/**
 * An open variable scope; closing it restores the previous variable scope and name scope.
 *
 * <pre>{@code
 * try (VariableScopeHandle h = Variables.variableScope(graph, "rnn")) {
 *   h.scope().name();   // "rnn"
 * }
 * }</pre>
 */
public final class VariableScopeHandle implements AutoCloseable {
  private final VariableScope scope;
  private final Runnable onClose;
  private boolean closed;

  VariableScopeHandle(VariableScope scope, Runnable onClose) {
    this.scope = scope;
    this.onClose = onClose;
  }

  public VariableScope scope() {
    return scope;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
