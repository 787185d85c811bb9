package org.tensorgraph.ops;

/**
 * TF 1.15's float32 summation order, bit for bit: Eigen's {@code InnerMostDimReducer} (Eigen
 * {@code 49177915a14a}, unsupported/Eigen/CXX11/src/Tensor/TensorReduction.h), which TF's {@code
 * Sum}, {@code Mean}, {@code Softmax} and {@code LogSoftmax} run for a reduction over the
 * innermost (last) axis or over all of a 1-D tensor.
 *
 * <pre>{@code
 * float[] a = {0.1f, 0.2f, 0.3f, ...};       // n floats
 * EigenReduce.sumFloat(a, 0, a.length);      // TF's tf.reduce_sum(a)
 * EigenReduce.meanFloat(a, 0, a.length);     // TF's tf.reduce_mean(a): the sum / (float) n
 * }</pre>
 *
 * <p>The order: a run of more than 8 * 1024 values is split in two at a packet boundary near its
 * middle (the left part starting where the run starts, the split index rounded up to a multiple
 * of 8 in the tensor's flat index) and the halves' sums are added, recursively. A shorter run is
 * summed in one AVX accumulator of 8 lanes over its whole packets (lane k takes elements k, k +
 * 8, ...), the leftover {@code n % 8} elements are summed in order from 0, and the result is
 * {@code leftover + ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7))} ({@code predux}).
 * Measured against TF 1.15 for every n in 1..1000, 22 sizes up to 2^22, and row sums of 2-D
 * tensors ({@code EigenFloatConformanceTest}) on a 2-core machine; on a machine with many cores
 * TF may first split a very large full reduction across threads, which this does not model.
 */
public final class EigenReduce {
  private EigenReduce() {}

  /** A float function applied to each value as it is summed (Eigen evaluates it lazily). */
  @FunctionalInterface
  public interface FloatOp {
    float apply(float x);
  }

  /** Runs longer than this are split in two (Eigen's {@code kLeafSize} 1024 times 8 lanes). */
  static final int LEAF = EigenFloat.PACKET * 1024;

  private static final FloatOp IDENTITY = x -> x;

  /** TF's float32 {@code Sum} of the 1-D tensor stored in {@code a[off .. off + n)}. */
  public static float sumFloat(float[] a, int off, int n) {
    return tree(a, off, n, off, IDENTITY, IDENTITY);
  }

  /** TF's float32 {@code Mean}: the sum divided by {@code (float) n}, as TF's MeanReducer does. */
  public static float meanFloat(float[] a, int off, int n) {
    return sumFloat(a, off, n) / (float) n;
  }

  /**
   * The sum of {@code f(t[i])} for i in {@code [first, first + n)} of a tensor {@code t} stored
   * from index 0 (a row of a row-major matrix: Eigen aligns its splits on the tensor's flat
   * index), as Eigen evaluates {@code f(x).sum(axis)}: {@code packet} on the values summed in
   * lanes, {@code scalar} on each leaf's leftover {@code n % 8}; e.g. {@code sumRow(t, r * cols,
   * cols, EigenFloat::exp, EigenFloat::expScalar)} inside LogSoftmax.
   */
  public static float sumRow(float[] t, int first, int n, FloatOp packet, FloatOp scalar) {
    return tree(t, first, n, 0, packet, scalar);
  }

  // 'base' is the flat index of the tensor's element 0 in 'a': Eigen aligns splits on it.
  private static float tree(float[] a, int first, int n, int base, FloatOp packet,
      FloatOp scalar) {
    if (n <= LEAF) {
      return leaf(a, first, n, packet, scalar);
    }
    int p = EigenFloat.PACKET;
    int rel = first - base;
    int split = p * divUp(rel + divUp(n, 2), p);
    int left = Math.min(split - rel, n);
    float acc = 0f + tree(a, first, left, base, packet, scalar);
    if (left < n) {
      acc += tree(a, base + split, n - left, base, packet, scalar);
    }
    return acc;
  }

  private static float leaf(float[] a, int first, int n, FloatOp packet, FloatOp scalar) {
    int p = EigenFloat.PACKET;
    int whole = n - n % p;
    float[] lane = new float[p];
    for (int j = 0; j < whole; j += p) {
      for (int k = 0; k < p; k++) {
        lane[k] += packet.apply(a[first + j + k]);
      }
    }
    float rest = 0f;
    for (int j = whole; j < n; j++) {
      rest += scalar.apply(a[first + j]);
    }
    return rest + predux(lane);
  }

  // predux<Packet8f>: add the 128-bit halves, then _mm_movehl_ps, then lanes 0 and 1.
  private static float predux(float[] l) {
    float s0 = l[0] + l[4];
    float s1 = l[1] + l[5];
    float s2 = l[2] + l[6];
    float s3 = l[3] + l[7];
    return (s0 + s2) + (s1 + s3);
  }

  private static int divUp(int x, int y) {
    return (x + y - 1) / y;
  }

  /** TF's float32 {@code Sum} over the last axis of a row-major [rows, cols] tensor. */
  public static void sumLastAxis(float[] a, int rows, int cols, float[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = sumRow(a, r * cols, cols, IDENTITY, IDENTITY);
    }
  }

  /**
   * TF 1.15's float32 {@code Sum} over the first axis of a row-major [rows, cols] tensor: each
   * column summed in row order from 0 (Eigen's inner-dims-preserving reducer; measured exact up
   * to 100,000 rows).
   */
  public static void sumFirstAxis(float[] a, int rows, int cols, float[] out) {
    java.util.Arrays.fill(out, 0, cols, 0f);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c] += a[r * cols + c];
      }
    }
  }

  /**
   * TF 1.15's float32 {@code LogSoftmax} of [rows, cols] logits ({@code SoftmaxEigenImpl},
   * tensorflow/core/kernels/softmax_op_functor.h): shifted = logits - max(row); out = shifted -
   * log(sum(exp(shifted))), where exp runs inside the row reduction (packet/scalar per leaf, see
   * {@link #sumRow}) and log over the [rows] sums (packet for all but the last {@code rows % 8}).
   */
  public static void logSoftmax(float[] logits, int rows, int cols, float[] out) {
    float[] shifted = shifted(logits, rows, cols);
    float[] sums = new float[rows];
    for (int r = 0; r < rows; r++) {
      sums[r] = sumRow(shifted, r * cols, cols, EigenFloat::exp, EigenFloat::expScalar);
    }
    EigenFloat.log(sums, sums, rows);
    for (int i = 0; i < rows * cols; i++) {
      out[i] = shifted[i] - sums[i / cols];
    }
  }

  /**
   * TF 1.15's float32 {@code Softmax} of [rows, cols] logits: e = exp(logits - max(row)) over the
   * flat tensor (packet for all but the last {@code (rows * cols) % 8}), then e * (1 / sum(e)).
   * Exact on every shape measured with rows of up to 1000; on longer rows TF's executor
   * evaluates a few exp values on its scalar path, which this does not model: up to 7 elements
   * just before columns 4080 + 8152k (so ~0.01% of elements differ by 1 ulp).
   */
  public static void softmax(float[] logits, int rows, int cols, float[] out) {
    float[] e = shifted(logits, rows, cols);
    EigenFloat.exp(e, e, rows * cols);
    for (int r = 0; r < rows; r++) {
      float inv = 1f / sumRow(e, r * cols, cols, IDENTITY, IDENTITY);
      for (int j = r * cols; j < (r + 1) * cols; j++) {
        out[j] = e[j] * inv;
      }
    }
  }

  private static float[] shifted(float[] logits, int rows, int cols) {
    float[] s = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int j = r * cols; j < (r + 1) * cols; j++) {
        max = Math.max(max, logits[j]);
      }
      for (int j = r * cols; j < (r + 1) * cols; j++) {
        s[j] = logits[j] - max;
      }
    }
    return s;
  }
}
