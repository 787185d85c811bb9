package org.tensorgraph.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.Saver;
import org.tensorgraph.session.Session;

/**
 * Gives a loaded graph's variables their values before a run: {@code --init} runs TF's
 * initializers, {@code --checkpoint C.npz} then sets the saved values with {@link Saver} (so a
 * checkpoint entry wins over the initializer).
 *
 * <pre>{@code
 * VariableSetup setup = VariableSetup.prepare(graph, true, Path.of("w.npz"));
 * try (Session s = new Session(graph)) {
 *   setup.apply(s, feeds);
 *   s.run(...);
 * }
 * }</pre>
 *
 * <p>Unlike TF's {@code Saver.restore}, which ignores checkpoint entries it has no variable for,
 * an entry that names no variable of the graph is an error here: on the command line it almost
 * always means the wrong checkpoint or the wrong graph.
 */
final class VariableSetup {
  private final List<Operation> initializers;
  private final Path checkpoint; // null: none
  private final Saver saver; // the checkpoint's variables; null when there are none

  private VariableSetup(List<Operation> initializers, Path checkpoint, Saver saver) {
    this.initializers = initializers;
    this.checkpoint = checkpoint;
    this.saver = saver;
  }

  /**
   * Reads and checks the checkpoint (when not null) against the graph.
   *
   * @throws CliFailure when the file is unreadable, or an entry is not a variable of the graph or
   *     does not fit it
   */
  static VariableSetup prepare(Graph g, boolean init, Path checkpoint) throws CliFailure {
    List<Operation> inits = init ? initializers(g) : List.of();
    if (checkpoint == null) {
      return new VariableSetup(inits, null, null);
    }
    Map<String, Tensor> values = GraphFiles.readCheckpoint(checkpoint);
    checkEntries(g, values, checkpoint);
    Saver saver = values.isEmpty() ? null : new Saver(g, List.copyOf(values.keySet()));
    return new VariableSetup(inits, checkpoint, saver);
  }

  /** Runs the initializers (with the user's feeds, which they may read), then the restore. */
  void apply(Session s, Map<Output, Tensor> feeds) throws CliFailure {
    if (!initializers.isEmpty()) {
      s.run(List.of(), feeds, initializers);
    }
    if (saver != null) {
      try {
        saver.restore(s, checkpoint);
      } catch (IOException e) {
        throw new CliFailure(ShowCommand.describe(checkpoint, e), e);
      }
    }
  }

  /**
   * What {@code --init} runs: the {@code init} NoOp when the graph has one (what {@code
   * tf.global_variables_initializer()} names it), else every variable's {@code <name>/Assign}
   * (the initializer TF's {@code tf.Variable}/{@code get_variable} adds).
   */
  static List<Operation> initializers(Graph g) {
    Operation init = g.operation("init");
    if (init != null && init.type().equals("NoOp")) {
      return List.of(init);
    }
    List<Operation> r = new ArrayList<>();
    for (Operation var : variables(g)) {
      Operation assign = g.operation(var.name() + "/Assign");
      if (assign != null && assign.type().equals("Assign")
          && assign.input(0).op() == var) {
        r.add(assign);
      }
    }
    return r;
  }

  /** The graph's {@code VariableV2} nodes in graph order. */
  static List<Operation> variables(Graph g) {
    return g.operations().stream().filter(op -> op.type().equals("VariableV2")).toList();
  }

  private static void checkEntries(Graph g, Map<String, Tensor> values, Path source)
      throws CliFailure {
    TreeSet<String> unknown = new TreeSet<>();
    for (Map.Entry<String, Tensor> e : values.entrySet()) {
      Operation op = g.operation(e.getKey());
      if (op == null) {
        unknown.add(e.getKey());
        continue;
      }
      if (!op.type().equals("VariableV2")) {
        throw new CliFailure(source + ": entry '" + e.getKey() + "' names a " + op.type()
            + " node, not a variable (VariableV2)", null);
      }
      checkFits(op, e.getValue(), source);
    }
    if (!unknown.isEmpty()) {
      throw new CliFailure(source + ": entries that are not variables of the graph: "
          + String.join(", ", unknown) + " (the graph's variables: " + String.join(", ",
              variables(g).stream().map(Operation::name).toList()) + ")", null);
    }
  }

  private static void checkFits(Operation var, Tensor value, Path source) throws CliFailure {
    if (value.dtype() != var.attrType("dtype")) {
      throw new CliFailure(source + ": entry '" + var.name() + "' is "
          + value.dtype().numpyName() + " but the variable is "
          + var.attrType("dtype").numpyName(), null);
    }
    if (!var.attrShape("shape").isCompatibleWith(value.shape())) {
      throw new CliFailure(source + ": entry '" + var.name() + "' has shape "
          + value.shape().toNumpyString() + " but the variable has shape "
          + var.attrShape("shape"), null);
    }
  }
}
