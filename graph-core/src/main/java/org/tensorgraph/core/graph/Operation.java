package org.tensorgraph.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.ArgDef;
import org.tensorgraph.core.op.OpDef;

/**
 * A node of a {@link Graph}: a name, an op type with its {@link OpDef}, data inputs, control
 * inputs, attrs (defaults filled in) and typed, shaped outputs. Immutable once built, except that
 * output shapes may be refined ({@link Output#setShape}).
 *
 * <pre>{@code
 * Operation mm = graph.opBuilder("MatMul", "mm").addInput(a).addInput(b).build();
 * mm.type();                   // "MatMul"
 * mm.attrBool("transpose_a");  // false
 * mm.output(0).shape();        // [4,7]
 * }</pre>
 */
public final class Operation {
  private final Graph graph;
  private final int id;
  private final String name;
  private final OpDef def;
  private final List<Output> inputs;
  private final List<Operation> controlInputs;
  private final Map<String, Object> attrs;
  private final DType[] outputTypes;
  private final boolean[] refOutputs;
  private final Shape[] outputShapes;
  private final List<Output> outputs;

  Operation(Graph graph, int id, String name, OpDef def, List<Output> inputs,
      List<Operation> controlInputs, Map<String, Object> attrs, DType[] outputTypes,
      boolean[] refOutputs, Shape[] outputShapes) {
    this.graph = graph;
    this.id = id;
    this.name = name;
    this.def = def;
    this.inputs = List.copyOf(inputs);
    this.controlInputs = List.copyOf(controlInputs);
    this.attrs = attrs;
    this.outputTypes = outputTypes;
    this.refOutputs = refOutputs;
    this.outputShapes = outputShapes;
    List<Output> outs = new ArrayList<>();
    for (int i = 0; i < outputTypes.length; i++) {
      outs.add(new Output(this, i));
    }
    this.outputs = List.copyOf(outs);
  }

  public Graph graph() {
    return graph;
  }

  /** The creation index in the graph (the first op is 1, as TF Python's {@code _last_id}). */
  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** The op type: {@code "MatMul"}. */
  public String type() {
    return def.name();
  }

  public OpDef opDef() {
    return def;
  }

  public int numInputs() {
    return inputs.size();
  }

  public Output input(int i) {
    return inputs.get(i);
  }

  public List<Output> inputs() {
    return inputs;
  }

  public List<Operation> controlInputs() {
    return controlInputs;
  }

  public int numOutputs() {
    return outputs.size();
  }

  public Output output(int i) {
    if (i < 0 || i >= outputs.size()) {
      throw new IndexOutOfBoundsException("Operation " + name + " (" + type() + ") has "
          + outputs.size() + " outputs; there is no output " + i);
    }
    return outputs.get(i);
  }

  public List<Output> outputs() {
    return outputs;
  }

  /** Every attr, defaults included, in a stable order. */
  public Map<String, Object> attrs() {
    return attrs;
  }

  /** The attr's value, or null when the node has no such attr. */
  public Object attr(String attrName) {
    return attrs.get(attrName);
  }

  public long attrLong(String attrName) {
    return (Long) requireAttr(attrName);
  }

  public float attrFloat(String attrName) {
    return (Float) requireAttr(attrName);
  }

  public boolean attrBool(String attrName) {
    return (Boolean) requireAttr(attrName);
  }

  public String attrString(String attrName) {
    return (String) requireAttr(attrName);
  }

  public DType attrType(String attrName) {
    return (DType) requireAttr(attrName);
  }

  public Shape attrShape(String attrName) {
    return (Shape) requireAttr(attrName);
  }

  public Tensor attrTensor(String attrName) {
    return (Tensor) requireAttr(attrName);
  }

  public FuncAttr attrFunc(String attrName) {
    return (FuncAttr) requireAttr(attrName);
  }

  /** A list attr's elements; {@code attrList("T", DType.class)}. */
  public <T> List<T> attrList(String attrName, Class<T> elementClass) {
    List<?> l = (List<?>) requireAttr(attrName);
    for (Object o : l) {
      elementClass.cast(o);
    }
    @SuppressWarnings("unchecked")
    List<T> r = (List<T>) l;
    return r;
  }

  /**
   * The flat input indexes {@code [from, to)} that input argument {@code argName} covers (a list
   * argument spans several).
   */
  public int[] inputRange(String argName) {
    return argRange(def.inputs(), argName);
  }

  /** The flat output indexes {@code [from, to)} of output argument {@code argName}. */
  public int[] outputRange(String argName) {
    return argRange(def.outputs(), argName);
  }

  DType outputType(int i) {
    return outputTypes[i];
  }

  boolean isRefOutput(int i) {
    return refOutputs[i];
  }

  synchronized Shape outputShape(int i) {
    return outputShapes[i];
  }

  synchronized void refineOutputShape(int i, Shape s) {
    try {
      outputShapes[i] = outputShapes[i].mergeWith(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot set the shape of " + output(i).name() + " to "
          + s.toPythonString() + ": " + e.getMessage(), e);
    }
  }

  private Object requireAttr(String attrName) {
    Object v = attrs.get(attrName);
    if (v == null) {
      throw new IllegalArgumentException("Operation " + name + " (" + type() + ") has no attr '"
          + attrName + "'");
    }
    return v;
  }

  private int[] argRange(List<ArgDef> args, String argName) {
    int from = 0;
    for (ArgDef a : args) {
      int n = argLength(a);
      if (a.name().equals(argName)) {
        return new int[] {from, from + n};
      }
      from += n;
    }
    throw new IllegalArgumentException("Op " + type() + " has no argument '" + argName + "'");
  }

  int argLength(ArgDef a) {
    if (a.numberAttr() != null) {
      return Math.toIntExact(attrLong(a.numberAttr()));
    }
    if (a.typeListAttr() != null) {
      return attrList(a.typeListAttr(), DType.class).size();
    }
    return 1;
  }

  /** {@code name (Type)}. */
  @Override
  public String toString() {
    return name + " (" + type() + ")";
  }
}
