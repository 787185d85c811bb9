package org.tensorgraph.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;

/**
 * Sets variables to given values (TF's weights, say), keyed by TF variable name: builds, once per
 * variable, a placeholder {@code load_weights/<name>} and an {@code Assign} into the variable, and
 * returns the op to run with the values as feeds. (rnn cannot see the session; run it yourself.)
 *
 * <pre>{@code
 * RnnResult r = Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32);
 * RnnWeights.Assignment load = RnnWeights.fromNpz(graph, Path.of("tf_weights.npz"), true);
 * try (Session s = new Session(graph)) {
 *   s.run(Variables.globalVariablesInitializer(graph));   // optional when every value is given
 *   s.run(load.target(), load.feeds());                    // kernel and bias now hold TF's values
 *   s.run(r.outputs(), Map.of(x, input));
 * }
 * }</pre>
 */
public final class RnnWeights {
  private RnnWeights() {}

  /**
   * The op that assigns every value, and the feeds it needs.
   *
   * @param target a {@code NoOp} with a control input on each {@code Assign}
   * @param feeds the placeholders and their values
   */
  public record Assignment(Operation target, Map<Output, Tensor> feeds) {}

  /** The per-graph placeholders and assigns built so far. */
  private static final class Loaders {
    final Map<String, Output> placeholders = new HashMap<>();
    final Map<String, Operation> assigns = new HashMap<>();
  }

  /** {@link #assignment} with the values of an {@code .npz} file ({@code numpy.savez}). */
  public static Assignment fromNpz(Graph g, Path npz, boolean requireAll) throws IOException {
    return assignment(g, Npz.read(npz), requireAll);
  }

  /**
   * The assignment of {@code values} (keys are variable names, {@code "rnn/basic_rnn_cell/kernel"};
   * a trailing {@code ":0"} is accepted) to the graph's global variables.
   *
   * @param requireAll also fail when a global variable has no value
   * @throws IllegalArgumentException naming the key, for an unknown variable, a wrong shape or
   *     dtype, or (with requireAll) a variable without a value
   */
  public static Assignment assignment(Graph g, Map<String, Tensor> values, boolean requireAll) {
    Graph root = g.root();
    Map<String, Variable> vars = new LinkedHashMap<>();
    for (Variable v : Variables.globalVariables(root)) {
      vars.put(v.name(), v);
    }
    Map<String, Tensor> byName = checked(vars, values);
    if (requireAll) {
      List<String> missing = vars.keySet().stream().filter(n -> !byName.containsKey(n)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("No value for variables " + missing);
      }
    }
    Loaders loaders = root.extension(Loaders.class, Loaders::new);
    Map<Output, Tensor> feeds = new LinkedHashMap<>();
    List<Operation> assigns = new ArrayList<>();
    synchronized (loaders) {
      for (Map.Entry<String, Tensor> e : byName.entrySet()) {
        String name = e.getKey();
        if (!loaders.assigns.containsKey(name)) {
          build(root, loaders, vars.get(name));
        }
        feeds.put(loaders.placeholders.get(name), e.getValue());
        assigns.add(loaders.assigns.get(name));
      }
    }
    try (Scope top = root.withNameScope("")) {
      var b = root.opBuilder("NoOp", "load_weights/group");
      assigns.forEach(b::addControlInput);
      return new Assignment(b.build(), feeds);
    }
  }

  private static Map<String, Tensor> checked(Map<String, Variable> vars,
      Map<String, Tensor> values) {
    Map<String, Tensor> r = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : values.entrySet()) {
      String name = e.getKey().endsWith(":0")
          ? e.getKey().substring(0, e.getKey().length() - 2) : e.getKey();
      Variable v = vars.get(name);
      Tensor t = e.getValue();
      if (v == null) {
        throw new IllegalArgumentException("No variable named '" + name + "' in the graph; its "
            + "variables are " + new TreeSet<>(vars.keySet()));
      }
      if (t.dtype() != v.dtype()) {
        throw new IllegalArgumentException("The value for variable " + name + " has dtype "
            + t.dtype().numpyName() + ", but the variable is " + v.dtype().numpyName());
      }
      if (!t.shape().equals(v.shape())) {
        throw new IllegalArgumentException("The value for variable " + name + " has shape "
            + t.shape() + ", but the variable has shape " + v.shape());
      }
      r.put(name, t);
    }
    return r;
  }

  private static void build(Graph root, Loaders loaders, Variable v) {
    try (Scope top = root.withNameScope("")) {
      Output ph = root.opBuilder("Placeholder", "load_weights/" + v.name())
          .setAttr("dtype", v.dtype()).setAttr("shape", v.shape()).build().output(0);
      Operation assign = root.opBuilder("Assign", "load_weights/" + v.name() + "/Assign")
          .addInput(v.ref()).addInput(ph).build();
      loaders.placeholders.put(v.name(), ph);
      loaders.assigns.put(v.name(), assign);
    }
  }
}
