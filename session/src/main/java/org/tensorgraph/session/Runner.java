package org.tensorgraph.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * Builds one run step by step, as tensorflow/java's {@code Session.Runner}: names follow TF Java,
 * where {@code "x"} means {@code "x:0"} (unlike {@link Session#run(Object)}, where {@code "x"}
 * names an operation, as in Python).
 *
 * <pre>{@code
 * List<Tensor> out = session.runner()
 *     .feed("X", Tensor.of(new float[4][2][3]))
 *     .fetch("rnn/transpose_1").fetch(state)
 *     .addTarget("init")
 *     .run();
 * }</pre>
 */
public final class Runner {
  /**
   * The outputs of {@link #runAndFetchMetadata()}, as tensorflow/java's {@code Session.Run}.
   *
   * @param outputs the fetched tensors in fetch order
   * @param metadata the run's executor and per-node wall times
   */
  public record Run(List<Tensor> outputs, RunMetadata metadata) {}

  private final Session session;
  private final Map<Output, Tensor> feeds = new LinkedHashMap<>();
  private final List<Output> fetches = new ArrayList<>();
  private final Set<Operation> targets = new LinkedHashSet<>();
  private RunOptions options = RunOptions.DEFAULT;

  Runner(Session session) {
    this.session = session;
  }

  /** Feeds {@code "op:i"} (or {@code "op"}, output 0). */
  public Runner feed(String name, Tensor value) {
    return feed(output(name), value);
  }

  public Runner feed(String opName, int index, Tensor value) {
    return feed(output(opName, index), value);
  }

  public Runner feed(Output output, Tensor value) {
    feeds.put(Objects.requireNonNull(output, "output"), value);
    return this;
  }

  /** Fetches {@code "op:i"} (or {@code "op"}, output 0). */
  public Runner fetch(String name) {
    return fetch(output(name));
  }

  public Runner fetch(String opName, int index) {
    return fetch(output(opName, index));
  }

  public Runner fetch(Output output) {
    fetches.add(Objects.requireNonNull(output, "output"));
    return this;
  }

  /** Runs operation {@code opName} for its effects. */
  public Runner addTarget(String opName) {
    return addTarget(operation(opName));
  }

  public Runner addTarget(Operation op) {
    targets.add(Objects.requireNonNull(op, "op"));
    return this;
  }

  /** Runs {@code output}'s operation for its effects. */
  public Runner addTarget(Output output) {
    return addTarget(output.op());
  }

  /** Sets the run's options (a timeout). */
  public Runner setOptions(RunOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    return this;
  }

  /** Runs and returns the fetched tensors in fetch order. */
  public List<Tensor> run() {
    return doRun(null);
  }

  /** Runs and returns the fetched tensors with the run's metadata. */
  public Run runAndFetchMetadata() {
    RunMetadata md = new RunMetadata();
    return new Run(doRun(md), md);
  }

  private List<Tensor> doRun(RunMetadata md) {
    List<Object> all = new ArrayList<>(fetches);
    all.addAll(targets);
    List<Tensor> r = session.run(all, feeds, options, md);
    return r.subList(0, fetches.size());
  }

  private Output output(String name) {
    int colon = name.lastIndexOf(':');
    if (colon < 0) {
      return output(name, 0);
    }
    int index;
    try {
      index = Integer.parseInt(name.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Output index in '" + name + "' is not a number", e);
    }
    return output(name.substring(0, colon), index);
  }

  private Output output(String opName, int index) {
    Operation op = operation(opName);
    if (index < 0 || index >= op.numOutputs()) {
      throw new IllegalArgumentException("Operation " + opName + " has " + op.numOutputs()
          + " output(s); there is no output " + index);
    }
    return op.output(index);
  }

  /** TF Java's lookup and its message. */
  private Operation operation(String opName) {
    Graph g = session.graph();
    Operation op = g.operation(opName);
    if (op == null) {
      throw new IllegalArgumentException("No Operation named [" + opName + "] in the Graph");
    }
    return op;
  }
}
