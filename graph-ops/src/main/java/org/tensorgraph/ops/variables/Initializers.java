package org.tensorgraph.ops.variables;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.ops.Ops;

/**
 * TF1's initializers ({@code tensorflow/python/ops/init_ops.py}), building the same nodes with the
 * same names and, for the random ones, the same numbers as TF for the same seeds.
 *
 * <pre>{@code
 * Variable k = tf.getVariable("kernel", Shape.of(7, 4), FLOAT32, Initializers.glorotUniform(1L));
 * // rnn/basic_rnn_cell/kernel/Initializer/random_uniform (limit sqrt(6 / 11))
 * }</pre>
 */
public final class Initializers {
  private Initializers() {}

  /** {@code tf.zeros_initializer()}. */
  public static Initializer zeros() {
    return (g, shape, dtype) -> Ops.create(g).zeros(shape, dtype);
  }

  /** {@code tf.ones_initializer()}. */
  public static Initializer ones() {
    return (g, shape, dtype) -> Ops.create(g).ones(shape, dtype);
  }

  /**
   * {@code tf.constant_initializer(value)}: a {@code Const} named "Const" of the variable's shape
   * with every element {@code value}.
   */
  public static Initializer constant(double value) {
    return (g, shape, dtype) -> Ops.create(g).constant(filled(dtype, shape, value));
  }

  /**
   * A given initial value (TF's {@code initial_value=array}): the variable takes the value's shape
   * and dtype; the value becomes the node {@code NAME/initial_value}.
   */
  public static Initializer constant(Tensor value) {
    return new ValueInitializer(value);
  }

  /** {@code tf.random_uniform_initializer(minval, maxval, seed)}. */
  public static Initializer randomUniform(double minval, double maxval, Long seed) {
    return (g, shape, dtype) -> Ops.create(g).randomUniform(shape, minval, maxval, dtype, seed);
  }

  /** {@code tf.random_normal_initializer(mean, stddev, seed)}. */
  public static Initializer randomNormal(double mean, double stddev, Long seed) {
    return (g, shape, dtype) -> Ops.create(g).randomNormal(shape, mean, stddev, dtype, seed);
  }

  /** {@code tf.truncated_normal_initializer(mean, stddev, seed)}. */
  public static Initializer truncatedNormal(double mean, double stddev, Long seed) {
    return (g, shape, dtype) -> Ops.create(g).truncatedNormal(shape, mean, stddev, dtype, seed);
  }

  /** {@code tf.glorot_uniform_initializer(seed)}: uniform in ±sqrt(6 / (fan_in + fan_out)). */
  public static Initializer glorotUniform(Long seed) {
    return varianceScaling(1.0, "fan_avg", "uniform", seed);
  }

  /** {@code tf.glorot_normal_initializer(seed)}: truncated normal, stddev sqrt(2 / (fan_in + fan_out)). */
  public static Initializer glorotNormal(Long seed) {
    return varianceScaling(1.0, "fan_avg", "truncated_normal", seed);
  }

  /**
   * {@code tf.variance_scaling_initializer(scale, mode, distribution, seed)} (TF 1.15's v1 class):
   * mode {@code fan_in}, {@code fan_out} or {@code fan_avg}; distribution {@code uniform}, {@code
   * truncated_normal} (or {@code normal}) or {@code untruncated_normal}.
   *
   * @throws IllegalArgumentException with TF's texts for a bad scale, mode or distribution
   */
  public static Initializer varianceScaling(double scale, String mode, String distribution,
      Long seed) {
    if (scale <= 0) {
      throw new IllegalArgumentException("`scale` must be positive float.");
    }
    if (!mode.equals("fan_in") && !mode.equals("fan_out") && !mode.equals("fan_avg")) {
      throw new IllegalArgumentException("Invalid `mode` argument: " + mode);
    }
    if (!distribution.equals("normal") && !distribution.equals("uniform")
        && !distribution.equals("truncated_normal")
        && !distribution.equals("untruncated_normal")) {
      throw new IllegalArgumentException("Invalid `distribution` argument: " + distribution);
    }
    return (g, shape, dtype) -> {
      double s = scale / Math.max(1.0, fanDivisor(shape, mode));
      Ops tf = Ops.create(g);
      if (distribution.equals("normal") || distribution.equals("truncated_normal")) {
        // 0.879...: the stddev of a unit normal truncated to [-2, 2] (scipy's truncnorm.std)
        return tf.truncatedNormal(shape, 0.0, Math.sqrt(s) / .87962566103423978, dtype, seed);
      }
      if (distribution.equals("untruncated_normal")) {
        return tf.randomNormal(shape, 0.0, Math.sqrt(s), dtype, seed);
      }
      double limit = Math.sqrt(3.0 * s);
      return tf.randomUniform(shape, -limit, limit, dtype, seed);
    };
  }

  /**
   * {@code tf.orthogonal_initializer(gain, seed)} (TF 1.15's {@code init_ops.Orthogonal}): the
   * shape is flattened to [prod(shape[:-1]), shape[-1]]; a random normal matrix of the taller
   * orientation is QR-factored, Q's columns are multiplied by the signs of R's diagonal (which
   * makes the result unique for a full-rank draw), transposed back when the matrix is wide, then
   * reshaped and scaled by {@code gain}. Nodes, under the variable's {@code Initializer} scope:
   * {@code random_normal/...}, {@code Qr}, {@code DiagPart}, {@code Sign}, {@code mul}, ({@code
   * matrix_transpose/transpose}), {@code Reshape}, {@code mul_1/x}, {@code mul_1}.
   *
   * <pre>{@code
   * Variable w = tf.getVariable("w", Shape.of(4, 7), FLOAT32, Initializers.orthogonal(1.0, 3L));
   * // w times its transpose is the 4x4 identity (rows orthonormal), up to float rounding
   * }</pre>
   *
   * @throws IllegalArgumentException {@code The tensor to initialize must be at least
   *     two-dimensional} (when the variable is created)
   */
  public static Initializer orthogonal(double gain, Long seed) {
    return (g, shape, dtype) -> {
      long[] d = shape.dims();
      if (d.length < 2) {
        throw new IllegalArgumentException("The tensor to initialize must be at least "
            + "two-dimensional");
      }
      long rows = 1;
      for (int i = 0; i < d.length - 1; i++) {
        rows *= d[i];
      }
      long cols = d[d.length - 1];
      Shape flat = rows < cols ? Shape.of(cols, rows) : Shape.of(rows, cols);
      Ops tf = Ops.create(g);
      org.tensorgraph.core.graph.Output a = tf.randomNormal(flat, 0.0, 1.0, dtype, seed);
      java.util.List<org.tensorgraph.core.graph.Output> qr = tf.qr(a, false);
      org.tensorgraph.core.graph.Output q = tf.mul(qr.get(0), tf.sign(tf.diagPart(qr.get(1))));
      if (rows < cols) {
        q = tf.matrixTranspose(q);
      }
      return gainTimes(g, dtype, gain, tf.reshape(q, shape.intDims()));
    };
  }

  /**
   * {@code tf.initializers.identity(gain)} (TF 1.15's {@code init_ops.Identity}): {@code gain *
   * tf.eye(rows, cols)}, built as {@code eye/ones}, {@code eye/diag} (square) or {@code
   * eye/zeros} + {@code eye/set_diag}, then {@code mul/x} and {@code mul}.
   *
   * <pre>{@code
   * tf.getVariable("w", Shape.of(2, 3), FLOAT32, Initializers.identity(2.0));
   * // [[2. 0. 0.] [0. 2. 0.]]
   * }</pre>
   *
   * @throws IllegalArgumentException {@code Identity matrix initializer can only be used for 2D
   *     matrices.} for any other rank
   */
  public static Initializer identity(double gain) {
    return (g, shape, dtype) -> {
      if (shape.rank() != 2) {
        throw new IllegalArgumentException(
            "Identity matrix initializer can only be used for 2D matrices.");
      }
      int[] d = shape.intDims();
      return gainTimes(g, dtype, gain, Ops.create(g).eye(d[0], d[1], dtype));
    };
  }

  /**
   * Python's {@code gain * t} with a float on the left ({@code __rmul__}): name scope "mul" (made
   * unique), the scalar as {@code <scope>/x} in t's dtype, then {@code Mul(x, t)} named as the
   * scope.
   */
  private static org.tensorgraph.core.graph.Output gainTimes(org.tensorgraph.core.graph.Graph g,
      DType dtype, double gain, org.tensorgraph.core.graph.Output t) {
    try (org.tensorgraph.core.graph.Scope s = g.withNameScope("mul")) {
      org.tensorgraph.core.graph.Output x = Ops.create(g).withName("x")
          .constant(filled(dtype, Shape.scalar(), gain));
      return g.opBuilder("Mul", s.absoluteName()).addInput(x).addInput(t).build().output(0);
    }
  }

  /** TF's {@code _compute_fans}, reduced by the mode. */
  static double fanDivisor(Shape shape, String mode) {
    long[] d = shape.dims();
    double fanIn;
    double fanOut;
    if (d.length == 0) {
      fanIn = fanOut = 1;
    } else if (d.length == 1) {
      fanIn = fanOut = d[0];
    } else {
      double receptive = 1;
      for (int i = 0; i < d.length - 2; i++) {
        receptive *= d[i];
      }
      fanIn = (long) (d[d.length - 2] * receptive); // TF truncates with int()
      fanOut = (long) (d[d.length - 1] * receptive);
    }
    switch (mode) {
      case "fan_in": return fanIn;
      case "fan_out": return fanOut;
      default: return (fanIn + fanOut) / 2.0;
    }
  }

  private static Tensor filled(DType dtype, Shape shape, double value) {
    int n = Tensor.checkedElementCount(shape);
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[n];
        java.util.Arrays.fill(a, (float) value);
        return Tensor.wrap(shape, a);
      }
      case FLOAT64: {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return Tensor.wrap(shape, a);
      }
      case INT32: {
        int[] a = new int[n];
        java.util.Arrays.fill(a, (int) value);
        return Tensor.wrap(shape, a);
      }
      case INT64: {
        long[] a = new long[n];
        java.util.Arrays.fill(a, (long) value);
        return Tensor.wrap(shape, a);
      }
      case BOOL: {
        boolean[] a = new boolean[n];
        java.util.Arrays.fill(a, value != 0);
        return Tensor.wrap(shape, a);
      }
      default: throw new IllegalArgumentException("constant initializer for dtype " + dtype);
    }
  }

  /** An initial value given as a tensor: the variable's shape and dtype are the value's. */
  static final class ValueInitializer implements Initializer {
    final Tensor value;

    ValueInitializer(Tensor value) {
      this.value = value;
    }

    @Override
    public org.tensorgraph.core.graph.Output apply(org.tensorgraph.core.graph.Graph g,
        Shape shape, DType dtype) {
      return Ops.create(g).withName("initial_value").constant(value);
    }

    @Override
    public boolean isConstantValue() {
      return true;
    }
  }
}
