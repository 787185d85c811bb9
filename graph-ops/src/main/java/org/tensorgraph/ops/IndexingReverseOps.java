package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.UnimplementedException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;

/**
 * TF's reversal ops: {@code ReverseV2} ({@code tf.reverse(x, axis)}, every listed axis reversed)
 * and {@code ReverseSequence} ({@code tf.reverse_sequence}, the first {@code seq_lengths[b]}
 * steps of each batch entry reversed along {@code seq_dim}, as bidirectional RNNs use it).
 *
 * <pre>{@code
 * // x = [[1, 2, 3], [4, 5, 6]], seq_lengths = [2, 3], seq_dim 1, batch_dim 0
 * // ReverseSequence -> [[2, 1, 3], [6, 5, 4]]
 * }</pre>
 */
final class IndexingReverseOps {
  private IndexingReverseOps() {}

  static List<OpDef> defs() {
    return List.of(
        OpDef.builder("ReverseV2")
            .input("tensor: T").input("axis: Tidx").output("output: T")
            .attr("Tidx: {int32, int64} = DT_INT32")
            .attr("T: {uint8, int8, uint16, int16, int32, int64, bool, bfloat16, half, float, "
                + "double, complex64, complex128, string}")
            .shape(IndexingReverseOps::reverseShape).kernel(IndexingReverseOps::reverse).build(),
        OpDef.builder("ReverseSequence")
            .input("input: T").input("seq_lengths: Tlen").output("output: T")
            .attr("seq_dim: int").attr("batch_dim: int = 0").attr("T: type")
            .attr("Tlen: {int32, int64} = DT_INT64")
            .shape(IndexingReverseOps::reverseSequenceShape)
            .kernel(IndexingReverseOps::reverseSequence).build());
  }

  // ------------------------------------------------------------------ ReverseV2

  private static List<Shape> reverseShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    ShapeRules.withRank(c.inputShape(1), 1);
    if (input.rank() > 8) {
      throw new IllegalArgumentException(
          "reverse does not work on tensors with more than 8 dimensions");
    }
    Tensor axis = c.inputConstant(1);
    if (axis != null && input.hasRank()) {
      try {
        denseAxes(IndexingSupport.longs(axis), input.rank());
      } catch (InvalidArgumentException e) {
        throw new IllegalArgumentException(e.rawMessage(), e);
      }
    }
    return List.of(input);
  }

  /** The reversed axes as a per-dimension mask; TF's checks and texts. */
  private static boolean[] denseAxes(long[] axes, int rank) {
    boolean[] dense = new boolean[rank];
    for (int i = 0; i < axes.length; i++) {
      long canonical = axes[i] < 0 ? rank + axes[i] : axes[i];
      if (canonical < 0 || canonical >= rank) {
        throw new InvalidArgumentException("'axis'[" + i + "] = " + axes[i]
            + " is out of valid range [0, " + (rank - 1));
      }
      if (dense[(int) canonical]) {
        throw new InvalidArgumentException("axis " + canonical + " specified more than once.");
      }
      dense[(int) canonical] = true;
    }
    return dense;
  }

  private static void reverse(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor axisT = ctx.input(1);
    if (input.rank() == 0) {
      ctx.setOutput(0, input);
      return;
    }
    if (axisT.rank() != 1) {
      throw new InvalidArgumentException("'dims' must be 1-dimension, not " + axisT.rank());
    }
    boolean[] rev = denseAxes(IndexingSupport.longs(axisT), input.rank());
    if (input.rank() > 8) {
      throw new UnimplementedException("reverse is not implemented for tensors of rank > 8.");
    }
    long[] dims = input.shape().dims();
    long[] strides = IndexingSupport.rowStrides(dims);
    long[] src = new long[dims.length];
    long base = 0;
    for (int i = 0; i < dims.length; i++) {
      src[i] = rev[i] ? -strides[i] : strides[i];
      base += rev[i] && dims[i] > 0 ? (dims[i] - 1) * strides[i] : 0;
    }
    int n = input.size();
    Object out = IndexingSupport.allocate(input.dtype(), n);
    IndexingSupport.stridedCopy(input.rawData(), base, src, out, 0, strides, dims);
    ctx.setOutput(0, IndexingSupport.wrap(dims, out));
  }

  // ------------------------------------------------------------------ ReverseSequence

  private static List<Shape> reverseSequenceShape(InferenceContext c) {
    Shape input = c.inputShape(0);
    Shape seqLens = ShapeRules.withRank(c.inputShape(1), 1);
    long seqDim = c.attrLong("seq_dim");
    long batchDim = c.attrLong("batch_dim");
    if (!input.hasRank()) {
      return List.of(Shape.unknown());
    }
    int rank = input.rank();
    if (batchDim >= rank) {
      throw new IllegalArgumentException("batch_dim must be < input rank: " + batchDim + " vs. "
          + rank);
    }
    if (seqDim >= rank) {
      throw new IllegalArgumentException("seq_dim must be < input rank: " + seqDim + " vs. "
          + rank);
    }
    long b = batchDim < 0 ? batchDim + rank : batchDim;
    if (b < 0) { // TF's ReplaceDim
      throw new IllegalArgumentException("Out of range dim_index " + batchDim + " for shape with "
          + rank + " dimensions");
    }
    long merged = ShapeRules.mergeDim(input.dim((int) b), seqLens.dim(0));
    return List.of(input.withDim((int) b, merged));
  }

  private static void reverseSequence(KernelContext ctx) {
    Tensor input = ctx.input(0);
    Tensor lens = ctx.input(1);
    long batchDim = ctx.op().attrLong("batch_dim");
    long seqDim = ctx.op().attrLong("seq_dim");
    if (batchDim < 0) {
      throw new InvalidArgumentException("Invalid batch_dim " + batchDim);
    }
    if (seqDim < 0) {
      throw new InvalidArgumentException("Invalid seq_dim " + seqDim);
    }
    if (lens.rank() != 1) {
      throw new InvalidArgumentException("seq_lengths must be 1-dim, not " + lens.rank());
    }
    long[] seqLens = IndexingSupport.longs(lens);
    checkReverseSequence(input, seqLens, (int) batchDim, (int) seqDim);
    int rank = input.rank();
    if (rank < 2 || rank > 5) {
      throw new InvalidArgumentException("ReverseSequenceOp : Unhandled input dimensions: "
          + rank);
    }
    Object out = IndexingSupport.allocate(input.dtype(), input.size());
    System.arraycopy(input.rawData(), 0, out, 0, input.size());
    reverseSlices(input, seqLens, (int) batchDim, (int) seqDim, out);
    ctx.setOutput(0, Tensor.wrap(input.shape(), out));
  }

  /** TF's {@code CheckErrors}, in its order. */
  private static void checkReverseSequence(Tensor input, long[] seqLens, int batchDim,
      int seqDim) {
    int rank = input.rank();
    if (batchDim == seqDim) {
      throw new InvalidArgumentException("batch_dim == seq_dim == " + seqDim);
    }
    if (seqDim >= rank) {
      throw new InvalidArgumentException("seq_dim must be < input rank ( " + seqDim + " vs. "
          + rank + ")");
    }
    if (batchDim >= rank) {
      throw new InvalidArgumentException("batch_dim must be < input rank ( " + batchDim + " vs. "
          + rank + ")");
    }
    long batchSize = input.shape().dim(batchDim);
    if (seqLens.length != batchSize) {
      throw new InvalidArgumentException("Length of seq_lengths != input.dims(" + batchDim
          + "), (" + seqLens.length + " vs. " + batchSize + ")");
    }
    for (int d = 0; d < seqLens.length; d++) {
      if (seqLens[d] < 0) {
        throw new InvalidArgumentException("seq_lens(" + d + ") < 0");
      }
      if (seqLens[d] > input.shape().dim(seqDim)) {
        throw new InvalidArgumentException("seq_lens(" + d + ") > input.dims(" + seqDim + ")");
      }
    }
  }

  /** For each batch entry, copies its first seq_len steps back in reverse order. */
  private static void reverseSlices(Tensor input, long[] seqLens, int batchDim, int seqDim,
      Object out) {
    long[] dims = input.shape().dims();
    long[] strides = IndexingSupport.rowStrides(dims);
    int rank = dims.length;
    long[] sub = new long[rank - 1];
    long[] srcStrides = new long[rank - 1];
    long[] dstStrides = new long[rank - 1];
    int seqPos = -1;
    for (int i = 0, k = 0; i < rank; i++) {
      if (i == batchDim) {
        continue;
      }
      if (i == seqDim) {
        seqPos = k;
      }
      sub[k] = dims[i];
      srcStrides[k] = strides[i];
      dstStrides[k] = i == seqDim ? -strides[i] : strides[i];
      k++;
    }
    for (int b = 0; b < seqLens.length; b++) {
      long len = seqLens[b];
      if (len <= 1) {
        continue;
      }
      sub[seqPos] = len;
      long base = b * strides[batchDim];
      IndexingSupport.stridedCopy(input.rawData(), base, srcStrides, out,
          base + (len - 1) * strides[seqDim], dstStrides, sub);
    }
  }
}
