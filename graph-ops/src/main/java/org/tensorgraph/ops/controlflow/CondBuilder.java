package org.tensorgraph.ops.controlflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;

/** Builds one {@code If} node the way TF's {@code cond_v2.cond_v2} does. */
final class CondBuilder {
  private CondBuilder() {}

  static List<Output> build(Graph graph, String scope, Output pred, ControlFlow.Branch trueFn,
      ControlFlow.Branch falseFn) {
    String trueName = ControlFlow.functionName(graph, scope, "true");
    String falseName = ControlFlow.functionName(graph, scope, "false");
    FunctionBuilder tb = new FunctionBuilder(graph, scope);
    List<Output> tOut = branch(tb, trueFn);
    FunctionBuilder fb = new FunctionBuilder(graph, scope);
    for (Output c : tb.captures()) {
      fb.capture(c); // both branches take the same inputs, true's captures first
    }
    List<Output> fOut = branch(fb, falseFn);
    List<Output> inputs = fb.captures();
    for (Output c : inputs) {
      tb.capture(c);
    }
    checkSameOutputs(tOut, fOut);
    GraphFunction tf = tb.build(trueName, tOut, outputNames(tOut.size()));
    GraphFunction ff = fb.build(falseName, fOut, outputNames(fOut.size()));
    List<Shape> shapes = new ArrayList<>();
    List<DType> types = new ArrayList<>();
    for (int i = 0; i < tOut.size(); i++) {
      shapes.add(ControlFlow.mostSpecificCompatible(tOut.get(i).shape(), fOut.get(i).shape()));
      types.add(tOut.get(i).dtype());
    }
    // TF 1.15's cond_v2 always emits If; StatelessIf came with TF 2.x.
    Operation op = graph.opBuilder("If", scope + "/").addInput(pred)
        .addInputList(inputs).setAttr("Tout", types)
        .setAttr("then_branch", FuncAttr.of(tf.name()))
        .setAttr("else_branch", FuncAttr.of(ff.name())).setAttr("output_shapes", shapes).build();
    return op.outputs();
  }

  private static List<Output> branch(FunctionBuilder fb, ControlFlow.Branch fn) {
    List<Output> out = fb.inScope(() -> fn.apply(Ops.create(fb.body())));
    if (out == null) {
      throw new IllegalArgumentException("A tf.cond branch returned null; return a list "
          + "(List.of() for no outputs)");
    }
    List<Output> r = new ArrayList<>();
    for (Output o : out) {
      r.add(fb.capture(o)); // a branch returning an outer tensor passes it through
    }
    return r;
  }

  /** cond_v2's {@code _check_same_outputs}, with its text. */
  private static void checkSameOutputs(List<Output> t, List<Output> f) {
    String detail = null;
    if (t.size() != f.size()) {
      detail = "The two structures don't have the same number of elements. First structure has "
          + t.size() + " elements, second structure has " + f.size() + " elements.";
    } else {
      for (int i = 0; i < t.size() && detail == null; i++) {
        if (t.get(i).dtype() != f.get(i).dtype()) {
          detail = t.get(i) + " and " + f.get(i) + " have different types";
        }
      }
    }
    if (detail != null) {
      throw new IllegalArgumentException("true_fn and false_fn arguments to tf.cond must have the"
          + " same number, type, and overall structure of return values.\n\ntrue_fn output:  "
          + t + "\nfalse_fn output: " + f + "\n\nError details:\n" + detail);
    }
  }

  private static List<String> outputNames(int n) {
    List<String> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(i == 0 ? "output" : "output_" + i);
    }
    return r;
  }
}
