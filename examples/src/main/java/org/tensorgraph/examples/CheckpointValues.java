package org.tensorgraph.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.session.Session;

/**
 * Puts given values into a graph's variables: for each checkpoint entry naming one of the graph's
 * variables, an {@code Assign} fed from a placeholder, built before the session runs. The demos
 * use it to reproduce TensorFlow's numbers with TensorFlow's weights.
 *
 * <pre>{@code
 * CheckpointValues cv = CheckpointValues.prepare(graph, Npz.read(path));
 * // ... s.run(init);
 * cv.assign(session);
 * }</pre>
 */
final class CheckpointValues {
  private final Map<Output, Tensor> feeds = new LinkedHashMap<>();
  private final List<Operation> assigns = new ArrayList<>();

  private CheckpointValues() {}

  /**
   * Builds the assignments for the entries that name variables of {@code g}.
   *
   * @throws IllegalArgumentException when an entry's shape or dtype differs from its variable's
   */
  static CheckpointValues prepare(Graph g, Map<String, Tensor> values) {
    CheckpointValues cv = new CheckpointValues();
    Ops tf = Ops.create(g);
    for (Variable v : Variables.globalVariables(g)) {
      Tensor value = values.get(v.name());
      if (value == null) {
        continue;
      }
      if (value.dtype() != v.dtype() || !value.shape().equals(v.shape())) {
        throw new IllegalArgumentException("Checkpoint entry " + v.name() + " is "
            + value.dtype().numpyName() + " " + value.shape().toPythonString()
            + ", but the variable is " + v.dtype().numpyName() + " " + v.shape().toPythonString());
      }
      Output fed = tf.withName("checkpoint/" + v.name().replace('/', '_'))
          .placeholder(v.dtype(), v.shape());
      cv.feeds.put(fed, value);
      cv.assigns.add(g.opBuilder("Assign", "checkpoint/assign").addInput(v.ref())
          .addInput(fed).build());
    }
    return cv;
  }

  /**
   * The checkpoint names that none of {@code graphs}' variables has.
   */
  static Set<String> unknownNames(Map<String, Tensor> values, List<Graph> graphs) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    for (Graph g : graphs) {
      for (Variable v : Variables.globalVariables(g)) {
        unknown.remove(v.name());
      }
    }
    return unknown;
  }

  /** Runs the assignments in {@code s}. */
  void assign(Session s) {
    if (!assigns.isEmpty()) {
      s.run(List.of(), feeds, assigns);
    }
  }
}
