package org.tensorgraph.core.op;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Operation;

/**
 * What a running kernel sees: its node, input values, output slots, the session's variables,
 * per-kernel state and a way to call a graph function. Executors implement it; kernels never
 * know which executor runs them.
 */
public interface KernelContext {
  /** The node being computed (name, type, attrs, static shapes). */
  Operation op();

  /** The number of input tensors (list arguments expanded). */
  int numInputs();

  /**
   * Input {@code i}'s value. A reference input (a variable) is read here; reading an uninitialized
   * variable fails with {@code Attempting to use uninitialized value NAME}.
   */
  Tensor input(int i);

  /** Input {@code i} as a variable reference, for {@code Ref(T)} arguments such as Assign's. */
  VariableSlot refInput(int i);

  /** Sets output {@code i}. Every output must be set once. */
  void setOutput(int i, Tensor value);

  /** Sets output {@code i} to a variable reference, as {@code VariableV2} does. */
  void setRefOutput(int i, VariableSlot slot);

  /** The session's variables. */
  VariableStore variables();

  /**
   * State private to this node in this session, created on first use: a random generator that
   * must advance across runs, say. The state object must be thread-safe when the op may run
   * concurrently (it is shared by concurrent runs of one session, as TF's kernels are).
   */
  <T> T kernelState(Supplier<T> init);

  /** Runs the graph function {@code name} on {@code args} in this run and returns its results. */
  List<Tensor> callFunction(String name, List<Tensor> args);

  /**
   * The graph function {@code name} as a handle to call many times, as a loop calls its body: each
   * {@link FunctionCall#call} behaves exactly as {@link #callFunction} (same checks, errors and
   * cancellation), but an executor may resolve the function and its plan once, on the first call,
   * and pass arguments without building maps. The handle belongs to the calling kernel's current
   * invocation and thread; it is not to be kept past it.
   *
   * <pre>{@code
   * KernelContext.FunctionCall body = ctx.function("while_body");
   * Tensor[] next = body.call(vars);
   * }</pre>
   */
  default FunctionCall function(String name) {
    return args -> callFunction(name, Arrays.asList(args)).toArray(new Tensor[0]);
  }

  /** A resolved graph function; see {@link #function}. */
  @FunctionalInterface
  interface FunctionCall {
    /**
     * Runs the function on {@code args} (not kept, not modified) and returns a new array of its
     * results.
     */
    Tensor[] call(Tensor[] args);
  }

  /** Throws {@code CancelledException} or {@code DeadlineExceededException} if the run must stop. */
  void checkCancelled();

  /**
   * Where a large kernel may run pieces of its work in parallel (TF's intra-op pool), from the
   * session's options. The default runs each piece at once on the calling thread. A kernel that
   * waits for its pieces must also run unstarted ones itself, so that a busy pool cannot stall it:
   *
   * <pre>{@code
   * int n = ctx.intraOpParallelism();   // 1: do the work in one piece
   * ctx.intraOpExecutor().execute(piece);
   * }</pre>
   */
  default Executor intraOpExecutor() {
    return Runnable::run;
  }

  /** How many threads {@link #intraOpExecutor()} has: the number of pieces worth making. */
  default int intraOpParallelism() {
    return 1;
  }
}
