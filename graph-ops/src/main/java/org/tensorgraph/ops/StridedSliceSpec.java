package org.tensorgraph.ops;

import java.util.Arrays;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;

/**
 * TF's {@code ValidateStridedSliceOp} (tensorflow/core/util/strided_slice_op.cc), line for line:
 * expands a sparse slice spec ({@code x[1:3, ..., tf.newaxis, 0]} as begin/end/strides plus five
 * masks) into one canonical, clamped {@code begin/end/stride} per input dimension, the shape the
 * strided copy produces (the processing shape) and the shape of the result (the final shape: new
 * axes added, shrunk axes removed). The static shape rule runs it on a partial input shape with
 * begin/end possibly unknown, the kernel on concrete values; both get TF's error texts.
 */
final class StridedSliceSpec {
  private static final int SHRINK_AXIS = -1;
  private static final int NEW_AXIS = -2;

  /** Dense, canonical begin/end/strides, one per input dimension. */
  final long[] begin;
  final long[] end;
  final long[] strides;
  /** The shape the strided copy produces; -1 where unknown. */
  final long[] processingShape;
  /** The result's shape; -1 where unknown. */
  final long[] finalShape;
  /** True when the slice takes every element in order (the result is a reshape of the input). */
  final boolean isIdentity;

  private StridedSliceSpec(long[] begin, long[] end, long[] strides, long[] processingShape,
      long[] finalShape, boolean isIdentity) {
    this.begin = begin;
    this.end = end;
    this.strides = strides;
    this.processingShape = processingShape;
    this.finalShape = finalShape;
    this.isIdentity = isIdentity;
  }

  /** The sparse spec as the op receives it: masks, and begin/end values when known. */
  private static final class Sparse {
    int dims;
    int numAddAxisAfterEllipsis;
    long[] begin; // null when unknown
    long[] end; // null when unknown
    long[] strides;
    int beginMask;
    int endMask;
    int ellipsisMask;
    int newAxisMask;
    int shrinkAxisMask;
  }

  /** The dense spec: one entry per input dimension. */
  private static final class Dense {
    int beginMask;
    int endMask;
    int shrinkAxisMask;
    boolean beginValid;
    boolean endValid;
    long[] begin;
    long[] end;
    long[] strides;
    int[] gather; // per final-shape entry: a processing dim, SHRINK_AXIS or NEW_AXIS
    int gatherCount;
  }

  /**
   * Validates and canonicalizes a strided slice.
   *
   * @param beginT the begin tensor, or null when unknown (static shape inference)
   * @param endT the end tensor, or null when unknown
   * @param stridesT the strides tensor (always known)
   * @param inputDims the input's dims, -1 where unknown
   * @throws InvalidArgumentException with TF's text
   */
  static StridedSliceSpec validate(Tensor beginT, Tensor endT, Tensor stridesT, long[] inputDims,
      long beginMask, long endMask, long ellipsisMask, long newAxisMask, long shrinkAxisMask) {
    checkSpecShapes(beginT, endT, stridesT);
    int ellipsis = (int) ellipsisMask;
    if (ellipsis != 0 && (ellipsis & (ellipsis - 1)) != 0) {
      throw new InvalidArgumentException("Multiple ellipses in slice spec not allowed");
    }
    Sparse sp = new Sparse();
    sp.dims = stridesT.size();
    sp.begin = beginT == null ? null : IndexingSupport.longs(beginT);
    sp.end = endT == null ? null : IndexingSupport.longs(endT);
    sp.strides = IndexingSupport.longs(stridesT);
    sp.beginMask = (int) beginMask;
    sp.endMask = (int) endMask;
    sp.ellipsisMask = ellipsis;
    sp.newAxisMask = (int) newAxisMask;
    sp.shrinkAxisMask = (int) shrinkAxisMask;
    boolean ellipsisSeen = false;
    for (int i = 0; i < sp.dims; i++) {
      if (ellipsisSeen && ((1 << i) & sp.newAxisMask) != 0) {
        sp.numAddAxisAfterEllipsis++;
      }
      if (((1 << i) & ellipsis) != 0) {
        ellipsisSeen = true;
      }
    }
    if (!ellipsisSeen) { // no ellipsis: one is implied at the end
      sp.ellipsisMask |= 1 << sp.dims;
      sp.dims++;
    }
    Dense dense = buildDense(sp, inputDims.length);
    return canonicalize(dense, inputDims);
  }

  private static void checkSpecShapes(Tensor beginT, Tensor endT, Tensor stridesT) {
    boolean beginWrong = beginT != null && !(beginT.rank() == 1
        && beginT.size() == stridesT.size() && beginT.size() < 32);
    boolean endWrong = endT != null && !(endT.rank() == 1 && endT.size() == stridesT.size());
    if (beginWrong || endWrong || stridesT.rank() != 1) {
      if (beginT != null && endT != null) {
        throw new InvalidArgumentException("Expected begin, end, and strides to be 1D equal size "
            + "tensors, but got shapes " + beginT.shape() + ", " + endT.shape() + ", and "
            + stridesT.shape() + " instead.");
      }
      throw new InvalidArgumentException("Expected begin, end, and strides to be 1D equal size "
          + "tensors, but got shape " + stridesT.shape() + " for strides.");
    }
  }

  /** TF's {@code BuildDenseSpec}: expands the ellipsis and places new and shrunk axes. */
  private static Dense buildDense(Sparse sp, int dims) {
    Dense d = new Dense();
    d.begin = new long[dims];
    d.end = new long[dims];
    d.strides = new long[dims];
    d.gather = new int[dims + sp.dims];
    d.beginValid = sp.begin != null;
    d.endValid = sp.end != null;
    int full = 0;
    for (int i = 0; i < sp.dims; i++) {
      if (((1 << i) & sp.ellipsisMask) != 0) {
        int next = Math.min(dims - (sp.dims - i) + 1 + sp.numAddAxisAfterEllipsis, dims);
        for (; full < next; full++) {
          d.strides[full] = 1;
          d.beginMask |= 1 << full;
          d.endMask |= 1 << full;
          d.gather[d.gatherCount++] = full;
        }
      } else if (((1 << i) & sp.newAxisMask) != 0) {
        d.gather[d.gatherCount++] = NEW_AXIS;
      } else {
        if (full == dims) {
          throw new InvalidArgumentException("Index out of range using input dim " + full
              + "; input has only " + dims + " dims");
        }
        placeSparseEntry(sp, i, d, full);
        full++;
      }
    }
    return d;
  }

  private static void placeSparseEntry(Sparse sp, int i, Dense d, int full) {
    if (sp.begin != null) {
      d.begin[full] = sp.begin[i];
    }
    if (sp.end != null) {
      d.end[full] = sp.end[i];
    }
    d.strides[full] = sp.strides[i];
    if ((sp.beginMask & (1 << i)) != 0) {
      d.beginMask |= 1 << full;
    }
    if ((sp.endMask & (1 << i)) != 0) {
      d.endMask |= 1 << full;
    }
    if ((sp.shrinkAxisMask & (1 << i)) != 0) {
      d.gather[d.gatherCount++] = SHRINK_AXIS;
      d.shrinkAxisMask |= 1 << full;
    } else {
      d.gather[d.gatherCount++] = full;
    }
  }

  /** Step 3 and 4: makes masked ranges explicit, bounds-checks, computes the shapes. */
  private static StridedSliceSpec canonicalize(Dense d, long[] inputDims) {
    int rank = inputDims.length;
    long[] processing = new long[rank];
    boolean identity = true;
    for (int i = 0; i < rank; i++) {
      long stride = d.strides[i];
      long dim = inputDims[i];
      if (stride == 0) {
        throw new InvalidArgumentException("strides[" + i + "] must be non-zero");
      }
      boolean shrink = (d.shrinkAxisMask & (1 << i)) != 0;
      if (dim == -1) {
        processing[i] = shrink ? 1 : -1;
        continue;
      }
      if (shrink && stride <= 0) {
        throw new InvalidArgumentException("only stride 1 allowed on non-range indexing.");
      }
      boolean bothMasked = (d.beginMask & (1 << i)) != 0 && (d.endMask & (1 << i)) != 0;
      if (d.beginValid && d.endValid) {
        canonicalizeDim(d, i, dim, shrink);
        identity &= stride == 1 && d.begin[i] == 0 && d.end[i] == dim;
      } else {
        identity &= stride == 1 && bothMasked;
      }
      processing[i] = processingDim(d, i, dim, shrink, bothMasked);
    }
    long[] fin = new long[d.gatherCount];
    int n = 0;
    for (int k = 0; k < d.gatherCount; k++) {
      int g = d.gather[k];
      if (g >= 0) {
        fin[n++] = processing[g];
      } else if (g == NEW_AXIS) {
        fin[n++] = 1;
      }
    }
    return new StridedSliceSpec(d.begin, d.end, d.strides, processing, Arrays.copyOf(fin, n),
        identity);
  }

  private static void canonicalizeDim(Dense d, int i, long dim, boolean shrink) {
    if (shrink) {
      // foo[-1] arrives as begin -1, end 0; the end is rebuilt as begin + 1.
      long fwd = d.begin[i] < 0 ? dim + d.begin[i] : d.begin[i];
      d.begin[i] = fwd;
      d.end[i] = fwd + 1;
      if (fwd < 0 || fwd >= dim) {
        throw new InvalidArgumentException("slice index " + fwd + " of dimension " + i
            + " out of bounds.");
      }
    } else {
      d.begin[i] = canonical(d.begin[i], 0, d, i, dim);
      d.end[i] = canonical(d.end[i], 1, d, i, dim);
    }
  }

  /** TF's {@code canonical} lambda: a masked bound takes the full range, others are clamped. */
  private static long canonical(long x, int c, Dense d, int i, long dim) {
    long stride = d.strides[i];
    long lo = stride > 0 ? 0 : -1;
    long hi = stride > 0 ? dim : dim - 1;
    boolean masked = c == 0 ? (d.beginMask & (1 << i)) != 0 : (d.endMask & (1 << i)) != 0;
    if (masked) {
      boolean first = (c == 0) == (stride > 0);
      return first ? lo : hi;
    }
    long fwd = x < 0 ? dim + x : x;
    return fwd < lo ? lo : fwd > hi ? hi : fwd;
  }

  private static long processingDim(Dense d, int i, long dim, boolean shrink, boolean bothMasked) {
    long stride = d.strides[i];
    long interval;
    if (d.beginValid && d.endValid) {
      interval = d.end[i] - d.begin[i];
    } else if (shrink) {
      interval = 1;
    } else if (bothMasked && dim > 0) {
      interval = stride < 0 ? -dim : dim;
    } else {
      return -1;
    }
    if (interval == 0 || ((interval < 0) != (stride < 0))) {
      return 0;
    }
    return interval / stride + (interval % stride != 0 ? 1 : 0);
  }
}
