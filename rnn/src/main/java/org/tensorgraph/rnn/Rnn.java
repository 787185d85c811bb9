package org.tensorgraph.rnn;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.VariableScope;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;

/**
 * TF1's RNN drivers: {@code tf.nn.dynamic_rnn} (one {@code While} node), {@code
 * tf.nn.bidirectional_dynamic_rnn} and {@code tf.nn.static_rnn} (unrolled), with TF's scopes, op
 * order, sequence-length semantics and error texts.
 *
 * <p>The article's programs, in Java:
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Ops tf = Ops.create(g);
 * Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
 * RnnResult one = Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32);
 * // one.outputs(): [?,2,4]; one.state(): [?,4]
 *
 * // two layers (a new graph): the state is a List of two [?,4] tensors
 * RnnCell two = new MultiRnnCell(List.of(new BasicRnnCell(4), new BasicRnnCell(4)));
 * RnnResult r = Rnn.dynamicRnn(two, x, DType.FLOAT32);
 *
 * try (Session s = new Session(g)) {
 *   s.run(Variables.globalVariablesInitializer(g));
 *   List<Object> v = s.run(List.of(r.outputs(), r.state()), Map.of(x, Tensor.of(X)));
 * }
 * }</pre>
 *
 * <p>With {@code sequenceLength}, outputs past a sequence's length are zeros and its state is
 * carried through unchanged; the loop stops after {@code min(T, max(1, max(lengths)))} steps.
 */
public final class Rnn {
  private Rnn() {}

  /** {@code tf.nn.dynamic_rnn(cell, inputs, dtype=dtype)}. */
  public static RnnResult dynamicRnn(RnnCell cell, Output inputs, DType dtype) {
    return dynamicRnn(cell, inputs, RnnOptions.dtype(dtype));
  }

  /**
   * {@code tf.nn.dynamic_rnn(cell, inputs, sequence_length, initial_state, dtype,
   * parallel_iterations, swap_memory, time_major, scope)}.
   *
   * @param inputs [batch, time, depth] ([time, batch, depth] when time-major); depth known
   * @throws IllegalArgumentException with TF's texts: {@code If there is no initial_state, you
   *     must give a dtype.}, {@code sequence_length must be a vector of length batch_size, but saw
   *     shape: (4, 1)}, {@code Expected input tensor ... to have rank at least 2}, {@code Input
   *     size (depth of inputs) must be accessible via shape inference, but saw value None.}, the
   *     cells' errors, and variable reuse errors ({@code Variable rnn/basic_rnn_cell/kernel
   *     already exists, disallowed. ...})
   */
  public static RnnResult dynamicRnn(RnnCell cell, Output inputs, RnnOptions o) {
    assertLikeRnnCell("cell", cell);
    Graph g = inputs.graph();
    try (VariableScopeHandle vs = enterScope(g, o.scope(), "rnn")) {
      Output input = o.timeMajor() ? inputs : transposeBatchTime(g, inputs);
      int parallel = o.parallelIterations() > 0 ? o.parallelIterations() : 32;
      Output seqLen = o.sequenceLength() == null ? null : prepareSequenceLength(g,
          o.sequenceLength());
      BatchSize batch = BatchSize.bestEffort(g, input);
      Object state = initialState(g, cell, o.initialState(), o.dtype(), batch);
      if (seqLen != null) {
        seqLen = checkSeqLen(g, seqLen, batch);
      }
      RnnResult r = DynamicRnnLoop.run(cell, input, state, parallel, seqLen, o.dtype());
      Output outputs = o.timeMajor() ? r.outputs() : transposeBatchTime(g, r.outputs());
      return new RnnResult(outputs, r.state());
    }
  }

  /**
   * {@code tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, ...)}: under scope {@code
   * bidirectional_rnn}, the forward pass in {@code fw} and the backward pass over the reversed
   * inputs ({@code reverse_sequence} by length when given, else {@code reverse}) in {@code bw}.
   * {@code o.initialState()} is the forward cell's, {@code o.initialStateBw()} the backward's.
   */
  public static BidirectionalRnnResult bidirectionalDynamicRnn(RnnCell cellFw, RnnCell cellBw,
      Output inputs, RnnOptions o) {
    assertLikeRnnCell("cell_fw", cellFw);
    assertLikeRnnCell("cell_bw", cellBw);
    Graph g = inputs.graph();
    RnnResult fw;
    RnnResult bw;
    int timeAxis = o.timeMajor() ? 0 : 1;
    int batchAxis = o.timeMajor() ? 1 : 0;
    try (VariableScopeHandle outer = enterScope(g, o.scope(), "bidirectional_rnn")) {
      try (VariableScopeHandle s = Variables.variableScope(g, "fw")) {
        fw = dynamicRnn(cellFw, inputs, o.scope(s.scope()));
      }
      try (VariableScopeHandle s = Variables.variableScope(g, "bw")) {
        Output reversed = reverse(g, inputs, o.sequenceLength(), timeAxis, batchAxis);
        bw = dynamicRnn(cellBw, reversed, o.initialState(o.initialStateBw()).scope(s.scope()));
      }
    }
    Output outBw = reverse(g, bw.outputs(), o.sequenceLength(), timeAxis, batchAxis);
    return new BidirectionalRnnResult(fw.outputs(), outBw, fw.state(), bw.state());
  }

  private static Output reverse(Graph g, Output x, Output seqLen, int timeAxis, int batchAxis) {
    Ops tf = Ops.create(g);
    return seqLen != null ? tf.reverseSequence(x, seqLen, timeAxis, batchAxis)
        : tf.reverse(x, timeAxis);
  }

  /**
   * {@code tf.nn.static_rnn(cell, inputs, initial_state, dtype, sequence_length, scope)}: the
   * cell unrolled over a list of [batch, depth] inputs, one call per step (ops {@code
   * rnn/basic_rnn_cell/MatMul}, {@code .../MatMul_1}, ...). With {@code sequenceLength}, outputs
   * past a length are zeros and the state is carried through, as in {@link #dynamicRnn} (TF
   * selects with {@code cond}s here; the values are the same).
   *
   * @throws IllegalArgumentException {@code inputs must not be empty}, {@code If no initial_state
   *     is provided, dtype must be specified}, {@code sequence_length must be a vector of length
   *     batch_size}, {@code Input size (dimension 0 of inputs) must be accessible via shape
   *     inference, but saw value None.}
   */
  public static StaticRnnResult staticRnn(RnnCell cell, List<Output> inputs, RnnOptions o) {
    assertLikeRnnCell("cell", cell);
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must not be empty");
    }
    Graph g = inputs.get(0).graph();
    try (VariableScopeHandle vs = enterScope(g, o.scope(), "rnn")) {
      BatchSize batch = BatchSize.forStatic(g, inputs);
      Object state = o.initialState();
      if (state == null) {
        if (o.dtype() == null) {
          throw new IllegalArgumentException("If no initial_state is provided, dtype must be "
              + "specified");
        }
        state = batch.zeroState(cell, g, o.dtype());
      }
      StaticSeq seq = o.sequenceLength() == null ? null
          : StaticSeq.prepare(g, o.sequenceLength(), cell, batch, o.dtype(), state);
      List<Output> outputs = new ArrayList<>();
      for (int t = 0; t < inputs.size(); t++) {
        CellOutput step = cell.call(inputs.get(t), state);
        if (seq != null) {
          step = DynamicRnnLoop.copyThrough(Ops.create(g), Ops.create(g).constant(t),
              seq.seqLen(), seq.zeroOutput(), state, step);
        }
        outputs.add(step.output());
        state = step.state();
      }
      return new StaticRnnResult(outputs, state);
    }
  }

  /** static_rnn's prepared lengths and zero output. */
  private record StaticSeq(Output seqLen, Output zeroOutput) {
    static StaticSeq prepare(Graph g, Output lengths, RnnCell cell, BatchSize batch,
        DType dtype, Object state) {
      Ops tf = Ops.create(g);
      Output s = lengths; // TF's convert_to_tensor(name="sequence_length") adds no op here
      if (s.shape().hasRank() && s.shape().rank() != 1) {
        throw new IllegalArgumentException("sequence_length must be a vector of length "
            + "batch_size");
      }
      Output zero = DynamicRnnLoop.zeros(g, batch, cell.outputSize(),
          DynamicRnnLoop.inferStateDtype(dtype, state));
      Output len = tf.cast(s, DType.INT32);
      tf.reduceMin(len, new int[] {0}, false); // TF builds both (its conds use them)
      tf.reduceMax(len, new int[] {0}, false);
      return new StaticSeq(len, zero);
    }
  }

  // ---------------------------------------------------------------- dynamic_rnn's steps

  /** TF's {@code assert_like_rnncell}. */
  static void assertLikeRnnCell(String name, RnnCell cell) {
    if (cell == null) {
      throw new IllegalArgumentException("The argument '" + name + "' (None) is not an RNNCell: "
          + "'output_size' property is missing, 'state_size' property is missing, either "
          + "'zero_state' or 'get_initial_state' method is required, is not callable.");
    }
  }

  /** {@code variable_scope(scope or default)}: a name, a scope object, or the default name. */
  static VariableScopeHandle enterScope(Graph g, Object scope, String defaultName) {
    if (scope instanceof VariableScope vs) {
      return Variables.variableScope(g, vs, Reuse.INHERIT, true);
    }
    String name = scope instanceof String s && !s.isEmpty() ? s : defaultName;
    return Variables.variableScope(g, name);
  }

  /**
   * TF's {@code _transpose_batch_time}: {@code transpose(x, concat([1, 0], range(2, rank)))}
   * with the static shape restored; tensors of rank below 2 pass through.
   */
  static Output transposeBatchTime(Graph g, Output x) {
    Shape s = x.shape();
    if (s.hasRank() && s.rank() < 2) {
      return x;
    }
    Ops tf = Ops.create(g);
    Output rank = tf.rank(x);
    Output range;
    try (Scope r = g.withNameScope("range")) {
      Output start = Ops.create(g).withName("start").constant(2);
      Output delta = Ops.create(g).withName("delta").constant(1);
      range = Ops.create(g).withName(r.absoluteName()).range(start, rank, delta);
    }
    Output perm;
    try (Scope c = g.withNameScope("concat")) {
      Output first = Ops.create(g).withName("values_0").constant(new int[] {1, 0});
      Output axis = Ops.create(g).withName("axis").constant(0);
      perm = g.opBuilder("ConcatV2", c.absoluteName()).addInputList(List.of(first, range))
          .addInput(axis).build().output(0);
    }
    Output xt = tf.transpose(x, perm);
    if (s.hasRank()) {
      xt.setShape(Shape.of(s.dim(1), s.dim(0)).concatenate(s.subShape(2, s.rank())));
    }
    return xt;
  }

  /** Cast to int32, the rank check, and {@code identity(name="sequence_length")}. */
  private static Output prepareSequenceLength(Graph g, Output lengths) {
    Ops tf = Ops.create(g);
    Output s = tf.cast(lengths, DType.INT32);
    if (s.shape().hasRank() && s.shape().rank() != 1) {
      throw new IllegalArgumentException("sequence_length must be a vector of length batch_size, "
          + "but saw shape: " + s.shape().toPythonString());
    }
    return tf.withName("sequence_length").identity(s);
  }

  /** The given state, or the cell's zero state for {@code dtype}. */
  private static Object initialState(Graph g, RnnCell cell, Object given, DType dtype,
      BatchSize batch) {
    if (given != null) {
      return given;
    }
    if (dtype == null) {
      throw new IllegalArgumentException("If there is no initial_state, you must give a dtype.");
    }
    return batch.zeroState(cell, g, dtype);
  }

  /**
   * {@code Assert(reduce_all(equal(shape(seq_len), stack([batch_size]))))} as a control input of
   * {@code identity(seq_len, name="CheckSeqLen")}: a length vector of the wrong size fails at run
   * time with InvalidArgumentError. (TF's Assert also carries message strings; this runtime has no
   * string tensors, so the message holds the two shapes only.)
   */
  private static Output checkSeqLen(Graph g, Output seqLen, BatchSize batch) {
    Ops tf = Ops.create(g);
    Output xShape = tf.shape(seqLen);
    Output packed = tf.stack(List.of(batch.tensor(g)), 0);
    Output all = tf.reduceAll(tf.equal(xShape, packed), new int[] {0}, false);
    Operation check;
    try (Scope a = g.withNameScope("Assert")) {
      check = g.opBuilder("Assert", "Assert").addInput(all).addInputList(List.of(packed, xShape))
          .build();
    }
    try (AutoCloseable deps = g.withControlDependencies(List.of(check))) {
      return tf.withName("CheckSeqLen").identity(seqLen);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
