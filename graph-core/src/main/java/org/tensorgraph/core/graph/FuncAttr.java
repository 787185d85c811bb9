package org.tensorgraph.core.graph;

import java.util.Map;

/**
 * A {@code func} attr value: the name of a function in the graph's library plus attrs to
 * instantiate it with, as in a {@code While}'s {@code cond} and {@code body}.
 */
public record FuncAttr(String name, Map<String, Object> attrs) {
  public FuncAttr {
    attrs = Map.copyOf(attrs);
  }

  public static FuncAttr of(String name) {
    return new FuncAttr(name, Map.of());
  }
}
