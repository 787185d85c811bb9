package org.tensorgraph.rnn;

import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.Variable;

/**
 * TF's {@code BasicLSTMCell(num_units, forget_bias=1.0, state_is_tuple=True)}: gates {@code i, j,
 * f, o = split(concat([x, h]) · W + b, 4)}, {@code c' = c·σ(f + forget_bias) + σ(i)·tanh(j)},
 * {@code h' = tanh(c')·σ(o)}. The state is {@code LstmStateTuple(c', h')}, or {@code concat([c',
 * h'], 1)} when {@code stateIsTuple} is false. Variables {@code basic_lstm_cell/kernel
 * [depth+units, 4·units]} and {@code basic_lstm_cell/bias [4·units]} (zeros).
 *
 * <pre>{@code
 * RnnResult r = Rnn.dynamicRnn(new BasicLstmCell(5), x, DType.FLOAT32);
 * LstmStateTuple<?> s = (LstmStateTuple<?>) r.state();   // s.c(), s.h(): [batch, 5]
 * }</pre>
 */
public final class BasicLstmCell extends LayerRnnCell {
  private final int numUnits;
  private final double forgetBias;
  private final boolean stateIsTuple;
  private final UnaryOperator<Output> activation;
  private Variable kernel;
  private Variable bias;

  /** {@code BasicLSTMCell(numUnits)}: forget bias 1.0, tuple state, tanh. */
  public BasicLstmCell(int numUnits) {
    this(numUnits, 1.0, true, null, null, null);
  }

  /**
   * {@code BasicLSTMCell(num_units, forget_bias, state_is_tuple, activation, reuse, name)}.
   *
   * @param activation null for tanh
   * @param reuse null to inherit
   * @param name null for "basic_lstm_cell"
   */
  public BasicLstmCell(int numUnits, double forgetBias, boolean stateIsTuple,
      UnaryOperator<Output> activation, Reuse reuse, String name) {
    super(name, reuse);
    this.numUnits = numUnits;
    this.forgetBias = forgetBias;
    this.stateIsTuple = stateIsTuple;
    this.activation = activation != null ? activation : CellMath.TANH;
  }

  @Override
  public Object stateSize() {
    return stateIsTuple ? new LstmStateTuple<>(numUnits, numUnits) : 2 * numUnits;
  }

  @Override
  public int outputSize() {
    return numUnits;
  }

  @Override
  protected String tfClassName() {
    return "BasicLSTMCell";
  }

  public Variable kernel() {
    return kernel;
  }

  public Variable bias() {
    return bias;
  }

  @Override
  protected void build(Graph g, long inputDepth) {
    kernel = addVariable(g, "kernel", Shape.of(inputDepth + numUnits, 4L * numUnits), null);
    bias = addVariable(g, "bias", Shape.of(4L * numUnits), Initializers.zeros());
  }

  @Override
  protected CellOutput compute(Output inputs, Object state) {
    Ops tf = Ops.create(inputs.graph());
    Output one = tf.constant(1);
    Output c;
    Output h;
    if (stateIsTuple) {
      LstmStateTuple<?> t = tuple(state);
      c = (Output) t.c();
      h = (Output) t.h();
    } else {
      List<Output> ch = tf.split(single(state, "BasicLSTMCell"), 2, one);
      c = ch.get(0);
      h = ch.get(1);
    }
    Output gates = CellMath.linear(inputs, h, kernel.value(), bias.value());
    List<Output> ijfo = tf.split(gates, 4, one);
    Output fb = tf.constant(CellMath.scalar(inputs.dtype(), forgetBias));
    Output newC = tf.add(tf.multiply(c, tf.sigmoid(tf.add(ijfo.get(2), fb))),
        tf.multiply(tf.sigmoid(ijfo.get(0)), activation.apply(ijfo.get(1))));
    Output newH = tf.multiply(activation.apply(newC), tf.sigmoid(ijfo.get(3)));
    Object newState = stateIsTuple ? new LstmStateTuple<>(newC, newH)
        : tf.concat(List.of(newC, newH), 1);
    return new CellOutput(newH, newState);
  }

  /** The state as a tuple, or TF's unpacking error. */
  static LstmStateTuple<?> tuple(Object state) {
    if (state instanceof LstmStateTuple<?> t) {
      return t;
    }
    if (state instanceof List<?> l && l.size() == 2) {
      return new LstmStateTuple<>(l.get(0), l.get(1));
    }
    throw new IllegalArgumentException("Expected an LSTMStateTuple (c, h) as the state, but saw: "
        + state);
  }
}
