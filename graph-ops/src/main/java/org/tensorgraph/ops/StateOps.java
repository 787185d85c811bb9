package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.core.op.VariableSlot;

/**
 * The ops that feed, hold and check values: {@code Placeholder}, {@code PlaceholderWithDefault},
 * {@code Const}, {@code Identity}, {@code IdentityN}, {@code NoOp}, TF1 reference variables
 * ({@code VariableV2}, {@code Assign}, {@code AssignAdd}, {@code AssignSub}) and {@code Assert},
 * with TF 1.15's signatures (tensorflow/core/ops/array_ops.cc, state_ops.cc, logging_ops.cc),
 * shape functions and kernel error texts.
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Output w = g.opBuilder("VariableV2", "w").setAttr("shape", Shape.of(2))
 *     .setAttr("dtype", DType.FLOAT32).build().output(0);
 * Output init = g.opBuilder("Const", "w/init").setAttr("dtype", DType.FLOAT32)
 *     .setAttr("value", Tensor.of(new float[] {1, 2})).build().output(0);
 * Operation assign = g.opBuilder("Assign", "w/Assign").addInput(w).addInput(init).build();
 * Output read = g.opBuilder("Identity", "w/read").addInput(w).build().output(0);
 * session.run(assign);
 * session.run(read);   // [1. 2.]
 * }</pre>
 *
 * <p>Variable values live in the session ({@link KernelContext#variables()}), keyed by the
 * variable's {@code shared_name}, or its node name when that is empty, so two sessions on one
 * graph never share them.
 */
public final class StateOps implements OpLibrary {
  @Override
  public void register(OpRegistry registry) {
    for (OpDef d : defs()) {
      registry.register(d);
    }
  }

  static List<OpDef> defs() {
    return List.of(
        OpDef.builder("Placeholder").output("output: dtype")
            .attr("dtype: type").attr("shape: shape = { unknown_rank: true }")
            .shape(c -> List.of(c.attrShape("shape")))
            .kernel(StateOps::placeholder).build(),
        OpDef.builder("PlaceholderWithDefault").input("input: dtype").output("output: dtype")
            .attr("dtype: type").attr("shape: shape")
            .shape(StateOps::placeholderWithDefaultShape)
            .kernel(ctx -> ctx.setOutput(0, ctx.input(0))).build(),
        OpDef.builder("Const").output("output: dtype")
            .attr("value: tensor").attr("dtype: type")
            .shape(StateOps::constShape).kernel(StateOps::constant).build(),
        OpDef.builder("Identity").input("input: T").output("output: T").attr("T: type")
            .shape(ShapeRules.UNCHANGED).kernel(ctx -> ctx.setOutput(0, ctx.input(0))).build(),
        OpDef.builder("IdentityN").input("input: T").output("output: T").attr("T: list(type)")
            .shape(StateOps::identityNShape).kernel(StateOps::identityN).build(),
        OpDef.builder("NoOp").shape(ShapeRules.NO_OUTPUTS).kernel(ctx -> { }).build(),
        OpDef.builder("VariableV2").output("ref: Ref(dtype)")
            .attr("shape: shape").attr("dtype: type")
            .attr("container: string = ''").attr("shared_name: string = ''")
            .stateful().shape(c -> List.of(c.attrShape("shape")))
            .kernel(StateOps::variable).build(),
        OpDef.builder("Assign").input("ref: Ref(T)").input("value: T").output("output_ref: Ref(T)")
            .attr("T: type").attr("validate_shape: bool = true").attr("use_locking: bool = true")
            .shape(StateOps::assignShape).kernel(StateOps::assign).build(),
        denseUpdate("AssignAdd", false),
        denseUpdate("AssignSub", true),
        OpDef.builder("Assert").input("condition: bool").input("data: T")
            .attr("T: list(type)").attr("summarize: int = 3")
            .stateful().shape(ShapeRules.NO_OUTPUTS).kernel(StateOps::assertOp).build());
  }

  private static OpDef denseUpdate(String name, boolean subtract) {
    return OpDef.builder(name).input("ref: Ref(T)").input("value: T").output("output_ref: Ref(T)")
        .attr("T: {float, double, int32, int64}").attr("use_locking: bool = false")
        .shape(c -> List.of(ShapeFns.merge(c.inputShape(0), c.inputShape(1))))
        .kernel(ctx -> denseUpdate(ctx, subtract)).build();
  }

  // ---------------------------------------------------------------- shape functions

  private static List<Shape> placeholderWithDefaultShape(InferenceContext c) {
    Shape out = c.attrShape("shape");
    ShapeFns.merge(c.inputShape(0), out); // compatibility only: the attr may be less precise
    return List.of(out);
  }

  private static List<Shape> constShape(InferenceContext c) {
    Tensor value = (Tensor) c.attr("value");
    DType dtype = c.attrType("dtype");
    if (value.dtype() != dtype) {
      throw new IllegalArgumentException(typeMismatch(value.dtype(), dtype));
    }
    return List.of(value.shape());
  }

  private static List<Shape> identityNShape(InferenceContext c) {
    List<Shape> r = new ArrayList<>();
    for (int i = 0; i < c.numInputs(); i++) {
      r.add(c.inputShape(i));
    }
    return r;
  }

  private static List<Shape> assignShape(InferenceContext c) {
    if (c.attrBool("validate_shape")) {
      ShapeFns.merge(c.inputShape(0), c.inputShape(1));
    }
    return List.of(c.inputShape(1));
  }

  // ---------------------------------------------------------------- kernels

  private static void placeholder(KernelContext ctx) {
    Operation op = ctx.op();
    Shape shape = op.attrShape("shape");
    String msg = "You must feed a value for placeholder tensor '" + op.name() + "' with dtype "
        + op.attrType("dtype").tfName();
    // TF prints the shape only for rank >= 1: unknown rank and scalars print none.
    throw new InvalidArgumentException(shape.rank() > 0 ? msg + " and shape " + shape : msg);
  }

  private static void constant(KernelContext ctx) {
    Tensor value = ctx.op().attrTensor("value");
    DType dtype = ctx.op().attrType("dtype");
    if (value.dtype() != dtype) {
      throw new InvalidArgumentException(typeMismatch(value.dtype(), dtype));
    }
    ctx.setOutput(0, value);
  }

  private static String typeMismatch(DType value, DType dtype) {
    return "Type mismatch between value (" + value.tfName() + ") and dtype (" + dtype.tfName()
        + ")";
  }

  private static void identityN(KernelContext ctx) {
    for (int i = 0; i < ctx.numInputs(); i++) {
      ctx.setOutput(i, ctx.input(i));
    }
  }

  private static void variable(KernelContext ctx) {
    Operation op = ctx.op();
    String shared = op.attrString("shared_name");
    String key = shared.isEmpty() ? op.name() : shared;
    ctx.setRefOutput(0, ctx.variables().slot(key, op.attrType("dtype"), op.attrShape("shape")));
  }

  private static void assign(KernelContext ctx) {
    VariableSlot var = ctx.refInput(0);
    Tensor value = ctx.input(1);
    if (ctx.op().attrBool("validate_shape")) {
      Tensor old = var.valueOrNull();
      Shape lhs = old != null ? old.shape() : var.shape();
      boolean same = old != null || lhs.isFullyDefined()
          ? lhs.equals(value.shape()) : lhs.isCompatibleWith(value.shape());
      if (!same) {
        throw new InvalidArgumentException("Assign requires shapes of both tensors to match. "
            + "lhs shape= " + lhs + " rhs shape= " + value.shape());
      }
    }
    var.assign(value);
    ctx.setRefOutput(0, var);
  }

  private static void denseUpdate(KernelContext ctx, boolean subtract) {
    VariableSlot var = ctx.refInput(0);
    Tensor update = ctx.input(1);
    if (!var.isInitialized()) {
      throw new FailedPreconditionException("Attempting to use uninitialized parameters: "
          + requestedInput(ctx.op().input(0)));
    }
    var.update(old -> {
      if (!old.shape().equals(update.shape())) {
        throw new InvalidArgumentException("Parameters and update must be the same size");
      }
      return addOrSubtract(old, update, subtract);
    });
    ctx.setRefOutput(0, var);
  }

  /** The input as a NodeDef spells it: {@code "w"}, or {@code "w:1"} for another output. */
  private static String requestedInput(Output in) {
    return in.index() == 0 ? in.op().name() : in.name();
  }

  private static Tensor addOrSubtract(Tensor a, Tensor b, boolean subtract) {
    int n = a.size();
    Shape s = a.shape();
    switch (a.dtype()) {
      case FLOAT32: {
        float[] x = (float[]) a.rawData();
        float[] y = (float[]) b.rawData();
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
          r[i] = subtract ? x[i] - y[i] : x[i] + y[i];
        }
        return Tensor.wrap(s, r);
      }
      case FLOAT64: {
        double[] x = (double[]) a.rawData();
        double[] y = (double[]) b.rawData();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = subtract ? x[i] - y[i] : x[i] + y[i];
        }
        return Tensor.wrap(s, r);
      }
      case INT32: {
        int[] x = (int[]) a.rawData();
        int[] y = (int[]) b.rawData();
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
          r[i] = subtract ? x[i] - y[i] : x[i] + y[i];
        }
        return Tensor.wrap(s, r);
      }
      case INT64: {
        long[] x = (long[]) a.rawData();
        long[] y = (long[]) b.rawData();
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
          r[i] = subtract ? x[i] - y[i] : x[i] + y[i];
        }
        return Tensor.wrap(s, r);
      }
      default:
        throw new InvalidArgumentException("Unsupported dtype " + a.dtype().tfName());
    }
  }

  private static void assertOp(KernelContext ctx) {
    Tensor cond = ctx.input(0);
    if (cond.rank() != 0) {
      throw new InvalidArgumentException("In[0] should be a scalar: " + cond.shape());
    }
    if (cond.booleanValue()) {
      return;
    }
    long summarize = ctx.op().attrLong("summarize");
    StringBuilder msg = new StringBuilder("assertion failed: ");
    int n = ctx.numInputs();
    for (int i = 1; i < n; i++) {
      msg.append('[').append(StateTensorText.summarize(ctx.input(i), summarize)).append(']');
      if (i < n - 1) {
        msg.append(' ');
      }
    }
    throw new InvalidArgumentException(msg.toString());
  }
}
