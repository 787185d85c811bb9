package org.tensorgraph.core.op;

/**
 * A family of op definitions, found through {@link java.util.ServiceLoader}: a jar that lists its
 * libraries in {@code META-INF/services/org.tensorgraph.core.op.OpLibrary} adds them to {@link
 * OpRegistry#standard()}, so {@code new Graph()} knows every op on the classpath.
 */
public interface OpLibrary {
  /** Adds this library's ops. */
  void register(OpRegistry registry);
}
