package org.tensorgraph.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.RnnResult;
import org.tensorgraph.rnn.RnnWeights;
import org.tensorgraph.session.Session;

/**
 * The shape every RNN lesson shares, as the article writes it: a placeholder {@code X} of
 * [None, n_steps, n_inputs], a model on it, {@code init}, then one run fed with {@code X_batch}.
 */
final class RnnProgram {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  private final Output x;
  private final Tensor xBatch;
  private final Map<Output, Tensor> extraFeeds = new HashMap<>();
  private List<Object> fetches;

  /** {@code X = tf.placeholder(tf.float32, [None, n_steps, n_inputs])}. */
  RnnProgram(float[][][] xBatch, DemoOptions options) {
    options.applySeed(graph);
    this.xBatch = Tensor.of(xBatch);
    this.x = tf.placeholder(DType.FLOAT32, Shape.of(-1, xBatch[0].length, xBatch[0][0].length));
  }

  Output x() {
    return x;
  }

  /** Adds a fed value besides {@code X} (a sequence_length placeholder, say). */
  void feed(Output placeholder, Tensor value) {
    extraFeeds.put(placeholder, value);
  }

  /** Builds the model on {@code X}; the program fetches {@code [outputs, states]}. */
  RnnProgram model(BiFunction<Ops, Output, RnnResult> build) {
    RnnResult r = build.apply(tf, x);
    return fetching(List.of(r.outputs(), r.state()));
  }

  /** Sets what the run fetches: a list of tensors or structures of them. */
  RnnProgram fetching(List<Object> what) {
    this.fetches = new ArrayList<>(what);
    return this;
  }

  /**
   * Runs {@code init}, applies the checkpoint's values, then fetches (by default {@code [outputs,
   * states]}) with {@code X_batch} fed, as {@code sess.run([outputs, states], feed_dict={X:
   * X_batch})}.
   */
  List<Object> run(DemoOptions options, int programIndex) {
    Operation init = Variables.globalVariablesInitializer(graph);
    options.export(graph, programIndex); // before the checkpoint's assignments join the graph
    RnnWeights.Assignment weights = RnnWeights.assignment(graph, ownValues(options), false);
    Map<Output, Tensor> feeds = new HashMap<>(extraFeeds);
    feeds.put(x, xBatch);
    try (Session s = new Session(graph)) {
      s.run(init);
      s.run(List.of(), weights.feeds(), List.of(weights.target()));
      return s.run(fetches, feeds);
    }
  }

  /** The checkpoint entries naming this program's variables (a demo's others name its siblings'). */
  private Map<String, Tensor> ownValues(DemoOptions options) {
    Map<String, Tensor> own = new HashMap<>();
    for (String name : variableNames(graph)) {
      Tensor t = options.checkpoint().get(name);
      if (t != null) {
        own.put(name, t);
      }
    }
    return own;
  }

  /** The names of a graph's global variables. */
  static List<String> variableNames(Graph g) {
    return Variables.globalVariables(g).stream().map(v -> v.name()).toList();
  }

  /** The article's input: 4 examples, 2 steps, 3 inputs per step. */
  static float[][][] articleBatch() {
    return new float[][][] {
        {{0, 1, 2}, {1, 2, 3}},
        {{3, 4, 5}, {4, 5, 6}},
        {{5, 6, 7}, {6, 7, 8}},
        {{7, 8, 9}, {8, 9, 10}}};
  }

  /**
   * The number of units a checkpoint's kernel implies ({@code kernel [inputs + units, gates *
   * units]}), or {@code fallback} when the checkpoint has no such entry; the demos size their
   * cells by it so that TensorFlow's weights of any width load.
   */
  static int unitsFrom(DemoOptions o, String kernelName, int gates, int fallback) {
    Tensor k = o.checkpoint().get(kernelName);
    if (k == null || k.rank() != 2 || k.shape().dim(1) % gates != 0) {
      return fallback;
    }
    return (int) (k.shape().dim(1) / gates);
  }

  /** {@code a[:, t, :]} of a [batch, time, depth] float32 tensor. */
  static Tensor step(Tensor a, int t) {
    int b = (int) a.shape().dim(0);
    int d = (int) a.shape().dim(2);
    float[] out = new float[b * d];
    for (int i = 0; i < b; i++) {
      for (int k = 0; k < d; k++) {
        out[i * d + k] = a.getFloat(i, t, k);
      }
    }
    return Tensor.of(Shape.of(b, d), out);
  }

  /** {@code a[i]} of a [batch, depth] float32 tensor, as a vector. */
  static Tensor row(Tensor a, int i) {
    int d = (int) a.shape().dim(1);
    float[] out = new float[d];
    for (int k = 0; k < d; k++) {
      out[k] = a.getFloat(i, k);
    }
    return Tensor.of(Shape.of(d), out);
  }
}
