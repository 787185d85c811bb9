package org.tensorgraph.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * The argument checks of {@code tf.import_graph_def}, with its messages: {@code input_map} keys
 * must name tensors of the GraphDef and map to tensors of the target graph, {@code
 * return_elements} must name nodes ({@code "op"}) or tensors ({@code "op:0"}) of the GraphDef.
 * Misuse of the arguments is an {@link IllegalArgumentException} (TF's ValueError).
 */
final class ImportChecks {
  private ImportChecks() {}

  /** {@code "x"} becomes {@code "x:0"}; control keys ({@code "^x"}) are not supported. */
  static Map<String, Output> normalizeInputMap(Graph target, Map<String, Output> inputMap) {
    Map<String, Output> r = new LinkedHashMap<>();
    if (inputMap == null) {
      return r;
    }
    for (Map.Entry<String, Output> e : inputMap.entrySet()) {
      String k = e.getKey();
      if (k == null || k.isEmpty() || k.startsWith("^")) {
        throw new IllegalArgumentException("input_map key '" + k + "' must name a tensor "
            + "('x:0' or 'x'); control inputs cannot be mapped");
      }
      if (e.getValue() == null || e.getValue().graph() != target) {
        throw new IllegalArgumentException("input_map value for '" + k + "' must be a tensor of "
            + "the graph being imported into");
      }
      r.put(k.indexOf(':') < 0 ? k + ":0" : k, e.getValue());
    }
    return r;
  }

  /** Keys whose node is not in the GraphDef fail before anything is built. */
  static void beforeBuild(GraphDefBuilder.Options opt, Map<String, Integer> nodeIndex) {
    List<String> missing = new ArrayList<>();
    for (String k : opt.inputMap().keySet()) {
      String node = k.substring(0, k.lastIndexOf(':'));
      if (!nodeIndex.containsKey(node)) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Attempted to map inputs that were not found in "
          + "graph_def: " + missing);
    }
    for (String r : opt.returnElements()) {
      String node = r.indexOf(':') < 0 ? r : r.substring(0, r.lastIndexOf(':'));
      if (!nodeIndex.containsKey(node)) {
        throw notFound(r);
      }
    }
  }

  /** Keys naming an output the node does not have are found only once nodes exist. */
  static void afterBuild(GraphDefBuilder.Options opt, Map<String, Operation> built) {
    List<String> missing = new ArrayList<>();
    for (String k : opt.inputMap().keySet()) {
      Operation op = built.get(k.substring(0, k.lastIndexOf(':')));
      if (outputIndex(k) >= op.numOutputs()) {
        missing.add(k);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Attempted to map inputs that were not found in "
          + "graph_def: " + missing);
    }
  }

  /** The requested operations and tensors, in order. */
  static List<Object> returnElements(GraphDefBuilder.Options opt, Map<String, Operation> built) {
    List<Object> r = new ArrayList<>();
    for (String name : opt.returnElements()) {
      if (name.indexOf(':') < 0) {
        r.add(built.get(name));
        continue;
      }
      Operation op = built.get(name.substring(0, name.lastIndexOf(':')));
      int i = outputIndex(name);
      if (i < 0 || i >= op.numOutputs()) {
        throw notFound(name);
      }
      r.add(op.output(i));
    }
    return r;
  }

  private static int outputIndex(String name) {
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static IllegalArgumentException notFound(String name) {
    return new IllegalArgumentException("Requested return " + (name.indexOf(':') < 0 ? "node '"
        : "tensor '") + name + "' not found in graph def");
  }
}
