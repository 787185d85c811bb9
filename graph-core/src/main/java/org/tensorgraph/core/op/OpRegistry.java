package org.tensorgraph.core.op;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The op definitions a graph may use, by type name.
 *
 * <pre>{@code
 * OpRegistry reg = OpRegistry.standard();   // every OpLibrary on the classpath
 * reg.get("MatMul").inputs();                // [a: T, b: T]
 * }</pre>
 */
public final class OpRegistry {
  private static volatile OpRegistry standard;

  private final Map<String, OpDef> ops = new ConcurrentHashMap<>();
  private final List<Fusion> fusions = new CopyOnWriteArrayList<>();

  /** An empty registry, for tests and custom op sets. */
  public OpRegistry() {}

  /**
   * The registry of every {@link OpLibrary} found by {@link ServiceLoader} in this class's loader,
   * built once.
   */
  public static OpRegistry standard() {
    OpRegistry r = standard;
    if (r == null) {
      synchronized (OpRegistry.class) {
        r = standard;
        if (r == null) {
          r = new OpRegistry();
          for (OpLibrary lib : ServiceLoader.load(OpLibrary.class, OpRegistry.class.getClassLoader())) {
            lib.register(r);
          }
          standard = r;
        }
      }
    }
    return r;
  }

  /**
   * Adds an op.
   *
   * @throws IllegalArgumentException if an op of that name is registered already
   */
  public OpRegistry register(OpDef def) {
    if (ops.putIfAbsent(def.name(), def) != null) {
      throw new IllegalArgumentException("Op type " + def.name() + " is registered twice");
    }
    return this;
  }

  /** The definition of {@code type}, or null. */
  public OpDef find(String type) {
    return ops.get(type);
  }

  /**
   * The definition of {@code type}.
   *
   * @throws IllegalArgumentException naming the op type, as TF's "Op type not registered"
   */
  public OpDef get(String type) {
    OpDef d = ops.get(type);
    if (d == null) {
      throw new IllegalArgumentException("Op type not registered '" + type + "'");
    }
    return d;
  }

  /** Adds a plan-time fusion; planners try fusions in the order they were added. */
  public OpRegistry registerFusion(Fusion fusion) {
    fusions.add(java.util.Objects.requireNonNull(fusion, "fusion"));
    return this;
  }

  /** The registered fusions, in order. */
  public List<Fusion> fusions() {
    return Collections.unmodifiableList(fusions);
  }

  /** Every registered op by name, sorted. */
  public Map<String, OpDef> all() {
    return Collections.unmodifiableMap(new TreeMap<>(ops));
  }
}
