package org.tensorgraph.rnn;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;

/**
 * TF1's {@code RNNCell}: one step of a recurrent network. {@link #call} maps {@code (inputs [batch,
 * depth], state)} to {@code (output [batch, outputSize], newState)}, adding ops to the graph the
 * inputs live in (a loop body inside {@link Rnn#dynamicRnn}). Variables are created on the first
 * call, under the variable scope current then, and reused by later calls.
 *
 * <pre>{@code
 * RnnCell cell = new BasicRnnCell(4);
 * Object h0 = cell.zeroState(graph, 2, DType.FLOAT32);      // "BasicRNNCellZeroState/zeros"
 * CellOutput step = cell.call(x, h0);                        // x: [2, 3]
 * step.output();                                             // "basic_rnn_cell/Tanh:0" [2,4]
 * }</pre>
 */
public abstract class RnnCell {
  /**
   * The state's structure of sizes: an {@code Integer}, an {@link LstmStateTuple} of Integers, or
   * a {@code List} of those (TF's {@code state_size}).
   */
  public abstract Object stateSize();

  /** The size of one step's output, without the batch dimension (TF's {@code output_size}). */
  public abstract int outputSize();

  /** One step: adds the cell's ops under its scope and returns {@code (output, newState)}. */
  public abstract CellOutput call(Output inputs, Object state);

  /**
   * {@code cell(inputs, state, scope=scope)}: the step under variable scope {@code scope} (a cell
   * with variables names its scope so on its first call: {@code <scope>/kernel}).
   */
  public CellOutput call(Output inputs, Object state, String scope) {
    if (scope == null) {
      return call(inputs, state);
    }
    try (VariableScopeHandle h = Variables.variableScope(inputs.graph(), scope)) {
      return call(inputs, state);
    }
  }

  /** TF's Python class name, used for the zero state's name scope ({@code "BasicRNNCell"}). */
  protected abstract String tfClassName();

  /**
   * {@code cell.zero_state(batch_size, dtype)} for a known batch size: zeros of the state's
   * structure, each {@code [batchSize, size]}, under name scope {@code <Class>ZeroState}.
   */
  public Object zeroState(Graph graph, int batchSize, DType dtype) {
    return zeroState(graph, null, batchSize, dtype);
  }

  /** {@code cell.zero_state(batch_size, dtype)} for a batch size computed in the graph (int32). */
  public Object zeroState(Output batchSize, DType dtype) {
    return zeroState(batchSize.graph(), batchSize, Shape.UNKNOWN, dtype);
  }

  /**
   * The zero state, with the batch given by a tensor (null if static) and its static value (or
   * {@link Shape#UNKNOWN}). Wrappers and {@link MultiRnnCell} override it to nest the scopes as TF.
   */
  protected Object zeroState(Graph g, Output batch, long staticBatch, DType dtype) {
    try (Scope s = g.withNameScope(tfClassName() + "ZeroState")) {
      return zeroStateTensors(g, stateSize(), batch, staticBatch, dtype);
    }
  }

  /** TF's {@code _zero_state_tensors}: {@code zeros(concat([batch], [size]))} per leaf. */
  static Object zeroStateTensors(Graph g, Object sizes, Output batch, long staticBatch,
      DType dtype) {
    return RnnNest.map(sizes, size -> {
      Ops tf = Ops.create(g);
      int n = (Integer) size;
      Output p = batch != null ? tf.expandDims(batch, 0)
          : tf.constant(new int[] {(int) staticBatch});
      Output dims = tf.concat(List.of(p, tf.constant(new int[] {n})), 0);
      Output zeros;
      try (Scope z = g.withNameScope("zeros")) {
        Output zero = Ops.create(g).constant(zeroScalar(dtype));
        zeros = Ops.create(g).withName(z.absoluteName()).fill(dims, zero);
      }
      zeros.setShape(Shape.of(staticBatch, n));
      return zeros;
    });
  }

  private static Tensor zeroScalar(DType dtype) {
    return dtype == DType.FLOAT64 ? Tensor.of(0.0) : Tensor.of(0f);
  }

  // ---------------------------------------------------------------- checks shared by the cells

  /** TF's {@code _check_supported_dtypes}. */
  static void checkSupportedDtype(DType dtype) {
    if (!dtype.isFloating()) {
      throw new IllegalArgumentException("RNN cell only supports floating point inputs, but saw "
          + "dtype: <dtype: '" + dtype.numpyName() + "'>");
    }
  }

  /** TF's {@code _check_rnn_cell_input_dtypes([inputs, state])}. */
  static void checkInputDtypes(Output inputs, Object state) {
    checkSupportedDtype(inputs.dtype());
    for (Object o : RnnNest.flatten(state)) {
      if (o instanceof Output out) {
        checkSupportedDtype(out.dtype());
      }
    }
  }

  /** Requires an {@code Output} state (cells without tuple state). */
  static Output single(Object state, String cell) {
    if (!(state instanceof Output o)) {
      throw new IllegalArgumentException(cell + " expects its state to be a single tensor, but "
          + "saw: " + state);
    }
    return o;
  }

  /** TF's Python class name to layer name: {@code BasicRNNCell} to {@code basic_rnn_cell}. */
  static String toSnakeCase(String name) {
    String s = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
