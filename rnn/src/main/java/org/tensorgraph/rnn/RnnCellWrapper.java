package org.tensorgraph.rnn;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;

/**
 * TF's {@code _RNNCellWrapperV1}: a cell around another cell, with the wrapped cell's sizes and
 * no scope of its own (the wrapped cell's variables keep their names); only the zero state gets an
 * extra name scope, {@code <Wrapper>ZeroState}.
 *
 * <pre>{@code
 * RnnCell cell = new ResidualWrapper(new DropoutWrapper(new GruCell(3), 1.0, 0.8, 1.0, 1L));
 * Rnn.dynamicRnn(cell, x, DType.FLOAT32);   // variables still rnn/gru_cell/...
 * }</pre>
 */
public abstract class RnnCellWrapper extends RnnCell {
  protected final RnnCell cell;

  protected RnnCellWrapper(RnnCell cell) {
    if (cell == null) {
      throw new IllegalArgumentException("The argument 'cell' (None) is not an RNNCell: "
          + "'output_size' property is missing, 'state_size' property is missing, either "
          + "'zero_state' or 'get_initial_state' method is required, is not callable.");
    }
    this.cell = cell;
  }

  /** The wrapped cell. */
  public RnnCell wrapped() {
    return cell;
  }

  @Override
  public final CellOutput call(Output inputs, Object state) {
    return call(inputs, state, null);
  }

  /** The step; {@code scope} goes to the wrapped cell, as TF's wrappers pass {@code scope=}. */
  @Override
  public abstract CellOutput call(Output inputs, Object state, String scope);

  @Override
  public Object stateSize() {
    return cell.stateSize();
  }

  @Override
  public int outputSize() {
    return cell.outputSize();
  }

  @Override
  protected Object zeroState(Graph g, Output batch, long staticBatch, DType dtype) {
    try (Scope s = g.withNameScope(tfClassName() + "ZeroState")) {
      return cell.zeroState(g, batch, staticBatch, dtype);
    }
  }
}
