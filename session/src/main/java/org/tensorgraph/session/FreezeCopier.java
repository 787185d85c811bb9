package org.tensorgraph.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.ArgDef;

/**
 * The graph surgery behind {@link Freezer}: finds what the outputs need, then rebuilds it in a new
 * graph through {@link OpBuilder} (so every node is checked again, names verbatim), with each
 * variable replaced by a {@code Const} and the functions the kept nodes call copied into the new
 * library.
 */
final class FreezeCopier {
  private final Graph src;
  private final List<String> outputs;
  /** What the outputs need (data and control inputs, transitively), in creation order. */
  private final List<Operation> needed;
  private Graph dst;
  private final Map<String, GraphFunction> copied = new HashMap<>();
  private final Set<String> copying = new HashSet<>();

  FreezeCopier(Graph src, List<String> outputs) {
    this.src = Objects.requireNonNull(src, "graph");
    Objects.requireNonNull(outputs, "outputs");
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("freeze needs at least one output to keep (a node name "
          + "such as \"rnn/transpose_1\" or a tensor name such as \"rnn/transpose_1:0\")");
    }
    this.outputs = List.copyOf(outputs);
    this.needed = closure(this.outputs.stream().map(this::resolve).toList());
    checkNoWriters();
  }

  /** The variables ({@code VariableV2} nodes) the outputs need, in creation order. */
  List<Operation> variables() {
    return needed.stream().filter(FreezeCopier::isVariable).toList();
  }

  List<String> outputs() {
    return outputs;
  }

  static boolean isVariable(Operation op) {
    return op.type().equals("VariableV2");
  }

  /** A new graph of the needed nodes, variables replaced by {@code Const}s of {@code values}. */
  Graph copy(Map<Operation, Tensor> values) {
    dst = new Graph(src.registry());
    if (src.seed() != null) {
      dst.setSeed(src.seed());
    }
    Map<Operation, Operation> map = new IdentityHashMap<>();
    for (Operation op : needed) {
      copyFunctionsOf(op);
      Tensor v = values.get(op);
      map.put(op, v != null ? constant(op.name(), v) : copyOp(dst, op, map));
    }
    return dst;
  }

  // ---------------------------------------------------------------- what the outputs need

  private Operation resolve(String spec) {
    Objects.requireNonNull(spec, "output name");
    if (spec.indexOf(':') >= 0) {
      return src.output(spec).op(); // TF's "The name 'x:0' refers to a Tensor which ..."
    }
    Operation op = src.operation(spec);
    if (op == null) {
      throw new IllegalArgumentException("The name '" + spec + "' refers to an Operation not in"
          + " the graph.");
    }
    return op;
  }

  private static List<Operation> closure(List<Operation> roots) {
    Set<Operation> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Operation> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Operation op = todo.pop();
      if (seen.add(op)) {
        op.inputs().forEach(in -> todo.push(in.op()));
        todo.addAll(op.controlInputs());
      }
    }
    List<Operation> r = new ArrayList<>(seen);
    r.sort((a, b) -> Integer.compare(a.id(), b.id())); // creation order is topological
    return r;
  }

  /** A kept node that writes a variable (Assign, AssignAdd) could not write a constant. */
  private void checkNoWriters() {
    for (Operation op : needed) {
      for (ArgDef a : op.opDef().inputs()) {
        int[] r = op.inputRange(a.name());
        if (a.isRef() && r[1] > r[0]) {
          throw new IllegalArgumentException("Cannot freeze: node '" + op.name() + "' ("
              + op.type() + ") writes variable '" + op.input(r[0]).op().name() + "', and the "
              + "outputs " + outputs + " need it. A frozen graph's variables are constants; "
              + "keep only outputs that read variables (not an initializer or an assignment)");
        }
      }
    }
  }

  // ---------------------------------------------------------------- building

  private Operation constant(String name, Tensor value) {
    return dst.opBuilder("Const", name + "/").setAttr("value", value)
        .setAttr("dtype", value.dtype()).build();
  }

  /** Rebuilds {@code op} in {@code g} under its own name, inputs mapped through {@code map}. */
  private static Operation copyOp(Graph g, Operation op, Map<Operation, Operation> map) {
    OpBuilder b = g.opBuilder(op.type(), op.name() + "/"); // "/": the name verbatim
    for (ArgDef a : op.opDef().inputs()) {
      int[] r = op.inputRange(a.name());
      List<Output> ins = new ArrayList<>();
      for (int i = r[0]; i < r[1]; i++) {
        Output in = op.input(i);
        ins.add(map.get(in.op()).output(in.index()));
      }
      if (a.isList()) {
        b.addInputList(ins);
      } else {
        b.addInput(ins.get(0));
      }
    }
    op.attrs().forEach(b::setAttr);
    for (Operation c : op.controlInputs()) {
      b.addControlInput(map.get(c));
    }
    Operation copy = b.build();
    for (int i = 0; i < op.numOutputs(); i++) {
      copy.output(i).setShape(op.output(i).shape()); // keep refinements (set_shape) made later
    }
    return copy;
  }

  /** Copies the functions {@code op} names in its attrs (and theirs), callees first. */
  private void copyFunctionsOf(Operation op) {
    for (String f : functionNames(op)) {
      copyFunction(f, op);
    }
  }

  private void copyFunction(String name, Operation user) {
    if (copied.containsKey(name)) {
      return;
    }
    if (!copying.add(name)) {
      throw new IllegalArgumentException("Cannot freeze: function " + name + " calls itself "
          + "(through node " + user.name() + ")");
    }
    GraphFunction f = src.function(name);
    if (f == null) {
      throw new IllegalArgumentException("Cannot freeze: node '" + user.name() + "' ("
          + user.type() + ") names function " + name + ", which is not in the graph's library");
    }
    Graph body = dst.newFunctionBody();
    Map<Operation, Operation> map = new IdentityHashMap<>();
    for (Operation op : f.body().operations()) {
      if (isVariable(op)) {
        throw new IllegalArgumentException("Cannot freeze: function " + name + " holds variable "
            + op.name() + "; freezing replaces the variables of the top-level graph only");
      }
      copyFunctionsOf(op);
      map.put(op, copyOp(body, op, map));
    }
    List<Operation> args = f.args().stream().map(map::get).toList();
    List<Output> results = f.results().stream()
        .map(o -> map.get(o.op()).output(o.index())).toList();
    GraphFunction copy = new GraphFunction(name, body, args, results, f.resultNames());
    dst.addFunction(copy);
    copying.remove(name);
    copied.put(name, copy);
  }

  private static Set<String> functionNames(Operation op) {
    Set<String> names = new LinkedHashSet<>();
    for (Object v : op.attrs().values()) {
      if (v instanceof FuncAttr f) {
        names.add(f.name());
      } else if (v instanceof List<?> l) {
        l.stream().filter(FuncAttr.class::isInstance).forEach(e -> names.add(((FuncAttr) e)
            .name()));
      }
    }
    return names;
  }
}
