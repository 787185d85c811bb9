package org.tensorgraph.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.core.op.VariableSlot;

/**
 * Freezes a graph, as TF1's {@code graph_util.convert_variables_to_constants}: a new graph with
 * only what the given outputs need, every variable replaced by a {@code Const} of the same name
 * holding its value, so the result runs with no initializer and no checkpoint and is one
 * self-contained file (DESIGN.md §3).
 *
 * <pre>{@code
 * Graph frozen = Freezer.freeze(graph, Npz.read(Path.of("model-3.npz")),
 *     List.of("rnn/transpose_1:0"));
 * frozen.operation("rnn/basic_rnn_cell/kernel").type();   // "Const"
 * GraphDefJson.write(frozen, Path.of("frozen.graph.json"));
 * try (Session s = new Session(GraphDefJson.read(Path.of("frozen.graph.json")))) {
 *   s.run("rnn/transpose_1:0", Map.of("Placeholder:0", xBatch));   // no init, no restore
 * }
 * }</pre>
 *
 * <p>What is kept: the output nodes and everything they need through data and control inputs,
 * with names, attrs and control inputs unchanged (a variable's {@code /read} then reads its
 * {@code Const}), and the library functions the kept nodes call ({@code While} and {@code If}
 * bodies, transitively). Initializers, assignments, savers and anything else the outputs do not
 * need are dropped. The original graph is not changed.
 *
 * <p>Errors ({@link IllegalArgumentException} naming the node or variable): an output that is
 * not in the graph, an output that needs a node writing a variable ({@code Assign}, say: the
 * initializer), a variable the outputs need without a value, a value whose dtype differs or
 * whose shape does not fit the variable's.
 */
public final class Freezer {
  private Freezer() {}

  /**
   * Freezes {@code graph} with variable values by name (a checkpoint's entries; extra entries are
   * ignored).
   *
   * @param outputs node names ({@code "init"}, {@code "rnn/transpose_1"}) or tensor names ({@code
   *     "rnn/transpose_1:0"}) to keep
   * @return a new graph over the same op registry
   * @throws IllegalArgumentException see the class comment
   */
  public static Graph freeze(Graph graph, Map<String, Tensor> values, List<String> outputs) {
    Objects.requireNonNull(values, "values");
    FreezeCopier c = new FreezeCopier(graph, outputs);
    Map<Operation, Tensor> byOp = new IdentityHashMap<>();
    for (Operation v : c.variables()) {
      byOp.put(v, checked(v, values.get(v.name()), values, c.outputs()));
    }
    return c.copy(byOp);
  }

  /**
   * Freezes {@code graph} with the values of a checkpoint file ({@link Saver}'s {@code .npz}).
   *
   * <pre>{@code
   * Graph frozen = Freezer.freeze(graph, Saver.latestCheckpoint(dir), List.of("out:0"));
   * }</pre>
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws org.tensorgraph.core.io.NpyFormatException if it is not a valid {@code .npz}
   */
  public static Graph freeze(Graph graph, Path checkpoint, List<String> outputs)
      throws IOException {
    Objects.requireNonNull(checkpoint, "checkpoint");
    return freeze(graph, Npz.read(checkpoint), outputs);
  }

  /**
   * Freezes the session's graph with the variables' current values in {@code session}, as TF's
   * {@code convert_variables_to_constants(sess, graph_def, output_node_names)}.
   *
   * <pre>{@code
   * s.run(init);
   * Graph frozen = Freezer.freeze(s, List.of("rnn/transpose_1:0"));
   * }</pre>
   *
   * @throws FailedPreconditionException {@code Attempting to use uninitialized value w} for a
   *     needed variable that has no value in the session
   */
  public static Graph freeze(Session session, List<String> outputs) {
    Objects.requireNonNull(session, "session");
    Graph graph = session.graph();
    FreezeCopier c = new FreezeCopier(graph, outputs);
    SessionVariables store = session.variables();
    Map<Operation, Tensor> byOp = new IdentityHashMap<>();
    for (Operation v : c.variables()) {
      Saver.SaverVariable sv = Saver.SaverVariable.of(v);
      VariableSlot slot = store.find(sv.slotKey());
      Tensor t = slot == null ? null : slot.valueOrNull();
      if (t == null) {
        throw new FailedPreconditionException("Attempting to use uninitialized value " + v.name());
      }
      byOp.put(v, checked(v, t, Map.of(), c.outputs()));
    }
    return c.copy(byOp);
  }

  /**
   * {@link #freeze(Session, List)} with TF's argument order; {@code graph} must be the session's.
   *
   * @throws IllegalArgumentException if {@code graph} is not {@code session.graph()}
   */
  public static Graph freeze(Session session, Graph graph, List<String> outputs) {
    Objects.requireNonNull(session, "session");
    if (graph != session.graph()) {
      throw new IllegalArgumentException("The graph to freeze is not the session's graph; pass "
          + "session.graph() (variable values live in the session that ran that graph)");
    }
    return freeze(session, outputs);
  }

  /** The value for variable {@code v}, after checking that it fits. */
  private static Tensor checked(Operation v, Tensor value, Map<String, Tensor> all,
      List<String> outputs) {
    if (value == null) {
      throw new IllegalArgumentException("No value for variable " + v.name() + ", which the "
          + "outputs " + outputs + " need; the values given hold " + names(all)
          + " (a checkpoint of this graph's variables has one entry per variable name)");
    }
    Shape shape = v.attrShape("shape");
    if (value.dtype() != v.attrType("dtype")) {
      throw new IllegalArgumentException("The value for variable " + v.name() + " is "
          + value.dtype().numpyName() + ", but the variable is " + v.attrType("dtype")
              .numpyName());
    }
    boolean fits = shape.isFullyDefined() ? shape.equals(value.shape())
        : shape.isCompatibleWith(value.shape());
    if (!fits) {
      throw new IllegalArgumentException("The value for variable " + v.name() + " has shape "
          + value.shape().toPythonString() + ", but the variable's shape is "
          + shape.toPythonString());
    }
    return value;
  }

  private static String names(Map<String, Tensor> all) {
    List<String> keys = all.keySet().stream().limit(10).toList();
    return all.size() > 10 ? keys + " and " + (all.size() - 10) + " more" : keys.toString();
  }
}
