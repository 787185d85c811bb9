package org.tensorgraph.ops.controlflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;

/**
 * Builds one graph function (a {@code While}'s cond or body, an {@code If} branch) as TF's
 * {@code FuncGraph} does: declared parameters become {@code _Arg} nodes with static shapes (the
 * private {@code _output_shapes} attr), and every tensor of an enclosing graph that an op of the
 * body uses is captured: it gets its own {@code _Arg}, once per outer tensor, and the control-flow
 * op passes the outer tensor in as an extra input.
 *
 * <pre>{@code
 * FunctionBuilder fb = new FunctionBuilder(g, "while");
 * Output i = fb.addArg("i", DType.INT32, Shape.scalar());
 * Output next = fb.inScope(() -> Ops.create(fb.body()).add(i, k));  // k outer: captured
 * fb.captures();                                                    // [k]
 * GraphFunction f = fb.build("while_body_1", List.of(next, ...), List.of("i_next", ...));
 * }</pre>
 *
 * <p>Ops of the body are named under {@code nameScope} (the control-flow node's full name, such
 * as {@code rnn/while}), so a run-time error inside the body names {@code rnn/while/MatMul}, as in
 * TF. {@code _Arg} nodes sit at the body's root, named like FunctionDef arguments.
 */
public final class FunctionBuilder {
  private final Graph body;
  private final String nameScope;
  private final List<Operation> args = new ArrayList<>();
  private final Map<Output, Output> captures = new LinkedHashMap<>();

  /** A builder for a function called from {@code outer}; its ops go under {@code nameScope}. */
  public FunctionBuilder(Graph outer, String nameScope) {
    this.body = outer.newFunctionBody();
    this.nameScope = nameScope;
    body.setCaptureHandler(this::capture);
  }

  /** The body graph: build the function's ops here (inside {@link #inScope}). */
  public Graph body() {
    return body;
  }

  /** Adds a parameter: an {@code _Arg} named {@code name} (made unique) of a static shape. */
  public Output addArg(String name, DType dtype, Shape shape) {
    try (Scope root = body.withNameScope("")) {
      String unique = body.uniqueName(argName(name));
      Operation arg = body.opBuilder("_Arg", unique + "/").setAttr("T", dtype)
          .setAttr("index", (long) args.size()).setAttr("_output_shapes", List.of(shape)).build();
      args.add(arg);
      return arg.output(0);
    }
  }

  /**
   * The body's stand-in for {@code outer}, a tensor of an enclosing graph: the same {@code _Arg}
   * for every use. A tensor of this body is returned as it is.
   */
  public synchronized Output capture(Output outer) {
    if (outer.graph() == body) {
      return outer;
    }
    Output inner = captures.get(outer);
    if (inner == null) {
      inner = addArg(outer.op().name(), outer.dtype(), outer.shape());
      captures.put(outer, inner);
    }
    return inner;
  }

  /** The captured outer tensors, in capture order (the extra inputs the caller passes). */
  public synchronized List<Output> captures() {
    return List.copyOf(captures.keySet());
  }

  /** The {@code _Arg} nodes so far, in parameter order. */
  public List<Operation> args() {
    return List.copyOf(args);
  }

  /** Runs {@code f} with the body's name scope open, so its ops are named under it. */
  public <T> T inScope(Supplier<T> f) {
    try (Scope s = body.withNameScope(nameScope.isEmpty() ? "" : nameScope + "/")) {
      return f.get();
    }
  }

  /**
   * Makes the function and adds it to the top-level graph's library. Results from an enclosing
   * graph are captured first (a branch that returns an outer tensor passes it through).
   */
  public GraphFunction build(String name, List<Output> results, List<String> resultNames) {
    List<Output> rs = new ArrayList<>();
    for (Output r : results) {
      rs.add(capture(r));
    }
    GraphFunction f = new GraphFunction(name, body, args, rs, resultNames);
    body.addFunction(f);
    return f;
  }

  /**
   * A FunctionDef-style argument name ({@code [a-z][a-z0-9_]*}) from a node name: its last path
   * component, lower-cased, other characters replaced by {@code _}.
   */
  static String argName(String nodeName) {
    String base = nodeName.substring(nodeName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    for (char c : base.toCharArray()) {
      sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    if (sb.length() == 0 || !(sb.charAt(0) >= 'a' && sb.charAt(0) <= 'z')) {
      sb.insert(0, "arg_");
    }
    return sb.toString();
  }
}
