package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.UnimplementedException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;

/**
 * The ops that make values from shapes and scalars, as TF 1.15 defines them: {@code Fill},
 * {@code ZerosLike}, {@code OnesLike} and {@code Range}. Registered by {@link ArrayOps}.
 *
 * <pre>{@code
 * // start 0, limit 5, delta 2 (Const int32 scalars)
 * Output r = g.opBuilder("Range", null).addInput(start).addInput(limit).addInput(delta)
 *     .build().output(0);
 * r.shape();         // [3]
 * session.run(r);    // [0 2 4]
 * }</pre>
 */
final class ArrayFillOps {
  private ArrayFillOps() {}

  static List<OpDef> defs() {
    return List.of(
        OpDef.builder("Fill").input("dims: index_type").input("value: T").output("output: T")
            .attr("T: type").attr("index_type: {int32, int64} = DT_INT32")
            .shape(ArrayFillOps::fillShape).kernel(ArrayFillOps::fill).build(),
        OpDef.builder("ZerosLike").input("x: T").output("y: T").attr("T: type")
            .shape(ShapeRules.UNCHANGED).kernel(ArrayFillOps::zerosLike).build(),
        OpDef.builder("OnesLike").input("x: T").output("y: T")
            .attr("T: {bfloat16, half, float, double, int8, uint8, int16, uint16, int32, "
                + "int64, complex64, complex128, bool}")
            .shape(ShapeRules.UNCHANGED)
            .kernel(ctx -> ctx.setOutput(0, ArrayData.ones(ctx.input(0).dtype(),
                ctx.input(0).shape()))).build(),
        OpDef.builder("Range").input("start: Tidx").input("limit: Tidx").input("delta: Tidx")
            .output("output: Tidx")
            .attr("Tidx: {bfloat16, float, double, int32, int64} = DT_INT32")
            .shape(ArrayFillOps::rangeShape).kernel(ArrayFillOps::range).build());
  }

  // ---------------------------------------------------------------- Fill, ZerosLike

  private static List<Shape> fillShape(InferenceContext c) {
    ShapeRules.withRank(c.inputShape(0), 1);
    ShapeRules.withRank(c.inputShape(1), 0);
    Tensor dims = c.inputConstant(0);
    if (dims != null) {
      for (long d : ArrayData.toLongs(dims)) {
        if (d < 0) {
          throw new IllegalArgumentException("Fill dimensions must be >= 0");
        }
      }
    }
    return List.of(ShapeFns.shapeFromShapeTensor(c, 0));
  }

  private static void fill(KernelContext ctx) {
    Tensor dimsT = ctx.input(0);
    Tensor value = ctx.input(1);
    if (dimsT.rank() != 1) {
      throw new InvalidArgumentException("dims must be a vector, got shape " + dimsT.shape());
    }
    if (value.rank() != 0) {
      throw new InvalidArgumentException("value must be a scalar, got shape " + value.shape());
    }
    long[] dims = ArrayData.toLongs(dimsT);
    for (long d : dims) {
      if (d < 0) {
        throw new InvalidArgumentException("Dimension " + d + " must be >= 0");
      }
    }
    Shape shape = Shape.of(dims);
    ctx.setOutput(0, Tensor.wrap(shape, ArrayData.filled(value, elementCount(shape))));
  }

  private static int elementCount(Shape shape) {
    try {
      return Tensor.checkedElementCount(shape);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }

  private static void zerosLike(KernelContext ctx) {
    Tensor x = ctx.input(0);
    if (x.dtype() == DType.VARIANT) {
      throw new UnimplementedException("ZerosLike of a variant tensor is not supported");
    }
    ctx.setOutput(0, Tensor.zeros(x.dtype(), x.shape()));
  }

  // ---------------------------------------------------------------- Range

  private static List<Shape> rangeShape(InferenceContext c) {
    String[] names = {"start", "limit", "delta"};
    for (int i = 0; i < 3; i++) {
      try {
        ShapeRules.withRank(c.inputShape(i), 0);
      } catch (IllegalArgumentException e) {
        throw ShapeFns.withContext(e, " for '" + names[i] + "'");
      }
    }
    Tensor start = c.inputConstant(0);
    Tensor limit = c.inputConstant(1);
    Tensor delta = c.inputConstant(2);
    if (start == null || limit == null || delta == null) {
      return List.of(Shape.of(Shape.UNKNOWN));
    }
    String error = rangeError(start, limit, delta, false);
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    return List.of(Shape.of(rangeSize(start, limit, delta)));
  }

  private static void range(KernelContext ctx) {
    Tensor start = ctx.input(0);
    Tensor limit = ctx.input(1);
    Tensor delta = ctx.input(2);
    String[] names = {"start", "limit", "delta"};
    Tensor[] args = {start, limit, delta};
    for (int i = 0; i < 3; i++) {
      if (args[i].rank() != 0) {
        throw new InvalidArgumentException(names[i] + " must be a scalar, not shape "
            + args[i].shape());
      }
    }
    String error = rangeError(start, limit, delta, true);
    if (error != null) {
      throw new InvalidArgumentException(error);
    }
    int n = elementCount(Shape.of(rangeSize(start, limit, delta)));
    ctx.setOutput(0, Tensor.wrap(Shape.of(n), rangeValues(start, delta, n)));
  }

  /**
   * TF's checks, in its order: the kernel tests delta first and prints it, the shape function
   * tests it last.
   */
  private static String rangeError(Tensor start, Tensor limit, Tensor delta, boolean kernel) {
    double s = start.getAsDouble(0);
    double l = limit.getAsDouble(0);
    double d = delta.getAsDouble(0);
    String bounds = StateTensorText.element(start, 0) + "/" + StateTensorText.element(limit, 0);
    if (kernel && d == 0) {
      return "Requires delta != 0: " + StateTensorText.element(delta, 0);
    }
    if (kernel ? d > 0 && s > l : s > l && d > 0) {
      return "Requires start <= limit when delta > 0: " + bounds;
    }
    if (kernel ? d < 0 && s < l : s < l && d < 0) {
      return "Requires start >= limit when delta < 0: " + bounds;
    }
    return d == 0 ? "Requires delta != 0" : null;
  }

  /** The element count, computed in the element type as TF computes it. */
  private static long rangeSize(Tensor start, Tensor limit, Tensor delta) {
    switch (start.dtype()) {
      case FLOAT32: {
        float q = (limit.floatValue() - start.floatValue()) / delta.floatValue();
        return (long) Math.ceil(Math.abs(q));
      }
      case FLOAT64:
        return (long) Math.ceil(Math.abs((limit.doubleValue() - start.doubleValue())
            / delta.doubleValue()));
      default: {
        long s = ArrayData.toLongs(start)[0];
        long l = ArrayData.toLongs(limit)[0];
        long d = Math.abs(ArrayData.toLongs(delta)[0]);
        return (Math.abs(l - s) + d - 1) / d;
      }
    }
  }

  /** {@code n} values from {@code start}, each the previous plus {@code delta} in T. */
  private static Object rangeValues(Tensor start, Tensor delta, int n) {
    switch (start.dtype()) {
      case FLOAT32: {
        float[] r = new float[n];
        float v = start.floatValue();
        float d = delta.floatValue();
        for (int i = 0; i < n; i++, v += d) {
          r[i] = v;
        }
        return r;
      }
      case FLOAT64: {
        double[] r = new double[n];
        double v = start.doubleValue();
        double d = delta.doubleValue();
        for (int i = 0; i < n; i++, v += d) {
          r[i] = v;
        }
        return r;
      }
      case INT32: {
        int[] r = new int[n];
        int v = start.intValue();
        int d = delta.intValue();
        for (int i = 0; i < n; i++, v += d) {
          r[i] = v;
        }
        return r;
      }
      default: {
        long[] r = new long[n];
        long v = start.longValue();
        long d = delta.longValue();
        for (int i = 0; i < n; i++, v += d) {
          r[i] = v;
        }
        return r;
      }
    }
  }
}
