package org.tensorgraph.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;
import org.tensorgraph.session.SessionOptions;

/**
 * Tensorgraph's side of a comparison: a {@link Session} over a {@link BenchGraph}, initialized
 * once; {@link #run()} is one measured {@code Session.run}.
 *
 * <pre>{@code
 * try (OursRun ours = OursRun.start(benchGraph, ExecutorKind.THREADED)) {
 *   List<Tensor> out = ours.run();
 * }
 * }</pre>
 *
 * <p>Sessions get one inter-op and one intra-op thread per available processor, as TF 1.15's
 * default session does, so that both sides may use every core.
 */
public final class OursRun implements AutoCloseable {
  private final BenchGraph graph;
  private final Session session;

  private OursRun(BenchGraph graph, Session session) {
    this.graph = graph;
    this.session = session;
  }

  /** A session with the given executor over {@code g}, with {@code g.init()} already run. */
  public static OursRun start(BenchGraph g, ExecutorKind executor) {
    int cpus = Runtime.getRuntime().availableProcessors();
    SessionOptions options = SessionOptions.builder().executor(executor).interOpThreads(cpus)
        .intraOpThreads(cpus).build();
    Session s = new Session(g.graph(), options);
    if (g.init() != null) {
      s.run(g.init());
    }
    return new OursRun(g, s);
  }

  /** One measured run: fetches with feeds. */
  public List<Tensor> run() {
    return session.run(graph.fetches(), graph.feeds(), List.of());
  }

  /** Fetches one tensor (a variable's value, say) with the graph's feeds. */
  public Tensor fetch(Output o) {
    return session.run(o, graph.feeds());
  }

  /** One run's fetched values, each flattened to float32 (for comparing with TF). */
  public List<float[]> values() {
    List<float[]> values = new ArrayList<>();
    for (Tensor t : run()) {
      float[] f = new float[t.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) t.getAsDouble(i);
      }
      values.add(f);
    }
    return values;
  }

  @Override
  public void close() {
    session.close();
  }
}
