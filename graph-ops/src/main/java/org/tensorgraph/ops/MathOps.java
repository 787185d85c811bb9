package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.core.op.InferenceContext;

/**
 * TF 1.15's element-wise math ops (tensorflow/core/ops/math_ops.cc): arithmetic with numpy
 * broadcasting, unary functions, {@code Cast}, comparisons, logical ops, {@code Select}, {@code
 * SelectV2}, {@code ClipByValue} and {@code AddN}. Signatures, attrs and defaults are TF's; the
 * allowed dtypes are TF's CPU kernel registrations restricted to float, double, int32, int64 and
 * bool (for these ops they equal the op definitions' lists restricted the same way).
 *
 * <pre>{@code
 * Operation add = graph.opBuilder("AddV2", null).addInput(x).addInput(b).build();
 * add.output(0).shape();   // broadcast of x's and b's static shapes, e.g. [?,4]
 * }</pre>
 */
public final class MathOps implements OpLibrary {
  static final String NUMBER = "T: {float, double, int32, int64}";
  static final String REAL_FLOAT = "T: {float, double}";

  @Override
  public void register(OpRegistry r) {
    registerBinary(r);
    registerUnary(r);
    registerComparisons(r);
    registerOthers(r);
  }

  private static void registerBinary(OpRegistry r) {
    r.register(binary("Add", ElementwiseBinary.ADD, NUMBER));
    r.register(binary("AddV2", ElementwiseBinary.ADD, NUMBER));
    r.register(binary("Sub", ElementwiseBinary.SUB, NUMBER));
    r.register(binary("Mul", ElementwiseBinary.MUL, NUMBER));
    r.register(binary("RealDiv", ElementwiseBinary.DIV, NUMBER));
    r.register(binary("Div", ElementwiseBinary.DIV, NUMBER));
    r.register(binary("FloorDiv", ElementwiseBinary.FLOOR_DIV, NUMBER));
    r.register(binary("FloorMod", ElementwiseBinary.FLOOR_MOD, NUMBER));
    r.register(binary("Maximum", ElementwiseBinary.MAX, NUMBER));
    r.register(binary("Minimum", ElementwiseBinary.MIN, NUMBER));
    r.register(binary("Pow", ElementwiseBinary.POW, NUMBER));
  }

  /** A broadcasting binary op {@code z = x op y} (TF's {@code BINARY_MORE} and kin). */
  static OpDef binary(String name, int op, String types) {
    return OpDef.builder(name)
        .input("x: T").input("y: T").output("z: T")
        .attr(types)
        .shape(ShapeRules.BROADCAST)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseBinary.apply(op, ctx.input(0), ctx.input(1))))
        .build();
  }

  private static void registerUnary(OpRegistry r) {
    r.register(unary("Neg", ElementwiseUnary.NEG, NUMBER));
    r.register(unary("Abs", ElementwiseUnary.ABS, NUMBER));
    r.register(unary("Sign", ElementwiseUnary.SIGN, NUMBER));
    r.register(unary("Square", ElementwiseUnary.SQUARE, NUMBER));
    r.register(unary("Sqrt", ElementwiseUnary.SQRT, REAL_FLOAT));
    r.register(unary("Rsqrt", ElementwiseUnary.RSQRT, REAL_FLOAT));
    r.register(unary("Exp", ElementwiseUnary.EXP, REAL_FLOAT));
    r.register(unary("Log", ElementwiseUnary.LOG, REAL_FLOAT));
    r.register(unary("Log1p", ElementwiseUnary.LOG1P, REAL_FLOAT));
    r.register(unary("Tanh", ElementwiseUnary.TANH, REAL_FLOAT));
    r.register(unary("Sigmoid", ElementwiseUnary.SIGMOID, REAL_FLOAT));
    r.register(OpDef.builder("LogicalNot")
        .input("x: bool").output("y: bool")
        .shape(ShapeRules.UNCHANGED)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseUnary.apply(ElementwiseUnary.LOGICAL_NOT,
            ctx.input(0))))
        .build());
  }

  /** A unary op {@code y = f(x)} (TF's {@code UNARY()} signature). */
  static OpDef unary(String name, int op, String types) {
    return OpDef.builder(name)
        .input("x: T").output("y: T")
        .attr(types)
        .shape(ShapeRules.UNCHANGED)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseUnary.apply(op, ctx.input(0))))
        .build();
  }

  private static void registerComparisons(OpRegistry r) {
    r.register(comparison("Less", ElementwiseCompare.LESS));
    r.register(comparison("LessEqual", ElementwiseCompare.LESS_EQUAL));
    r.register(comparison("Greater", ElementwiseCompare.GREATER));
    r.register(comparison("GreaterEqual", ElementwiseCompare.GREATER_EQUAL));
    r.register(equality("Equal", ElementwiseCompare.EQUAL));
    r.register(equality("NotEqual", ElementwiseCompare.NOT_EQUAL));
    r.register(logical("LogicalAnd", ElementwiseCompare.AND));
    r.register(logical("LogicalOr", ElementwiseCompare.OR));
  }

  private static OpDef comparison(String name, int op) {
    return OpDef.builder(name)
        .input("x: T").input("y: T").output("z: bool")
        .attr(NUMBER)
        .shape(ShapeRules.BROADCAST)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseCompare.apply(op, ctx.input(0), ctx.input(1))))
        .build();
  }

  /**
   * Equal/NotEqual: with {@code incompatible_shape_error=false}, shapes that do not broadcast give
   * a scalar (false for Equal, true for NotEqual) instead of an error, and an unknown static shape.
   */
  private static OpDef equality(String name, int op) {
    return OpDef.builder(name)
        .input("x: T").input("y: T").output("z: bool")
        .attr("T: {float, double, int32, int64, bool}")
        .attr("incompatible_shape_error: bool = true")
        .shape(c -> {
          try {
            return List.of(ShapeRules.broadcast(c.inputShape(0), c.inputShape(1)));
          } catch (IllegalArgumentException e) {
            if (c.attrBool("incompatible_shape_error")) {
              throw e;
            }
            return List.of(Shape.unknown());
          }
        })
        .kernel(ctx -> {
          Tensor x = ctx.input(0);
          Tensor y = ctx.input(1);
          if (!ctx.op().attrBool("incompatible_shape_error")
              && !Broadcast.compatible(x.shape(), y.shape())) {
            ctx.setOutput(0, ElementwiseCompare.scalar(op == ElementwiseCompare.NOT_EQUAL));
            return;
          }
          ctx.setOutput(0, ElementwiseCompare.apply(op, x, y));
        })
        .build();
  }

  private static OpDef logical(String name, int op) {
    return OpDef.builder(name)
        .input("x: bool").input("y: bool").output("z: bool")
        .shape(ShapeRules.BROADCAST)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseCompare.apply(op, ctx.input(0), ctx.input(1))))
        .build();
  }

  private static void registerOthers(OpRegistry r) {
    r.register(OpDef.builder("Cast")
        .input("x: SrcT").output("y: DstT")
        .attr("SrcT: {float, double, int32, int64, bool}")
        .attr("DstT: {float, double, int32, int64, bool}")
        .attr("Truncate: bool = false")
        .shape(ShapeRules.UNCHANGED)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseCast.cast(ctx.input(0),
            ctx.op().attrType("DstT"), ctx.op().attrBool("Truncate"))))
        .build());
    r.register(OpDef.builder("Select")
        .input("condition: bool").input("t: T").input("e: T").output("output: T")
        .attr("T: {float, double, int32, int64, bool}")
        .shape(MathOps::selectShape)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseSelect.select(ctx.op().name(), ctx.input(0),
            ctx.input(1), ctx.input(2))))
        .build());
    r.register(OpDef.builder("SelectV2")
        .input("condition: bool").input("t: T").input("e: T").output("output: T")
        .attr("T: {float, double, int32, int64, bool}")
        .shape(c -> List.of(ShapeRules.broadcast(c.inputShape(0),
            ShapeRules.broadcast(c.inputShape(1), c.inputShape(2)))))
        .kernel(ctx -> ctx.setOutput(0, ElementwiseSelect.selectV2(ctx.input(0), ctx.input(1),
            ctx.input(2))))
        .build());
    r.register(OpDef.builder("ClipByValue")
        .input("t: T").input("clip_value_min: T").input("clip_value_max: T").output("output: T")
        .attr(NUMBER)
        .shape(ShapeRules.UNCHANGED)
        .kernel(ctx -> ctx.setOutput(0, ElementwiseSelect.clip(ctx.input(0), ctx.input(1),
            ctx.input(2))))
        .build());
    r.register(OpDef.builder("AddN")
        .input("inputs: N * T").output("sum: T")
        .attr("N: int >= 1")
        .attr(NUMBER)
        .shape(MathOps::addNShape)
        .kernel(ctx -> {
          List<Tensor> xs = new ArrayList<>();
          for (int i = 0; i < ctx.numInputs(); i++) {
            xs.add(ctx.input(i));
          }
          ctx.setOutput(0, ElementwiseSelect.addN(ctx.op().name(), xs));
        })
        .build());
  }

  /** TF's Select shape function: then/else merge; cond is a scalar, their shape, or a vector. */
  static List<Shape> selectShape(InferenceContext c) {
    Shape data = MathShapes.merge(c.inputShape(1), c.inputShape(2));
    Shape cond = c.inputShape(0);
    if (!cond.hasRank() || !data.hasRank() || cond.rank() == 0) {
      return List.of(data);
    }
    if (cond.rank() != 1 || data.rank() == 0) {
      return List.of(MathShapes.merge(data, cond));
    }
    MathShapes.merge(cond, Shape.of(data.dim(0)));
    return List.of(data);
  }

  /** TF's AddN shape function: every input's shape merged, from the last to the first. */
  static List<Shape> addNShape(InferenceContext c) {
    Shape cur = c.inputShape(c.numInputs() - 1);
    for (int i = c.numInputs() - 2; i >= 0; i--) {
      try {
        cur = MathShapes.merge(c.inputShape(i), cur);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + "\n\tFrom merging shape " + i
            + " with other shapes.", e);
      }
    }
    return List.of(cur);
  }
}
