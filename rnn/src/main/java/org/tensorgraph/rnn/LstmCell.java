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
 * TF's {@code LSTMCell}: {@link BasicLstmCell} plus optional peepholes ({@code w_f_diag},
 * {@code w_i_diag}, {@code w_o_diag} [units]), cell clipping, an output projection ({@code
 * projection/kernel [units, num_proj]}) with its own clipping, and a kernel initializer. The state
 * is {@code LstmStateTuple(c [units], m [num_proj or units])}; the output is m.
 *
 * <pre>{@code
 * LstmCell cell = LstmCell.builder(8).usePeepholes(true).cellClip(3.0).numProj(4).build();
 * RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
 * // variables rnn/lstm_cell/{kernel [depth+4, 32], bias [32], w_f_diag [8], w_i_diag [8],
 * //   w_o_diag [8], projection/kernel [8, 4]}
 * }</pre>
 */
public final class LstmCell extends LayerRnnCell {
  private final Builder p;
  private final UnaryOperator<Output> activation;
  private Variable kernel;
  private Variable bias;
  private Variable wf;
  private Variable wi;
  private Variable wo;
  private Variable proj;

  /** {@code LSTMCell(numUnits)} with TF's defaults. */
  public LstmCell(int numUnits) {
    this(builder(numUnits));
  }

  private LstmCell(Builder b) {
    super(b.name, b.reuse);
    this.p = b;
    this.activation = b.activation != null ? b.activation : CellMath.TANH;
  }

  /** The constructor's many optional arguments, named as TF's. */
  public static Builder builder(int numUnits) {
    return new Builder(numUnits);
  }

  /** Optional arguments of {@code LSTMCell(...)}; each setter is TF's keyword argument. */
  public static final class Builder {
    private final int numUnits;
    private boolean usePeepholes;
    private Double cellClip;
    private Initializer initializer;
    private Integer numProj;
    private Double projClip;
    private double forgetBias = 1.0;
    private boolean stateIsTuple = true;
    private UnaryOperator<Output> activation;
    private Reuse reuse;
    private String name;

    private Builder(int numUnits) {
      this.numUnits = numUnits;
    }

    public Builder usePeepholes(boolean v) {
      usePeepholes = v;
      return this;
    }

    /** Clip the cell state to [-v, v]; null for none. */
    public Builder cellClip(Double v) {
      cellClip = v;
      return this;
    }

    /** For the kernel, peepholes and projection; null for the scope's or glorot-uniform. */
    public Builder initializer(Initializer v) {
      initializer = v;
      return this;
    }

    /** The output projection's size; null for none. */
    public Builder numProj(Integer v) {
      numProj = v;
      return this;
    }

    /** Clip the projected output to [-v, v]; null for none. */
    public Builder projClip(Double v) {
      projClip = v;
      return this;
    }

    public Builder forgetBias(double v) {
      forgetBias = v;
      return this;
    }

    public Builder stateIsTuple(boolean v) {
      stateIsTuple = v;
      return this;
    }

    public Builder activation(UnaryOperator<Output> v) {
      activation = v;
      return this;
    }

    public Builder reuse(Reuse v) {
      reuse = v;
      return this;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public LstmCell build() {
      return new LstmCell(this);
    }
  }

  private int projSize() {
    return p.numProj != null ? p.numProj : p.numUnits;
  }

  @Override
  public Object stateSize() {
    return p.stateIsTuple ? new LstmStateTuple<>(p.numUnits, projSize()) : p.numUnits + projSize();
  }

  @Override
  public int outputSize() {
    return projSize();
  }

  @Override
  protected String tfClassName() {
    return "LSTMCell";
  }

  /** The variables once built, in creation order (absent ones omitted). */
  public List<Variable> variables() {
    return java.util.stream.Stream.of(kernel, bias, wf, wi, wo, proj)
        .filter(java.util.Objects::nonNull).toList();
  }

  @Override
  protected void build(Graph g, long inputDepth) {
    long units = p.numUnits;
    kernel = addVariable(g, "kernel", Shape.of(inputDepth + projSize(), 4 * units), p.initializer);
    bias = addVariable(g, "bias", Shape.of(4 * units), Initializers.zeros());
    if (p.usePeepholes) {
      wf = addVariable(g, "w_f_diag", Shape.of(units), p.initializer);
      wi = addVariable(g, "w_i_diag", Shape.of(units), p.initializer);
      wo = addVariable(g, "w_o_diag", Shape.of(units), p.initializer);
    }
    if (p.numProj != null) {
      proj = addVariable(g, "projection/kernel", Shape.of(units, p.numProj), p.initializer);
    }
  }

  @Override
  protected CellOutput compute(Output inputs, Object state) {
    Ops tf = Ops.create(inputs.graph());
    Output cPrev;
    Output mPrev;
    if (p.stateIsTuple) {
      LstmStateTuple<?> t = BasicLstmCell.tuple(state);
      cPrev = (Output) t.c();
      mPrev = (Output) t.h();
    } else {
      Output s = single(state, "LSTMCell");
      cPrev = tf.slice(s, new int[] {0, 0}, new int[] {-1, p.numUnits});
      mPrev = tf.slice(s, new int[] {0, p.numUnits}, new int[] {-1, projSize()});
    }
    Output lstm = CellMath.linear(inputs, mPrev, kernel.value(), bias.value());
    List<Output> ijfo = tf.split(lstm, 4, 1);
    Output c = newCellState(tf, ijfo, cPrev);
    Output m = newOutput(tf, ijfo.get(3), c);
    Object newState = p.stateIsTuple ? new LstmStateTuple<>(c, m) : tf.concat(List.of(c, m), 1);
    return new CellOutput(m, newState);
  }

  /** {@code c = σ(f + fb [+ w_f·c_prev])·c_prev + σ(i [+ w_i·c_prev])·act(j)}, then the clip. */
  private Output newCellState(Ops tf, List<Output> ijfo, Output cPrev) {
    Output fArg = CellMath.withScalar("AddV2", "add", ijfo.get(2), p.forgetBias, false);
    Output iArg = ijfo.get(0);
    if (p.usePeepholes) {
      fArg = tf.addV2(fArg, tf.mul(wf.value(), cPrev));
      iArg = tf.addV2(iArg, tf.mul(wi.value(), cPrev));
    }
    Output c = tf.addV2(tf.mul(tf.sigmoid(fArg), cPrev),
        tf.mul(tf.sigmoid(iArg), activation.apply(ijfo.get(1))));
    if (p.cellClip != null) {
      c = clip(tf, c, p.cellClip);
    }
    return c;
  }

  /** {@code m = σ(o [+ w_o·c])·act(c)}, then the projection and its clip. */
  private Output newOutput(Ops tf, Output o, Output c) {
    Output oArg = p.usePeepholes ? tf.addV2(o, tf.mul(wo.value(), c)) : o;
    Output m = tf.mul(tf.sigmoid(oArg), activation.apply(c));
    if (p.numProj != null) {
      m = tf.matmul(m, proj.value());
      if (p.projClip != null) {
        m = clip(tf, m, p.projClip);
      }
    }
    return m;
  }

  private static Output clip(Ops tf, Output x, double v) {
    return tf.clipByValue(x, tf.constant(CellMath.scalar(x.dtype(), -v)),
        tf.constant(CellMath.scalar(x.dtype(), v)));
  }
}
