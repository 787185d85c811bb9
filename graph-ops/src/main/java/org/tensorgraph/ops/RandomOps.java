package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.ops.random.GuardedPhiloxRandom;
import org.tensorgraph.ops.random.PhiloxFill;
import org.tensorgraph.ops.random.PhiloxRandom;

/**
 * TF 1.15's stateful random ops ({@code tensorflow/core/ops/random_ops.cc}), bit-exact with TF's
 * CPU kernels: each node keeps a {@link GuardedPhiloxRandom} per session, seeded from its {@code
 * seed}/{@code seed2} attrs, and every run reserves 256 samples per output element, so the n-th
 * run of a node gives the same numbers as TF's n-th run.
 *
 * <pre>{@code
 * Output u = g.opBuilder("RandomUniform", null).addInput(shape)
 *     .setAttr("dtype", DType.FLOAT32).setAttr("seed", 1).setAttr("seed2", 2).build().output(0);
 * session.run(u);  // [[0.40639675 0.8575996  0.05539584] [0.08587229 0.4121536  0.03663087]]
 * }</pre>
 */
public final class RandomOps implements OpLibrary {
  @Override
  public void register(OpRegistry r) {
    r.register(floatRandom("RandomUniform")
        .kernel(fill(PhiloxFill::uniformFloat, PhiloxFill::uniformDouble)).build());
    r.register(floatRandom("RandomStandardNormal")
        .kernel(fill(PhiloxFill::normalFloat, PhiloxFill::normalDouble)).build());
    r.register(floatRandom("TruncatedNormal")
        .kernel(fill(PhiloxFill::truncatedNormalFloat, PhiloxFill::truncatedNormalDouble)).build());
    r.register(OpDef.builder("RandomUniformInt")
        .attr("seed: int = 0").attr("seed2: int = 0")
        .attr("Tout: {int32, int64}").attr("T: {int32, int64}")
        .input("shape: T").input("minval: Tout").input("maxval: Tout").output("output: Tout")
        .stateful().shape(RandomOps::uniformIntShape).kernel(RandomOps::uniformInt).build());
  }

  private static OpDef.Builder floatRandom(String name) {
    return OpDef.builder(name)
        .attr("seed: int = 0").attr("seed2: int = 0")
        .attr("dtype: {half, bfloat16, float, double}").attr("T: {int32, int64}")
        .input("shape: T").output("output: dtype")
        .stateful().shape(RandomOps::randomShape);
  }

  // ---------------------------------------------------------------- shape rules

  /** TF's {@code RandomShape}: the output shape is the value of the shape input when known. */
  static List<Shape> randomShape(InferenceContext c) {
    return List.of(shapeFromShapeTensor(c, 0));
  }

  private static List<Shape> uniformIntShape(InferenceContext c) {
    ShapeRules.withRank(c.inputShape(1), 0);
    ShapeRules.withRank(c.inputShape(2), 0);
    return randomShape(c);
  }

  /**
   * TF's {@code MakeShapeFromShapeTensor}: a constant 1-D shape tensor gives its dims; otherwise
   * the rank comes from the tensor's length when known.
   */
  static Shape shapeFromShapeTensor(InferenceContext c, int input) {
    Shape s = ShapeRules.withRank(c.inputShape(input), 1);
    Tensor value = c.inputConstant(input);
    if (value != null) {
      return Shape.of(dimsOf(value, "shape"));
    }
    return s.dim(0) == Shape.UNKNOWN ? Shape.unknown() : Shape.unknownDims((int) s.dim(0));
  }

  /** The dims held by a 1-D int32/int64 shape tensor, checked as TF's {@code MakeShape}. */
  static long[] dimsOf(Tensor shape, String what) {
    if (shape.rank() != 1) {
      throw new InvalidArgumentException(what + " must be a vector of {int32,int64}, got shape "
          + shape.shape());
    }
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.dtype() == DType.INT64 ? ((long[]) shape.rawData())[i]
          : ((int[]) shape.rawData())[i];
      if (dims[i] < 0) {
        throw new InvalidArgumentException("Dimension " + dims[i] + " must be >= 0");
      }
    }
    return dims;
  }

  // ---------------------------------------------------------------- kernels

  private static PhiloxRandom reserve(KernelContext ctx, int n) {
    long seed = ctx.op().attrLong("seed");
    long seed2 = ctx.op().attrLong("seed2");
    GuardedPhiloxRandom state = ctx.kernelState(() -> GuardedPhiloxRandom.create(seed, seed2));
    return state.reserveRandomOutputs(n, GuardedPhiloxRandom.RESERVED_SAMPLES_PER_OUTPUT);
  }

  private static Shape outputShape(KernelContext ctx) {
    Shape s = Shape.of(dimsOf(ctx.input(0), "shape"));
    Tensor.checkedElementCount(s);
    return s;
  }

  /** A distribution's fill for each float dtype (PhiloxFill's methods). */
  private interface FloatFill {
    void fill(PhiloxRandom gen, float[] out);
  }

  private interface DoubleFill {
    void fill(PhiloxRandom gen, double[] out);
  }

  /** The kernel of a float random op: reserve this run's samples, fill in the op's dtype. */
  private static Kernel fill(FloatFill f32, DoubleFill f64) {
    return ctx -> {
      Shape s = outputShape(ctx);
      int n = Tensor.checkedElementCount(s);
      PhiloxRandom gen = reserve(ctx, n);
      if (ctx.op().attrType("dtype") == DType.FLOAT32) {
        float[] out = new float[n];
        f32.fill(gen, out);
        ctx.setOutput(0, Tensor.wrap(s, out));
      } else {
        double[] out = new double[n];
        f64.fill(gen, out);
        ctx.setOutput(0, Tensor.wrap(s, out));
      }
    };
  }

  private static void uniformInt(KernelContext ctx) {
    Shape s = outputShape(ctx);
    Tensor lo = ctx.input(1);
    Tensor hi = ctx.input(2);
    requireScalar(lo, "minval");
    requireScalar(hi, "maxval");
    int n = Tensor.checkedElementCount(s);
    boolean i32 = lo.dtype() == DType.INT32;
    long min = i32 ? lo.intValue() : lo.longValue();
    long max = i32 ? hi.intValue() : hi.longValue();
    if (n > 0 && min >= max) { // TF checks only when there is something to draw
      throw new InvalidArgumentException("Need minval < maxval: " + min + " >= " + max);
    }
    PhiloxRandom gen = reserve(ctx, n);
    if (i32) {
      int[] out = new int[n];
      PhiloxFill.uniformInt32(gen, (int) min, (int) max, out);
      ctx.setOutput(0, Tensor.wrap(s, out));
    } else {
      long[] out = new long[n];
      PhiloxFill.uniformInt64(gen, min, max, out);
      ctx.setOutput(0, Tensor.wrap(s, out));
    }
  }

  private static void requireScalar(Tensor t, String what) {
    if (t.rank() != 0) {
      throw new InvalidArgumentException(what + " must be 0-D, got shape " + t.shape());
    }
  }
}
