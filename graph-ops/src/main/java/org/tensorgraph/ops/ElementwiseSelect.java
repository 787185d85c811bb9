package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;

/**
 * Kernels of the three-operand and n-ary cwise ops: {@code Select} (TF1: a scalar, same-shape or
 * row-vector condition), {@code SelectV2} (numpy broadcasting of all three), {@code ClipByValue}
 * and {@code AddN}, with TF 1.15's runtime messages (tensorflow/core/kernels/cwise_op_select.cc,
 * cwise_op_clip.cc, aggregate_ops.cc).
 *
 * <pre>{@code
 * ElementwiseSelect.select("sel", cond, t, e);   // cond ? t : e
 * }</pre>
 */
public final class ElementwiseSelect {
  private ElementwiseSelect() {}

  /** TF1's {@code Select}; {@code node} names the node in the same-shape error, as TF does. */
  public static Tensor select(String node, Tensor cond, Tensor t, Tensor e) {
    if (cond.rank() == 0) {
      if (!t.shape().equals(e.shape())) {
        throw thenElse(t, e);
      }
      return cond.booleanValue() ? t : e;
    }
    boolean rows = cond.rank() == 1 && t.rank() != 1;
    if (!rows) {
      requireSameShape(node, "Select", List.of(cond, t, e));
      return gather(cond.shape(), (boolean[]) cond.rawData(), t, e, null, null, null);
    }
    if (t.rank() < 1) {
      throw new InvalidArgumentException("'then' must be at least a vector, but saw shape: "
          + t.shape());
    }
    if (t.shape().dim(0) != cond.size()) {
      throw new InvalidArgumentException("Number of batches of 'then' must match size of "
          + "'cond', but saw: " + t.shape().dim(0) + " vs. " + cond.size());
    }
    if (!t.shape().equals(e.shape())) {
      throw thenElse(t, e);
    }
    return selectRows((boolean[]) cond.rawData(), t, e);
  }

  private static InvalidArgumentException thenElse(Tensor t, Tensor e) {
    return new InvalidArgumentException("'then' and 'else' must have the same size.  but "
        + "received: " + t.shape() + " vs. " + e.shape());
  }

  private static Tensor selectRows(boolean[] c, Tensor t, Tensor e) {
    int n = t.size();
    Object out = ElementwiseBinary.allocate(t.dtype(), n);
    int rowLen = c.length == 0 ? 0 : n / c.length;
    for (int r = 0; r < c.length; r++) {
      System.arraycopy(c[r] ? t.rawData() : e.rawData(), r * rowLen, out, r * rowLen, rowLen);
    }
    return Tensor.wrap(t.shape(), out);
  }

  /** TF's {@code SelectV2}: all three broadcast together. */
  public static Tensor selectV2(Tensor cond, Tensor t, Tensor e) {
    if (!Broadcast.compatible(t.shape(), e.shape())) {
      throw new InvalidArgumentException("then " + t.shape() + " and else " + e.shape()
          + " must be broadcastable");
    }
    Shape te = Broadcast.shape(t.shape(), e.shape());
    if (!Broadcast.compatible(cond.shape(), te)) {
      throw new InvalidArgumentException("condition " + cond.shape() + ", then " + t.shape()
          + ", and else " + e.shape() + " must be broadcastable");
    }
    Shape out = Broadcast.shape(cond.shape(), te);
    return gather(out, (boolean[]) cond.rawData(), t, e, Broadcast.indexMap(cond.shape(), out),
        Broadcast.indexMap(t.shape(), out), Broadcast.indexMap(e.shape(), out));
  }

  /** out[i] = c[ci[i]] ? t[ti[i]] : e[ei[i]]; null maps mean the identity. */
  private static Tensor gather(Shape out, boolean[] c, Tensor t, Tensor e, int[] ci, int[] ti,
      int[] ei) {
    int n = Tensor.checkedElementCount(out);
    Object r = ElementwiseBinary.allocate(t.dtype(), n);
    Object td = t.rawData();
    Object ed = e.rawData();
    for (int i = 0; i < n; i++) {
      boolean pick = c[ci == null ? i : ci[i]];
      int src = pick ? (ti == null ? i : ti[i]) : (ei == null ? i : ei[i]);
      copyOne(pick ? td : ed, src, r, i);
    }
    return Tensor.wrap(out, r);
  }

  private static void copyOne(Object src, int s, Object dst, int d) {
    if (dst instanceof float[]) {
      ((float[]) dst)[d] = ((float[]) src)[s];
    } else if (dst instanceof double[]) {
      ((double[]) dst)[d] = ((double[]) src)[s];
    } else if (dst instanceof int[]) {
      ((int[]) dst)[d] = ((int[]) src)[s];
    } else if (dst instanceof long[]) {
      ((long[]) dst)[d] = ((long[]) src)[s];
    } else {
      ((boolean[]) dst)[d] = ((boolean[]) src)[s];
    }
  }

  /** TF's {@code ClipByValue}: {@code max(min(t, hi), lo)}; lo and hi are scalars or t-shaped. */
  public static Tensor clip(Tensor t, Tensor lo, Tensor hi) {
    boolean loOk = lo.rank() == 0 || lo.shape().equals(t.shape());
    boolean hiOk = hi.rank() == 0 || hi.shape().equals(t.shape());
    if (!loOk || !hiOk) {
      throw new InvalidArgumentException("clip_value_min and clip_value_max must be either of "
          + "the same shape as input, or a scalar. input shape: " + t.shape()
          + "clip_value_min shape: " + lo.shape() + "clip_value_max shape: " + hi.shape());
    }
    Tensor upper = ElementwiseBinary.apply(ElementwiseBinary.MIN, t, hi);
    return ElementwiseBinary.apply(ElementwiseBinary.MAX, upper, lo);
  }

  /** TF's {@code AddN}: the element-wise sum of same-shaped tensors, left to right. */
  public static Tensor addN(String node, List<Tensor> xs) {
    requireSameShape(node, "AddN", xs);
    Tensor acc = xs.get(0);
    if (xs.size() == 1) {
      return acc;
    }
    for (int i = 1; i < xs.size(); i++) {
      acc = ElementwiseBinary.apply(ElementwiseBinary.ADD, acc, xs.get(i));
    }
    return acc;
  }

  /** TF's {@code OpKernelContext::ValidateInputsAreSameShape}, with its message. */
  static void requireSameShape(String node, String type, List<Tensor> xs) {
    for (int i = 1; i < xs.size(); i++) {
      if (!xs.get(0).shape().equals(xs.get(i).shape())) {
        throw new InvalidArgumentException("Inputs to operation " + node + " of type " + type
            + " must have the same size and shape.  Input 0: " + xs.get(0).shape()
            + " != input " + i + ": " + xs.get(i).shape());
      }
    }
  }
}
