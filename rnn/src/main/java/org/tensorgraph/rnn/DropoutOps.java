package org.tensorgraph.rnn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.Seeds;

/** The dropout math {@link DropoutWrapper} builds, as TF 1.15's Python builds it. */
final class DropoutOps {
  private DropoutOps() {}

  /**
   * A keep probability: a Python float ({@code tensor == null}) or a scalar tensor (a placeholder
   * to switch dropout off at inference, say).
   */
  record Keep(double value, Output tensor) {
    static final Keep ONE = new Keep(1.0, null);

    /** TF's {@code _should_dropout}: a tensor, or a float below 1. */
    boolean drops() {
      return tensor != null || value < 1;
    }
  }

  /**
   * TF 1.15's {@code nn_ops.dropout_v2(x, rate=1 - keep, seed)} under name scope "dropout": for a
   * float, {@code Mul(x, 1/keep)}; for a tensor, {@code RealDiv(x, 1 - rate)}; then {@code
   * * Cast(uniform >= rate)}.
   *
   * @throws IllegalArgumentException {@code rate must be a scalar tensor or a float in the range
   *     [0, 1), got 1} for a keep probability of 0
   */
  static Output dropoutV2(Output x, Keep keep, Long seed) {
    Graph g = x.graph();
    Output rateTensor = keep.tensor() == null ? null
        : CellMath.withScalar(g, "Sub", "sub", keep.tensor(), 1.0, true);
    double rate = 1.0 - keep.value();
    if (rateTensor == null && !(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("rate must be a scalar tensor or a float in the range "
          + "[0, 1), got " + pythonG(rate));
    }
    try (Scope s = g.withNameScope("dropout")) {
      Ops tf = Ops.create(g);
      Output ret;
      if (rateTensor == null) {
        ret = tf.multiply(x, tf.constant(CellMath.scalar(x.dtype(), 1 / (1 - rate))));
      } else {
        Output one = tf.constant(CellMath.scalar(x.dtype(), 1));
        ret = tf.realDiv(x, g.opBuilder("Sub", "Sub").addInput(one).addInput(rateTensor).build()
            .output(0));
      }
      Output rnd = uniform(g, tf.shape(x), x.dtype(), seed);
      Output mask;
      if (rateTensor == null) {
        try (Scope ge = g.withNameScope("GreaterEqual")) {
          Output r = Ops.create(g).withName("y").constant(CellMath.scalar(x.dtype(), rate));
          mask = Ops.create(g).withName(ge.absoluteName()).greaterEqual(rnd, r);
        }
      } else {
        mask = tf.greaterEqual(rnd, rateTensor);
      }
      Output out = tf.multiply(ret, tf.cast(mask, x.dtype()));
      out.setShape(x.shape());
      return out;
    }
  }

  /** Python's {@code %g} for the values a rate error can show. */
  private static String pythonG(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** {@code random_uniform(shape, seed=seed, dtype)} for a shape tensor: [0, 1). */
  static Output uniform(Graph g, Output shape, DType dtype, Long seed) {
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
   * >= 1}; it is computed here as that comparison (the same float sum, so the same mask), as the
   * op set has no {@code Floor}.
   */
  static Output variational(Output value, Output noise, Keep keep) {
    Graph g = value.graph(); // noise lives in the top-level graph: value's graph captures it
    Ops tf = Ops.create(g);
    Output random = keep.tensor() == null
        ? CellMath.withScalar(g, "AddV2", "add", noise, keep.value(), true)
        : tf.addV2(keep.tensor(), noise);
    Output binary = tf.cast(tf.greaterEqual(random, tf.constant(CellMath.scalar(
        value.dtype(), 1.0))), value.dtype());
    Output scaled = keep.tensor() == null
        ? CellMath.withScalar(g, "RealDiv", "div", value, keep.value(), false)
        : tf.withName("div").realDiv(value, keep.tensor());
    Output ret = tf.mul(scaled, binary);
    ret.setShape(value.shape());
    return ret;
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
