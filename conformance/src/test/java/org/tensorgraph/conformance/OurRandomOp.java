package org.tensorgraph.conformance;

import org.tensorflow.DataType;
import org.tensorgraph.ops.random.GuardedPhiloxRandom;
import org.tensorgraph.ops.random.PhiloxFill;
import org.tensorgraph.ops.random.PhiloxRandom;

/**
 * Tensorgraph's side of one random op in one session: the op's generator state and what each run
 * computes, exactly as TF's {@code PhiloxRandomOp} and {@code RandomUniformIntOp} kernels do.
 */
final class OurRandomOp {
  private static final int PER_OUTPUT = GuardedPhiloxRandom.RESERVED_SAMPLES_PER_OUTPUT;

  private final String op;
  private final DataType dtype;
  private final GuardedPhiloxRandom state;
  private final int size;
  private final long lo;
  private final long hi;

  private OurRandomOp(
      String op, DataType dtype, long seed, long seed2, int size, long lo, long hi) {
    this.op = op;
    this.dtype = dtype;
    this.state = GuardedPhiloxRandom.create(seed, seed2);
    this.size = size;
    this.lo = lo;
    this.hi = hi;
  }

  /** RandomUniform, RandomStandardNormal or TruncatedNormal with float or double output. */
  static OurRandomOp real(String op, DataType dtype, long seed, long seed2, int... dims) {
    return new OurRandomOp(op, dtype, seed, seed2, size(dims), 0, 0);
  }

  /** RandomUniformInt with int32 or int64 output. */
  static OurRandomOp integer(DataType dtype, long lo, long hi, long seed, long seed2, int... dims) {
    return new OurRandomOp("RandomUniformInt", dtype, seed, seed2, size(dims), lo, hi);
  }

  static int size(int... dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** One Session.run of the op: a flat float[], double[], int[] or long[]. */
  Object run() {
    if (op.equals("RandomUniformInt")) {
      return runInt();
    }
    PhiloxRandom gen = state.reserveRandomOutputs(size, PER_OUTPUT);
    if (dtype == DataType.FLOAT) {
      float[] out = new float[size];
      switch (op) {
        case "RandomUniform" -> PhiloxFill.uniformFloat(gen, out);
        case "RandomStandardNormal" -> PhiloxFill.normalFloat(gen, out);
        case "TruncatedNormal" -> PhiloxFill.truncatedNormalFloat(gen, out);
        default -> throw new IllegalArgumentException(op);
      }
      return out;
    }
    double[] out = new double[size];
    switch (op) {
      case "RandomUniform" -> PhiloxFill.uniformDouble(gen, out);
      case "RandomStandardNormal" -> PhiloxFill.normalDouble(gen, out);
      case "TruncatedNormal" -> PhiloxFill.truncatedNormalDouble(gen, out);
      default -> throw new IllegalArgumentException(op);
    }
    return out;
  }

  // TF's RandomUniformIntOp returns before reserving anything when the output is empty.
  private Object runInt() {
    boolean int32 = dtype == DataType.INT32;
    if (size == 0) {
      return int32 ? new int[0] : new long[0];
    }
    PhiloxRandom gen = state.reserveRandomOutputs(size, PER_OUTPUT);
    if (int32) {
      int[] out = new int[size];
      PhiloxFill.uniformInt32(gen, (int) lo, (int) hi, out);
      return out;
    }
    long[] out = new long[size];
    PhiloxFill.uniformInt64(gen, lo, hi, out);
    return out;
  }
}
