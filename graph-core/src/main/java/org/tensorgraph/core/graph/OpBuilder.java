package org.tensorgraph.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.ArgDef;
import org.tensorgraph.core.op.AttrDef;
import org.tensorgraph.core.op.AttrType;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.OpDef;

/**
 * Builds one node: inputs in signature order (a list argument takes a list), attrs, control
 * inputs. {@link #build()} checks everything TF checks when Python adds a node (arity, dtypes,
 * attr kinds and allowed values, the shape rule) and throws {@link IllegalArgumentException} with
 * TF's wording and the node's name.
 *
 * <pre>{@code
 * Operation mm = graph.opBuilder("MatMul", null)
 *     .addInput(a).addInput(b)
 *     .setAttr("transpose_b", true)
 *     .build();
 * }</pre>
 */
public final class OpBuilder {
  private final Graph graph;
  private final OpDef def;
  private final String requestedName;
  private final List<Object> args = new ArrayList<>(); // Output or List<Output>, per input arg
  private final List<Operation> controlInputs = new ArrayList<>();
  private final Map<String, Object> attrs = new LinkedHashMap<>();

  OpBuilder(Graph graph, OpDef def, String name) {
    this.graph = graph;
    this.def = def;
    this.requestedName = name;
  }

  /** The next input argument: one tensor. */
  public OpBuilder addInput(Output input) {
    args.add(checkGraph(input));
    return this;
  }

  /** The next input argument: a list of tensors ({@code N * T} or {@code list(type)}). */
  public OpBuilder addInputList(List<Output> inputs) {
    List<Output> l = new ArrayList<>();
    for (Output o : inputs) {
      l.add(checkGraph(o));
    }
    args.add(Collections.unmodifiableList(l));
    return this;
  }

  public OpBuilder addControlInput(Operation op) {
    if (op.graph() != graph) {
      throw new IllegalArgumentException("Control input " + op.name() + " is from another graph");
    }
    controlInputs.add(op);
    return this;
  }

  /**
   * Sets an attr. Values are {@code long}/{@code int}, {@code float}/{@code double}, {@code
   * boolean}, {@code String}, {@link DType}, {@link Shape}, {@link Tensor}, {@link FuncAttr}, or a
   * {@code List} of one of those; {@code long[]} and {@code int[]} become a list of ints.
   */
  public OpBuilder setAttr(String name, Object value) {
    attrs.put(name, normalize(name, value));
    return this;
  }

  /** Checks the node and adds it to the graph. */
  public Operation build() {
    String name = nodeName();
    List<Output> flat = flattenInputs(name);
    Map<String, Object> all = completeAttrs(name);
    DType[] outTypes = outputTypes(all);
    boolean[] refs = refOutputs(outTypes.length, all);
    Shape[] shapes = inferShapes(name, flat, all, outTypes);
    List<Operation> ctrl = new ArrayList<>(graph.currentControlDependencies());
    // A set, not ctrl.contains: a loaded node may have ~10^6 control inputs (linear, not squared).
    java.util.Set<Operation> seen = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    seen.addAll(ctrl);
    for (Operation c : controlInputs) {
      if (seen.add(c)) {
        ctrl.add(c);
      }
    }
    return graph.add(name, new OpBuilderResult(def, flat, ctrl,
        Collections.unmodifiableMap(all), outTypes, refs, shapes));
  }

  // ---------------------------------------------------------------- naming

  private String nodeName() {
    String n = requestedName == null ? def.name() : requestedName;
    if (requestedName != null && requestedName.endsWith("/")) {
      // TF: a name ending in '/' is an absolute, already-unique name.
      return requestedName.substring(0, requestedName.length() - 1);
    }
    if (!Graph.VALID_OP_NAME.matcher(n).matches()) {
      throw new IllegalArgumentException("'" + n + "' is not a valid node name");
    }
    return graph.uniqueName(n);
  }

  // ---------------------------------------------------------------- inputs and attrs

  private List<Output> flattenInputs(String name) {
    List<ArgDef> sig = def.inputs();
    if (args.size() != sig.size()) {
      throw new IllegalArgumentException(def.name() + " op '" + name + "' expects "
          + sig.size() + " input argument(s) (" + sig.stream().map(ArgDef::name)
              .collect(Collectors.joining(", ")) + "), got " + args.size());
    }
    List<Output> flat = new ArrayList<>();
    for (int i = 0; i < sig.size(); i++) {
      ArgDef a = sig.get(i);
      Object v = args.get(i);
      if (a.isList() != (v instanceof List)) {
        throw new IllegalArgumentException("Input '" + a.name() + "' of '" + def.name() + "' Op "
            + (a.isList() ? "expects a list of tensors" : "expects one tensor, not a list")
            + " (node '" + name + "')");
      }
      List<Output> group = a.isList() ? castList(v) : List.of((Output) v);
      bindInputTypes(name, a, group);
      flat.addAll(group);
    }
    return flat;
  }

  /** Infers type and length attrs from the inputs, or checks them against attrs set by hand. */
  private void bindInputTypes(String name, ArgDef a, List<Output> group) {
    if (a.isRef()) {
      for (Output o : group) {
        if (!o.isRef()) {
          throw new IllegalArgumentException("'" + def.name() + "' Op requires that input '"
              + a.name() + "' be a mutable tensor (e.g. a tf.Variable) (node '" + name + "')");
        }
      }
    }
    if (a.numberAttr() != null) {
      bindAttr(name, a.numberAttr(), (long) group.size(), a);
    }
    if (a.typeListAttr() != null) {
      bindAttr(name, a.typeListAttr(),
          group.stream().map(Output::dtype).collect(Collectors.toUnmodifiableList()), a);
      return;
    }
    for (Output o : group) {
      if (a.fixedType() != null) {
        if (o.dtype() != a.fixedType()) {
          throw typeMismatch(name, a, o.dtype(), a.fixedType());
        }
      } else {
        bindAttr(name, a.typeAttr(), o.dtype(), a);
      }
    }
  }

  private void bindAttr(String name, String attr, Object value, ArgDef a) {
    Object have = attrs.get(attr);
    if (have == null) {
      attrs.put(attr, value);
    } else if (!have.equals(value)) {
      if (value instanceof DType) {
        throw typeMismatch(name, a, (DType) value, (DType) have);
      }
      throw new IllegalArgumentException("Input '" + a.name() + "' of '" + def.name()
          + "' Op has " + attr + "=" + value + " but the attr is set to " + have
          + " (node '" + name + "')");
    }
  }

  private IllegalArgumentException typeMismatch(String name, ArgDef a, DType got, DType want) {
    return new IllegalArgumentException("Input '" + a.name() + "' of '" + def.name()
        + "' Op has type " + got.numpyName() + " that does not match expected type of "
        + want.numpyName() + " (node '" + name + "').");
  }

  private Map<String, Object> completeAttrs(String name) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (String k : attrs.keySet()) {
      if (def.attr(k) == null && !k.startsWith("_")) {
        throw new IllegalArgumentException("NodeDef mentions attr '" + k + "' not in Op<name="
            + def.name() + "> (node '" + name + "'); its attrs are " + def.attrs().keySet());
      }
    }
    for (AttrDef d : def.attrs().values()) {
      Object v = attrs.containsKey(d.name()) ? attrs.get(d.name()) : d.defaultValue();
      if (v == null) {
        throw new IllegalArgumentException("NodeDef missing attr '" + d.name() + "' from Op<name="
            + def.name() + "> (node '" + name + "')");
      }
      AttrChecks.check(def, name, d, v);
      all.put(d.name(), v);
    }
    for (Map.Entry<String, Object> e : attrs.entrySet()) {
      all.putIfAbsent(e.getKey(), e.getValue()); // private "_" attrs, kept as given
    }
    return all;
  }

  // ---------------------------------------------------------------- outputs

  private DType[] outputTypes(Map<String, Object> all) {
    List<DType> r = new ArrayList<>();
    for (ArgDef a : def.outputs()) {
      if (a.typeListAttr() != null) {
        for (Object t : (List<?>) all.get(a.typeListAttr())) {
          r.add((DType) t);
        }
        continue;
      }
      DType t = a.fixedType() != null ? a.fixedType() : (DType) all.get(a.typeAttr());
      long n = a.numberAttr() == null ? 1 : (Long) all.get(a.numberAttr());
      for (long i = 0; i < n; i++) {
        r.add(t);
      }
    }
    return r.toArray(new DType[0]);
  }

  private boolean[] refOutputs(int n, Map<String, Object> all) {
    boolean[] r = new boolean[n];
    int k = 0;
    for (ArgDef a : def.outputs()) {
      int len = a.numberAttr() != null ? Math.toIntExact((Long) all.get(a.numberAttr()))
          : a.typeListAttr() != null ? ((List<?>) all.get(a.typeListAttr())).size() : 1;
      for (int i = 0; i < len; i++) {
        r[k++] = a.isRef();
      }
    }
    return r;
  }

  private Shape[] inferShapes(String name, List<Output> inputs, Map<String, Object> all,
      DType[] outTypes) {
    InferenceContext c = new BuildContext(name, inputs, all, outTypes);
    List<Shape> shapes;
    try {
      shapes = def.shapeRule().infer(c);
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      throw new IllegalArgumentException(e.getMessage() + " for '" + name + "' (op: '"
          + def.name() + "') with input shapes: " + inputs.stream()
              .map(o -> o.shape().toString()).collect(Collectors.joining(", ")) + ".", e);
    }
    if (shapes.size() != outTypes.length) {
      throw new IllegalStateException("Shape rule of " + def.name() + " returned " + shapes.size()
          + " shapes for " + outTypes.length + " outputs");
    }
    return shapes.toArray(new Shape[0]);
  }

  // ---------------------------------------------------------------- helpers

  private Output checkGraph(Output o) {
    if (o == null) {
      throw new IllegalArgumentException("Null input to a " + def.name() + " op");
    }
    if (o.graph() != graph) {
      Output captured = graph.capture(o);
      if (captured == null) {
        throw new IllegalArgumentException("Tensor " + o.name() + " must be from the same graph as "
            + "the " + def.name() + " op being built");
      }
      return captured;
    }
    return o;
  }

  @SuppressWarnings("unchecked")
  private static List<Output> castList(Object v) {
    return (List<Output>) v;
  }

  private Object normalize(String name, Object v) {
    if (v instanceof Integer) {
      return ((Integer) v).longValue();
    } else if (v instanceof Double) {
      return ((Double) v).floatValue();
    } else if (v instanceof long[]) {
      List<Long> l = new ArrayList<>();
      for (long x : (long[]) v) {
        l.add(x);
      }
      return List.copyOf(l);
    } else if (v instanceof int[]) {
      List<Long> l = new ArrayList<>();
      for (int x : (int[]) v) {
        l.add((long) x);
      }
      return List.copyOf(l);
    } else if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object x : (List<?>) v) {
        l.add(normalize(name, x));
      }
      return Collections.unmodifiableList(l);
    } else if (v == null) {
      throw new IllegalArgumentException("Attr '" + name + "' of a " + def.name()
          + " op cannot be null");
    }
    return v;
  }

  /** The build-time view a shape rule gets. */
  private static final class BuildContext implements InferenceContext {
    private final String name;
    private final List<Output> inputs;
    private final Map<String, Object> attrs;
    private final DType[] outTypes;

    BuildContext(String name, List<Output> inputs, Map<String, Object> attrs, DType[] outTypes) {
      this.name = name;
      this.inputs = inputs;
      this.attrs = attrs;
      this.outTypes = outTypes;
    }

    @Override
    public String opName() {
      return name;
    }

    @Override
    public int numInputs() {
      return inputs.size();
    }

    @Override
    public Shape inputShape(int i) {
      return inputs.get(i).shape();
    }

    @Override
    public DType inputDType(int i) {
      return inputs.get(i).dtype();
    }

    @Override
    public Tensor inputConstant(int i) {
      return ConstantFolder.valueOf(inputs.get(i));
    }

    @Override
    public int numOutputs() {
      return outTypes.length;
    }

    @Override
    public DType outputDType(int i) {
      return outTypes[i];
    }

    @Override
    public Object attr(String attrName) {
      return attrs.get(attrName);
    }
  }
}
