package org.tensorgraph.rnn;

import java.util.function.UnaryOperator;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.Variable;

/**
 * TF's {@code BasicRNNCell(num_units, activation=tanh)}: {@code h' = tanh(concat([x, h]) · W + b)};
 * the output is the new state. Variables {@code <scope>/basic_rnn_cell/kernel [depth+units,
 * units]} (glorot-uniform, or the scope's initializer) and {@code .../bias [units]} (zeros).
 *
 * <pre>{@code
 * RnnCell cell = new BasicRnnCell(4);
 * RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);   // x: [?, 2, 3]
 * // variables rnn/basic_rnn_cell/kernel [7,4], rnn/basic_rnn_cell/bias [4]
 * // ops rnn/while/basic_rnn_cell/{concat, MatMul, BiasAdd, Tanh}
 * }</pre>
 */
public final class BasicRnnCell extends LayerRnnCell {
  private final int numUnits;
  private final UnaryOperator<Output> activation;
  private Variable kernel;
  private Variable bias;

  /** {@code BasicRNNCell(numUnits)}: tanh activation. */
  public BasicRnnCell(int numUnits) {
    this(numUnits, null, null, null);
  }

  /**
   * {@code BasicRNNCell(num_units, activation, reuse, name)}.
   *
   * @param activation null for tanh
   * @param reuse null to inherit the enclosing scope's reuse
   * @param name null for "basic_rnn_cell"
   */
  public BasicRnnCell(int numUnits, UnaryOperator<Output> activation, Reuse reuse, String name) {
    super(name, reuse);
    this.numUnits = numUnits;
    this.activation = activation != null ? activation : CellMath.TANH;
  }

  @Override
  public Object stateSize() {
    return numUnits;
  }

  @Override
  public int outputSize() {
    return numUnits;
  }

  @Override
  protected String tfClassName() {
    return "BasicRNNCell";
  }

  /** The kernel once built, else null. */
  public Variable kernel() {
    return kernel;
  }

  /** The bias once built, else null. */
  public Variable bias() {
    return bias;
  }

  @Override
  protected void build(Graph g, long inputDepth) {
    kernel = addVariable(g, "kernel", Shape.of(inputDepth + numUnits, numUnits), null);
    bias = addVariable(g, "bias", Shape.of(numUnits), Initializers.zeros());
  }

  @Override
  protected CellOutput compute(Output inputs, Object state) {
    Output h = single(state, "BasicRNNCell");
    Output out = activation.apply(CellMath.linear(inputs, h, kernel.value(), bias.value()));
    return new CellOutput(out, out);
  }
}
