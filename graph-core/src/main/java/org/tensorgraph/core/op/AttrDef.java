package org.tensorgraph.core.op;

import java.util.List;

/**
 * One attribute of an op: {@code "T: {float, double}"}, {@code "transpose_a: bool = false"},
 * {@code "N: int >= 2"}.
 *
 * @param name the attr's name
 * @param type its kind
 * @param defaultValue the value used when a node does not set it, or null if it must be set
 * @param allowedValues for {@code type}/{@code list(type)} attrs, the allowed dtypes (empty = any);
 *     for {@code string} attrs, the allowed strings
 * @param minimum for {@code int} attrs and list lengths, the least allowed value; {@code
 *     Long.MIN_VALUE} when unbounded
 */
public record AttrDef(String name, AttrType type, Object defaultValue, List<Object> allowedValues,
    long minimum) {

  public AttrDef {
    allowedValues = List.copyOf(allowedValues);
  }

  public boolean hasDefault() {
    return defaultValue != null;
  }
}
