package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * TF 1.15's activation and softmax ops (tensorflow/core/ops/nn_ops.cc): {@code Relu}, {@code
 * Relu6}, {@code Elu}, {@code Softplus}, {@code Softmax}, {@code LogSoftmax} (last axis, rank at
 * least 1), {@code SoftmaxCrossEntropyWithLogits} (labels broadcast against logits, as 1.15 allows)
 * and {@code SparseSoftmaxCrossEntropyWithLogits} ({@code Tlabels}), with TF's kernel messages
 * (softmax_op.cc, xent_op.cc, sparse_xent_op.cc).
 *
 * <pre>{@code
 * Operation sm = graph.opBuilder("Softmax", null).addInput(logits).build();   // [?,10] -> [?,10]
 * }</pre>
 *
 * <p>float32 Softmax and LogSoftmax are TF 1.15's float computation ({@link EigenReduce}), bit for
 * bit up to rows of about 4000 columns; float64 rows are computed in double, max-shifted.
 */
public final class NnOps implements OpLibrary {
  @Override
  public void register(OpRegistry r) {
    r.register(activation("Relu", ElementwiseUnary.RELU, MathOps.NUMBER));
    r.register(activation("Relu6", ElementwiseUnary.RELU6, MathOps.NUMBER));
    r.register(activation("Elu", ElementwiseUnary.ELU, MathOps.REAL_FLOAT));
    r.register(activation("Softplus", ElementwiseUnary.SOFTPLUS, MathOps.REAL_FLOAT));
    r.register(softmax("Softmax", "softmax", false));
    r.register(softmax("LogSoftmax", "logsoftmax", true));
    r.register(OpDef.builder("SoftmaxCrossEntropyWithLogits")
        .input("features: T").input("labels: T").output("loss: T").output("backprop: T")
        .attr(MathOps.REAL_FLOAT)
        .shape(NnOps::xentShape)
        .kernel(NnOps::xent)
        .build());
    r.register(OpDef.builder("SparseSoftmaxCrossEntropyWithLogits")
        .input("features: T").input("labels: Tlabels").output("loss: T").output("backprop: T")
        .attr(MathOps.REAL_FLOAT)
        .attr("Tlabels: {int32, int64} = DT_INT64")
        .shape(NnOps::sparseXentShape)
        .kernel(NnOps::sparseXent)
        .build());
  }

  private static OpDef activation(String name, int op, String types) {
    return OpDef.builder(name)
        .input("features: T").output("activations: T")
        .attr(types)
        .shape(ShapeRules.UNCHANGED)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseUnary.apply(op, ctx.input(0))))
        .build();
  }

  private static OpDef softmax(String name, String out, boolean log) {
    return OpDef.builder(name)
        .input("logits: T").output(out + ": T")
        .attr(MathOps.REAL_FLOAT)
        .shape(c -> List.of(ShapeRules.withRankAtLeast(c.inputShape(0), 1)))
        .kernel(ctx -> {
          Tensor x = ctx.input(0);
          if (x.rank() < 1) {
            throw new InvalidArgumentException("logits must have >= 1 dimension, got "
                + x.shape());
          }
          int cols = (int) x.shape().dim(-1);
          if (x.dtype() == DType.FLOAT32 && cols > 0) {
            ctx.setOutput(0, softmaxFloat(x, cols, log));
            return;
          }
          double[] in = ReductionKernels.toDoubles(x.rawData());
          double[] y = new double[in.length];
          for (int off = 0; cols > 0 && off < in.length; off += cols) {
            softmaxRow(in, off, cols, y, log);
          }
          ctx.setOutput(0, NnOps.like(x, y, x.shape()));
        })
        .build();
  }

  /** float32 (log-)softmax as TF 1.15 computes it in float (EigenReduce), bit for bit. */
  private static Tensor softmaxFloat(Tensor x, int cols, boolean log) {
    float[] in = (float[]) x.rawData();
    float[] y = new float[in.length];
    int rows = in.length / cols;
    if (log) {
      EigenReduce.logSoftmax(in, rows, cols, y);
    } else {
      EigenReduce.softmax(in, rows, cols, y);
    }
    return Tensor.wrap(x.shape(), y);
  }

  /** y[off..off+n) = (log-)softmax of x[off..off+n), max-shifted; returns the log-sum-exp. */
  static double softmaxRow(double[] x, int off, int n, double[] y, boolean log) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, x[off + j]);
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += Math.exp(x[off + j] - max);
    }
    double logSum = Math.log(sum);
    for (int j = 0; j < n; j++) {
      double shifted = x[off + j] - max;
      y[off + j] = log ? shifted - logSum : Math.exp(shifted) / sum;
    }
    return logSum + max;
  }

  /** A tensor of {@code like}'s float dtype holding {@code v} (rounded for float32). */
  static Tensor like(Tensor like, double[] v, Shape shape) {
    if (like.rawData() instanceof double[]) {
      return Tensor.wrap(shape, v);
    }
    float[] f = new float[v.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.wrap(shape, f);
  }

  // ---------------------------------------------------------------- dense cross-entropy

  /** TF 1.15's shape function: [batch,N] twice, or two shapes that broadcast to rank 2. */
  static List<Shape> xentShape(InferenceContext c) {
    Shape features = c.inputShape(0);
    Shape labels = c.inputShape(1);
    Shape input = null;
    try {
      input = MathShapes.merge(ShapeRules.withRank(features, 2), labels);
    } catch (IllegalArgumentException e) {
      // fall through to broadcasting, as TF does
    }
    if (input == null) {
      input = ShapeRules.broadcast(features, labels);
      if (!input.hasRank()) {
        throw new IllegalArgumentException(
            "Shape must be broadcasted with rank 2, but is rank is unknown.");
      }
      if (input.rank() != 2) {
        throw new IllegalArgumentException("Shape must be broadcasted with rank 2, but is rank "
            + input.rank());
      }
    }
    return List.of(Shape.of(input.dim(0)), input);
  }

  private static void xent(KernelContext ctx) {
    Tensor logits = ctx.input(0);
    Tensor labels = ctx.input(1);
    Shape shape = logits.shape();
    double[] x = ReductionKernels.toDoubles(logits.rawData());
    double[] l = ReductionKernels.toDoubles(labels.rawData());
    if (!logits.shape().equals(labels.shape())) {
      if (!Broadcast.compatible(logits.shape(), labels.shape())) {
        throw new InvalidArgumentException("logits and labels must be broadcastable: logits_size="
            + logits.shape() + " labels_size=" + labels.shape());
      }
      shape = Broadcast.shape(logits.shape(), labels.shape());
      x = expand(x, Broadcast.indexMap(logits.shape(), shape));
      l = expand(l, Broadcast.indexMap(labels.shape(), shape));
    }
    if (shape.rank() != 2) {
      throw new InvalidArgumentException("logits and labels must be either 2-dimensional, or "
          + "broadcasted to be 2-dimensional");
    }
    int rows = (int) shape.dim(0);
    int cols = (int) shape.dim(1);
    double[] loss = new double[rows];
    double[] back = new double[rows * cols];
    for (int r = 0; r < rows && cols > 0; r++) {
      double lse = softmaxRow(x, r * cols, cols, back, false);
      double s = 0;
      for (int j = 0; j < cols; j++) {
        int k = r * cols + j;
        s += l[k] * (lse - x[k]);
        back[k] -= l[k];
      }
      loss[r] = s;
    }
    ctx.setOutput(0, like(logits, loss, Shape.of(rows)));
    ctx.setOutput(1, like(logits, back, shape));
  }

  private static double[] expand(double[] v, int[] map) {
    double[] r = new double[map.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = v[map[i]];
    }
    return r;
  }

  // ---------------------------------------------------------------- sparse cross-entropy

  static List<Shape> sparseXentShape(InferenceContext c) {
    Shape features = ShapeRules.withRank(c.inputShape(0), 2);
    Shape labels = ShapeRules.withRank(c.inputShape(1), 1);
    long batch = ShapeRules.mergeDim(features.dim(0), labels.dim(0));
    return List.of(Shape.of(batch), Shape.of(batch, features.dim(1)));
  }

  private static void sparseXent(KernelContext ctx) {
    Tensor logits = ctx.input(0);
    Tensor labels = ctx.input(1);
    if (logits.rank() != 2) {
      throw new InvalidArgumentException("logits must be 2-D, but got shape " + logits.shape());
    }
    if (labels.rank() != 1) {
      throw new InvalidArgumentException("labels must be 1-D, but got shape " + labels.shape());
    }
    if (logits.shape().dim(0) != labels.shape().dim(0)) {
      throw new InvalidArgumentException("logits and labels must have the same first dimension, "
          + "got logits shape " + logits.shape() + " and labels shape " + labels.shape());
    }
    if (logits.shape().dim(1) == 0) {
      throw new InvalidArgumentException("Must have at least one class, but got logits shape "
          + logits.shape());
    }
    int rows = (int) logits.shape().dim(0);
    int cols = (int) logits.shape().dim(1);
    long[] lab = MathShapes.longValues(labels);
    checkLabels(lab, cols);
    double[] x = ReductionKernels.toDoubles(logits.rawData());
    double[] loss = new double[rows];
    double[] back = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      double lse = softmaxRow(x, r * cols, cols, back, false);
      int k = r * cols + (int) lab[r];
      loss[r] = lse - x[k];
      back[k] -= 1;
    }
    ctx.setOutput(0, like(logits, loss, Shape.of(rows)));
    ctx.setOutput(1, like(logits, back, logits.shape()));
  }

  /** TF's message lists every label: "... of [0, 3).  Label values: 3 0". */
  private static void checkLabels(long[] lab, int cols) {
    for (long v : lab) {
      if (v < 0 || v >= cols) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lab.length; i++) {
          all.append(i > 0 ? " " : "").append(lab[i]);
        }
        throw new InvalidArgumentException("Received a label value of " + v + " which is outside "
            + "the valid range of [0, " + cols + ").  Label values: " + all);
      }
    }
  }
}
