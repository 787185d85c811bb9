package org.tensorgraph.rnn;

import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializer;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.Variable;

/**
 * TF's {@code GRUCell(num_units, activation, reuse, kernel_initializer, bias_initializer)}: {@code
 * r, u = split(σ(concat([x, h]) · Wg + bg), 2)}, {@code c = tanh(concat([x, r·h]) · Wc + bc)},
 * {@code h' = u·h + (1 − u)·c}. Variables {@code gru_cell/gates/kernel [depth+units, 2·units]},
 * {@code gates/bias [2·units]} (1.0 unless a bias initializer is given), {@code
 * candidate/kernel [depth+units, units]}, {@code candidate/bias [units]} (zeros).
 *
 * <pre>{@code
 * RnnResult r = Rnn.dynamicRnn(new GruCell(4), x, DType.FLOAT32);
 * // rnn/gru_cell/gates/kernel [7,8], rnn/gru_cell/candidate/bias [4], ...
 * }</pre>
 */
public final class GruCell extends LayerRnnCell {
  private final int numUnits;
  private final UnaryOperator<Output> activation;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private Variable gateKernel;
  private Variable gateBias;
  private Variable candidateKernel;
  private Variable candidateBias;

  /** {@code GRUCell(numUnits)}. */
  public GruCell(int numUnits) {
    this(numUnits, null, null, null, null, null);
  }

  /**
   * {@code GRUCell(num_units, activation, reuse, kernel_initializer, bias_initializer, name)}; any
   * argument but {@code numUnits} may be null for TF's default.
   */
  public GruCell(int numUnits, UnaryOperator<Output> activation, Reuse reuse,
      Initializer kernelInitializer, Initializer biasInitializer, String name) {
    super(name, reuse);
    this.numUnits = numUnits;
    this.activation = activation != null ? activation : CellMath.TANH;
    this.kernelInitializer = kernelInitializer;
    this.biasInitializer = biasInitializer;
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
    return "GRUCell";
  }

  /** gates/kernel, gates/bias, candidate/kernel, candidate/bias once built. */
  public List<Variable> variables() {
    return List.of(gateKernel, gateBias, candidateKernel, candidateBias);
  }

  @Override
  protected void build(Graph g, long inputDepth) {
    long units = numUnits;
    gateKernel = addVariable(g, "gates/kernel", Shape.of(inputDepth + units, 2 * units),
        kernelInitializer);
    gateBias = addVariable(g, "gates/bias", Shape.of(2 * units),
        biasInitializer != null ? biasInitializer : Initializers.constant(1.0));
    candidateKernel = addVariable(g, "candidate/kernel", Shape.of(inputDepth + units, units),
        kernelInitializer);
    candidateBias = addVariable(g, "candidate/bias", Shape.of(units),
        biasInitializer != null ? biasInitializer : Initializers.zeros());
  }

  @Override
  protected CellOutput compute(Output inputs, Object state) {
    Ops tf = Ops.create(inputs.graph());
    Output h = single(state, "GRUCell");
    Output value = tf.sigmoid(CellMath.linear(inputs, h, gateKernel.value(), gateBias.value()));
    List<Output> ru = tf.split(value, 2, 1);
    Output rState = tf.mul(ru.get(0), h);
    Output c = activation.apply(
        CellMath.linear(inputs, rState, candidateKernel.value(), candidateBias.value()));
    Output newH = tf.addV2(tf.mul(ru.get(1), h),
        tf.mul(CellMath.withScalar("Sub", "sub", ru.get(1), 1.0, true), c));
    return new CellOutput(newH, newH);
  }
}
