package org.tensorgraph.rnn;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.variables.Initializer;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.VariableScope;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;

/**
 * TF's {@code LayerRNNCell}: a cell that owns variables, scoped as a {@code tf.layers.Layer}. On
 * the first call it captures {@code variable_scope(None, default_name=<snake_name>)} (so a second
 * cell in the same scope gets {@code <snake_name>_1}), builds its variables there, and from then on
 * re-enters that scope object with {@code reuse=True} and its original name scope: ops of a second
 * call are {@code rnn/basic_rnn_cell/MatMul_1}, as TF's {@code static_rnn} names them.
 *
 * <p>A custom cell (a "min RNN", {@code h' = min(h, x·W)}):
 *
 * <pre>{@code
 * final class MinCell extends LayerRnnCell {
 *   private Variable w;
 *   MinCell() { super(null, null); }                       // layer name "min_cell"
 *   public Object stateSize() { return 4; }
 *   public int outputSize() { return 4; }
 *   protected String tfClassName() { return "MinCell"; }
 *   protected void build(Graph g, long depth) {
 *     w = addVariable(g, "w", Shape.of(depth, 4), null);    // <scope>/min_cell/w
 *   }
 *   protected CellOutput compute(Output x, Object h) {
 *     Ops tf = Ops.create(x.graph());
 *     Output y = tf.minimum((Output) h, tf.matmul(x, w.value()));
 *     return new CellOutput(y, y);
 *   }
 * }
 * }</pre>
 */
public abstract class LayerRnnCell extends RnnCell {
  private final String layerName;
  private final Reuse reuse;
  private VariableScope scope;
  private boolean built;
  private DType dtype;

  /**
   * @param name the layer name (TF's {@code name=}), or null for the snake-cased class name
   * @param reuse TF's {@code reuse=}: null or INHERIT to take the enclosing scope's setting
   */
  protected LayerRnnCell(String name, Reuse reuse) {
    // tfClassName() is a constant in every subclass, so calling it here is safe
    this.layerName = name != null ? name : toSnakeCase(tfClassName());
    this.reuse = reuse == null ? Reuse.INHERIT : reuse;
  }

  /** Creates the variables with {@link #addVariable}; {@code inputDepth}: the inputs' last dim. */
  protected abstract void build(Graph g, long inputDepth);

  /** The step's ops, called under the cell's scopes once the variables exist. */
  protected abstract CellOutput compute(Output inputs, Object state);

  /** The cell's variable scope once called ({@code rnn/basic_rnn_cell}), else null. */
  public VariableScope variableScope() {
    return scope;
  }

  /** True once the first call created the variables. */
  public boolean isBuilt() {
    return built;
  }

  @Override
  public final CellOutput call(Output inputs, Object state) {
    return call(inputs, state, null);
  }

  /**
   * As TF's {@code Layer.__call__(..., scope=scope)}: a scope given on the first call replaces the
   * layer name ({@code rnn/my_scope/kernel}); later calls ignore it and reuse the first scope.
   */
  @Override
  public final CellOutput call(Output inputs, Object state, String scopeName) {
    Graph g = inputs.graph();
    checkInputDtypes(inputs, state);
    if (scope == null) {
      captureScope(g, scopeName);
    }
    Reuse r = built ? Reuse.TRUE : reuse;
    try (VariableScopeHandle h = Variables.variableScope(g, scope, r, false);
        Scope ns = g.withNameScope(scope.originalNameScope())) {
      if (!built) {
        Shape s = inputs.shape();
        if (!s.hasRank() || s.dim(s.rank() - 1) == Shape.UNKNOWN) {
          throw new IllegalArgumentException("Expected inputs.shape[-1] to be known, saw shape: "
              + s.toPythonString());
        }
        dtype = inputs.dtype();
        build(g, s.dim(s.rank() - 1));
        built = true;
      }
      return compute(inputs, state);
    }
  }

  /** TF's {@code Layer._set_scope}: the scope is fixed at the first call. */
  private void captureScope(Graph g, String scopeName) {
    VariableScopeHandle h = scopeName != null ? Variables.variableScope(g, scopeName)
        : reuse == Reuse.TRUE ? Variables.variableScope(g, layerName)
        : Variables.variableScopeWithDefault(g, layerName);
    try (h) {
      scope = h.scope();
    }
  }

  /** {@code self.add_variable(name, shape, initializer=...)} in the cell's scope and dtype. */
  protected Variable addVariable(Graph g, String name, Shape shape, Initializer initializer) {
    return Variables.getVariable(g, name, shape, dtype, initializer, true);
  }
}
