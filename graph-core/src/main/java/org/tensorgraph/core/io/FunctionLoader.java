package org.tensorgraph.core.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefModel.ArgModel;
import org.tensorgraph.core.io.GraphDefModel.FunctionModel;
import org.tensorgraph.core.io.GraphDefModel.NodeModel;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Builds a FunctionDef into a {@link GraphFunction}: each {@code signature.inputArg} becomes an
 * {@code _Arg} node named after the argument (attrs {@code T}, {@code index}), the {@code
 * nodeDef}s are built in a topological order with inputs in FunctionDef syntax ({@code arg},
 * {@code node:out_arg:index}, {@code ^node}), and {@code ret} maps each output argument to its
 * tensor, whose dtype must be the declared one.
 */
final class FunctionLoader {
  private final OpRegistry registry;
  private final NodeFactory.OutputBudget budget;

  FunctionLoader(OpRegistry registry, NodeFactory.OutputBudget budget) {
    this.registry = registry;
    this.budget = budget;
  }

  GraphFunction load(Graph root, FunctionModel f) throws GraphDefFormatException {
    Graph body = root.newFunctionBody();
    Map<String, Operation> args = new HashMap<>();
    List<Operation> argOps = new ArrayList<>();
    for (int i = 0; i < f.inputs().size(); i++) {
      ArgModel a = f.inputs().get(i);
      Operation op;
      try {
        var b = body.opBuilder("_Arg", a.name() + "/").setAttr("T", a.type())
            .setAttr("index", (long) i);
        f.argAttrs().get(i).forEach(b::setAttr);
        op = b.build();
      } catch (RuntimeException e) {
        throw f.where().fail("input argument '" + a.name() + "': " + e.getMessage(), e);
      }
      args.put(a.name(), op);
      argOps.add(op);
    }
    Map<String, Operation> built = buildBody(body, f, args);
    List<Output> results = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ArgModel out : f.outputs()) {
      results.add(result(f, out, args, built));
      names.add(out.name());
    }
    java.util.Set<String> outNames = new java.util.HashSet<>(names);
    for (String k : f.ret().keySet()) {
      if (!outNames.contains(k)) {
        throw f.where().fail("ret names '" + JsonMsg.shorten(k) + "', which is not an output "
            + "argument of the signature");
      }
    }
    return new GraphFunction(f.name(), body, argOps, results, names);
  }

  private Map<String, Operation> buildBody(Graph body, FunctionModel f, Map<String, Operation> args)
      throws GraphDefFormatException {
    List<NodeModel> nodes = f.nodes();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      NodeModel n = nodes.get(i);
      if (args.containsKey(n.name())) {
        throw n.where().fail("the node has the name of an input argument of the function");
      }
      if (index.putIfAbsent(n.name(), i) != null) {
        throw n.where().fail("duplicate node name '" + n.name() + "' in the function body");
      }
    }
    int[][] deps = new int[nodes.size()][];
    List<List<TensorName>> parsed = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      List<TensorName> ins = GraphDefBuilder.parseInputs(nodes.get(i), true);
      parsed.add(ins);
      deps[i] = deps(nodes.get(i), ins, index, args);
    }
    int[] order = GraphDefBuilder.sort(deps, nodes);
    Map<String, Operation> built = new HashMap<>();
    for (int i : order) {
      NodeModel n = nodes.get(i);
      List<Output> data = new ArrayList<>();
      List<Operation> ctrl = new ArrayList<>();
      for (int k = 0; k < parsed.get(i).size(); k++) {
        TensorName t = parsed.get(i).get(k);
        if (t.control()) {
          ctrl.add(built.containsKey(t.node()) ? built.get(t.node()) : args.get(t.node()));
        } else {
          data.addAll(tensors(n, k, t, args, built));
        }
      }
      built.put(n.name(), NodeFactory.build(body, registry.get(n.op()), n, n.name(), data, ctrl,
          budget));
    }
    return built;
  }

  private static int[] deps(NodeModel n, List<TensorName> ins, Map<String, Integer> index,
      Map<String, Operation> args) throws GraphDefFormatException {
    List<Integer> d = new ArrayList<>();
    for (int k = 0; k < ins.size(); k++) {
      TensorName t = ins.get(k);
      if (t.isFunctionArg()) {
        if (!args.containsKey(t.node())) {
          throw n.where().fail("input " + k + " '" + t + "': no input argument named '"
              + t.node() + "'" + (index.containsKey(t.node()) ? "; a node's output is named "
              + "'node:out_arg:index' in a function body" : ""));
        }
        continue;
      }
      Integer p = index.get(t.node());
      if (p == null && !(t.control() && args.containsKey(t.node()))) {
        throw n.where().fail("input " + k + " '" + t + "': no node named '" + t.node()
            + "' in the function body");
      }
      if (p != null) {
        d.add(p);
      }
    }
    return d.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The tensors a function-syntax input names: {@code arg} and {@code arg:0} one (arguments are
   * single tensors here), {@code node:out_arg:i} one, {@code node:out_arg} all of the argument.
   */
  static List<Output> tensors(NodeModel n, int k, TensorName t, Map<String, Operation> args,
      Map<String, Operation> built) throws GraphDefFormatException {
    if (t.isFunctionArg()) {
      if (t.index() > 0) {
        throw n.where().fail("input " + k + " '" + t + "': argument '" + t.node() + "' is one "
            + "tensor; only '" + t.node() + ":0' exists");
      }
      return List.of(args.get(t.node()).output(0));
    }
    Operation p = built.get(t.node());
    int[] range;
    try {
      range = p.outputRange(t.outArg());
    } catch (IllegalArgumentException e) {
      throw n.where().fail("input " + k + " '" + t + "': node '" + p.name() + "' (" + p.type()
          + ") has no output argument '" + t.outArg() + "'; its outputs are "
          + p.opDef().outputs().stream().map(a -> a.name()).toList());
    }
    if (t.index() == TensorName.WHOLE) {
      return p.outputs().subList(range[0], range[1]);
    }
    if (t.index() >= range[1] - range[0]) {
      throw n.where().fail("input " + k + " '" + t + "': output argument '" + t.outArg()
          + "' of node '" + p.name() + "' has " + (range[1] - range[0]) + " element(s)");
    }
    return List.of(p.output(range[0] + t.index()));
  }

  private static Output result(FunctionModel f, ArgModel out, Map<String, Operation> args,
      Map<String, Operation> built) throws GraphDefFormatException {
    String name = f.ret().get(out.name());
    if (name == null) {
      throw f.where().fail("Return " + out.name() + " missing (no 'ret' entry for output "
          + "argument '" + out.name() + "')");
    }
    NodeModel at = new NodeModel("ret", "", List.of(), Map.of(), f.where().at("ret '"
        + out.name() + "'"));
    TensorName t = TensorName.parse(name, true, at.where(), 0);
    if (t.control() || (t.isFunctionArg() ? !args.containsKey(t.node())
        : !built.containsKey(t.node()))) {
      throw at.where().fail("'" + JsonMsg.shorten(name) + "' names no argument or node output "
          + "of the function");
    }
    List<Output> named = tensors(at, 0, t, args, built);
    if (named.size() != 1) {
      throw at.where().fail("'" + t + "' names " + named.size() + " tensors; output argument '"
          + out.name() + "' is one tensor");
    }
    Output o = named.get(0);
    if (o.dtype() != out.type()) {
      throw at.where().fail("Invalid ret types " + out.name() + " : " + o.dtype().tfName()
          + " vs. " + out.type().tfName());
    }
    return o;
  }
}
