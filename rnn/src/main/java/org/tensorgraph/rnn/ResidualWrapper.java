package org.tensorgraph.rnn;

import java.util.function.BinaryOperator;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;

/**
 * TF's {@code ResidualWrapper(cell, residual_fn=None)}: the output becomes {@code inputs +
 * cell_output} (the inputs' and the cell's output shapes must match); the state is the cell's.
 *
 * <pre>{@code
 * RnnCell cell = new ResidualWrapper(new BasicRnnCell(3));   // inputs of depth 3
 * CellOutput step = cell.call(x, h);                        // step.output() = x + tanh(...)
 * }</pre>
 */
public final class ResidualWrapper extends RnnCellWrapper {
  private final BinaryOperator<Output> residualFn;

  /** {@code ResidualWrapper(cell)}: output = inputs + output ("add"). */
  public ResidualWrapper(RnnCell cell) {
    this(cell, null);
  }

  /** {@code ResidualWrapper(cell, residual_fn)}: {@code residualFn(inputs, output)}. */
  public ResidualWrapper(RnnCell cell, BinaryOperator<Output> residualFn) {
    super(cell);
    this.residualFn = residualFn != null ? residualFn : ResidualWrapper::defaultResidual;
  }

  @Override
  protected String tfClassName() {
    return "ResidualWrapper";
  }

  @Override
  public CellOutput call(Output inputs, Object state, String scope) {
    CellOutput r = cell.call(inputs, state, scope);
    return new CellOutput(residualFn.apply(inputs, r.output()), r.state());
  }

  /**
   * TF's {@code default_residual_fn}: {@code inputs + outputs}.
   *
   * @throws IllegalArgumentException {@code Shapes (?, 3) and (?, 4) are incompatible}
   */
  static Output defaultResidual(Output inputs, Output outputs) {
    if (!inputs.shape().isCompatibleWith(outputs.shape())) {
      throw new IllegalArgumentException("Shapes " + inputs.shape().toPythonString() + " and "
          + outputs.shape().toPythonString() + " are incompatible");
    }
    return Ops.create(inputs.graph()).addV2(inputs, outputs);
  }
}
