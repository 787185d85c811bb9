package org.tensorgraph.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * A fetch structure resolved against a graph, as TF Python's {@code _FetchHandler}: each leaf
 * becomes an {@link Output} (a tensor to compute) or an {@link Operation} (a target, whose result
 * is null); duplicates are computed once. Client-side errors carry Python's texts and are
 * {@link IllegalArgumentException}s (Python raises TypeError or ValueError).
 */
final class Fetches {
  private final Object structure;
  private final List<Object> resolved;
  /** The distinct tensors fetched, in first-seen order. */
  final List<Output> outputs;
  /** The distinct operations fetched (run for their effects). */
  final List<Operation> targets;

  private Fetches(Object structure, List<Object> resolved) {
    this.structure = structure;
    this.resolved = resolved;
    Set<Output> outs = new LinkedHashSet<>();
    Set<Operation> ops = new LinkedHashSet<>();
    for (Object r : resolved) {
      if (r instanceof Output) {
        outs.add((Output) r);
      } else {
        ops.add((Operation) r);
      }
    }
    this.outputs = List.copyOf(outs);
    this.targets = List.copyOf(ops);
  }

  static Fetches resolve(Graph g, Object structure) {
    List<Object> leaves = Nest.flatten(structure);
    List<Object> resolved = new ArrayList<>(leaves.size());
    for (Object leaf : leaves) {
      resolved.add(resolveLeaf(g, leaf));
    }
    return new Fetches(structure, resolved);
  }

  /** The fetch structure with each leaf replaced by its value (null for an operation). */
  Object pack(Map<Output, Tensor> values) {
    Iterator<Object> it = resolved.iterator();
    return Nest.map(structure, leaf -> {
      Object r = it.next();
      return r instanceof Output ? values.get(r) : null;
    });
  }

  private static Object resolveLeaf(Graph g, Object leaf) {
    if (leaf instanceof Output) {
      Output o = (Output) leaf;
      if (o.graph() != g) {
        throw cannotInterpret(leaf, "Tensor " + o + " is not an element of this graph.");
      }
      return o;
    }
    if (leaf instanceof Operation) {
      Operation op = (Operation) leaf;
      if (op.graph() != g) {
        throw cannotInterpret(leaf, "Operation " + repr(op) + " is not an element of this graph.");
      }
      return op;
    }
    if (leaf instanceof String) {
      return byName(g, (String) leaf);
    }
    if (leaf == null) {
      throw new IllegalArgumentException("Fetch argument null has invalid type null");
    }
    throw new IllegalArgumentException("Fetch argument " + repr(leaf) + " has invalid type "
        + leaf.getClass() + ", must be a string or Tensor. (Can not convert a "
        + leaf.getClass().getSimpleName() + " into a Tensor or Operation.)");
  }

  /** TF's {@code as_graph_element}: {@code "x:0"} names a tensor, {@code "x"} an operation. */
  private static Object byName(Graph g, String name) {
    if (name.contains(":")) {
      try {
        return g.output(name);
      } catch (IllegalArgumentException e) {
        // Python raises KeyError for a missing tensor; str(KeyError) quotes its message.
        boolean keyError = e.getMessage().contains("does not exist");
        throw cannotInterpret(name, keyError ? pyRepr(e.getMessage()) : e.getMessage());
      }
    }
    Operation op = g.operation(name);
    if (op == null) {
      throw cannotInterpret(name, pyRepr("The name " + pyRepr(name)
          + " refers to an Operation not in the graph."));
    }
    return op;
  }

  private static IllegalArgumentException cannotInterpret(Object fetch, String why) {
    return new IllegalArgumentException("Fetch argument " + repr(fetch)
        + " cannot be interpreted as a Tensor. (" + why + ")");
  }

  /** Python's {@code %r} of a fetch: {@code 'x:0'}, {@code <tf.Tensor 'x:0' shape=(2,) ...>}. */
  static String repr(Object o) {
    if (o instanceof String) {
      return pyRepr((String) o);
    }
    if (o instanceof Output) {
      Output t = (Output) o;
      return "<tf.Tensor '" + t.name() + "' shape=" + t.shape().toPythonString() + " dtype="
          + t.dtype().numpyName() + ">";
    }
    if (o instanceof Operation) {
      Operation op = (Operation) o;
      return "<tf.Operation '" + op.name() + "' type=" + op.type() + ">";
    }
    return String.valueOf(o);
  }

  /** Python's repr of a str: single quotes, or double quotes when it holds only single ones. */
  static String pyRepr(String s) {
    if (s.contains("'") && !s.contains("\"")) {
      return "\"" + s + "\"";
    }
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
