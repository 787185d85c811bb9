package org.tensorgraph.ops.variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;

/**
 * TF1's variable machinery: {@code variable_scope}, {@code get_variable}, {@code tf.Variable},
 * {@code global_variables_initializer}, with TF's names, reuse rules and error texts.
 *
 * <pre>{@code
 * try (VariableScopeHandle s = Variables.variableScope(graph, "rnn")) {
 *   Variable k = Variables.getVariable(graph, "kernel", Shape.of(7, 4), DType.FLOAT32, null, true);
 *   k.name();   // "rnn/kernel"
 * }
 * Operation init = Variables.globalVariablesInitializer(graph);   // the NoOp "init"
 * }</pre>
 */
public final class Variables {
  /** TF's {@code GraphKeys.GLOBAL_VARIABLES}. */
  public static final String GLOBAL_VARIABLES = "variables";
  /** TF's {@code GraphKeys.TRAINABLE_VARIABLES}. */
  public static final String TRAINABLE_VARIABLES = "trainable_variables";

  private Variables() {}

  static VariableScopeState state(Graph g) {
    return g.extension(VariableScopeState.class, VariableScopeState::new);
  }

  /** The current variable scope ({@code tf.get_variable_scope()}). */
  public static VariableScope currentScope(Graph g) {
    return state(g).current;
  }

  // ---------------------------------------------------------------- scopes

  /** {@code with tf.variable_scope(name)}: reuse and initializer inherited. */
  public static VariableScopeHandle variableScope(Graph g, String name) {
    return variableScope(g, name, Reuse.INHERIT, null);
  }

  /**
   * {@code with tf.variable_scope(name, reuse=..., initializer=...)}. Opens a name scope made
   * unique under the current one ({@code rnn}, then {@code rnn_1}), while variables are named
   * {@code <enclosing variable scope>/name/...}.
   */
  public static VariableScopeHandle variableScope(Graph g, String name, Reuse reuse,
      Initializer initializer) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("variableScope needs a name; use "
          + "variableScopeWithDefault(graph, defaultName) for a generated one");
    }
    Scope ns = g.withNameScope(name);
    VariableScopeState st = state(g);
    VariableScope old = st.current;
    String full = old.name().isEmpty() ? name : old.name() + "/" + name;
    return enter(g, st, ns, full, resolve(reuse, old), initializer, ns.absoluteName(), false);
  }

  /**
   * Re-enters an existing scope object, as {@code with tf.variable_scope(scope_obj, reuse=...)}:
   * variables go under {@code scope.name()} again. With {@code auxiliaryNameScope} a new name
   * scope named after the scope's last component is opened (made unique, as TF does); without
   * it the current name scope stays.
   */
  public static VariableScopeHandle variableScope(Graph g, VariableScope scope, Reuse reuse,
      boolean auxiliaryNameScope) {
    String last = scope.name().substring(scope.name().lastIndexOf('/') + 1);
    Scope ns = auxiliaryNameScope && !last.isEmpty() ? g.withNameScope(last)
        : g.withNameScope(g.currentNameScope().isEmpty() ? "" : g.currentNameScope() + "/");
    Reuse r = reuse == Reuse.INHERIT ? scope.reuse() : reuse;
    return enter(g, state(g), ns, scope.name(), r, scope.initializer(),
        scope.originalNameScope(), true);
  }

  /**
   * {@code with tf.variable_scope(None, default_name=name)}: the variable scope is made unique
   * ({@code basic_rnn_cell}, {@code basic_rnn_cell_1}, ...) among the scopes opened under the
   * current one.
   */
  public static VariableScopeHandle variableScopeWithDefault(Graph g, String defaultName) {
    Scope ns = g.withNameScope(defaultName);
    VariableScopeState st = state(g);
    VariableScope old = st.current;
    String prefix = old.name().isEmpty() ? defaultName : old.name() + "/" + defaultName;
    String unique = defaultName;
    if (st.count(prefix) > 0) {
      int idx = 1;
      while (st.count(prefix + "_" + idx) > 0) {
        idx++;
      }
      unique = defaultName + "_" + idx;
    }
    String full = old.name().isEmpty() ? unique : old.name() + "/" + unique;
    return enter(g, st, ns, full, resolve(Reuse.INHERIT, old), null, ns.absoluteName(), false);
  }

  private static Reuse resolve(Reuse requested, VariableScope old) {
    return requested == Reuse.INHERIT ? old.reuse() : requested; // reuse is sticky, as TF
  }

  private static VariableScopeHandle enter(Graph g, VariableScopeState st, Scope ns, String full,
      Reuse reuse, Initializer init, String originalNameScope, boolean fromObject) {
    VariableScope old = st.current;
    Initializer effective = init != null ? init : old.initializer();
    VariableScope next = new VariableScope(full, reuse, effective, originalNameScope, old.dtype());
    Map<String, Integer> savedCounts = fromObject ? st.snapshotCounts() : null;
    st.open(full);
    st.current = next;
    return new VariableScopeHandle(next, () -> {
      st.current = old;
      if (savedCounts != null) {
        st.restoreCounts(savedCounts);
      } else {
        st.closeSubscopes(full);
      }
      ns.close();
    });
  }

  // ---------------------------------------------------------------- variables

  /**
   * {@code tf.get_variable(name, shape, dtype, initializer, trainable=trainable)} under the current
   * variable scope. A null initializer means the scope's, else TF's default: glorot-uniform for
   * floats, zeros otherwise.
   *
   * @throws IllegalArgumentException with TF's texts: {@code Variable rnn/kernel already exists,
   *     disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?}, {@code
   *     Variable rnn/kernel does not exist, or was not created with tf.get_variable(). Did you mean
   *     to set reuse=tf.AUTO_REUSE in VarScope?}, {@code Trying to share variable rnn/kernel, but
   *     specified shape (3, 4) and found shape (7, 4).}
   */
  public static Variable getVariable(Graph g, String name, Shape shape, DType dtype,
      Initializer initializer, boolean trainable) {
    VariableScopeState st = state(g.root());
    VariableScope scope = st.current;
    String full = scope.name().isEmpty() ? name : scope.name() + "/" + name;
    DType type = dtype != null ? dtype : scope.dtype();
    Variable existing = st.variables.get(full);
    if (existing != null) {
      return reuseExisting(scope, full, existing, shape, type);
    }
    if (scope.reuse() == Reuse.TRUE) {
      throw new IllegalArgumentException("Variable " + full + " does not exist, or was not "
          + "created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?");
    }
    Initializer init = initializer != null ? initializer
        : scope.initializer() != null ? scope.initializer() : defaultInitializer(full, type);
    if (init.isConstantValue() && shape != null) {
      throw new IllegalArgumentException("If initializer is a constant, do not specify shape.");
    }
    if (!init.isConstantValue() && (shape == null || !shape.isFullyDefined())) {
      throw new IllegalArgumentException("Shape of a new variable (" + full + ") must be fully "
          + "defined, but instead was " + (shape == null ? "<unknown>" : shape.toPythonString())
          + ".");
    }
    Variable v;
    Scope root = g.root().withNameScope(""); // names depend on the variable scope only
    try {
      v = create(g.root(), full, shape, type, init, trainable);
    } finally {
      root.close();
    }
    st.variables.put(full, v);
    return v;
  }

  private static Variable reuseExisting(VariableScope scope, String full, Variable v, Shape shape,
      DType dtype) {
    if (!scope.reuses()) {
      throw new IllegalArgumentException("Variable " + full + " already exists, disallowed. Did "
          + "you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?");
    }
    if (shape != null && !shape.isCompatibleWith(v.shape())) {
      throw new IllegalArgumentException("Trying to share variable " + full + ", but specified "
          + "shape " + shape.toPythonString() + " and found shape " + v.shape().toPythonString()
          + ".");
    }
    if (dtype != v.dtype()) {
      throw new IllegalArgumentException("Trying to share variable " + full + ", but specified "
          + "dtype " + dtype.numpyName() + " and found dtype " + v.dtype().numpyName() + "_ref.");
    }
    return v;
  }

  private static Initializer defaultInitializer(String full, DType type) {
    if (type.isFloating()) {
      return Initializers.glorotUniform(null);
    }
    if (type.isInteger() || type == DType.BOOL) {
      return Initializers.zeros();
    }
    throw new IllegalArgumentException("An initializer for variable " + full + " of "
        + type.numpyName() + " is required");
  }

  /**
   * {@code tf.Variable(initial_value, name=name, trainable=trainable)}: never reuses; a taken name
   * is made unique ({@code w_1}).
   */
  public static Variable variable(Graph g, Initializer initialValue, Shape shape, DType dtype,
      String name, boolean trainable) {
    return create(g, name == null ? "Variable" : name, shape, dtype, initialValue, trainable);
  }

  /** Builds {@code VariableV2}, {@code NAME/Initializer/...}, {@code NAME/Assign}, {@code NAME/read}. */
  private static Variable create(Graph g, String name, Shape shape, DType dtype, Initializer init,
      boolean trainable) {
    try (Scope s = g.withNameScope(name)) {
      String opName = s.name();
      Output initial;
      if (init.isConstantValue()) { // TF: convert_to_tensor(initial_value, name="initial_value")
        initial = init.apply(g, shape, dtype);
      } else {
        Scope initScope = g.withNameScope("Initializer");
        try {
          initial = init.apply(g, shape, dtype);
        } finally {
          initScope.close();
        }
      }
      Shape varShape = shape != null ? shape : initial.shape();
      Operation var = g.opBuilder("VariableV2", opName + "/").setAttr("shape", varShape)
          .setAttr("dtype", dtype).build();
      Operation assign = g.opBuilder("Assign", "Assign").addInput(var.output(0))
          .addInput(initial).build();
      Output read = g.opBuilder("Identity", "read").addInput(var.output(0)).build().output(0);
      Variable v = new Variable(var, assign, initial, read, trainable);
      g.collection(GLOBAL_VARIABLES).add(v);
      if (trainable) {
        g.collection(TRAINABLE_VARIABLES).add(v);
      }
      return v;
    }
  }

  // ---------------------------------------------------------------- collections

  /** {@code tf.global_variables()}. */
  public static List<Variable> globalVariables(Graph g) {
    return variablesIn(g, GLOBAL_VARIABLES);
  }

  /** {@code tf.trainable_variables()}. */
  public static List<Variable> trainableVariables(Graph g) {
    return variablesIn(g, TRAINABLE_VARIABLES);
  }

  private static List<Variable> variablesIn(Graph g, String key) {
    List<Variable> r = new ArrayList<>();
    for (Object o : g.collection(key)) {
      r.add((Variable) o);
    }
    return r;
  }

  /**
   * {@code tf.global_variables_initializer()}: a {@code NoOp} named {@code init} whose control
   * inputs are every global variable's {@code Assign}.
   */
  public static Operation globalVariablesInitializer(Graph g) {
    return variablesInitializer(g, globalVariables(g), "init");
  }

  /** {@code tf.variables_initializer(vars, name)}. */
  public static Operation variablesInitializer(Graph g, List<Variable> vars, String name) {
    var b = g.opBuilder("NoOp", name);
    for (Variable v : vars) {
      b.addControlInput(v.initializer());
    }
    return b.build();
  }
}
