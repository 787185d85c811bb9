package org.tensorgraph.rnn;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.controlflow.ControlFlow;
import org.tensorgraph.ops.controlflow.TensorArray;
import org.tensorgraph.ops.controlflow.WhileOptions;

/**
 * TF's {@code _dynamic_rnn_loop}: the time-major input unstacked into a TensorArray, one {@code
 * While} whose body reads step {@code time}, calls the cell (masking by length when given) and
 * writes the output into another TensorArray, then the outputs stacked.
 */
final class DynamicRnnLoop {
  private DynamicRnnLoop() {}

  /** The loop over a time-major {@code input} [T, B, D] from {@code state}. */
  static RnnResult run(RnnCell cell, Output input, Object state, int parallelIterations,
      Output seqLen, DType dtype) {
    Graph g = input.graph();
    Ops tf = Ops.create(g);
    Output timeSteps = tf.index(tf.shape(input), 0);
    BatchSize batch = BatchSize.bestEffort(g, input);
    Shape got = checkInputShape(input.shape());
    long constTime = got.dim(0);
    long constBatch = got.dim(1);
    DType stateType = inferStateDtype(dtype, state);
    Output zeroOutput = zeros(g, batch, cell.outputSize(), stateType);
    Output maxSeq = timeSteps;
    if (seqLen != null) {
      tf.reduceMin(seqLen, new int[] {0}, false); // TF builds it; only its conds read it
      maxSeq = tf.reduceMax(seqLen, new int[] {0}, false);
    }
    Output time = tf.withName("time").constant(0);
    TensorArray outTa = TensorArray.create(g, stateType, timeSteps,
        Shape.of(constBatch, cell.outputSize()));
    Shape stepShape = got.subShape(1, got.rank());
    TensorArray inTa = TensorArray.create(g, input.dtype(), timeSteps, stepShape).unstack(input);
    Output loopBound = tf.minimum(timeSteps,
        CellMath.withScalar(g, "Maximum", "Maximum", maxSeq, 1, true));
    List<Output> flatState = RnnNest.flatten(state);
    List<Output> loopVars = new ArrayList<>(List.of(time, outTa.handle()));
    loopVars.addAll(flatState);
    WhileOptions options = WhileOptions.defaults().parallelIterations(parallelIterations)
        .maximumIterations(timeSteps);
    Step step = new Step(cell, inTa, outTa, stepShape, state, seqLen, zeroOutput);
    List<Output> res = ControlFlow.whileLoop(g, (t, v) -> t.less(v.get(0), loopBound),
        step::apply, loopVars, options);
    Output outputs = outTa.withHandle(res.get(1)).stack();
    outputs.setShape(Shape.of(constTime, constBatch, cell.outputSize()));
    Object finalState = RnnNest.pack(state, res.subList(2, res.size()));
    return new RnnResult(outputs, finalState);
  }

  /** TF's {@code _time_step}, built once in the loop body. */
  private record Step(RnnCell cell, TensorArray inTa, TensorArray outTa, Shape stepShape,
      Object state, Output seqLen, Output zeroOutput) {
    List<Output> apply(Ops tf, List<Output> v) {
      Output time = v.get(0);
      Output input = inTa.in(tf).read(time);
      input.setShape(stepShape);
      Object st = RnnNest.pack(state, v.subList(2, v.size()));
      CellOutput out = cell.call(input, st);
      if (seqLen != null) {
        out = copyThrough(tf, time, seqLen, zeroOutput, st, out);
      }
      TensorArray written = outTa.withHandle(v.get(1)).write(time, out.output());
      Output next = CellMath.withScalar(tf.graph(), "AddV2", "add", time, 1, false);
      List<Output> r = new ArrayList<>(List.of(next, written.handle()));
      List<Output> flatNew = RnnNest.flatten(out.state());
      if (flatNew.size() != v.size() - 2) {
        throw new IllegalArgumentException("The two structures don't have the same nested "
            + "structure.\n\nFirst structure: " + state + "\n\nSecond structure: " + out.state());
      }
      r.addAll(flatNew);
      return r;
    }
  }

  /**
   * TF's {@code _rnn_step(..., skip_conditionals=True)}: where {@code time >= seq_len[b]} the
   * output is zeros and the state the old one ({@code Select} per tensor), shapes restored.
   */
  static CellOutput copyThrough(Ops tf, Output time, Output seqLen, Output zeroOutput,
      Object oldState, CellOutput computed) {
    Output out = copyOne(tf, time, seqLen, zeroOutput, computed.output());
    out.setShape(zeroOutput.shape());
    List<Output> olds = RnnNest.flatten(oldState);
    List<Output> news = RnnNest.flatten(computed.state());
    if (olds.size() != news.size()) {
      throw new IllegalArgumentException("The two structures don't have the same nested "
          + "structure.\n\nFirst structure: " + oldState + "\n\nSecond structure: "
          + computed.state());
    }
    List<Output> kept = new ArrayList<>();
    for (int i = 0; i < olds.size(); i++) {
      Output s = copyOne(tf, time, seqLen, olds.get(i), news.get(i));
      s.setShape(olds.get(i).shape());
      kept.add(s);
    }
    return new CellOutput(out, RnnNest.pack(computed.state(), kept));
  }

  /** {@code where(time >= seq_len, old, new)}; scalars pass through. */
  private static Output copyOne(Ops tf, Output time, Output seqLen, Output old, Output neu) {
    if (old.shape().hasRank() && old.shape().rank() == 0) {
      return neu;
    }
    Output copy = tf.greaterEqual(time, seqLen);
    return tf.where(copy, old, neu);
  }

  /** The input's static shape checks, with TF's texts. */
  private static Shape checkInputShape(Shape s) {
    if (s.hasRank() && s.rank() < 3) {
      throw new IllegalArgumentException("Shape " + s.toPythonString()
          + " must have rank at least 3");
    }
    if (!s.hasRank() || !s.subShape(2, s.rank()).isFullyDefined()) {
      throw new IllegalArgumentException("Input size (depth of inputs) must be accessible via "
          + "shape inference, but saw value None.");
    }
    return s;
  }

  /** TF's {@code _infer_state_dtype}. */
  static DType inferStateDtype(DType explicit, Object state) {
    if (explicit != null) {
      return explicit;
    }
    List<Output> flat = RnnNest.flatten(state);
    if (flat.isEmpty()) {
      throw new IllegalArgumentException("Unable to infer dtype from empty state.");
    }
    DType first = flat.get(0).dtype();
    for (Output o : flat) {
      if (o.dtype() != first) {
        throw new IllegalArgumentException("State has tensors of different inferred_dtypes. "
            + "Unable to infer a single representative dtype.");
      }
    }
    return first;
  }

  /** TF's {@code _create_zero_arrays}: zeros [batch, size] with the static shape set. */
  static Output zeros(Graph g, BatchSize batch, int size, DType dtype) {
    Ops tf = Ops.create(g);
    Output dims = tf.concat(List.of(batch.isStatic()
        ? tf.constant(new int[] {(int) batch.value()}) : tf.expandDims(batch.dynamic(), 0),
        tf.constant(new int[] {size})), 0);
    Output z;
    try (Scope s = g.withNameScope("zeros")) {
      Output zero = Ops.create(g).constant(CellMath.scalar(dtype, 0));
      z = Ops.create(g).withName(s.absoluteName()).fill(dims, zero);
    }
    z.setShape(Shape.of(batch.value(), size));
    return z;
  }
}
