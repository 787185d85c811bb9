package org.tensorgraph.core.graph;

import java.util.List;
import java.util.stream.Collectors;
import org.tensorgraph.core.op.AttrDef;
import org.tensorgraph.core.op.AttrType;
import org.tensorgraph.core.op.OpDef;

/** TF's attr validation (tensorflow/core/framework/op_def_util.cc), with its messages. */
final class AttrChecks {
  private AttrChecks() {}

  static void check(OpDef def, String node, AttrDef d, Object v) {
    if (!d.type().accepts(v)) {
      throw new IllegalArgumentException("Attr '" + d.name() + "' of '" + def.name() + "' Op "
          + "expects a value of type " + d.type().spelling() + ", got " + describe(v)
          + " (node '" + node + "')");
    }
    checkAllowed(def, node, d, v);
    checkMinimum(def, node, d, v);
  }

  private static void checkAllowed(OpDef def, String node, AttrDef d, Object v) {
    if (d.allowedValues().isEmpty()) {
      return;
    }
    List<?> values = d.type().isList() ? (List<?>) v : List.of(v);
    for (Object x : values) {
      if (!d.allowedValues().contains(x)) {
        throw new IllegalArgumentException("Value for attr '" + d.name() + "' of " + show(x)
            + " is not in the list of allowed values: " + d.allowedValues().stream()
                .map(AttrChecks::show).collect(Collectors.joining(", "))
            + "\n\t; NodeDef: {{node " + node + "}}; Op<name=" + def.name() + ">");
      }
    }
  }

  private static void checkMinimum(OpDef def, String node, AttrDef d, Object v) {
    if (d.minimum() == Long.MIN_VALUE) {
      return;
    }
    long actual = d.type() == AttrType.INT ? (Long) v : ((List<?>) v).size();
    if (actual < d.minimum()) {
      String what = d.type() == AttrType.INT ? "Value for attr '" + d.name() + "' of " + actual
          : "Length for attr '" + d.name() + "' of " + actual;
      throw new IllegalArgumentException(what + " must be at least minimum " + d.minimum()
          + "\n\t; NodeDef: {{node " + node + "}}; Op<name=" + def.name() + ">");
    }
  }

  private static String show(Object x) {
    if (x instanceof org.tensorgraph.core.DType) {
      return ((org.tensorgraph.core.DType) x).tfName();
    }
    return x instanceof String ? "\"" + x + "\"" : String.valueOf(x);
  }

  private static String describe(Object v) {
    return v.getClass().getSimpleName() + " " + v;
  }
}
