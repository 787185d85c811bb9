package org.tensorgraph.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefModel.NodeModel;
import org.tensorgraph.core.op.ArgDef;
import org.tensorgraph.core.op.AttrDef;
import org.tensorgraph.core.op.OpDef;

/**
 * Adds one parsed NodeDef to a graph through {@link OpBuilder}, so every build-time check of the
 * op (arity, dtypes, refs, allowed attr values, the shape rule) runs as when a program builds the
 * node. The attr checks TF's importer makes first (ValidateNodeDef: unknown attrs, missing
 * attrs, attr kinds) are made here with TF's wording; anything {@code OpBuilder} or a shape rule
 * throws becomes a {@link GraphDefFormatException} naming the node.
 */
final class NodeFactory {
  /** The most elements one list output may have ({@code Unpack}'s {@code num}, say). */
  static final long MAX_LIST_OUTPUTS = 65_536;

  /**
   * How many more outputs the graph may get. A list output's length is one attr value, so a few
   * bytes of file could otherwise make a node with a billion outputs; the budget ties outputs to
   * the node limit (4 per allowed node, at least {@link #MAX_LIST_OUTPUTS}).
   */
  static final class OutputBudget {
    private long remaining;

    OutputBudget(LoadLimits limits) {
      this.remaining = Math.max(MAX_LIST_OUTPUTS, 4L * limits.maxNodes());
    }
  }

  private NodeFactory() {}

  /**
   * Builds {@code n} named {@code name} (verbatim) in {@code g}.
   *
   * @param inputs the resolved data inputs, flat
   * @param controls the resolved control inputs
   */
  static Operation build(Graph g, OpDef def, NodeModel n, String name, List<Output> inputs,
      List<Operation> controls, OutputBudget budget) throws GraphDefFormatException {
    checkAttrs(def, n);
    chargeOutputs(def, n, budget);
    List<Object> grouped = groupInputs(def, n, inputs);
    try {
      // A trailing "/" makes OpBuilder take the name verbatim (no scope, no _1 suffix).
      OpBuilder b = g.opBuilder(def.name(), name + "/");
      for (Object arg : grouped) {
        if (arg instanceof Output o) {
          b.addInput(o);
        } else {
          @SuppressWarnings("unchecked")
          List<Output> l = (List<Output>) arg;
          b.addInputList(l);
        }
      }
      for (Map.Entry<String, Object> e : n.attrs().entrySet()) {
        b.setAttr(e.getKey(), e.getValue());
      }
      for (Operation c : controls) {
        b.addControlInput(c);
      }
      return b.build();
    } catch (RuntimeException e) {
      // Shape rules are written for well-formed programs; a hostile file may trip one in ways it
      // does not anticipate. Whatever it throws, the loader reports it against the node.
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw n.where().fail(e instanceof IllegalArgumentException ? msg
          : "could not build the node: " + e.getClass().getSimpleName() + ": " + msg, e);
    }
  }

  /** TF's ValidateNodeDef attr checks, before OpBuilder would infer or default anything. */
  static void checkAttrs(OpDef def, NodeModel n) throws GraphDefFormatException {
    for (Map.Entry<String, Object> e : n.attrs().entrySet()) {
      String k = e.getKey();
      AttrDef d = def.attr(k);
      if (d == null) {
        if (k.startsWith("_")) {
          continue; // private attrs (_class, _lower_using_switch_merge, ...) are kept as given
        }
        throw n.where().fail("NodeDef mentions attr '" + k + "' not in Op<name=" + def.name()
            + ">; its attrs are " + def.attrs().keySet());
      }
      if (!d.type().accepts(e.getValue())) {
        throw n.where().fail("attr '" + k + "' must be a " + d.type().spelling() + ", got "
            + kind(e.getValue()));
      }
    }
    for (AttrDef d : def.attrs().values()) {
      if (!d.hasDefault() && !n.attrs().containsKey(d.name())) {
        throw n.where().fail("NodeDef missing attr '" + d.name() + "' from Op<name="
            + def.name() + ">");
      }
    }
  }

  private static String kind(Object v) {
    if (v instanceof List<?> l) {
      return l.isEmpty() ? "an empty list" : "a list(" + kind(l.get(0)).replaceFirst("^an? ", "")
          + ")";
    }
    String k = v instanceof Long ? "int" : v instanceof Float ? "float" : v instanceof Boolean
        ? "bool" : v instanceof String ? "string" : v instanceof DType ? "type"
        : v instanceof org.tensorgraph.core.Shape ? "shape" : v instanceof org.tensorgraph.core
        .Tensor ? "tensor" : "func";
    return (k.equals("int") ? "an " : "a ") + k;
  }

  private static void chargeOutputs(OpDef def, NodeModel n, OutputBudget budget)
      throws GraphDefFormatException {
    long total = 0;
    for (ArgDef a : def.outputs()) {
      long len = argLength(def, a, n);
      if (len > MAX_LIST_OUTPUTS) {
        throw n.where().fail("output '" + a.name() + "' would be a list of " + len
            + " tensors; at most " + MAX_LIST_OUTPUTS + " are supported");
      }
      total += len;
    }
    if (total > budget.remaining) {
      throw n.where().fail("the graph would have more outputs than its node limit allows (4 per "
          + "node, at least " + MAX_LIST_OUTPUTS + ")");
    }
    budget.remaining -= total;
  }

  /** Splits the flat inputs into the op's arguments; list lengths come from the attrs. */
  private static List<Object> groupInputs(OpDef def, NodeModel n, List<Output> inputs)
      throws GraphDefFormatException {
    List<Object> r = new ArrayList<>();
    long pos = 0;
    for (ArgDef a : def.inputs()) {
      long len = argLength(def, a, n);
      if (len > inputs.size() - pos) {
        throw arity(def, n, inputs.size());
      }
      if (a.isList()) {
        r.add(List.copyOf(inputs.subList((int) pos, (int) (pos + len))));
      } else {
        r.add(inputs.get((int) pos));
      }
      pos += len;
    }
    if (pos != inputs.size()) {
      throw arity(def, n, inputs.size());
    }
    return r;
  }

  private static long argLength(OpDef def, ArgDef a, NodeModel n) throws GraphDefFormatException {
    if (a.numberAttr() != null) {
      Object v = n.attrs().containsKey(a.numberAttr()) ? n.attrs().get(a.numberAttr())
          : def.attr(a.numberAttr()).defaultValue();
      long len = v instanceof Long l ? l : 0;
      if (len < 0) {
        throw n.where().fail("attr '" + a.numberAttr() + "' is " + len + "; a list length must "
            + "be >= 0");
      }
      return len;
    }
    if (a.typeListAttr() != null) {
      Object v = n.attrs().containsKey(a.typeListAttr()) ? n.attrs().get(a.typeListAttr())
          : def.attr(a.typeListAttr()).defaultValue();
      return v instanceof List<?> l ? l.size() : 0;
    }
    return 1;
  }

  private static GraphDefFormatException arity(OpDef def, NodeModel n, int got) {
    return n.where().fail("the node has " + got + " data input(s) but Op<name=" + def.name()
        + "> with these attrs expects " + describeInputs(def, n));
  }

  private static String describeInputs(OpDef def, NodeModel n) {
    return def.inputs().stream().map(a -> {
      try {
        long len = argLength(def, a, n);
        return a.isList() ? a.name() + " (" + len + ")" : a.name();
      } catch (GraphDefFormatException e) {
        return a.name();
      }
    }).collect(Collectors.joining(", ", "[", "]"));
  }
}
