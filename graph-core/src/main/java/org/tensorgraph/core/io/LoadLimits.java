package org.tensorgraph.core.io;

import org.tensorgraph.core.Tensor;

/**
 * The bounds a GraphDef loader enforces so that a hostile or broken file fails with a {@link
 * GraphDefFormatException} instead of exhausting memory or time (see DESIGN.md §3 and
 * reference/ecosystem-reliability.md §B1, §B4).
 *
 * <pre>{@code
 * LoadLimits limits = LoadLimits.defaults().withMaxNodes(10_000).withMaxFileBytes(1 << 20);
 * Graph g = GraphDefJson.read(Path.of("small.graph.json"), OpRegistry.standard(), limits);
 * }</pre>
 *
 * @param maxFileBytes the largest file (or string, counted in UTF-16 chars) accepted
 * @param maxNodes the most nodes in the graph and all function bodies together
 * @param maxJsonDepth the deepest nesting of JSON objects and arrays
 * @param maxFunctionNesting the longest chain of functions calling functions (a graph node that
 *     calls {@code f} which calls {@code g} nests 2 deep)
 * @param maxTensorElements the most elements one tensor attr may hold
 */
public record LoadLimits(long maxFileBytes, int maxNodes, int maxJsonDepth,
    int maxFunctionNesting, long maxTensorElements) {

  /** 256 MiB files. */
  public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;
  /** One million nodes. */
  public static final int DEFAULT_MAX_NODES = 1_000_000;
  /** JSON nesting of 100 levels (a real GraphDef needs about 12). */
  public static final int DEFAULT_MAX_JSON_DEPTH = 100;
  /** Functions nested 32 deep. */
  public static final int DEFAULT_MAX_FUNCTION_NESTING = 32;

  public LoadLimits {
    if (maxFileBytes < 1 || maxNodes < 0 || maxJsonDepth < 1 || maxFunctionNesting < 0
        || maxTensorElements < 0 || maxTensorElements > Tensor.MAX_ELEMENTS) {
      throw new IllegalArgumentException("Invalid load limits " + maxFileBytes + ", " + maxNodes
          + ", " + maxJsonDepth + ", " + maxFunctionNesting + ", " + maxTensorElements
          + ": sizes must be positive and tensor elements at most " + Tensor.MAX_ELEMENTS);
    }
  }

  /** 256 MiB, 1,000,000 nodes, depth 100, function nesting 32, {@link Tensor#MAX_ELEMENTS}. */
  public static LoadLimits defaults() {
    return new LoadLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_NODES, DEFAULT_MAX_JSON_DEPTH,
        DEFAULT_MAX_FUNCTION_NESTING, Tensor.MAX_ELEMENTS);
  }

  /** These limits with the file size limit set to {@code n}. */
  public LoadLimits withMaxFileBytes(long n) {
    return new LoadLimits(n, maxNodes, maxJsonDepth, maxFunctionNesting, maxTensorElements);
  }

  /** These limits with the node limit set to {@code n}. */
  public LoadLimits withMaxNodes(int n) {
    return new LoadLimits(maxFileBytes, n, maxJsonDepth, maxFunctionNesting, maxTensorElements);
  }

  /** These limits with the JSON depth limit set to {@code n}. */
  public LoadLimits withMaxJsonDepth(int n) {
    return new LoadLimits(maxFileBytes, maxNodes, n, maxFunctionNesting, maxTensorElements);
  }

  /** These limits with the function nesting limit set to {@code n}. */
  public LoadLimits withMaxFunctionNesting(int n) {
    return new LoadLimits(maxFileBytes, maxNodes, maxJsonDepth, n, maxTensorElements);
  }

  /** These limits with the tensor element limit set to {@code n}. */
  public LoadLimits withMaxTensorElements(long n) {
    return new LoadLimits(maxFileBytes, maxNodes, maxJsonDepth, maxFunctionNesting, n);
  }
}
