package org.tensorgraph.session;

/**
 * How a session executes a run. All three compute the same values; they differ in speed and
 * threads.
 *
 * <pre>{@code
 * new Session(graph, SessionOptions.builder().executor(ExecutorKind.DIRECT).build());
 * }</pre>
 */
public enum ExecutorKind {
  /** The reference interpreter: an environment map and one loop. The semantic definition. */
  REFERENCE,
  /** The cached plan's node table, every node on the calling thread in topological order. */
  DIRECT,
  /** The cached plan with pending counts: cheap nodes inline, expensive ones on the pool. */
  THREADED
}
