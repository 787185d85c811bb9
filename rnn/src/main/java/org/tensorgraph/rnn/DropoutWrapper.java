package org.tensorgraph.rnn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.Seeds;

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
  private final double inputKeep;
  private final double outputKeep;
  private final double stateKeep;
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
      if (inputKeep < 1.0 && inputSize == null) {
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
    private double inputKeep = 1.0;
    private double outputKeep = 1.0;
    private double stateKeep = 1.0;
    private Long seed;
    private boolean variational;
    private Integer inputSize;
    private DType dtype;

    private Builder(RnnCell cell) {
      this.cell = cell;
    }

    public Builder inputKeepProb(double p) {
      inputKeep = p;
      return this;
    }

    public Builder outputKeepProb(double p) {
      outputKeep = p;
      return this;
    }

    public Builder stateKeepProb(double p) {
      stateKeep = p;
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

  private static double checkProb(String attr, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("Parameter " + attr + " must be between 0 and 1: "
          + (long) p);
    }
    return p;
  }

  @Override
  protected String tfClassName() {
    return "DropoutWrapper";
  }

  @Override
  public CellOutput call(Output inputs, Object state) {
    if (variational && outputNoise == null) {
      makeNoise(inputs.graph().root());
    }
    Output in = inputKeep < 1 ? (Output) dropout(inputs, "input", inputNoise, inputKeep) : inputs;
    CellOutput r = cell.call(in, state);
    Object newState = r.state();
    if (stateKeep < 1) {
      newState = dropout(newState, "state", stateNoise, stateKeep);
    }
    Output out = r.output();
    if (outputKeep < 1) {
      out = (Output) dropout(out, "output", outputNoise, outputKeep);
    }
    return new CellOutput(out, newState);
  }

  /** TF's {@code _dropout}: leaf i gets seed {@code _gen_seed(prefix, i)}; LSTM c is kept. */
  private Object dropout(Object values, String prefix, Object noise, double keep) {
    List<Object> flat = RnnNest.flatten(values);
    List<Object> noiseFlat = noise != null ? RnnNest.flatten(noise) : null;
    List<Boolean> drop = RnnNest.flatten(filter(values));
    List<Object> out = new java.util.ArrayList<>();
    for (int i = 0; i < flat.size(); i++) {
      Output v = (Output) flat.get(i);
      if (!drop.get(i)) {
        out.add(v);
      } else if (variational) {
        out.add(variationalDropout(v, (Output) noiseFlat.get(i), keep));
      } else {
        out.add(dropoutV2(v, 1.0 - keep, genSeed(seed, prefix, i)));
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
   * TF 1.15's {@code nn_ops.dropout_v2(x, rate, seed)}: {@code x * (1/keep) * cast(uniform >=
   * rate)} under name scope "dropout".
   */
  static Output dropoutV2(Output x, double rate, Long seed) {
    Graph g = x.graph();
    try (Scope s = g.withNameScope("dropout")) {
      Ops tf = Ops.create(g);
      double keep = 1 - rate;
      Output scaled = tf.multiply(x, tf.constant(CellMath.scalar(x.dtype(), 1 / keep)));
      Output shape = tf.shape(x);
      Output rnd = uniform(g, shape, x.dtype(), seed);
      Output mask;
      try (Scope ge = g.withNameScope("GreaterEqual")) {
        Output r = Ops.create(g).withName("y").constant(CellMath.scalar(x.dtype(), rate));
        mask = Ops.create(g).withName(ge.absoluteName()).greaterEqual(rnd, r);
      }
      Output ret = tf.multiply(scaled, tf.cast(mask, x.dtype()));
      ret.setShape(x.shape());
      return ret;
    }
  }

  /** {@code random_uniform(shape, seed=seed, dtype)} for a shape tensor: [0, 1). */
  private static Output uniform(Graph g, Output shape, DType dtype, Long seed) {
    try (Scope s = g.withNameScope("random_uniform")) {
      Ops tf = Ops.create(g);
      Output min = tf.withName("min").constant(CellMath.scalar(dtype, 0));
      Output max = tf.withName("max").constant(CellMath.scalar(dtype, 1));
      long[] seeds = Seeds.get(g.root(), seed);
      Output rnd = g.opBuilder("RandomUniform", null).addInput(shape).setAttr("dtype", dtype)
          .setAttr("seed", seeds[0]).setAttr("seed2", seeds[1]).build().output(0);
      Output scaledRnd = tf.mul(rnd, tf.sub(max, min));
      return tf.withName(s.absoluteName()).add(scaledRnd, min);
    }
  }

  /**
   * TF's {@code _variational_recurrent_dropout_value}: {@code value / keep * floor(keep +
   * noise)}. {@code floor(keep + noise)} for noise in [0, 1) is 1 exactly when {@code keep + noise
   * >= 1}, computed here as a comparison (the same float sum, so the same mask).
   */
  private static Output variationalDropout(Output value, Output noise, double keep) {
    Ops tf = Ops.create(value.graph());
    // noise lives in the top-level graph: build in value's graph, which captures it
    Output random = CellMath.withScalar(value.graph(), "AddV2", "add", noise, keep, true);
    Output binary = tf.cast(tf.greaterEqual(random, tf.constant(CellMath.scalar(
        value.dtype(), 1.0))), value.dtype());
    Output ret = tf.mul(tf.div(value, tf.constant(CellMath.scalar(value.dtype(), keep))), binary);
    ret.setShape(value.shape());
    return ret;
  }

  /**
   * The per-run masks' noise, {@code [1, size]} per leaf, under "DropoutWrapperInit" at the top
   * level: TF draws it in the constructor, before any RNN scope; here the first call does it.
   */
  private void makeNoise(Graph g) {
    try (Scope top = g.withNameScope(""); Scope s = g.withNameScope("DropoutWrapperInit")) {
      if (inputKeep < 1) {
        inputNoise = batchNoise(g, inputSize, "input");
      }
      stateNoise = batchNoise(g, cell.stateSize(), "state");
      outputNoise = batchNoise(g, cell.outputSize(), "output");
    }
  }

  private Object batchNoise(Graph g, Object sizes, String prefix) {
    int[] i = {0};
    return RnnNest.map(sizes, size -> Ops.create(g).randomUniform(Shape.of(1, (Integer) size),
        0, 1, dtype, genSeed(seed, prefix, i[0]++)));
  }

  /** TF's {@code _gen_seed}: {@code int(md5(str(seed) + "%s_%d")[:8], 16) & 0x7FFFFFFF}. */
  static Long genSeed(Long seed, String prefix, int index) {
    if (seed == null) {
      return null;
    }
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest((seed + prefix + "_" + index)
          .getBytes(StandardCharsets.UTF_8));
      long v = ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8)
          | (d[3] & 0xFFL);
      return v & 0x7FFFFFFFL;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
  }
}
