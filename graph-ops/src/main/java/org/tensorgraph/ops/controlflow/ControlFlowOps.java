package org.tensorgraph.ops.controlflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * TF 1.15's functional control flow ({@code tensorflow/core/ops/functional_ops.cc}, kernels from
 * {@code core/kernels/functional_ops.cc}) and the function-boundary ops {@code _Arg} and {@code
 * _Retval}.
 *
 * <pre>{@code
 * // loop variables in, loop variables out; cond and body are functions in the graph's library
 * Operation w = g.opBuilder("While", "while").addInputList(List.of(i0))
 *     .setAttr("cond", FuncAttr.of("while_cond")).setAttr("body", FuncAttr.of("while_body"))
 *     .build();
 * }</pre>
 *
 * <p>{@code While} calls {@code cond} and {@code body} through {@link KernelContext#function}
 * handles on the calling thread, one iteration after another: {@code
 * parallel_iterations} is accepted and recorded but iterations never overlap (TF's synchronous
 * {@code DoComputeSync} does the same). It checks for cancellation and the run's deadline before
 * every iteration. {@code _Arg} has no kernel: the executor feeds it when it runs a function.
 */
public final class ControlFlowOps implements OpLibrary {
  @Override
  public void register(OpRegistry r) {
    r.register(OpDef.builder("_Arg").output("output: T").attr("T: type").attr("index: int >= 0")
        .shape(ControlFlowOps::argShape).build());
    r.register(OpDef.builder("_Retval").input("input: T").attr("T: type")
        .attr("index: int >= 0").shape(c -> List.of()).kernel(ctx -> { }).build());
    for (String name : List.of("While", "StatelessWhile")) {
      OpDef.Builder b = OpDef.builder(name).input("input: T").output("output: T")
          .attr("T: list(type) >= 0").attr("cond: func").attr("body: func")
          .attr("output_shapes: list(shape) = []").attr("parallel_iterations: int = 10")
          .shape(c -> functionalShapes(c, true)).kernel(ControlFlowOps::whileLoop).expensive();
      r.register((name.equals("While") ? b.stateful() : b).build());
    }
    for (String name : List.of("If", "StatelessIf")) {
      OpDef.Builder b = OpDef.builder(name).input("cond: Tcond").input("input: Tin")
          .output("output: Tout").attr("Tcond: type").attr("Tin: list(type) >= 0")
          .attr("Tout: list(type) >= 0").attr("then_branch: func").attr("else_branch: func")
          .attr("output_shapes: list(shape) = []")
          .shape(c -> functionalShapes(c, false)).kernel(ControlFlowOps::ifThenElse).expensive();
      r.register((name.equals("If") ? b.stateful() : b).build());
    }
  }

  /** {@code _Arg}: the private {@code _output_shapes} attr when present, else unknown. */
  private static List<Shape> argShape(InferenceContext c) {
    Object shapes = c.attr("_output_shapes");
    if (shapes instanceof List<?> l && l.size() == 1 && l.get(0) instanceof Shape s) {
      return List.of(s);
    }
    return List.of(Shape.unknown());
  }

  /** TF's {@code WhileShapeInferenceFn} / {@code IfShapeInferenceFn}. */
  private static List<Shape> functionalShapes(InferenceContext c, boolean isWhile) {
    List<?> shapes = (List<?>) c.attr("output_shapes");
    int n = c.numOutputs();
    if (shapes.isEmpty()) {
      List<Shape> r = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        r.add(isWhile ? c.inputShape(i) : Shape.unknown());
      }
      return r;
    }
    if (shapes.size() != n) {
      throw new IllegalArgumentException("`output_shapes` must be the same length as num outputs ("
          + shapes.size() + " vs. " + n);
    }
    return shapes.stream().map(s -> (Shape) s).toList();
  }

  // ---------------------------------------------------------------- kernels

  /**
   * TF's {@code WhileOp::DoComputeSync}. Cond and body are resolved once per invocation ({@link
   * KernelContext#function}); an iteration allocates only what the functions return.
   */
  private static void whileLoop(KernelContext ctx) {
    Operation op = ctx.op();
    KernelContext.FunctionCall cond = ctx.function(op.attrFunc("cond").name());
    KernelContext.FunctionCall body = ctx.function(op.attrFunc("body").name());
    DType[] types = op.attrList("T", DType.class).toArray(new DType[0]);
    Tensor[] vars = new Tensor[ctx.numInputs()];
    for (int i = 0; i < vars.length; i++) {
      vars[i] = ListOwnership.enter(ctx, i);
    }
    Tensor[] condArgs = new Tensor[vars.length]; // reused: a call does not keep its args
    while (true) {
      ctx.checkCancelled();
      Tensor[] c = cond.call(ListOwnership.borrowAll(vars, condArgs));
      if (c.length != 1) {
        throw new InvalidArgumentException("Expected a single scalar return value from WhileOp "
            + "cond, got " + c.length + " tensors.");
      }
      if (!toBool(c[0])) {
        break;
      }
      Tensor[] next = body.call(vars);
      if (next.length != vars.length) {
        throw new InvalidArgumentException("While loop body returned " + next.length
            + " arguments. Expected: " + vars.length);
      }
      checkTypes(types, next);
      vars = ListOwnership.separate(next);
    }
    for (int i = 0; i < vars.length; i++) {
      ctx.setOutput(i, vars[i]);
    }
  }

  /** TF's {@code IfOp}: runs one branch on the inputs after the predicate. */
  private static void ifThenElse(KernelContext ctx) {
    Operation op = ctx.op();
    boolean pred = toBool(ctx.input(0));
    String branch = op.attrFunc(pred ? "then_branch" : "else_branch").name();
    Tensor[] args = new Tensor[ctx.numInputs() - 1];
    for (int i = 0; i < args.length; i++) {
      args[i] = ListOwnership.enter(ctx, i + 1);
    }
    Tensor[] rets = ctx.function(branch).call(args);
    DType[] types = op.attrList("Tout", DType.class).toArray(new DType[0]);
    if (rets.length != types.length) {
      throw new InternalException("Expect to produce " + types.length + " tensors, but only get "
          + rets.length);
    }
    checkTypes(types, rets);
    Tensor[] out = ListOwnership.separate(rets);
    for (int i = 0; i < out.length; i++) {
      ctx.setOutput(i, out[i]);
    }
  }

  /** TF's {@code SetOutputs} check: each value has the dtype its output declares. */
  private static void checkTypes(DType[] types, Tensor[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i].dtype() != types[i]) {
        throw new InternalException("Expect " + i + "-th output is of type "
            + types[i].tfName() + " but get " + values[i].dtype().tfName());
      }
    }
  }

  /**
   * TF's {@code ToBool}: a scalar is true when non-zero (a bool is itself); any other tensor is
   * true when it has elements.
   */
  static boolean toBool(Tensor t) {
    if (t.rank() != 0) {
      return t.size() > 0;
    }
    switch (t.dtype()) {
      case BOOL:
        return t.booleanValue();
      case VARIANT:
        throw new InvalidArgumentException("variant cannot be converted to a boolean");
      default:
        return t.getAsDouble(0) != 0;
    }
  }
}
