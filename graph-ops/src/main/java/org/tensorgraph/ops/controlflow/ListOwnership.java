package org.tensorgraph.ops.controlflow;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.KernelContext;

/**
 * When a kernel may update a {@link TensorList} in place: the JVM's stand-in for TF's
 * reference-count test in {@code forward_input}.
 *
 * <p>The rule. A kernel computing node N may write to the list in input {@code i} in place iff
 * <ol>
 *   <li>N is inside a function body (top-level values may be fetched by the caller, which no node
 *       can see);
 *   <li>the input tensor has exactly one use in its graph: N's input {@code i}, counting every
 *       input slot of every node and every result slot of the functions of that body;
 *   <li>its producer is an op known to hand over a list it owns ({@code _Arg}, a TensorList
 *       constructor or writer, {@code While}, {@code If}); an unknown producer (an {@code
 *       Identity}, say) might pass on a list that another node still reads;
 *   <li>the list is not {@link TensorList#isBorrowed() borrowed}.
 * </ol>
 * {@code While} and {@code If} keep their part of the bargain: an input they may not forward (by
 * the same test) reaches the function as a borrowed view; {@code cond} always gets views; results
 * that share one list's items (the same list twice, or a list and a view of it) are copied
 * apart. So in a loop of T steps each written list is copied at most once, on its first write,
 * and every later write is in place.
 *
 * <p>A kernel that calls functions with list arguments must follow the same discipline
 * ({@link #enter}); the analysis is cached per node and session through {@code kernelState}. An
 * executor must not cache or constant-fold {@code DT_VARIANT} values across runs or calls: a
 * list a node produced is assumed to be new each time it runs.
 */
final class ListOwnership {
  private static final Set<String> OWNING_PRODUCERS = Set.of("_Arg", "TensorListReserve",
      "TensorListFromTensor", "TensorListSetItem", "TensorListPushBack", "TensorListPopBack",
      "While", "StatelessWhile", "If", "StatelessIf");

  private ListOwnership() {}

  /** The list of input {@code i}, ready to be modified: the input itself if owned, else a copy. */
  static TensorList forWrite(KernelContext ctx, int i) {
    TensorList l = TensorList.of(ctx.input(i));
    return !l.isBorrowed() && soleUse(ctx, i) ? l : l.copy();
  }

  /**
   * Input {@code i} as it may be passed into a called function: unchanged, except that a list this
   * node may not hand over becomes a borrowed view.
   */
  static Tensor enter(KernelContext ctx, int i) {
    Tensor t = ctx.input(i);
    if (t.dtype() != DType.VARIANT || !(t.variantValue() instanceof TensorList)) {
      return t;
    }
    TensorList l = (TensorList) t.variantValue();
    return !l.isBorrowed() && soleUse(ctx, i) ? t : l.borrow().toTensor();
  }

  /** {@code values} with every list replaced by a borrowed view (for a While's cond). */
  static List<Tensor> borrowAll(List<Tensor> values) {
    return values.stream().map(t -> t.dtype() == DType.VARIANT
        && t.variantValue() instanceof TensorList l && !l.isBorrowed()
        ? l.borrow().toTensor() : t).toList();
  }

  /**
   * {@code values} where a list whose items another slot also holds (the same list, or a list and
   * a view of it that an inner loop handed out) is copied, so that a later in-place write through
   * one slot never shows through another.
   */
  static Tensor[] separate(List<Tensor> values) {
    Tensor[] r = values.toArray(new Tensor[0]);
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; i < r.length; i++) {
      if (r[i].dtype() == DType.VARIANT && r[i].variantValue() instanceof TensorList l
          && seen.put(l.storage(), Boolean.TRUE) != null) {
        r[i] = l.copy().toTensor();
      }
    }
    return r;
  }

  private static boolean soleUse(KernelContext ctx, int i) {
    Operation op = ctx.op();
    if (op.graph().parent() == null) {
      return false;
    }
    boolean[] sole = ctx.kernelState(() -> analyze(op));
    return sole[i];
  }

  /** For each input of {@code op}: may the value be taken over (rules 2 and 3)? */
  static boolean[] analyze(Operation op) {
    Graph g = op.graph();
    Map<Output, Integer> uses = new java.util.HashMap<>();
    for (Operation o : g.operations()) {
      for (Output in : o.inputs()) {
        uses.merge(in, 1, Integer::sum);
      }
    }
    for (GraphFunction f : g.functions()) {
      if (f.body() == g) {
        for (Output r : f.results()) {
          uses.merge(r, 1, Integer::sum);
        }
      }
    }
    boolean[] sole = new boolean[op.numInputs()];
    for (int i = 0; i < sole.length; i++) {
      Output in = op.input(i);
      sole[i] = uses.getOrDefault(in, 0) == 1 && OWNING_PRODUCERS.contains(in.op().type());
    }
    return sole;
  }
}
