package org.tensorgraph.core.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefModel.FunctionModel;
import org.tensorgraph.core.io.GraphDefModel.NodeModel;
import org.tensorgraph.core.io.JsonMsg.Where;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Builds a checked {@link GraphDefModel} into a graph: every op type known (one error lists all
 * unknown ones), function references resolved, acyclic and nested at most {@link
 * LoadLimits#maxFunctionNesting()} deep, functions built callees first, then graph nodes in a
 * topological order with their names verbatim (or under an import prefix).
 */
final class GraphDefBuilder {
  /** Import options; for a plain read the prefix is "" and the maps are empty. */
  record Options(String prefix, Map<String, Output> inputMap, List<String> returnElements) {}

  private static final int MAX_LISTED = 10;

  private final String source;
  private final OpRegistry registry;
  private final LoadLimits limits;

  GraphDefBuilder(String source, OpRegistry registry, LoadLimits limits) {
    this.source = source;
    this.registry = registry;
    this.limits = limits;
  }

  /** Checks everything that needs no building, then builds; returns the built graph nodes. */
  Map<String, Operation> build(Graph target, GraphDefModel m, Options opt,
      Map<String, GraphFunction> existingSame) throws GraphDefFormatException {
    checkOps(m);
    List<FunctionModel> fnOrder = functionOrder(m);
    List<NodeModel> nodes = m.nodes();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (index.putIfAbsent(nodes.get(i).name(), i) != null) {
        throw nodes.get(i).where().fail("duplicate node name '" + nodes.get(i).name() + "'");
      }
    }
    List<List<TensorName>> parsed = new ArrayList<>();
    int[][] deps = new int[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      parsed.add(parseInputs(nodes.get(i), false));
      deps[i] = graphDeps(nodes.get(i), parsed.get(i), index);
    }
    int[] order = sort(deps, nodes);
    ImportChecks.beforeBuild(opt, index);
    checkClashes(target, nodes, opt);
    NodeFactory.OutputBudget budget = new NodeFactory.OutputBudget(limits);
    FunctionLoader loader = new FunctionLoader(registry, budget);
    for (FunctionModel f : fnOrder) {
      if (!existingSame.containsKey(f.name())) {
        GraphFunction gf = loader.load(target.root(), f);
        try {
          target.addFunction(gf);
        } catch (IllegalArgumentException e) {
          throw f.where().fail(e.getMessage(), e);
        }
      }
    }
    return buildNodes(target, nodes, parsed, order, opt, budget);
  }

  private Map<String, Operation> buildNodes(Graph target, List<NodeModel> nodes,
      List<List<TensorName>> parsed, int[] order, Options opt, NodeFactory.OutputBudget budget)
      throws GraphDefFormatException {
    Map<String, Operation> built = new LinkedHashMap<>();
    String prefix = prefix(opt);
    for (int i : order) {
      NodeModel n = nodes.get(i);
      List<Output> data = new ArrayList<>();
      List<Operation> ctrl = new ArrayList<>();
      for (int k = 0; k < parsed.get(i).size(); k++) {
        TensorName t = parsed.get(i).get(k);
        Operation p = built.get(t.node());
        if (t.control()) {
          ctrl.add(p);
          continue;
        }
        Output mapped = opt.inputMap().get(t.node() + ":" + t.index());
        if (mapped != null) {
          data.add(mapped);
        } else if (t.index() >= p.numOutputs()) {
          throw n.where().fail("input " + k + " '" + t + "': node '" + t.node() + "' has "
              + p.numOutputs() + " output(s)");
        } else {
          data.add(p.output(t.index()));
        }
      }
      built.put(n.name(), NodeFactory.build(target, registry.get(n.op()), n, prefix + n.name(),
          data, ctrl, budget));
    }
    return built;
  }

  private static String prefix(Options opt) {
    return opt.prefix().isEmpty() ? "" : opt.prefix() + "/";
  }

  /** Before anything is added, so that a clash leaves the target as it was. */
  private static void checkClashes(Graph target, List<NodeModel> nodes, Options opt)
      throws GraphDefFormatException {
    String prefix = prefix(opt);
    for (NodeModel n : nodes) {
      if (target.operation(prefix + n.name()) != null) {
        throw n.where().fail("the target graph already has a node named '" + prefix + n.name()
            + "'");
      }
    }
  }

  // ---------------------------------------------------------------- inputs and order

  static List<TensorName> parseInputs(NodeModel n, boolean inFunction)
      throws GraphDefFormatException {
    List<TensorName> r = new ArrayList<>(n.inputs().size());
    for (int k = 0; k < n.inputs().size(); k++) {
      r.add(TensorName.parse(n.inputs().get(k), inFunction, n.where(), k));
    }
    return r;
  }

  private static int[] graphDeps(NodeModel n, List<TensorName> ins, Map<String, Integer> index)
      throws GraphDefFormatException {
    int[] d = new int[ins.size()];
    for (int k = 0; k < ins.size(); k++) {
      Integer p = index.get(ins.get(k).node());
      if (p == null) {
        throw n.where().fail((ins.get(k).control() ? "control input " : "input ") + k + " '"
            + JsonMsg.shorten(n.inputs().get(k)) + "': no node named '"
            + JsonMsg.shorten(ins.get(k).node()) + "' in the graph");
      }
      d[k] = p;
    }
    return d;
  }

  /** A topological order of {@code nodes}; a cycle fails naming its nodes in dataflow order. */
  static int[] sort(int[][] deps, List<NodeModel> nodes) throws GraphDefFormatException {
    try {
      return Topo.order(deps);
    } catch (Topo.CycleException e) {
      List<Integer> path = new ArrayList<>(e.path);
      Collections.reverse(path); // each node now feeds the next
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < path.size(); k++) {
        if (k == MAX_LISTED && path.size() > MAX_LISTED + 1) {
          sb.append(" -> ... (").append(path.size() - MAX_LISTED - 1).append(" more)");
          k = path.size() - 1;
        }
        sb.append(k == 0 ? "" : " -> ").append(nodes.get(path.get(k)).name());
      }
      throw nodes.get(path.get(0)).where().fail("the graph has a cycle: " + sb
          + " (each node is an input of the next)");
    }
  }

  // ---------------------------------------------------------------- op types

  /** One error for every unknown op type, graph and function bodies together. */
  private void checkOps(GraphDefModel m) throws GraphDefFormatException {
    Map<String, List<String>> unknown = new LinkedHashMap<>();
    for (NodeModel n : m.nodes()) {
      if (registry.find(n.op()) == null) {
        unknown.computeIfAbsent(n.op(), k -> new ArrayList<>()).add(n.name());
      }
    }
    for (FunctionModel f : m.functions()) {
      for (NodeModel n : f.nodes()) {
        if (registry.find(n.op()) == null) {
          unknown.computeIfAbsent(n.op(), k -> new ArrayList<>()).add(n.name() + " in function "
              + f.name());
        }
      }
      if (!f.inputs().isEmpty() && registry.find("_Arg") == null) {
        unknown.computeIfAbsent("_Arg", k -> new ArrayList<>()).add("arguments of function "
            + f.name());
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    java.util.Set<String> fnNames = new java.util.HashSet<>();
    m.functions().forEach(f -> fnNames.add(f.name()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : unknown.entrySet()) {
      List<String> names = e.getValue();
      String shown = String.join(", ", names.subList(0, Math.min(MAX_LISTED, names.size())))
          + (names.size() > MAX_LISTED ? ", ... (" + (names.size() - MAX_LISTED) + " more)" : "");
      String call = fnNames.contains(e.getKey()) ? "; a library function, which cannot be called "
          + "as an op here" : "";
      parts.add(JsonMsg.shorten(e.getKey()) + " (node" + (names.size() > 1 ? "s " : " ") + shown
          + call + ")");
    }
    throw new GraphDefFormatException(source, null, "unsupported ops: " + String.join(", ", parts)
        + "; this registry has no op of " + (unknown.size() > 1 ? "these types" : "this type"));
  }

  // ---------------------------------------------------------------- functions

  /** Functions callees first; unknown references, recursion and deep nesting fail here. */
  private List<FunctionModel> functionOrder(GraphDefModel m) throws GraphDefFormatException {
    List<FunctionModel> fns = m.functions();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < fns.size(); i++) {
      index.put(fns.get(i).name(), i);
    }
    int[][] deps = new int[fns.size()][];
    for (int i = 0; i < fns.size(); i++) {
      List<Integer> d = new ArrayList<>();
      for (NodeModel n : fns.get(i).nodes()) {
        d.addAll(funcRefs(n, index));
      }
      deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
    }
    for (NodeModel n : m.nodes()) {
      funcRefs(n, index);
    }
    int[] order;
    try {
      order = Topo.order(deps);
    } catch (Topo.CycleException e) {
      List<String> names = e.path.stream().map(i -> fns.get(i).name()).toList();
      throw fns.get(e.path.get(0)).where().fail("functions call each other recursively: "
          + String.join(" -> ", names));
    }
    checkNesting(fns, deps, order);
    List<FunctionModel> r = new ArrayList<>();
    for (int i : order) {
      r.add(fns.get(i));
    }
    return r;
  }

  private void checkNesting(List<FunctionModel> fns, int[][] deps, int[] order)
      throws GraphDefFormatException {
    int[] depth = new int[fns.size()];
    int[] via = new int[fns.size()];
    for (int i : order) { // callees come first, so their depth is known
      depth[i] = 1;
      via[i] = -1;
      for (int c : deps[i]) {
        if (depth[c] + 1 > depth[i]) {
          depth[i] = depth[c] + 1;
          via[i] = c;
        }
      }
      if (depth[i] > limits.maxFunctionNesting()) {
        List<String> chain = new ArrayList<>();
        for (int k = i; k >= 0 && chain.size() <= MAX_LISTED; k = via[k]) {
          chain.add(fns.get(k).name());
        }
        throw fns.get(i).where().fail("functions nest " + depth[i] + " deep, deeper than the "
            + "limit of " + limits.maxFunctionNesting() + ": " + String.join(" -> ", chain)
            + (depth[i] > chain.size() ? " -> ..." : ""));
      }
    }
  }

  /** The library indexes of the functions a node's attrs name (also inside func attrs). */
  private static List<Integer> funcRefs(NodeModel n, Map<String, Integer> index)
      throws GraphDefFormatException {
    List<Integer> r = new ArrayList<>();
    Deque<Object> todo = new ArrayDeque<>(n.attrs().values());
    while (!todo.isEmpty()) {
      Object v = todo.pop();
      if (v instanceof List<?> l) {
        todo.addAll(l);
      } else if (v instanceof FuncAttr fa) {
        Integer i = index.get(fa.name());
        if (i == null) {
          throw n.where().fail("a func attr names function '" + JsonMsg.shorten(fa.name())
              + "', which is not in the library");
        }
        r.add(i);
        todo.addAll(fa.attrs().values());
      }
    }
    return r;
  }

  Where where() {
    return new Where(source, null);
  }
}
