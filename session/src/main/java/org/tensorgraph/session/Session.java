package org.tensorgraph.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.VariableSlot;

/**
 * Runs a {@link Graph}: computes fetched tensors from fed values, keeping variables and random
 * generator state across runs, as TF1's {@code tf.Session}.
 *
 * <pre>{@code
 * try (Session s = new Session(graph)) {
 *   s.run(List.of(), Map.of(), List.of(init));
 *   Tensor y = s.run(List.of(out), Map.of(x, Tensor.of(new float[][] {{1, 2}})), List.of()).get(0);
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may run one session at once.
 */
public final class Session implements AutoCloseable {
  private final SessionState state;
  private volatile boolean closed;

  public Session(Graph graph) {
    this.state = new SessionState(Objects.requireNonNull(graph, "graph"));
  }

  /** Computes one tensor. */
  public Tensor run(Output fetch) {
    return run(List.of(fetch), Map.of(), List.of()).get(0);
  }

  /** Computes one tensor with feeds. */
  public Tensor run(Output fetch, Map<Output, Tensor> feeds) {
    return run(List.of(fetch), feeds, List.of()).get(0);
  }

  /** Runs {@code targets} for their effects (an initializer, an assignment). */
  public void run(Operation... targets) {
    run(List.of(), Map.of(), List.of(targets));
  }

  /**
   * Runs the graph: feeds replace tensors' values, fetches are computed and returned in order,
   * targets are run for their effects.
   */
  public List<Tensor> run(List<Output> fetches, Map<Output, Tensor> feeds,
      List<Operation> targets) {
    if (closed) {
      throw new IllegalStateException("Attempted to use a closed Session.");
    }
    Map<Output, Object> feedValues = new LinkedHashMap<>(feeds);
    RunControl control = new RunControl(0);
    Map<Output, Object> env = new ReferenceInterpreter(state)
        .run(state.graph, feedValues, fetches, targets, control);
    List<Tensor> r = new ArrayList<>();
    for (Output f : fetches) {
      Object v = env.get(f);
      r.add(v instanceof VariableSlot ? ((VariableSlot) v).value() : (Tensor) v);
    }
    return r;
  }

  @Override
  public void close() {
    closed = true;
  }
}
