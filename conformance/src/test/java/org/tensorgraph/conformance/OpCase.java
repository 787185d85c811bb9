package org.tensorgraph.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tensorgraph.conformance.Differential.GraphBuilder;
import org.tensorgraph.conformance.Differential.Node;
import org.tensorgraph.conformance.Differential.Run;
import org.tensorgraph.conformance.Differential.Tolerance;
import org.tensorgraph.core.Tensor;

/**
 * One row of a conformance table: a single node of type {@code op} with {@code attrs}, fed
 * {@code inputs} (each a {@link Tensor}, or a {@code List<Tensor>} for a list argument), whose
 * every output is fetched. Type and length attrs ({@code T}, {@code N}, ...) are left for both
 * runtimes to infer, as Python's layer leaves them.
 *
 * <pre>{@code
 * OpCase.of("ConcatV2", List.of(a, b), Tensor.of(-1)).check();
 * }</pre>
 */
record OpCase(String op, List<Object> inputs, Map<String, Object> attrs, Tolerance tolerance,
    String note, boolean staticShapes) implements ConformanceCase {

  /** Float math whose TF kernels round differently from a naive loop (Eigen, other order). */
  static final Set<String> CLOSE_OPS = Set.of("RealDiv", "Div", "FloorDiv", "FloorMod", "Pow",
      "Sqrt", "Rsqrt", "Exp", "Log", "Log1p", "Tanh", "Sigmoid", "AddN", "Sum", "Mean", "Prod",
      "MatMul", "BatchMatMulV2", "Elu", "Softplus", "Softmax", "LogSoftmax",
      "SoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits");

  static OpCase of(String op, Object... inputs) {
    Tolerance t = CLOSE_OPS.contains(op) ? Tolerance.CLOSE : Tolerance.EXACT;
    return new OpCase(op, List.of(inputs), Map.of(), t, "", true);
  }

  OpCase attr(String name, Object value) {
    Map<String, Object> a = new LinkedHashMap<>(attrs);
    a.put(name, value);
    return new OpCase(op, inputs, Collections.unmodifiableMap(a), tolerance, note, staticShapes);
  }

  /** A short reason shown in the row's name, e.g. "negative axis". */
  OpCase note(String why) {
    return new OpCase(op, inputs, attrs, tolerance, why, staticShapes);
  }

  /**
   * This row without the checks of inferred shapes (against TF's, and against the results), for
   * a known difference in a shape function; the outcomes must still agree.
   */
  OpCase withoutStaticShapes() {
    return new OpCase(op, inputs, attrs, tolerance, note, false);
  }

  @Override
  public Set<String> covers() {
    return Set.of(op);
  }

  @Override
  public void check() {
    Differential.check(toString(), this::build, tolerance, staticShapes);
  }

  private List<Run> build(GraphBuilder g) {
    List<Object> handles = new ArrayList<>();
    for (Object in : inputs) {
      if (in instanceof List<?> list) {
        handles.add(list.stream().map(t -> g.input((Tensor) t)).toList());
      } else {
        handles.add(g.input((Tensor) in));
      }
    }
    Node n = g.op(op, attrs, handles);
    return n.outputs().isEmpty()
        ? List.of(new Run(List.of(), List.of(n.op()), Map.of()))
        : List.of(Run.fetch(n.outputs()));
  }

  @Override
  public String toString() {
    String in = inputs.stream().map(OpCase::describe).collect(Collectors.joining(", "));
    String a = attrs.isEmpty() ? "" : " " + attrs.entrySet().stream()
        .map(e -> e.getKey() + "=" + describe(e.getValue())).collect(Collectors.joining(" "));
    return op + "(" + in + ")" + a + (note.isEmpty() ? "" : " — " + note);
  }

  private static String describe(Object v) {
    if (v instanceof Tensor t) {
      String values = t.size() <= 6 ? "=" + t.toString().replace('\n', ' ') : "";
      return t.dtype() + t.shape().toString() + values;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(OpCase::describe).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof long[] l) {
      return java.util.Arrays.toString(l);
    }
    if (v instanceof int[] i) {
      return java.util.Arrays.toString(i);
    }
    return String.valueOf(v);
  }
}
