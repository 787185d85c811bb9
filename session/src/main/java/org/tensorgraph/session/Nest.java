package org.tensorgraph.session;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Nested structures of values, as TF's {@code nest}: a structure is a {@link List}, a {@link Map}
 * (its values; keys stay as they are) or a {@link Record} (its components, like a namedtuple),
 * nested to any depth; anything else is a leaf. {@code Session.run} flattens a fetch structure,
 * computes the leaves and packs the results into the same structure.
 *
 * <pre>{@code
 * record LstmStateTuple<T>(T c, T h) {}
 * Nest.flatten(List.of(a, new LstmStateTuple<>(c, h)));           // [a, c, h]
 * Nest.map(new LstmStateTuple<>(1, 2), x -> (Integer) x * 10);    // LstmStateTuple[c=10, h=20]
 * }</pre>
 *
 * <p>Maps are rebuilt as a {@link LinkedHashMap} in the same key order ({@link TreeMap} with the
 * same comparator for a sorted map); lists as an {@link ArrayList}; records through their
 * canonical constructor, so a record must accept the new leaf type: declare it generic in its
 * element type ({@code record LstmStateTuple<T>(T c, T h)}) to hold Outputs and Tensors alike.
 */
public final class Nest {
  private Nest() {}

  /** True for the structures Nest looks into: lists, maps and records. */
  public static boolean isStructure(Object o) {
    return o instanceof List || o instanceof Map || o instanceof Record;
  }

  /** The leaves of {@code structure}, depth first, in order. */
  public static List<Object> flatten(Object structure) {
    List<Object> out = new ArrayList<>();
    map(structure, leaf -> {
      out.add(leaf);
      return leaf;
    });
    return out;
  }

  /**
   * The same structure with every leaf replaced by {@code f(leaf)}, leaves visited in {@link
   * #flatten} order.
   *
   * @throws IllegalArgumentException if a record cannot hold the new leaves
   */
  public static Object map(Object structure, Function<Object, Object> f) {
    if (structure instanceof List) {
      List<?> l = (List<?>) structure;
      List<Object> r = new ArrayList<>(l.size());
      for (Object o : l) {
        r.add(map(o, f));
      }
      return r;
    }
    if (structure instanceof Map) {
      return mapMap((Map<?, ?>) structure, f);
    }
    if (structure instanceof Record) {
      return mapRecord((Record) structure, f);
    }
    return f.apply(structure);
  }

  private static Map<Object, Object> mapMap(Map<?, ?> m, Function<Object, Object> f) {
    Map<Object, Object> r;
    if (m instanceof SortedMap) {
      @SuppressWarnings("unchecked")
      SortedMap<Object, ?> sm = (SortedMap<Object, ?>) m;
      r = new TreeMap<>(sm.comparator());
    } else {
      r = new LinkedHashMap<>();
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      r.put(e.getKey(), map(e.getValue(), f));
    }
    return r;
  }

  private static Object mapRecord(Record rec, Function<Object, Object> f) {
    Class<?> c = rec.getClass();
    RecordComponent[] rcs = c.getRecordComponents();
    Object[] args = new Object[rcs.length];
    Class<?>[] types = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      RecordComponent rc = rcs[i];
      args[i] = map(reflect(c, () -> {
        rc.getAccessor().setAccessible(true);
        return rc.getAccessor().invoke(rec);
      }), f);
      types[i] = rc.getType();
      if (args[i] != null && !boxed(types[i]).isInstance(args[i])) {
        throw new IllegalArgumentException("Cannot rebuild record " + c.getSimpleName()
            + ": component " + rc.getName() + " has type " + types[i].getSimpleName()
            + ", which cannot hold a " + args[i].getClass().getSimpleName() + ". Declare the"
            + " record generic in its element type, e.g. record " + c.getSimpleName()
            + "<T>(T " + rcs[0].getName() + ", ...).");
      }
    }
    return reflect(c, () -> {
      Constructor<?> k = c.getDeclaredConstructor(types);
      k.setAccessible(true);
      return k.newInstance(args);
    });
  }

  private interface Reflective {
    Object get() throws ReflectiveOperationException;
  }

  /** Runs one reflective step on record class {@code c}, reporting failures plainly. */
  private static Object reflect(Class<?> c, Reflective step) {
    try {
      return step.get();
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("Record " + c.getSimpleName() + " rejected its "
          + "components: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot take apart or rebuild record " + c.getName()
          + ": " + e, e);
    }
  }

  private static Class<?> boxed(Class<?> t) {
    if (!t.isPrimitive()) {
      return t;
    }
    if (t == int.class) {
      return Integer.class;
    }
    if (t == long.class) {
      return Long.class;
    }
    if (t == float.class) {
      return Float.class;
    }
    if (t == double.class) {
      return Double.class;
    }
    if (t == boolean.class) {
      return Boolean.class;
    }
    return t == char.class ? Character.class : t == byte.class ? Byte.class : Short.class;
  }
}
