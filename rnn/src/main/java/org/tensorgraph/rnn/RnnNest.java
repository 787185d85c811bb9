package org.tensorgraph.rnn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The small part of TF's {@code nest} that RNN states need: a structure is a {@link List} or an
 * {@link LstmStateTuple}, nested to any depth; anything else (an {@code Output}, an {@code
 * Integer} size, a {@code Tensor}) is a leaf. (Session has a fuller one; rnn may not use it.)
 */
final class RnnNest {
  private RnnNest() {}

  static boolean isStructure(Object o) {
    return o instanceof List || o instanceof LstmStateTuple;
  }

  /** The leaves, depth first. */
  @SuppressWarnings("unchecked")
  static <T> List<T> flatten(Object structure) {
    List<T> out = new ArrayList<>();
    map(structure, leaf -> {
      out.add((T) leaf);
      return leaf;
    });
    return out;
  }

  /** The same structure with each leaf replaced by {@code f(leaf)}, in flatten order. */
  static Object map(Object structure, Function<Object, Object> f) {
    if (structure instanceof List<?> l) {
      List<Object> r = new ArrayList<>(l.size());
      for (Object o : l) {
        r.add(map(o, f));
      }
      return r;
    }
    if (structure instanceof LstmStateTuple<?> t) {
      Object c = map(t.c(), f);
      return new LstmStateTuple<>(c, map(t.h(), f));
    }
    return f.apply(structure);
  }

  /** {@code structure} with its leaves replaced by {@code flat}, in order. */
  static Object pack(Object structure, List<?> flat) {
    Iterator<?> it = flat.iterator();
    Object r = map(structure, leaf -> it.next());
    if (it.hasNext()) {
      throw new IllegalArgumentException("Structure had " + flatten(structure).size()
          + " elements, but flat_sequence had " + flat.size() + " elements.");
    }
    return r;
  }

  /** Pairs the leaves of two structures of the same shape through {@code f}. */
  static Object map2(Object a, Object b, java.util.function.BiFunction<Object, Object, Object> f) {
    List<Object> fa = flatten(a);
    List<Object> fb = flatten(b);
    if (fa.size() != fb.size()) {
      throw new IllegalArgumentException("The two structures don't have the same number of "
          + "elements. First structure: " + a + ", second structure: " + b + ".");
    }
    List<Object> r = new ArrayList<>(fa.size());
    for (int i = 0; i < fa.size(); i++) {
      r.add(f.apply(fa.get(i), fb.get(i)));
    }
    return pack(a, r);
  }
}
