package org.tensorgraph.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tensorgraph.core.op.OpRegistry;

/**
 * A dataflow graph: operations added through {@link #opBuilder}, named as TF names them (name
 * scopes, case-insensitive unique names with {@code _1}, {@code _2}), with control dependencies,
 * a function library for control flow, a graph-level random seed and named collections.
 *
 * <pre>{@code
 * Graph g = new Graph();
 * try (var s = g.withNameScope("rnn")) {
 *   g.opBuilder("NoOp", "x").build().name();   // "rnn/x"
 *   g.opBuilder("NoOp", "x").build().name();   // "rnn/x_1"
 * }
 * }</pre>
 *
 * <p>Building is single-threaded, as in TF; once built, a graph may be run by many threads.
 */
public final class Graph {
  /** TF's {@code _VALID_OP_NAME_REGEX}. */
  static final Pattern VALID_OP_NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/>]*");
  /** TF's {@code _VALID_SCOPE_NAME_REGEX}. */
  static final Pattern VALID_SCOPE_NAME = Pattern.compile("[A-Za-z0-9_.\\-/>]*");

  private final OpRegistry registry;
  private final Graph parent;
  private final List<Operation> ops = new ArrayList<>();
  private final Map<String, Operation> byName = new HashMap<>();
  private final Map<String, Integer> namesInUse = new HashMap<>();
  private final Map<String, GraphFunction> functions = new LinkedHashMap<>();
  private final Map<String, List<Object>> collections = new LinkedHashMap<>();
  private final Map<Class<?>, Object> extensions = new HashMap<>();
  private final Deque<List<Operation>> controlDependencies = new ArrayDeque<>();
  /** Marks a {@code withControlDependencies(null)} level: outer dependencies do not apply. */
  private static final List<Operation> CLEARED = java.util.Collections.unmodifiableList(
      new ArrayList<>());
  private String nameScope = "";
  private Long seed;
  private java.util.function.UnaryOperator<Output> captureHandler;

  /** A graph over the standard registry: every op library on the classpath. */
  public Graph() {
    this(OpRegistry.standard());
  }

  /** A graph over a custom set of ops. */
  public Graph(OpRegistry registry) {
    this(registry, null);
  }

  private Graph(OpRegistry registry, Graph parent) {
    this.registry = registry;
    this.parent = parent;
  }

  /**
   * A new, empty graph for a function body: it shares this graph's ops and sees its function
   * library, so bodies can call functions and be nested.
   */
  public Graph newFunctionBody() {
    return new Graph(registry, this);
  }

  /**
   * Sets how this function body takes in a tensor of an enclosing graph that one of its ops uses:
   * the handler returns the body-side tensor (typically a new {@code _Arg} whose value the
   * control-flow op passes in), as TF's {@code FuncGraph.capture}. Without a handler such inputs
   * are rejected.
   */
  public synchronized void setCaptureHandler(java.util.function.UnaryOperator<Output> handler) {
    this.captureHandler = handler;
  }

  /** The tensor that stands for {@code outer} inside this graph, or null if it cannot be captured. */
  synchronized Output capture(Output outer) {
    if (captureHandler == null || !isEnclosedBy(outer.graph())) {
      return null;
    }
    return captureHandler.apply(outer);
  }

  private boolean isEnclosedBy(Graph other) {
    for (Graph p = parent; p != null; p = p.parent) {
      if (p == other) {
        return true;
      }
    }
    return false;
  }

  /** The graph whose function library this body belongs to, or null for a top-level graph. */
  public Graph parent() {
    return parent;
  }

  public OpRegistry registry() {
    return registry;
  }

  /** Starts a node of op {@code type}; {@code name} null means the type's name, as in TF. */
  public OpBuilder opBuilder(String type, String name) {
    return new OpBuilder(this, registry.get(type), name);
  }

  /** Every operation in creation order (a topological order). */
  public synchronized List<Operation> operations() {
    return List.copyOf(ops);
  }

  /** The operation named {@code name}, or null. */
  public synchronized Operation operation(String name) {
    return byName.get(name);
  }

  /**
   * The tensor named {@code "op:i"} (or {@code "op"} for output 0).
   *
   * @throws IllegalArgumentException with TF's wording when there is no such tensor
   */
  public Output output(String tensorName) {
    int colon = tensorName.lastIndexOf(':');
    String opName = colon < 0 ? tensorName : tensorName.substring(0, colon);
    int index = 0;
    if (colon >= 0) {
      try {
        index = Integer.parseInt(tensorName.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("The name '" + tensorName + "' looks like a tensor "
            + "name, but its output index is not a number", e);
      }
    }
    Operation op = operation(opName);
    if (op == null) {
      throw new IllegalArgumentException("The name '" + tensorName + "' refers to a Tensor which"
          + " does not exist. The operation, '" + opName + "', does not exist in the graph.");
    }
    if (index < 0 || index >= op.numOutputs()) {
      throw new IllegalArgumentException("The name '" + tensorName + "' refers to a Tensor which"
          + " does not exist. The operation, '" + opName + "', exists but only has "
          + op.numOutputs() + " outputs.");
    }
    return op.output(index);
  }

  /** The number of operations created so far (TF Python's {@code graph._last_id}). */
  public synchronized int lastId() {
    return ops.size();
  }

  // ---------------------------------------------------------------- naming

  /** The current name scope without its trailing slash: {@code "rnn/while"}, or "". */
  public synchronized String currentNameScope() {
    return nameScope;
  }

  /**
   * TF's {@code Graph.unique_name}: prefixes the current scope, then adds {@code _1}, {@code _2}
   * ... if the name (compared case-insensitively) is taken, and marks the result as used.
   */
  public synchronized String uniqueName(String name) {
    return uniqueName(name, true);
  }

  /** {@link #uniqueName(String)} without marking the name as used. */
  public synchronized String uniqueName(String name, boolean markAsUsed) {
    String full = nameScope.isEmpty() ? name : nameScope + "/" + name;
    String key = full.toLowerCase(Locale.ROOT);
    int i = namesInUse.getOrDefault(key, 0);
    if (markAsUsed) {
      namesInUse.put(key, i + 1);
    }
    if (i == 0) {
      return full;
    }
    String baseKey = key;
    while (namesInUse.containsKey(key)) {
      key = baseKey + "_" + i;
      i++;
    }
    if (markAsUsed) {
      namesInUse.put(key, 1);
    }
    return full + "_" + (i - 1);
  }

  /**
   * Opens a name scope, as {@code with tf.name_scope(name)}: a name ending in {@code /} is taken
   * as an absolute scope, "" returns to the root, anything else is made unique under the current
   * scope. Close the returned handle to return to the previous scope.
   *
   * @throws IllegalArgumentException {@code "'x y' is not a valid scope name"}
   */
  public synchronized Scope withNameScope(String name) {
    String previous = nameScope;
    String next;
    if (name == null || name.isEmpty()) {
      next = "";
    } else if (name.endsWith("/")) {
      checkScopeName(name);
      next = name.substring(0, name.length() - 1);
    } else {
      checkScopeName(name);
      next = uniqueName(name);
    }
    nameScope = next;
    return new Scope(this, next, previous);
  }

  synchronized void restoreNameScope(String previous) {
    nameScope = previous;
  }

  /** TF checks scopes at the root against the op-name regex, nested ones against the looser one. */
  private void checkScopeName(String name) {
    Pattern p = nameScope.isEmpty() ? VALID_OP_NAME : VALID_SCOPE_NAME;
    if (!p.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a valid scope name");
    }
  }

  // ---------------------------------------------------------------- control dependencies

  /**
   * Ops built until the handle is closed get {@code ops} as control inputs, as {@code with
   * tf.control_dependencies(ops)}; {@code null} clears the inherited ones.
   */
  public synchronized AutoCloseable withControlDependencies(List<Operation> deps) {
    controlDependencies.push(deps == null ? CLEARED : List.copyOf(deps));
    return () -> {
      synchronized (Graph.this) {
        controlDependencies.pop();
      }
    };
  }

  synchronized List<Operation> currentControlDependencies() {
    List<Operation> r = new ArrayList<>();
    for (List<Operation> level : controlDependencies) { // innermost first
      if (level == CLEARED) {
        break;
      }
      for (Operation op : level) {
        if (!r.contains(op)) {
          r.add(op);
        }
      }
    }
    return r;
  }

  // ---------------------------------------------------------------- adding nodes

  synchronized Operation add(String name, OpBuilderResult r) {
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("Duplicate node name in graph: '" + name + "'");
    }
    Operation op = new Operation(this, ops.size() + 1, name, r.def(), r.inputs(),
        r.controlInputs(), r.attrs(), r.outputTypes(), r.refOutputs(), r.outputShapes());
    ops.add(op);
    byName.put(name, op);
    namesInUse.putIfAbsent(name.toLowerCase(Locale.ROOT), 1);
    return op;
  }

  // ---------------------------------------------------------------- functions

  /**
   * Adds a function to the library of the top-level graph.
   *
   * @throws IllegalArgumentException if a different function of that name exists
   */
  public synchronized void addFunction(GraphFunction f) {
    if (parent != null) {
      parent.addFunction(f);
      return;
    }
    GraphFunction old = functions.putIfAbsent(f.name(), f);
    if (old != null && old != f) {
      throw new IllegalArgumentException("Function " + f.name() + " is defined twice");
    }
  }

  /** The function named {@code name} in this graph's library, or null. */
  public synchronized GraphFunction function(String name) {
    if (parent != null) {
      return parent.function(name);
    }
    return functions.get(name);
  }

  /** The function library, in definition order. */
  public synchronized Collection<GraphFunction> functions() {
    if (parent != null) {
      return parent.functions();
    }
    return List.copyOf(functions.values());
  }

  // ---------------------------------------------------------------- import

  /**
   * {@code tf.import_graph_def(graph_def, input_map, return_elements, name=prefix)}: adds the nodes
   * and functions of a GraphDef (protobuf JSON) to this graph under the scope {@code prefix}
   * ({@code null}: "import", made unique; "": no prefix).
   *
   * <pre>{@code
   * List<Object> r = graph.importGraphDef(json, null, Map.of("X:0", myInput), List.of("out:0"));
   * Output out = (Output) r.get(0);   // "import/out:0"
   * }</pre>
   *
   * @return the requested elements: an {@link Operation} for {@code "op"}, an {@link Output} for
   *     {@code "op:0"}
   * @throws java.io.IOException ({@code GraphDefFormatException}) naming the node when the JSON is
   *     not a valid GraphDef for this graph's ops
   * @see org.tensorgraph.core.io.GraphDefJson#importInto
   */
  public List<Object> importGraphDef(String json, String prefix, Map<String, Output> inputMap,
      List<String> returnElements) throws java.io.IOException {
    // The format lives in core.io (the one package that sees Jackson); this is TF's entry point.
    return org.tensorgraph.core.io.GraphDefJson.importInto(this, json, "graph_def", prefix,
        inputMap, returnElements);
  }

  // ---------------------------------------------------------------- extensions

  /**
   * Per-graph state that a layer above graph-core keeps with the graph (the variable store and
   * scope stack of graph-ops, say), created on first use. Function bodies share their top-level
   * graph's extensions, as TF lifts variable creation out of loop bodies.
   */
  public synchronized <T> T extension(Class<T> key, java.util.function.Supplier<T> init) {
    if (parent != null) {
      return parent.extension(key, init);
    }
    Object v = extensions.get(key);
    if (v == null) { // not computeIfAbsent: init may itself touch the graph
      v = init.get();
      extensions.put(key, v);
    }
    return key.cast(v);
  }

  /** The top-level graph: this graph, or the graph whose function library holds this body. */
  public Graph root() {
    return parent == null ? this : parent.root();
  }

  // ---------------------------------------------------------------- seeds, collections

  /** The graph-level random seed ({@code tf.set_random_seed}), or null. */
  public synchronized Long seed() {
    return parent != null ? parent.seed() : seed;
  }

  public synchronized void setSeed(long seed) {
    if (parent != null) {
      parent.setSeed(seed);
      return;
    }
    this.seed = seed;
  }

  /** The collection {@code key} (TF's {@code get_collection_ref}), created empty on first use. */
  public synchronized List<Object> collection(String key) {
    if (parent != null) {
      return parent.collection(key);
    }
    return collections.computeIfAbsent(key, k -> new ArrayList<>());
  }

  /** Collection keys in creation order. */
  public synchronized List<String> collectionKeys() {
    if (parent != null) {
      return parent.collectionKeys();
    }
    return List.copyOf(collections.keySet());
  }
}
