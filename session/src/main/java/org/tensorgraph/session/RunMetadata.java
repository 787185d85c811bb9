package org.tensorgraph.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.tensorgraph.core.graph.Operation;

/**
 * What a run reports when asked, as TF's {@code RunMetadata}: the executor used and each node's
 * wall time, to find what makes a graph slow. Pass a fresh instance to {@code run}; the session
 * fills it. Nodes of function bodies (a {@code While} loop's) appear once per execution.
 *
 * <pre>{@code
 * RunMetadata md = new RunMetadata();
 * session.run(outputs, feeds, RunOptions.DEFAULT, md);
 * md.slowest(3);   // [NodeStats[node=rnn/while, op=While, wallNanos=812345, ...], ...]
 * }</pre>
 */
public final class RunMetadata {
  /**
   * One execution of one node.
   *
   * @param node the node's name
   * @param op its op type
   * @param startNanos {@link System#nanoTime()} when its kernel started
   * @param wallNanos how long its kernel ran, nested function calls included
   * @param thread the thread it ran on
   */
  public record NodeStats(String node, String op, long startNanos, long wallNanos,
      String thread) {}

  private final ConcurrentLinkedQueue<NodeStats> stats = new ConcurrentLinkedQueue<>();
  private volatile String executor = "";
  private volatile long runWallNanos;

  void record(Operation op, long t0, long t1) {
    stats.add(new NodeStats(op.name(), op.type(), t0, t1 - t0, Thread.currentThread().getName()));
  }

  void finish(String executorName, long wallNanos) {
    this.executor = executorName;
    this.runWallNanos = wallNanos;
  }

  /** The executor that ran: {@code "reference"}, {@code "direct"}, {@code "threaded(4)"}. */
  public String executor() {
    return executor;
  }

  /** The whole run's wall time in nanoseconds. */
  public long runWallNanos() {
    return runWallNanos;
  }

  /** Every node execution, in completion order. */
  public List<NodeStats> nodeStats() {
    return List.copyOf(stats);
  }

  /** Total wall nanoseconds per node name, in first-completion order. */
  public Map<String, Long> wallNanosByNode() {
    Map<String, Long> r = new LinkedHashMap<>();
    for (NodeStats s : stats) {
      r.merge(s.node(), s.wallNanos(), Long::sum);
    }
    return r;
  }

  /** The {@code n} slowest node executions, slowest first. */
  public List<NodeStats> slowest(int n) {
    List<NodeStats> r = new ArrayList<>(stats);
    r.sort(Comparator.comparingLong(NodeStats::wallNanos).reversed());
    return List.copyOf(r.subList(0, Math.min(n, r.size())));
  }

  @Override
  public String toString() {
    return "RunMetadata(executor=" + executor + ", nodes=" + stats.size() + ", wallNanos="
        + runWallNanos + ")";
  }
}
