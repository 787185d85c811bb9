package org.tensorgraph.benchmarks;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.DataType;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorgraph.core.graph.Output;

/**
 * TensorFlow 1.15's side of a comparison: our {@link BenchGraph} imported into TF (or a graph
 * TF's own API builds for the same model, with the same names), a TF session over it, initialized
 * once; {@link #run()} is one measured {@code Session.run} with the same
 * feeds and fetches, by name.
 *
 * <pre>{@code
 * try (TfRun tf = TfRun.start(benchGraph)) {
 *   int elements = tf.run();
 * }
 * }</pre>
 *
 * <p>Feeds are TF tensors made once; fetched tensors are closed inside the run, so the measured
 * time includes what a TF Java user pays for a run and nothing more (no copy into Java arrays).
 */
public final class TfRun implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final Map<String, Tensor<?>> feeds = new LinkedHashMap<>();
  private final List<String> fetches = new ArrayList<>();

  private TfRun(BenchGraph g, Graph graph) {
    this.graph = graph;
    this.session = new Session(graph, TfBridge.config(g.tfOptimize()));
    g.feeds().forEach((o, t) -> feeds.put(o.name(), TfBridge.toTf(t)));
    g.fetches().stream().map(Output::name).forEach(fetches::add);
  }

  /** Imports {@code g} into TF, starts a session and runs {@code g.init()} once. */
  public static TfRun start(BenchGraph g) {
    return start(g, TfBridge.importGraph(g.graph()));
  }

  /**
   * Runs {@code graph} in place of {@code g}'s own (say, TF's own build of the same model, {@link
   * TfV1Rnn}): it must hold {@code g}'s feed, fetch and init names. Takes ownership of {@code
   * graph}.
   */
  public static TfRun start(BenchGraph g, Graph graph) {
    TfRun r;
    try {
      r = new TfRun(g, graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    try {
      if (g.init() != null) {
        r.session.runner().addTarget(g.init().name()).run();
      }
      return r;
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** The TF graph this session runs (for tests to inspect). */
  Graph graph() {
    return graph;
  }

  /** One measured run; returns how many elements were fetched. */
  public int run() {
    Session.Runner runner = session.runner();
    feeds.forEach(runner::feed);
    fetches.forEach(runner::fetch);
    int n = 0;
    for (Tensor<?> t : runner.run()) {
      n += t.numElements();
      t.close();
    }
    return n;
  }

  /** One run's fetched values, flattened (float32 fetches only). */
  public List<float[]> values() {
    Session.Runner runner = session.runner();
    feeds.forEach(runner::feed);
    fetches.forEach(runner::fetch);
    List<float[]> values = new ArrayList<>();
    for (Tensor<?> t : runner.run()) {
      try (t) {
        if (t.dataType() != DataType.FLOAT) {
          throw new IllegalStateException("Expected a float fetch, got " + t.dataType());
        }
        float[] f = new float[t.numElements()];
        t.writeTo(FloatBuffer.wrap(f));
        values.add(f);
      }
    }
    return values;
  }

  @Override
  public void close() {
    feeds.values().forEach(Tensor::close);
    session.close();
    graph.close();
  }
}
