package org.tensorgraph.rnn;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.rnn.DropoutOps.Keep;

/**
 * TF's {@code DropoutWrapper}: dropout on the cell's inputs, outputs and (new) state, each with its
 * own keep probability; a keep probability of 1.0 adds no ops. The LSTM {@code c} state is never
 * dropped (TF's default state filter). With a seed, each dropped tensor gets TF's per-element seed
 * {@code md5(str(seed) + "<input|state|output>_<i>")}, so results repeat run to run in a new
 * session. With {@code variationalRecurrent} one mask of shape {@code [1, size]} is drawn per
 * session run and used at every time step (TF's variational dropout).
 *
 * <pre>{@code
 * RnnCell cell = DropoutWrapper.builder(new BasicRnnCell(4)).outputKeepProb(0.5).seed(7L).build();
 * RnnResult r = Rnn.dynamicRnn(cell, x, DType.FLOAT32);
 * }</pre>
 */
public final class DropoutWrapper extends RnnCellWrapper {
  private final Keep inputKeep;
  private final Keep outputKeep;
  private final Keep stateKeep;
  private final Long seed;
  private final boolean variational;
  private final Integer inputSize;
  private final DType dtype;
  private Object inputNoise;
  private Object stateNoise;
  private Object outputNoise;

  private DropoutWrapper(Builder b) {
    super(b.cell);
    this.inputKeep = checkProb("input_keep_prob", b.inputKeep);
    this.stateKeep = checkProb("state_keep_prob", b.stateKeep);
    this.outputKeep = checkProb("output_keep_prob", b.outputKeep);
    this.seed = b.seed;
    this.variational = b.variational;
    this.inputSize = b.inputSize;
    this.dtype = b.dtype;
    if (variational) {
      if (dtype == null) {
        throw new IllegalArgumentException("When variational_recurrent=True, dtype must be "
            + "provided");
      }
      if (inputKeep.drops() && inputSize == null) {
        throw new IllegalArgumentException("When variational_recurrent=True and input_keep_prob "
            + "< 1.0 or is unknown, input_size must be provided");
      }
    }
  }

  /** {@code DropoutWrapper(cell)} with the given probabilities; see {@link Builder}. */
  public DropoutWrapper(RnnCell cell, double inputKeepProb, double outputKeepProb,
      double stateKeepProb, Long seed) {
    this(builder(cell).inputKeepProb(inputKeepProb).outputKeepProb(outputKeepProb)
        .stateKeepProb(stateKeepProb).seed(seed));
  }

  public static Builder builder(RnnCell cell) {
    return new Builder(cell);
  }

  /** TF's keyword arguments; the probabilities default to 1.0. */
  public static final class Builder {
    private final RnnCell cell;
    private Keep inputKeep = Keep.ONE;
    private Keep outputKeep = Keep.ONE;
    private Keep stateKeep = Keep.ONE;
    private Long seed;
    private boolean variational;
    private Integer inputSize;
    private DType dtype;

    private Builder(RnnCell cell) {
      this.cell = cell;
    }

    public Builder inputKeepProb(double p) {
      inputKeep = new Keep(p, null);
      return this;
    }

    /** A keep probability computed in the graph (a float scalar: a placeholder, say). */
    public Builder inputKeepProb(Output p) {
      inputKeep = new Keep(Double.NaN, p);
      return this;
    }

    public Builder outputKeepProb(double p) {
      outputKeep = new Keep(p, null);
      return this;
    }

    /** A keep probability computed in the graph (a float scalar: a placeholder, say). */
    public Builder outputKeepProb(Output p) {
      outputKeep = new Keep(Double.NaN, p);
      return this;
    }

    public Builder stateKeepProb(double p) {
      stateKeep = new Keep(p, null);
      return this;
    }

    /** A keep probability computed in the graph (a float scalar: a placeholder, say). */
    public Builder stateKeepProb(Output p) {
      stateKeep = new Keep(Double.NaN, p);
      return this;
    }

    /** The op seed TF derives each mask's seed from; null for none. */
    public Builder seed(Long s) {
      seed = s;
      return this;
    }

    /**
     * {@code variational_recurrent=True}: {@code dtype} is required, and {@code inputSize} (the
     * inputs' depth) when the input keep probability is below 1.
     */
    public Builder variationalRecurrent(boolean v, Integer inputSize, DType dtype) {
      this.variational = v;
      this.inputSize = inputSize;
      this.dtype = dtype;
      return this;
    }

    public DropoutWrapper build() {
      return new DropoutWrapper(this);
    }
  }

  private static Keep checkProb(String attr, Keep k) {
    if (k.tensor() != null) {
      if (k.tensor().shape().hasRank() && k.tensor().shape().rank() != 0) {
        throw new IllegalArgumentException("Shape " + k.tensor().shape().toPythonString()
            + " must have rank 0");
      }
      return k;
    }
    double p = k.value();
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("Parameter " + attr + " must be between 0 and 1: "
          + (long) p);
    }
    return k;
  }

  @Override
  protected String tfClassName() {
    return "DropoutWrapper";
  }

  @Override
  public CellOutput call(Output inputs, Object state, String scope) {
    if (variational && outputNoise == null) {
      makeNoise(inputs.graph().root());
    }
    Output in = inputKeep.drops()
        ? (Output) dropout(inputs, "input", inputNoise, inputKeep) : inputs;
    CellOutput r = cell.call(in, state, scope);
    Object newState = r.state();
    if (stateKeep.drops()) {
      newState = dropout(newState, "state", stateNoise, stateKeep);
    }
    Output out = r.output();
    if (outputKeep.drops()) {
      out = (Output) dropout(out, "output", outputNoise, outputKeep);
    }
    return new CellOutput(out, newState);
  }

  /** TF's {@code _dropout}: leaf i gets seed {@code _gen_seed(prefix, i)}; LSTM c is kept. */
  private Object dropout(Object values, String prefix, Object noise, Keep keep) {
    List<Object> flat = RnnNest.flatten(values);
    List<Object> noiseFlat = noise != null ? RnnNest.flatten(noise) : null;
    List<Boolean> drop = RnnNest.flatten(filter(values));
    List<Object> out = new java.util.ArrayList<>();
    for (int i = 0; i < flat.size(); i++) {
      Output v = (Output) flat.get(i);
      if (!drop.get(i)) {
        out.add(v);
      } else if (variational) {
        out.add(DropoutOps.variational(v, (Output) noiseFlat.get(i), keep));
      } else {
        out.add(DropoutOps.dropoutV2(v, keep, DropoutOps.genSeed(seed, prefix, i)));
      }
    }
    return RnnNest.pack(values, out);
  }

  /** TF's {@code _default_dropout_state_filter_visitor}: never the c of an LSTM state. */
  private static Object filter(Object values) {
    if (values instanceof LstmStateTuple<?> t) {
      return new LstmStateTuple<>(RnnNest.map(t.c(), x -> false), RnnNest.map(t.h(), x -> true));
    }
    if (values instanceof List<?> l) {
      return l.stream().map(DropoutWrapper::filter).toList();
    }
    return true;
  }

  /**
   * The per-run masks' noise, {@code [1, size]} per leaf, under "DropoutWrapperInit" at the top
   * level: TF draws it in the constructor, before any RNN scope; here the first call does it.
   */
  private void makeNoise(Graph g) {
    try (Scope top = g.withNameScope(""); Scope s = g.withNameScope("DropoutWrapperInit")) {
      if (inputKeep.drops()) {
        inputNoise = batchNoise(g, inputSize, "input");
      }
      stateNoise = batchNoise(g, cell.stateSize(), "state");
      outputNoise = batchNoise(g, cell.outputSize(), "output");
    }
  }

  private Object batchNoise(Graph g, Object sizes, String prefix) {
    int[] i = {0};
    return RnnNest.map(sizes, size -> Ops.create(g).randomUniform(Shape.of(1, (Integer) size),
        0, 1, dtype, DropoutOps.genSeed(seed, prefix, i[0]++)));
  }
}
