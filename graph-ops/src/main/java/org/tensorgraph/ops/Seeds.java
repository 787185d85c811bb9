package org.tensorgraph.ops;

import org.tensorgraph.core.graph.Graph;

/**
 * TF1's op-seed derivation ({@code tensorflow/python/framework/random_seed.py}, {@code get_seed}):
 * the {@code (seed, seed2)} attrs of a random op from the graph seed and the op seed.
 *
 * <pre>{@code
 * Seeds.get(graph, 42L);    // {87654321, 42} when the graph has no seed
 * graph.setSeed(7);
 * Seeds.get(graph, null);   // {7, graph.lastId()}
 * }</pre>
 */
public final class Seeds {
  /** TF's {@code DEFAULT_GRAPH_SEED}. */
  public static final long DEFAULT_GRAPH_SEED = 87654321L;
  private static final long MAXINT32 = (1L << 31) - 1;

  private Seeds() {}

  /**
   * The {@code {seed, seed2}} pair for a random op created next in {@code g}: {@code {0, 0}} (TF's
   * {@code (None, None)}: the kernel picks random seeds) when neither seed is set.
   */
  public static long[] get(Graph g, Long opSeed) {
    Long graphSeed = g.seed();
    long s1;
    long s2;
    if (graphSeed != null) {
      s1 = truncate(graphSeed);
      s2 = truncate(opSeed != null ? opSeed : g.root().lastId());
    } else if (opSeed != null) {
      s1 = DEFAULT_GRAPH_SEED;
      s2 = truncate(opSeed);
    } else {
      return new long[] {0, 0};
    }
    if (s1 == 0 && s2 == 0) {
      return new long[] {0, MAXINT32}; // (0, 0) would mean "random" to the kernel
    }
    return new long[] {s1, s2};
  }

  /** Python's {@code s % _MAXINT32}: always in {@code [0, 2^31 - 1)}. */
  private static long truncate(long s) {
    return Math.floorMod(s, MAXINT32);
  }
}
