package org.tensorgraph.rnn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.VariableScope;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;

/**
 * TF's {@code MultiRNNCell(cells, state_is_tuple=True)}: the cells stacked, each one's output the
 * next one's input; cell i runs under variable scope {@code multi_rnn_cell/cell_i}. The state is a
 * {@code List} of the cells' states (TF's tuple); the output is the last cell's.
 *
 * <pre>{@code
 * RnnCell cell = new MultiRnnCell(List.of(new BasicRnnCell(4), new BasicRnnCell(4)));
 * RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);     // x: [?, 2, 3]
 * // rnn/multi_rnn_cell/cell_0/basic_rnn_cell/kernel [7,4]
 * // rnn/multi_rnn_cell/cell_1/basic_rnn_cell/kernel [8,4]
 * // r.state(): List of two [?,4] tensors
 * }</pre>
 */
public final class MultiRnnCell extends RnnCell {
  private static final System.Logger LOG = System.getLogger(MultiRnnCell.class.getName());
  private final List<RnnCell> cells;
  private final boolean stateIsTuple;
  private VariableScope callerScope;
  private VariableScope layerScope;
  private boolean built;

  /** {@code MultiRNNCell(cells)} with tuple state. */
  public MultiRnnCell(List<? extends RnnCell> cells) {
    this(cells, true);
  }

  /**
   * {@code MultiRNNCell(cells, state_is_tuple)}.
   *
   * @throws IllegalArgumentException {@code Must specify at least one cell for MultiRNNCell.};
   *     {@code Some cells return tuples of states, but the flag state_is_tuple is not set. ...}
   */
  public MultiRnnCell(List<? extends RnnCell> cells, boolean stateIsTuple) {
    if (cells == null) {
      throw new IllegalArgumentException("cells must be a list or tuple, but saw: None.");
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("Must specify at least one cell for MultiRNNCell.");
    }
    this.cells = List.copyOf(cells);
    this.stateIsTuple = stateIsTuple;
    if (!stateIsTuple && this.cells.stream().anyMatch(c -> RnnNest.isStructure(c.stateSize()))) {
      throw new IllegalArgumentException("Some cells return tuples of states, but the flag "
          + "state_is_tuple is not set.  State sizes are: " + sizes());
    }
    java.util.Set<RnnCell> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(this.cells);
    if (distinct.size() != this.cells.size()) {
      LOG.log(System.Logger.Level.WARNING, "At least two cells provided to MultiRNNCell are the "
          + "same object and will share weights.");
    }
  }

  private List<Object> sizes() {
    return cells.stream().map(RnnCell::stateSize).toList();
  }

  /** The stacked cells. */
  public List<RnnCell> cells() {
    return cells;
  }

  @Override
  public Object stateSize() {
    if (stateIsTuple) {
      return new ArrayList<>(sizes());
    }
    return sizes().stream().mapToInt(s -> (Integer) s).sum();
  }

  @Override
  public int outputSize() {
    return cells.get(cells.size() - 1).outputSize();
  }

  @Override
  protected String tfClassName() {
    return "MultiRNNCell";
  }

  @Override
  protected Object zeroState(Graph g, Output batch, long staticBatch, DType dtype) {
    if (!stateIsTuple) {
      return super.zeroState(g, batch, staticBatch, dtype);
    }
    try (Scope s = g.withNameScope(tfClassName() + "ZeroState")) {
      List<Object> r = new ArrayList<>();
      for (RnnCell c : cells) {
        r.add(c.zeroState(g, batch, staticBatch, dtype));
      }
      return r;
    }
  }

  /**
   * As TF: {@code RNNCell.__call__} re-enters the variable scope current at the first call (with
   * its name scope, hence {@code rnn/while/rnn/multi_rnn_cell/...} inside a loop), then the layer
   * scope {@code multi_rnn_cell} (reused after the first call), then {@code cell_i} per cell.
   */
  @Override
  public CellOutput call(Output inputs, Object state) {
    Graph g = inputs.graph();
    if (callerScope == null) {
      callerScope = Variables.currentScope(g);
    }
    try (VariableScopeHandle outer = Variables.variableScope(g, callerScope, Reuse.INHERIT, true)) {
      if (layerScope == null) {
        try (VariableScopeHandle h = Variables.variableScopeWithDefault(g, "multi_rnn_cell")) {
          layerScope = h.scope();
        }
      }
      try (VariableScopeHandle h = Variables.variableScope(g, layerScope,
          built ? Reuse.TRUE : Reuse.INHERIT, false);
          Scope ns = g.withNameScope(layerScope.originalNameScope())) {
        CellOutput r = callCells(g, inputs, state);
        built = true;
        return r;
      }
    }
  }

  private CellOutput callCells(Graph g, Output inputs, Object state) {
    Output cur = inputs;
    List<Object> newStates = new ArrayList<>();
    int pos = 0;
    for (int i = 0; i < cells.size(); i++) {
      RnnCell cell = cells.get(i);
      try (VariableScopeHandle h = Variables.variableScope(g, "cell_" + i)) {
        Object cellState;
        if (stateIsTuple) {
          if (!(state instanceof List<?> l) || l.size() != cells.size()) {
            throw new IllegalArgumentException("Expected state to be a tuple of length "
                + cells.size() + ", but received: " + state);
          }
          cellState = l.get(i);
        } else {
          int size = (Integer) cell.stateSize();
          cellState = Ops.create(g).slice(single(state, "MultiRNNCell"), new int[] {0, pos},
              new int[] {-1, size});
          pos += size;
        }
        CellOutput r = cell.call(cur, cellState);
        cur = r.output();
        newStates.add(r.state());
      }
    }
    if (stateIsTuple) {
      return new CellOutput(cur, newStates);
    }
    List<Output> flat = newStates.stream().map(o -> (Output) o).toList();
    return new CellOutput(cur, Ops.create(g).concat(flat, 1));
  }
}
