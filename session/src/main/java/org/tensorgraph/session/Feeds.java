package org.tensorgraph.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * Feeds checked before anything runs, as TF Python's {@code Session.run} checks its {@code
 * feed_dict}: keys are tensors of the session's graph or their names ({@code "X:0"}), values are
 * tensors of the key's dtype whose shape is compatible with its static shape. Any tensor may be
 * fed, not only placeholders; a fed variable output replaces reads through that edge. Errors are
 * {@link IllegalArgumentException}s with Python's texts (Python raises TypeError or ValueError).
 */
final class Feeds {
  private Feeds() {}

  /** The checked feeds by tensor; a later entry for the same tensor wins, as in a dict. */
  static Map<Output, Tensor> resolve(Graph g, Map<?, Tensor> feeds) {
    if (feeds == null || feeds.isEmpty()) {
      return Map.of();
    }
    Map<Output, Tensor> r = new LinkedHashMap<>();
    for (Map.Entry<?, Tensor> e : feeds.entrySet()) {
      Output t = key(g, e.getKey());
      r.put(t, check(t, e.getValue()));
    }
    return r;
  }

  private static Output key(Graph g, Object k) {
    if (k instanceof Output) {
      Output o = (Output) k;
      if (o.graph() != g) {
        throw cannotInterpret("Tensor " + o + " is not an element of this graph.");
      }
      return o;
    }
    if (!(k instanceof String)) {
      throw cannotInterpret("Can not convert a " + (k == null ? "null"
          : k.getClass().getSimpleName()) + " into a Tensor.");
    }
    String name = (String) k;
    if (!name.contains(":")) {
      Operation op = g.operation(name);
      throw cannotInterpret("The name " + Fetches.pyRepr(name) + (op != null
          ? " refers to an Operation, not a Tensor." : " looks like an (invalid) Operation name,"
          + " not a Tensor.") + " Tensor names must be of the form \"<op_name>:<output_index>\".");
    }
    try {
      return g.output(name);
    } catch (IllegalArgumentException e) {
      throw cannotInterpret(e.getMessage());
    }
  }

  private static Tensor check(Output t, Tensor v) {
    if (v == null) {
      throw new IllegalArgumentException("The value of a feed cannot be null (feeding tensor '"
          + t.name() + "')");
    }
    if (v.dtype() != t.dtype()) {
      throw new IllegalArgumentException("Cannot feed value of dtype " + v.dtype().numpyName()
          + " for Tensor '" + t.name() + "', which has dtype " + t.dtype().numpyName());
    }
    if (!t.shape().isCompatibleWith(v.shape())) {
      throw new IllegalArgumentException("Cannot feed value of shape " + shapeString(v.shape())
          + " for Tensor '" + t.name() + "', which has shape '" + shapeString(t.shape()) + "'");
    }
    return v;
  }

  private static IllegalArgumentException cannotInterpret(String why) {
    return new IllegalArgumentException("Cannot interpret feed_dict key as Tensor: " + why);
  }

  /** The shape as the project's feed message prints it: {@code [?, 2, 3]}, {@code []}. */
  static String shapeString(Shape s) {
    if (!s.hasRank()) {
      return "<unknown>";
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < s.rank(); i++) {
      sb.append(i > 0 ? ", " : "").append(s.dim(i) == Shape.UNKNOWN ? "?" : s.dim(i));
    }
    return sb.append(']').toString();
  }
}
