package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/**
 * The math part of the {@link Ops} facade: {@code tf.add}, {@code tf.matmul}, {@code tf.tanh},
 * reductions, comparisons, {@code tf.cast} — named as TF 1.15's Python names their nodes.
 */
public abstract class OpsMath extends OpsBase {
  protected OpsMath(Graph graph, String nextName) {
    super(graph, nextName);
  }

  // ---------------------------------------------------------------- binary

  /** {@code tf.add(x, y)}: op {@code Add}. */
  public Output add(Output x, Output y) {
    return binary("Add", "Add", x, y);
  }

  /** {@code x + y} (Python's operator): op {@code AddV2} named "add". */
  public Output addV2(Output x, Output y) {
    return binary("AddV2", "add", x, y);
  }

  /** {@code tf.add_n(inputs)}. */
  public Output addN(List<Output> inputs) {
    return out(node("AddN", "AddN").addInputList(inputs));
  }

  /** {@code x - y}: op {@code Sub} named "sub", as Python's operator names it. */
  public Output sub(Output x, Output y) {
    return binary("Sub", "sub", x, y);
  }

  /** {@code x * y}: op {@code Mul} named "mul". */
  public Output mul(Output x, Output y) {
    return binary("Mul", "mul", x, y);
  }

  /** {@code tf.multiply(x, y)}: op {@code Mul} named "Mul" (rnn_cell_impl uses this form). */
  public Output multiply(Output x, Output y) {
    return binary("Mul", "Mul", x, y);
  }

  /** {@code tf.realdiv(x, y)}. */
  public Output realDiv(Output x, Output y) {
    return binary("RealDiv", "RealDiv", x, y);
  }

  /** {@code tf.truediv(x, y)} / Python's {@code /} on floats: {@code RealDiv} named "truediv". */
  public Output div(Output x, Output y) {
    return binary("RealDiv", "truediv", x, y);
  }

  /** {@code tf.floordiv(x, y)}: {@code FloorDiv} named "floordiv". */
  public Output floorDiv(Output x, Output y) {
    return binary("FloorDiv", "floordiv", x, y);
  }

  /** {@code tf.math.floormod(x, y)}. */
  public Output floorMod(Output x, Output y) {
    return binary("FloorMod", "FloorMod", x, y);
  }

  /** {@code tf.maximum(x, y)}. */
  public Output maximum(Output x, Output y) {
    return binary("Maximum", "Maximum", x, y);
  }

  /** {@code tf.minimum(x, y)}. */
  public Output minimum(Output x, Output y) {
    return binary("Minimum", "Minimum", x, y);
  }

  /** {@code tf.pow(x, y)}. */
  public Output pow(Output x, Output y) {
    return binary("Pow", "Pow", x, y);
  }

  /** {@code tf.equal(x, y)}. */
  public Output equal(Output x, Output y) {
    return binary("Equal", "Equal", x, y);
  }

  /** {@code tf.not_equal(x, y)}. */
  public Output notEqual(Output x, Output y) {
    return binary("NotEqual", "NotEqual", x, y);
  }

  /** {@code tf.less(x, y)}. */
  public Output less(Output x, Output y) {
    return binary("Less", "Less", x, y);
  }

  /** {@code tf.less_equal(x, y)}. */
  public Output lessEqual(Output x, Output y) {
    return binary("LessEqual", "LessEqual", x, y);
  }

  /** {@code tf.greater(x, y)}. */
  public Output greater(Output x, Output y) {
    return binary("Greater", "Greater", x, y);
  }

  /** {@code tf.greater_equal(x, y)}. */
  public Output greaterEqual(Output x, Output y) {
    return binary("GreaterEqual", "GreaterEqual", x, y);
  }

  /** {@code tf.logical_and(x, y)}. */
  public Output logicalAnd(Output x, Output y) {
    return binary("LogicalAnd", "LogicalAnd", x, y);
  }

  /** {@code tf.logical_or(x, y)}. */
  public Output logicalOr(Output x, Output y) {
    return binary("LogicalOr", "LogicalOr", x, y);
  }

  // ---------------------------------------------------------------- unary

  /** {@code tf.negative(x)}. */
  public Output neg(Output x) {
    return unary("Neg", x);
  }

  /** {@code tf.abs(x)}. */
  public Output abs(Output x) {
    return unary("Abs", x);
  }

  /** {@code tf.sign(x)}. */
  public Output sign(Output x) {
    return unary("Sign", x);
  }

  /** {@code tf.square(x)}. */
  public Output square(Output x) {
    return unary("Square", x);
  }

  /** {@code tf.sqrt(x)}. */
  public Output sqrt(Output x) {
    return unary("Sqrt", x);
  }

  /** {@code tf.rsqrt(x)}. */
  public Output rsqrt(Output x) {
    return unary("Rsqrt", x);
  }

  /** {@code tf.exp(x)}. */
  public Output exp(Output x) {
    return unary("Exp", x);
  }

  /** {@code tf.log(x)}. */
  public Output log(Output x) {
    return unary("Log", x);
  }

  /** {@code tf.log1p(x)}. */
  public Output log1p(Output x) {
    return unary("Log1p", x);
  }

  /** {@code tf.tanh(x)}. */
  public Output tanh(Output x) {
    return unary("Tanh", x);
  }

  /** {@code tf.sigmoid(x)}. */
  public Output sigmoid(Output x) {
    return unary("Sigmoid", x);
  }

  /** {@code tf.logical_not(x)}. */
  public Output logicalNot(Output x) {
    return unary("LogicalNot", x);
  }

  /** {@code tf.cast(x, dtype)}: returns {@code x} itself when it already has the dtype, as TF. */
  public Output cast(Output x, DType dtype) {
    if (x.dtype() == dtype) {
      return x;
    }
    return out(node("Cast", "Cast").addInput(x).setAttr("DstT", dtype));
  }

  // ---------------------------------------------------------------- matrices

  /** {@code tf.matmul(a, b)}. */
  public Output matmul(Output a, Output b) {
    return matmul(a, b, false, false);
  }

  /** {@code tf.matmul(a, b, transpose_a, transpose_b)}: {@code BatchMatMulV2} above rank 2. */
  public Output matmul(Output a, Output b, boolean transposeA, boolean transposeB) {
    if (a.shape().rank() > 2 || b.shape().rank() > 2) {
      return out(node("BatchMatMulV2", "MatMul").addInput(a).addInput(b)
          .setAttr("adj_x", transposeA).setAttr("adj_y", transposeB));
    }
    return out(node("MatMul", "MatMul").addInput(a).addInput(b)
        .setAttr("transpose_a", transposeA).setAttr("transpose_b", transposeB));
  }

  /**
   * {@code tf.linalg.qr(input, full_matrices)}: op {@code Qr} named "Qr"; returns [q, r] with
   * TF's (Eigen's Householder) signs.
   *
   * <pre>{@code
   * List<Output> qr = tf.qr(tf.constant(new float[][] {{3, 1}, {4, 2}}), false);
   * // q = [[-0.6 -0.8] [-0.8  0.6]], r = [[-5.  -2.2] [ 0.   0.4]]
   * }</pre>
   */
  public List<Output> qr(Output input, boolean fullMatrices) {
    return node("Qr", "Qr").addInput(input).setAttr("full_matrices", fullMatrices).build()
        .outputs();
  }

  // ---------------------------------------------------------------- reductions

  /** {@code tf.reduce_sum(x, axis, keepdims)}; {@code axis} null reduces every dimension. */
  public Output reduceSum(Output x, int[] axis, boolean keepDims) {
    return reduce("Sum", x, axis, keepDims);
  }

  /** {@code tf.reduce_mean(x, axis, keepdims)}. */
  public Output reduceMean(Output x, int[] axis, boolean keepDims) {
    return reduce("Mean", x, axis, keepDims);
  }

  /** {@code tf.reduce_max(x, axis, keepdims)}. */
  public Output reduceMax(Output x, int[] axis, boolean keepDims) {
    return reduce("Max", x, axis, keepDims);
  }

  /** {@code tf.reduce_min(x, axis, keepdims)}. */
  public Output reduceMin(Output x, int[] axis, boolean keepDims) {
    return reduce("Min", x, axis, keepDims);
  }

  /** {@code tf.reduce_prod(x, axis, keepdims)}. */
  public Output reduceProd(Output x, int[] axis, boolean keepDims) {
    return reduce("Prod", x, axis, keepDims);
  }

  /** {@code tf.reduce_all(x, axis, keepdims)}. */
  public Output reduceAll(Output x, int[] axis, boolean keepDims) {
    return reduce("All", x, axis, keepDims);
  }

  /** {@code tf.reduce_any(x, axis, keepdims)}. */
  public Output reduceAny(Output x, int[] axis, boolean keepDims) {
    return reduce("Any", x, axis, keepDims);
  }

  /**
   * TF's reductions: explicit axes become the input {@code Sum/reduction_indices}; with none, a
   * {@code Const} "Const" of {@code range(rank)} is made first, as {@code _ReductionDims} does.
   */
  private Output reduce(String type, Output x, int[] axis, boolean keepDims) {
    if (axis == null) {
      if (!x.shape().hasRank()) {
        throw new IllegalArgumentException("reduce" + type + " over every axis needs a known rank;"
            + " pass the axes explicitly");
      }
      int[] all = java.util.stream.IntStream.range(0, x.shape().rank()).toArray();
      Output axesT = Ops.create(graph).constant(Tensor.of(all));
      return out(node(type, type).addInput(x).addInput(axesT).setAttr("keep_dims", keepDims));
    }
    return scoped(type, name -> graph.opBuilder(type, name).addInput(x)
        .addInput(constInput("reduction_indices", Tensor.of(axis)))
        .setAttr("keep_dims", keepDims));
  }

  /** {@code tf.argmax(x, axis)} with int64 output, as TF's default. */
  public Output argMax(Output x, int axis) {
    return scoped("ArgMax", name -> graph.opBuilder("ArgMax", name).addInput(x)
        .addInput(constInput("dimension", Tensor.of(axis))));
  }

  /** {@code tf.argmin(x, axis)} with int64 output. */
  public Output argMin(Output x, int axis) {
    return scoped("ArgMin", name -> graph.opBuilder("ArgMin", name).addInput(x)
        .addInput(constInput("dimension", Tensor.of(axis))));
  }
}
