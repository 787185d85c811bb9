package org.tensorgraph.session;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.NotFoundException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.core.op.VariableSlot;

/**
 * Saves and restores a session's variables, as TF1's {@code tf.train.Saver}, in numpy's {@code
 * .npz} format: one array per variable, keyed by the variable's name, readable with {@code
 * numpy.load} (DESIGN.md §3).
 *
 * <pre>{@code
 * Saver saver = new Saver(graph);                    // every VariableV2 of the graph
 * try (Session s = new Session(graph)) {
 *   s.run(init);
 *   saver.save(s, dir.resolve("model"), 100L);       // dir/model-100.npz, dir/checkpoint
 * }
 * try (Session s = new Session(graph)) {
 *   saver.restore(s, Saver.latestCheckpoint(dir));   // no init needed
 * }
 * // python: np.load("dir/model-100.npz")["rnn/basic_rnn_cell/kernel"].shape -> (7, 4)
 * }</pre>
 *
 * <p><b>Saving</b> writes {@code prefix-STEP.npz} (or {@code prefix.npz} without a step)
 * atomically (a temporary file, fsync, rename), then the {@code checkpoint} state file beside it
 * (TF's text format, also atomic), and only then deletes the oldest checkpoints this saver wrote
 * beyond {@code maxToKeep}. A failure or a crash at any point leaves the previous checkpoints
 * and the state file as they were. Values are read one variable at a time while other threads may
 * run the session; each variable's value is an immutable tensor, so none is ever torn.
 *
 * <p><b>Restoring</b> sets every variable of this saver from the file; entries for other names
 * are ignored, as TF ignores them. Everything is checked before anything is assigned, so a bad
 * checkpoint changes nothing.
 *
 * <p>Errors, with TF's texts where TF has them:
 *
 * <ul>
 *   <li>saving an uninitialized variable: {@link FailedPreconditionException} {@code Attempting
 *       to use uninitialized value w};
 *   <li>restoring a file without a variable: {@link NotFoundException} {@code Key w not found in
 *       checkpoint ...}; with another shape: {@link InvalidArgumentException} {@code Assign
 *       requires shapes of both tensors to match. lhs shape= [7,4] rhs shape= [3,4] ...}; with
 *       another dtype: {@link InvalidArgumentException} {@code tensor_name = w; expected dtype
 *       float does not equal original dtype double ...};
 *   <li>a missing file: {@link NoSuchFileException}; a file that is not a valid {@code .npz}:
 *       {@link org.tensorgraph.core.io.NpyFormatException} naming the file (and entry);
 *   <li>a session on another graph, unknown or non-variable names, no variables: {@link
 *       IllegalArgumentException}; a closed session: {@link IllegalStateException}.
 * </ul>
 *
 * <p>Thread-safe; saves through one saver are serialized.
 */
public final class Saver {
  /** TF's default {@code max_to_keep}. */
  public static final int DEFAULT_MAX_TO_KEEP = 5;

  /** Where a checkpoint's bytes go; tests replace it to simulate failures mid-save. */
  interface Sink {
    void writeArrays(Path file, Map<String, Tensor> arrays) throws IOException;

    void writeState(Path dir, SaverState state) throws IOException;
  }

  /** The real files: {@link Npz#write} (atomic) and {@link SaverState#write} (atomic). */
  static final Sink FILES = new Sink() {
    @Override
    public void writeArrays(Path file, Map<String, Tensor> arrays) throws IOException {
      Npz.write(file, arrays, false); // stored, as np.savez: restores read without inflating
    }

    @Override
    public void writeState(Path dir, SaverState state) throws IOException {
      state.write(dir);
    }
  };

  private final Graph graph;
  private final List<SaverVariable> variables;
  private final int maxToKeep;
  private final Sink sink;
  /** Checkpoints this saver wrote and keeps, oldest first; guarded by {@code this}. */
  private final List<Path> kept = new ArrayList<>();

  /**
   * A saver of every variable ({@code VariableV2} node) of {@code graph}'s top level, keeping the
   * {@value #DEFAULT_MAX_TO_KEEP} newest checkpoints.
   *
   * @throws IllegalArgumentException {@code "No variables to save"} if the graph has none
   */
  public Saver(Graph graph) {
    this(graph, null, DEFAULT_MAX_TO_KEEP);
  }

  /**
   * A saver of the named variables ({@code "w"} or {@code "w:0"}), in that order.
   *
   * @throws IllegalArgumentException for an unknown name, a node that is no variable, a name
   *     given twice, or an empty list
   */
  public Saver(Graph graph, List<String> names) {
    this(graph, names, DEFAULT_MAX_TO_KEEP);
  }

  /**
   * A saver of the named variables (null: all of them) keeping the {@code maxToKeep} newest
   * checkpoints it writes; 0 keeps all, as TF's {@code max_to_keep=None}.
   */
  public Saver(Graph graph, List<String> names, int maxToKeep) {
    this(graph, names, maxToKeep, FILES);
  }

  Saver(Graph graph, List<String> names, int maxToKeep, Sink sink) {
    this.graph = Objects.requireNonNull(graph, "graph");
    if (maxToKeep < 0) {
      throw new IllegalArgumentException("maxToKeep must be >= 0 (0 keeps every checkpoint), got "
          + maxToKeep);
    }
    this.variables = SaverVariable.resolve(graph, names);
    this.maxToKeep = maxToKeep;
    this.sink = sink;
  }

  /** The names of the saved variables, which are the checkpoint's keys, in file order. */
  public List<String> variableNames() {
    return variables.stream().map(SaverVariable::name).toList();
  }

  public int maxToKeep() {
    return maxToKeep;
  }

  /** The checkpoints this saver wrote and still keeps, oldest first. */
  public synchronized List<Path> lastCheckpoints() {
    return List.copyOf(kept);
  }

  /** {@link #save(Session, Path, Long)} without a step: writes {@code prefix.npz}. */
  public Path save(Session session, Path prefix) throws IOException {
    return save(session, prefix, null);
  }

  /**
   * Writes the variables' current values to {@code prefix-STEP.npz} ({@code prefix.npz} when
   * {@code globalStep} is null; a prefix ending in {@code .npz} loses that suffix first), updates
   * the {@code checkpoint} state file in that directory, and deletes the oldest checkpoints of
   * this saver beyond {@link #maxToKeep()}.
   *
   * <pre>{@code
   * saver.save(s, Path.of("runs/model"), 3L);   // runs/model-3.npz
   * }</pre>
   *
   * @return the checkpoint file written
   * @throws FailedPreconditionException {@code Attempting to use uninitialized value w}
   * @throws NoSuchFileException {@code Parent directory of runs/model doesn't exist, can't save.}
   * @throws IOException if writing fails; the previous checkpoints and state are then intact
   */
  public Path save(Session session, Path prefix, Long globalStep) throws IOException {
    checkSession(session);
    Path file = checkpointFile(Objects.requireNonNull(prefix, "prefix"), globalStep);
    Map<String, Tensor> values = snapshot(session);
    synchronized (this) {
      sink.writeArrays(file, values);
      List<Path> next = new ArrayList<>(kept);
      next.remove(file); // saved again under the same name: it becomes the newest
      next.add(file);
      List<Path> drop = new ArrayList<>();
      while (maxToKeep > 0 && next.size() > maxToKeep) {
        drop.add(next.remove(0));
      }
      Path dir = file.getParent();
      sink.writeState(dir, new SaverState(relative(dir, file),
          next.stream().map(p -> relative(dir, p)).toList()));
      kept.clear();
      kept.addAll(next);
      deleteAll(drop); // only now: the new checkpoint and the state naming it are on disk
    }
    return file;
  }

  /**
   * Sets this saver's variables in {@code session} from a checkpoint file, as TF's {@code
   * saver.restore(sess, path)}; no initializer needs to run first.
   *
   * <pre>{@code
   * saver.restore(s, Path.of("runs/model-3.npz"));
   * }</pre>
   *
   * @throws NotFoundException {@code Key w not found in checkpoint runs/model-3.npz ...}
   * @throws InvalidArgumentException for a shape or dtype that differs from the variable's
   * @throws NoSuchFileException if there is no such file
   * @throws org.tensorgraph.core.io.NpyFormatException if the file is not a valid {@code .npz}
   */
  public void restore(Session session, Path file) throws IOException {
    checkSession(session);
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, "is a directory; restore takes a "
          + "checkpoint file (Saver.latestCheckpoint(dir) names the newest one in a directory)");
    }
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such checkpoint file "
          + "(Saver.latestCheckpoint(dir) names the newest one in a directory)");
    }
    Map<String, Tensor> values = Npz.read(file);
    List<Tensor> checked = new ArrayList<>(variables.size());
    for (SaverVariable v : variables) {
      checked.add(v.check(values, file));
    }
    SessionVariables store = session.variables();
    for (int i = 0; i < variables.size(); i++) {
      SaverVariable v = variables.get(i);
      store.slot(v.slotKey(), v.dtype(), v.shape()).assign(checked.get(i));
    }
  }

  /**
   * The newest checkpoint that the {@code checkpoint} state file in {@code dir} names, as TF's
   * {@code tf.train.latest_checkpoint}.
   *
   * <pre>{@code
   * Saver.latestCheckpoint(Path.of("runs"));   // runs/model-3.npz
   * }</pre>
   *
   * @return the file, or null when the directory, its state file or the named file is missing
   * @throws NotDirectoryException if {@code dir} is a file
   * @throws IOException naming the file and line if the state file is malformed
   */
  public static Path latestCheckpoint(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (!Files.exists(dir)) {
      return null;
    }
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir + " (latestCheckpoint takes the directory that holds "
          + "the checkpoints and their 'checkpoint' state file)");
    }
    SaverState state = SaverState.read(dir);
    if (state == null) {
      return null;
    }
    Path p = dir.resolve(state.latest());
    return Files.isRegularFile(p) ? p : null;
  }

  // ---------------------------------------------------------------- helpers

  private void checkSession(Session session) {
    Objects.requireNonNull(session, "session");
    if (session.graph() != graph) {
      throw new IllegalArgumentException("The session runs another graph than the one this "
          + "Saver was built for; build the Saver on session.graph()");
    }
  }

  /** Every variable's current value; TF's error for the first uninitialized one. */
  private Map<String, Tensor> snapshot(Session session) {
    SessionVariables store = session.variables();
    Map<String, Tensor> values = new LinkedHashMap<>();
    for (SaverVariable v : variables) {
      VariableSlot slot = store.find(v.slotKey());
      Tensor t = slot == null ? null : slot.valueOrNull();
      if (t == null) {
        throw new FailedPreconditionException("Attempting to use uninitialized value "
            + v.name());
      }
      values.put(v.name(), t);
    }
    return values;
  }

  private static Path checkpointFile(Path prefix, Long step) throws IOException {
    Path abs = prefix.toAbsolutePath().normalize();
    if (abs.getFileName() == null) {
      throw new IllegalArgumentException("The checkpoint prefix " + prefix + " names no file");
    }
    String name = abs.getFileName().toString();
    if (name.endsWith(".npz")) {
      name = name.substring(0, name.length() - 4);
    }
    Path dir = abs.getParent();
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "Parent directory of " + prefix
          + " doesn't exist, can't save.");
    }
    return dir.resolve(name + (step == null ? "" : "-" + step) + ".npz");
  }

  /** As TF writes state paths: relative when the checkpoint is in the state file's directory. */
  private static String relative(Path dir, Path file) {
    return dir.equals(file.getParent()) ? file.getFileName().toString() : file.toString();
  }

  private static void deleteAll(List<Path> files) {
    for (Path p : files) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // As TF: an old checkpoint that cannot be removed is not a reason to fail a save.
        System.getLogger(Saver.class.getName()).log(System.Logger.Level.WARNING,
            "Could not delete old checkpoint " + p + ": " + e);
      }
    }
  }

  /** One saved variable: its checkpoint key, its session slot, its declared dtype and shape. */
  record SaverVariable(String name, String slotKey, DType dtype, Shape shape) {
    static List<SaverVariable> resolve(Graph g, List<String> names) {
      List<Operation> ops = new ArrayList<>();
      if (names == null) {
        ops = g.operations().stream().filter(op -> op.type().equals("VariableV2")).toList();
      } else {
        for (String n : names) {
          Operation op = variableNamed(g, n);
          if (ops.contains(op)) {
            throw new IllegalArgumentException("At least two variables have the same name: "
                + op.name());
          }
          ops.add(op);
        }
      }
      if (ops.isEmpty()) {
        throw new IllegalArgumentException("No variables to save");
      }
      return ops.stream().map(SaverVariable::of).toList();
    }

    private static Operation variableNamed(Graph g, String n) {
      Objects.requireNonNull(n, "variable name");
      String opName = n.endsWith(":0") ? n.substring(0, n.length() - 2) : n;
      Operation op = g.operation(opName);
      if (op == null) {
        throw new IllegalArgumentException("No variable named '" + n + "' in the graph; its "
            + "variables are " + g.operations().stream().filter(o -> o.type()
                .equals("VariableV2")).map(Operation::name).toList());
      }
      if (!op.type().equals("VariableV2")) {
        throw new IllegalArgumentException("'" + n + "' is a node of type " + op.type()
            + ", not a variable (VariableV2); a Saver saves variables");
      }
      return op;
    }

    static SaverVariable of(Operation op) {
      String shared = (String) op.attrs().getOrDefault("shared_name", "");
      return new SaverVariable(op.name(), shared.isEmpty() ? op.name() : shared,
          op.attrType("dtype"), op.attrShape("shape"));
    }

    /** This variable's entry of a checkpoint, checked as TF's RestoreV2 and Assign check it. */
    Tensor check(Map<String, Tensor> values, Path file) {
      Tensor t = values.get(name);
      if (t == null) {
        List<String> keys = values.keySet().stream().limit(10).toList();
        throw new NotFoundException("Key " + name + " not found in checkpoint " + file
            + " (it holds " + (values.size() > 10 ? keys + " and " + (values.size() - 10)
                + " more" : keys.toString()) + ")");
      }
      if (t.dtype() != dtype) {
        throw new InvalidArgumentException("tensor_name = " + name + "; expected dtype "
            + dtype.tfName() + " does not equal original dtype " + t.dtype().tfName()
            + " (restoring from " + file + ")");
      }
      boolean fits = shape.isFullyDefined() ? shape.equals(t.shape())
          : shape.isCompatibleWith(t.shape());
      if (!fits) {
        throw new InvalidArgumentException("Assign requires shapes of both tensors to match. "
            + "lhs shape= " + shape + " rhs shape= " + t.shape() + " (restoring variable "
            + name + " from " + file + ")");
      }
      return t;
    }
  }
}
