package org.tensorgraph.ops.controlflow;

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

  /**
   * {@code values} with every list replaced by a borrowed view (for a While's cond), written into
   * {@code into} (same length), which is returned. A view already in {@code into} from the last
   * iteration is kept when it shares the list's storage: a view sees the live items, so it is the
   * same view, and a loop makes none per iteration.
   */
  static Tensor[] borrowAll(Tensor[] values, Tensor[] into) {
    for (int i = 0; i < values.length; i++) {
      Tensor t = values[i];
      if (t.dtype() == DType.VARIANT && t.variantValue() instanceof TensorList l
          && !l.isBorrowed()) {
        if (!isViewOf(into[i], l)) {
          into[i] = l.borrow().toTensor();
        }
      } else {
        into[i] = t;
      }
    }
    return into;
  }

  /** True if {@code t} is a borrowed view of {@code l}'s items. */
  private static boolean isViewOf(Tensor t, TensorList l) {
    return t != null && t.dtype() == DType.VARIANT && t.variantValue() instanceof TensorList v
        && v.isBorrowed() && v.storage() == l.storage();
  }

  /**
   * {@code values} where a list whose items another slot also holds (the same list, or a list and
   * a view of it that an inner loop handed out) is copied, so that a later in-place write through
   * one slot never shows through another. Works in place on {@code values}, which it returns.
   */
  static Tensor[] separate(Tensor[] values) {
    Object[] storages = new Object[values.length]; // each list's original storage, in order
    int lists = 0;
    for (int i = 0; i < values.length; i++) {
      if (isList(values[i])) {
        Object storage = ((TensorList) values[i].variantValue()).storage();
        if (sharedBefore(storage, storages, lists)) {
          values[i] = ((TensorList) values[i].variantValue()).copy().toTensor();
        }
        storages[lists++] = storage;
      }
    }
    return values;
  }

  /**
   * True if {@code storage} is among the first {@code n} of {@code seen}. A loop carries a few
   * lists: a linear scan allocates nothing per iteration and stays cheap even for dozens.
   */
  private static boolean sharedBefore(Object storage, Object[] seen, int n) {
    for (int j = 0; j < n; j++) {
      if (seen[j] == storage) {
        return true;
      }
    }
    return false;
  }

  private static boolean isList(Tensor t) {
    return t.dtype() == DType.VARIANT && t.variantValue() instanceof TensorList;
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
