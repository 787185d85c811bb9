package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * The array part of the {@link Ops} facade: {@code tf.concat}, {@code tf.split}, {@code
 * tf.reshape}, {@code tf.transpose}, {@code tf.stack}, slicing, gathering — with the nodes and
 * names TF 1.15's Python builds (constant arguments become {@code <op>/<arg>} constants).
 */
public abstract class OpsArray extends OpsMath {
  protected OpsArray(Graph graph, String nextName) {
    super(graph, nextName);
  }

  /** {@code tf.concat(values, axis)}: {@code ConcatV2} "concat" with input "concat/axis". */
  public Output concat(List<Output> values, int axis) {
    if (values.size() == 1) { // TF: a lone tensor is passed through an Identity
      return scoped("concat", name -> {
        constInput("concat_dim", Tensor.of(axis));
        return graph.opBuilder("Identity", name).addInput(values.get(0));
      });
    }
    return scoped("concat", name -> graph.opBuilder("ConcatV2", name).addInputList(values)
        .addInput(constInput("axis", Tensor.of(axis))));
  }

  /** {@code tf.split(value, num, axis)}: {@code Split} "split", {@code num} equal parts. */
  public List<Output> split(Output value, int num, int axis) {
    Operation op = scoped("split", name -> graph.opBuilder("Split", name)
        .addInput(constInput("split_dim", Tensor.of(axis))).addInput(value)
        .setAttr("num_split", num)).op();
    return op.outputs();
  }

  /** {@code tf.split(value, num, axis)} with the axis as a tensor (as BasicLSTMCell passes it). */
  public List<Output> split(Output value, int num, Output axis) {
    return node("Split", "split").addInput(axis).addInput(value).setAttr("num_split", num)
        .build().outputs();
  }

  /** {@code tf.split(value, sizes, axis)}: {@code SplitV}; one size may be -1. */
  public List<Output> split(Output value, int[] sizes, int axis) {
    Operation op = scoped("split", name -> graph.opBuilder("SplitV", name).addInput(value)
        .addInput(constInput("size_splits", Tensor.of(sizes)))
        .addInput(constInput("split_dim", Tensor.of(axis)))
        .setAttr("num_split", sizes.length)).op();
    return op.outputs();
  }

  /** {@code tf.reshape(x, shape)}: one dim may be -1. */
  public Output reshape(Output x, int... shape) {
    return scoped("Reshape", name -> graph.opBuilder("Reshape", name).addInput(x)
        .addInput(constInput("shape", Tensor.of(shape))));
  }

  /** {@code tf.reshape(x, shape)} with a shape tensor. */
  public Output reshape(Output x, Output shape) {
    return binary("Reshape", "Reshape", x, shape);
  }

  /** {@code tf.transpose(x, perm)}: "transpose" with input "transpose/perm". */
  public Output transpose(Output x, int... perm) {
    return scoped("transpose", name -> graph.opBuilder("Transpose", name).addInput(x)
        .addInput(constInput("perm", Tensor.of(perm))));
  }

  /** {@code tf.transpose(x, perm)} with a perm tensor. */
  public Output transpose(Output x, Output perm) {
    return scoped("transpose", name -> graph.opBuilder("Transpose", name).addInput(x)
        .addInput(perm));
  }

  /**
   * {@code tf.shape(x)}: a {@code Const} named "Shape" when the static shape is fully known (TF's
   * optimisation), else the {@code Shape} op.
   */
  public Output shape(Output x) {
    if (x.shape().isFullyDefined()) {
      return out(node("Const", "Shape").setAttr("value", Tensor.of(x.shape().intDims()))
          .setAttr("dtype", DType.INT32));
    }
    return unary("Shape", x);
  }

  /** {@code tf.size(x)}: constant when the shape is known, as TF. */
  public Output size(Output x) {
    if (x.shape().isFullyDefined()) {
      return out(node("Const", "Size").setAttr("value",
          Tensor.of(Math.toIntExact(x.shape().numElements()))).setAttr("dtype", DType.INT32));
    }
    return unary("Size", x);
  }

  /** {@code tf.rank(x)}: constant when the rank is known, as TF. */
  public Output rank(Output x) {
    if (x.shape().hasRank()) {
      return out(node("Const", "Rank").setAttr("value", Tensor.of(x.shape().rank()))
          .setAttr("dtype", DType.INT32));
    }
    return unary("Rank", x);
  }

  /** {@code tf.expand_dims(x, axis)}. */
  public Output expandDims(Output x, int axis) {
    return scoped("ExpandDims", name -> graph.opBuilder("ExpandDims", name).addInput(x)
        .addInput(constInput("dim", Tensor.of(axis))));
  }

  /** {@code tf.squeeze(x, axis)}; no axes squeezes every size-1 dimension. */
  public Output squeeze(Output x, int... axis) {
    return out(node("Squeeze", "Squeeze").addInput(x).setAttr("squeeze_dims", axis));
  }

  /** {@code tf.stack(values, axis)}: {@code Pack} named "stack". */
  public Output stack(List<Output> values, int axis) {
    return out(node("Pack", "stack").addInputList(values).setAttr("axis", axis));
  }

  /**
   * {@code tf.unstack(value, axis=axis)}: {@code Unpack} named "unstack".
   *
   * @throws IllegalArgumentException {@code Cannot infer num from shape (?, 3)} when the
   *     dimension is unknown
   */
  public List<Output> unstack(Output value, int axis) {
    Shape s = value.shape();
    int a = s.hasRank() && axis < 0 ? axis + s.rank() : axis;
    if (!s.hasRank() || s.dim(a) == Shape.UNKNOWN) {
      throw new IllegalArgumentException("Cannot infer num from shape " + s.toPythonString());
    }
    return node("Unpack", "unstack").addInput(value).setAttr("num", s.dim(a))
        .setAttr("axis", axis).build().outputs();
  }

  /** {@code tf.zeros_like(x)}: a constant when the shape is known, as TF's optimisation. */
  public Output zerosLike(Output x) {
    if (x.shape().isFullyDefined() && x.dtype() != DType.VARIANT) {
      return out(node("Const", "zeros_like").setAttr("value", Constants.filled(x.dtype(),
          x.shape(), 0)).setAttr("dtype", x.dtype()));
    }
    return out(node("ZerosLike", "zeros_like").addInput(x));
  }

  /** {@code tf.ones_like(x)}. */
  public Output onesLike(Output x) {
    return out(node("OnesLike", "ones_like").addInput(x));
  }

  /** {@code tf.range(start, limit, delta)}: int32 {@code Range} named "range". */
  public Output range(int start, int limit, int delta) {
    return scoped("range", name -> graph.opBuilder("Range", name)
        .addInput(constInput("start", Tensor.of(start)))
        .addInput(constInput("limit", Tensor.of(limit)))
        .addInput(constInput("delta", Tensor.of(delta))));
  }

  /** {@code tf.range(start, limit, delta)} with tensor arguments. */
  public Output range(Output start, Output limit, Output delta) {
    return out(node("Range", "range").addInput(start).addInput(limit).addInput(delta));
  }

  /** {@code tf.slice(x, begin, size)}; a size of -1 takes the rest. */
  public Output slice(Output x, int[] begin, int[] size) {
    return scoped("Slice", name -> graph.opBuilder("Slice", name).addInput(x)
        .addInput(constInput("begin", Tensor.of(begin)))
        .addInput(constInput("size", Tensor.of(size))));
  }

  /**
   * {@code tf.strided_slice(x, begin, end, strides, ...)} with TF's five masks; built as Python's
   * {@code x[...]} indexing builds it: name scope "strided_slice", constants "stack", "stack_1",
   * "stack_2".
   */
  public Output stridedSlice(Output x, int[] begin, int[] end, int[] strides, int beginMask,
      int endMask, int ellipsisMask, int newAxisMask, int shrinkAxisMask) {
    return scoped("strided_slice", name -> graph.opBuilder("StridedSlice", name).addInput(x)
        .addInput(constInput("stack", Tensor.of(begin)))
        .addInput(constInput("stack_1", Tensor.of(end)))
        .addInput(constInput("stack_2", Tensor.of(strides)))
        .setAttr("begin_mask", beginMask).setAttr("end_mask", endMask)
        .setAttr("ellipsis_mask", ellipsisMask).setAttr("new_axis_mask", newAxisMask)
        .setAttr("shrink_axis_mask", shrinkAxisMask));
  }

  /** Python's {@code x[i]}: the i-th slice along dimension 0 (shrink_axis_mask=1). */
  public Output index(Output x, int i) {
    return stridedSlice(x, new int[] {i}, new int[] {i + 1}, new int[] {1}, 0, 0, 0, 0, 1);
  }

  /** {@code tf.gather(params, indices, axis=axis)}: {@code GatherV2}. */
  public Output gather(Output params, Output indices, int axis) {
    return scoped("GatherV2", name -> graph.opBuilder("GatherV2", name).addInput(params)
        .addInput(indices).addInput(constInput("axis", Tensor.of(axis))));
  }

  /** {@code tf.one_hot(indices, depth, on_value=1, off_value=0, axis=-1)} as float32. */
  public Output oneHot(Output indices, int depth) {
    return scoped("one_hot", name -> {
      Output on = constInput("on_value", Tensor.of(1f));
      Output off = constInput("off_value", Tensor.of(0f));
      return graph.opBuilder("OneHot", name).addInput(indices)
          .addInput(constInput("depth", Tensor.of(depth))).addInput(on).addInput(off)
          .setAttr("axis", -1);
    });
  }

  /** {@code tf.tile(x, multiples)}. */
  public Output tile(Output x, int... multiples) {
    return scoped("Tile", name -> graph.opBuilder("Tile", name).addInput(x)
        .addInput(constInput("multiples", Tensor.of(multiples))));
  }

  /** {@code tf.pad(x, paddings)} with constant zeros; {@code paddings} is [rank][2]. */
  public Output pad(Output x, int[][] paddings) {
    return scoped("Pad", name -> graph.opBuilder("Pad", name).addInput(x)
        .addInput(constInput("paddings", Tensor.of(paddings))));
  }

  /** {@code tf.reverse(x, axis)}: {@code ReverseV2}. */
  public Output reverse(Output x, int... axis) {
    return scoped("ReverseV2", name -> graph.opBuilder("ReverseV2", name).addInput(x)
        .addInput(constInput("axis", Tensor.of(axis))));
  }

  /** {@code tf.reverse_sequence(x, seq_lengths, seq_axis, batch_axis)}. */
  public Output reverseSequence(Output x, Output seqLengths, int seqAxis, int batchAxis) {
    return out(node("ReverseSequence", "ReverseSequence").addInput(x).addInput(seqLengths)
        .setAttr("seq_dim", seqAxis).setAttr("batch_dim", batchAxis));
  }

  /** {@code tf.broadcast_to(x, shape)}. */
  public Output broadcastTo(Output x, int... shape) {
    return scoped("BroadcastTo", name -> graph.opBuilder("BroadcastTo", name).addInput(x)
        .addInput(constInput("shape", Tensor.of(shape))));
  }

  /** TF1's {@code tf.where(cond, x, y)}: {@code Select} (cond may be a vector over dim 0). */
  public Output where(Output condition, Output x, Output y) {
    return out(node("Select", "Select").addInput(condition).addInput(x).addInput(y));
  }

  /** {@code tf.where_v2(cond, x, y)}: {@code SelectV2}, broadcasting all three. */
  public Output whereV2(Output condition, Output x, Output y) {
    return out(node("SelectV2", "SelectV2").addInput(condition).addInput(x).addInput(y));
  }

  /**
   * {@code tf.clip_by_value(t, min, max)}, built as TF 1.15's Python builds it: {@code Minimum}
   * then {@code Maximum} named "clip_by_value".
   */
  public Output clipByValue(Output t, Output min, Output max) {
    try (var s = graph.withNameScope(nextName() != null ? nextName() : "clip_by_value")) {
      Output tMin = Ops.create(graph).minimum(t, max);
      return out(graph.opBuilder("Maximum", s.absoluteName()).addInput(tMin).addInput(min));
    }
  }

  /** {@code tf.identity_n(values)}. */
  public List<Output> identityN(List<Output> values) {
    return new ArrayList<>(node("IdentityN", "IdentityN").addInputList(values).build().outputs());
  }

  // ---------------------------------------------------------------- diagonals (TF 1.15: V1 ops)

  /** {@code tf.diag_part(x)}: op {@code DiagPart}; x has shape [d1..dk, d1..dk]. */
  public Output diagPart(Output x) {
    return unary("DiagPart", x);
  }

  /**
   * {@code tf.linalg.diag(diagonal)}: op {@code MatrixDiag} named "diag" ([..., N] to [..., N,
   * N]). TF 1.15 emits the V1 op: its V2 branch waits behind a forward-compatibility date.
   */
  public Output matrixDiag(Output diagonal) {
    return out(node("MatrixDiag", "diag").addInput(diagonal));
  }

  /**
   * {@code tf.linalg.diag_part(input)}: op {@code MatrixDiagPart} named "diag_part" ([..., M, N]
   * to [..., min(M, N)]).
   */
  public Output matrixDiagPart(Output input) {
    return out(node("MatrixDiagPart", "diag_part").addInput(input));
  }

  /** {@code tf.linalg.set_diag(input, diagonal)}: op {@code MatrixSetDiag} named "set_diag". */
  public Output matrixSetDiag(Output input, Output diagonal) {
    return out(node("MatrixSetDiag", "set_diag").addInput(input).addInput(diagonal));
  }

  /**
   * {@code tf.linalg.matrix_transpose(a)}: {@code Transpose} of the last two dims, built as
   * "matrix_transpose/transpose" with a constant perm.
   */
  public Output matrixTranspose(Output a) {
    int rank = a.shape().rank();
    if (rank < 2) {
      throw new IllegalArgumentException("Argument 'a' should be a (batch) matrix, with rank >= "
          + "2.  Found: " + a.shape().toPythonString());
    }
    int[] perm = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = i;
    }
    perm[rank - 2] = rank - 1;
    perm[rank - 1] = rank - 2;
    try (var s = graph.withNameScope(nextName() != null ? nextName() : "matrix_transpose")) {
      return Ops.create(graph).transpose(a, perm);
    }
  }

  /**
   * {@code tf.eye(rows, cols, dtype=dtype)}, built as TF 1.15's linalg_ops_impl.eye: under name
   * scope "eye", {@code eye/ones} of [min(rows, cols)], then {@code eye/diag} ({@code
   * MatrixDiag}) when square, else {@code eye/zeros} and {@code eye/set_diag} ({@code
   * MatrixSetDiag}).
   *
   * <pre>{@code
   * tf.eye(2, 3, DType.FLOAT32);   // [[1. 0. 0.] [0. 1. 0.]]
   * }</pre>
   */
  public Output eye(int rows, int cols, DType dtype) {
    try (var s = graph.withNameScope(nextName() != null ? nextName() : "eye")) {
      Ops plain = Ops.create(graph);
      Output ones = plain.ones(Shape.of(Math.min(rows, cols)), dtype);
      if (rows == cols) {
        return plain.matrixDiag(ones);
      }
      return plain.matrixSetDiag(plain.zeros(Shape.of(rows, cols), dtype), ones);
    }
  }
}
