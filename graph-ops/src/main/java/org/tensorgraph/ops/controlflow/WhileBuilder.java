package org.tensorgraph.ops.controlflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;

/** Builds one {@code While} node the way TF's {@code while_v2.while_loop} does. */
final class WhileBuilder {
  private static final int FIRST_USER_VAR = 2; // after loop_counter and maximum_iterations

  private final Graph graph;
  private final String scope;
  private final WhileOptions options;
  private final List<Output> vars = new ArrayList<>();
  private final List<Shape> invariants = new ArrayList<>();
  private int numUserVars;

  WhileBuilder(Graph graph, String scope, WhileOptions options) {
    this.graph = graph;
    this.scope = scope;
    this.options = options;
  }

  List<Output> build(ControlFlow.Cond cond, ControlFlow.Body body, List<Output> loopVars) {
    String condName = ControlFlow.functionName(graph, scope, "cond");
    String bodyName = ControlFlow.functionName(graph, scope, "body");
    prepareLoopVars(loopVars);
    FunctionBuilder cb = new FunctionBuilder(graph, scope);
    List<Output> condArgs = declareArgs(cb);
    Output pred = cb.inScope(() -> buildPred(cb, cond, condArgs));
    FunctionBuilder bb = new FunctionBuilder(graph, scope);
    List<Output> bodyArgs = declareArgs(bb);
    for (Output c : cb.captures()) {
      bb.capture(c); // cond's captures come first, in cond's order, as while_v2 arranges
    }
    List<Output> results = bb.inScope(() -> buildBody(bb, body, bodyArgs));
    checkResults(results);
    List<Output> captured = bb.captures();
    for (Output c : captured) {
      results.add(bb.capture(c)); // loop invariants pass through unchanged
      cb.capture(c);
    }
    GraphFunction cf = cb.build(condName, List.of(pred), List.of("output"));
    GraphFunction bf = bb.build(bodyName, results, resultNames(bb));
    Operation w = whileNode(cf, bf, captured);
    return w.outputs().subList(FIRST_USER_VAR, FIRST_USER_VAR + numUserVars);
  }

  /** {@code [loop_counter, maximum_iterations] + loop_vars} and their shape invariants. */
  private void prepareLoopVars(List<Output> loopVars) {
    numUserVars = loopVars.size();
    vars.add(constant("loop_counter", 0));
    vars.add(maximumIterations());
    vars.addAll(loopVars);
    invariants.add(Shape.scalar());
    invariants.add(Shape.scalar());
    List<Shape> given = options.shapeInvariants();
    if (given != null && given.size() != loopVars.size()) {
      throw new IllegalArgumentException("shape_invariants must have the same structure as "
          + "loop_vars: " + given.size() + " shapes for " + loopVars.size() + " loop variables");
    }
    for (int i = 0; i < loopVars.size(); i++) {
      Output v = loopVars.get(i);
      Shape inv = given == null ? v.shape() : given.get(i);
      if (!ControlFlow.shapeLessOrEqual(v.shape(), inv)) {
        throw new IllegalArgumentException("The shape invariant specified for " + v.name()
            + " is not compatible with the initial shape of the loop variable. It enters the loop"
            + " with shape " + v.shape().toPythonString() + ", but the specified shape invariant"
            + " is " + inv.toPythonString() + ".");
      }
      invariants.add(inv);
    }
  }

  /** while_v2's {@code _build_maximum_iterations_loop_var}: an int32 scalar, -1 for none. */
  private Output maximumIterations() {
    Output m = options.maximumIterations();
    if (m == null) {
      return constant("maximum_iterations", (int) options.maximumIterationsValue());
    }
    if (m.dtype() != DType.INT32) {
      throw new IllegalArgumentException("Tensor conversion requested dtype int32 for Tensor with"
          + " dtype " + m.dtype().numpyName() + ": " + m);
    }
    if (m.shape().hasRank() && m.shape().rank() != 0) {
      throw new IllegalArgumentException("maximum_iterations must be a scalar, saw shape: "
          + m.shape().toPythonString());
    }
    return m;
  }

  private Output constant(String name, int value) {
    return graph.opBuilder("Const", name).setAttr("value", Tensor.of(value))
        .setAttr("dtype", DType.INT32).build().output(0);
  }

  /** One {@code _Arg} per loop variable, of its invariant shape. */
  private List<Output> declareArgs(FunctionBuilder fb) {
    List<Output> args = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      String name = i == 0 ? "loop_counter" : i == 1 ? "maximum_iterations"
          : vars.get(i).op().name();
      args.add(fb.addArg(name, vars.get(i).dtype(), invariants.get(i)));
    }
    return args;
  }

  /** while_v2's {@code wrapped_cond}: the user's predicate, and'ed with the bound if any. */
  private Output buildPred(FunctionBuilder cb, ControlFlow.Cond cond, List<Output> args) {
    Output pred = cond.apply(Ops.create(cb.body()), userPart(args));
    if (pred == null) {
      throw new IllegalArgumentException("The loop condition returned null; it must return a "
          + "scalar predicate");
    }
    pred = cb.capture(pred);
    if (pred.shape().hasRank() && pred.shape().rank() != 0) {
      throw new IllegalArgumentException("The loop condition must return a scalar, but returned "
          + pred + "; reduce it (tf.reduce_all) or reshape it to a scalar");
    }
    if (!options.hasMaximumIterations()) {
      return pred;
    }
    Output less = cb.body().opBuilder("Less", "Less").addInput(args.get(0))
        .addInput(args.get(1)).build().output(0);
    return cb.body().opBuilder("LogicalAnd", "LogicalAnd").addInput(less).addInput(pred)
        .build().output(0);
  }

  /** while_v2's {@code wrapped_body}: {@code [loop_counter + 1, maximum_iterations] + body}. */
  private List<Output> buildBody(FunctionBuilder bb, ControlFlow.Body body, List<Output> args) {
    List<Output> outs = body.apply(Ops.create(bb.body()), userPart(args));
    if (outs == null || outs.size() != numUserVars) {
      throw new IllegalArgumentException("The two structures don't have the same number of "
          + "elements: the body returned " + (outs == null ? "null" : outs.size() + " values")
          + " for " + numUserVars + " loop variables");
    }
    Graph b = bb.body();
    Output next;
    try (Scope add = b.withNameScope("add")) {
      Output one = b.opBuilder("Const", "y").setAttr("value", Tensor.of(1))
          .setAttr("dtype", DType.INT32).build().output(0);
      next = b.opBuilder("AddV2", add.absoluteName()).addInput(args.get(0)).addInput(one)
          .build().output(0);
    }
    List<Output> r = new ArrayList<>(List.of(next, args.get(1)));
    for (Output o : outs) {
      r.add(bb.capture(o));
    }
    return r;
  }

  /** while_v2's dtype check and {@code _check_shapes_compat}, with TF's texts. */
  private void checkResults(List<Output> results) {
    for (int i = FIRST_USER_VAR; i < FIRST_USER_VAR + numUserVars; i++) {
      Output in = vars.get(i);
      Output out = results.get(i);
      if (in.dtype() != out.dtype()) {
        throw new IllegalArgumentException("Loop var " + in.name() + " enters the loop with type "
            + "<dtype: '" + in.dtype().numpyName() + "'> but has type <dtype: '"
            + out.dtype().numpyName() + "'> after 1 iteration.");
      }
      if (!ControlFlow.shapeLessOrEqual(out.shape(), invariants.get(i))) {
        throw new IllegalArgumentException("Input tensor '" + in.name() + "' enters the loop with "
            + "shape " + invariants.get(i).toPythonString() + ", but has shape "
            + out.shape().toPythonString() + " after one iteration. To allow the shape to vary "
            + "across iterations, use the `shape_invariants` argument of tf.while_loop to specify "
            + "a less-specific shape.");
      }
    }
  }

  /** TF 1.15's while_v2 always emits {@code While}; {@code StatelessWhile} came with TF 2.x. */
  private Operation whileNode(GraphFunction cond, GraphFunction body, List<Output> captured) {
    List<Output> inputs = new ArrayList<>(vars);
    inputs.addAll(captured);
    List<Shape> shapes = new ArrayList<>(invariants);
    for (Output c : captured) {
      shapes.add(c.shape());
    }
    return graph.opBuilder("While", scope + "/")
        .addInputList(inputs).setAttr("cond", FuncAttr.of(cond.name()))
        .setAttr("body", FuncAttr.of(body.name())).setAttr("output_shapes", shapes)
        .setAttr("parallel_iterations", (long) options.parallelIterations()).build();
  }

  private List<Output> userPart(List<Output> args) {
    return List.copyOf(args.subList(FIRST_USER_VAR, FIRST_USER_VAR + numUserVars));
  }

  private static List<String> resultNames(FunctionBuilder fb) {
    return fb.args().stream().map(a -> a.name() + "_next").toList();
  }
}
