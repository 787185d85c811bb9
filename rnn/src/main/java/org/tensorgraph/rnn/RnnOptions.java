package org.tensorgraph.rnn;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.variables.VariableScope;

/**
 * The optional arguments of {@link Rnn#dynamicRnn}, {@link Rnn#bidirectionalDynamicRnn} and
 * {@link Rnn#staticRnn}, as TF's keyword arguments. Immutable: each setter returns a new value.
 *
 * <pre>{@code
 * RnnOptions o = RnnOptions.dtype(DType.FLOAT32).sequenceLength(lens).timeMajor(true);
 * }</pre>
 *
 * @param sequenceLength an int32/int64 vector [batch] of lengths, or null
 * @param initialState the initial state (structure of the cell's state), or null for zeros
 * @param initialStateBw the backward cell's initial state ({@code bidirectionalDynamicRnn})
 * @param dtype the state's dtype when there is no initial state
 * @param parallelIterations TF's hint, 0 for its default of 32; recorded on the While node
 * @param swapMemory accepted for TF compatibility; a no-op on this CPU-only runtime
 * @param timeMajor inputs and outputs are [time, batch, depth] instead of [batch, time, depth]
 * @param scope a variable scope name (String) or a {@link VariableScope}, null for the default
 */
public record RnnOptions(Output sequenceLength, Object initialState, Object initialStateBw,
    DType dtype, int parallelIterations, boolean swapMemory, boolean timeMajor, Object scope) {

  public RnnOptions {
    if (scope != null && !(scope instanceof String) && !(scope instanceof VariableScope)) {
      throw new IllegalArgumentException("scope must be a String or a VariableScope, saw: "
          + scope.getClass().getName());
    }
    if (parallelIterations < 0) {
      throw new IllegalArgumentException("parallel_iterations must be a positive integer: "
          + parallelIterations);
    }
  }

  /** No options: then an initial state is required. */
  public static RnnOptions defaults() {
    return new RnnOptions(null, null, null, null, 0, false, false, null);
  }

  /** {@code dtype=dtype}. */
  public static RnnOptions dtype(DType dtype) {
    return defaults().withDtype(dtype);
  }

  public RnnOptions withDtype(DType d) {
    return new RnnOptions(sequenceLength, initialState, initialStateBw, d, parallelIterations,
        swapMemory, timeMajor, scope);
  }

  public RnnOptions sequenceLength(Output s) {
    return new RnnOptions(s, initialState, initialStateBw, dtype, parallelIterations, swapMemory,
        timeMajor, scope);
  }

  public RnnOptions initialState(Object s) {
    return new RnnOptions(sequenceLength, s, initialStateBw, dtype, parallelIterations,
        swapMemory, timeMajor, scope);
  }

  /** The backward cell's initial state, for {@link Rnn#bidirectionalDynamicRnn}. */
  public RnnOptions initialStateBw(Object s) {
    return new RnnOptions(sequenceLength, initialState, s, dtype, parallelIterations, swapMemory,
        timeMajor, scope);
  }

  public RnnOptions parallelIterations(int n) {
    return new RnnOptions(sequenceLength, initialState, initialStateBw, dtype, n, swapMemory,
        timeMajor, scope);
  }

  /** Accepted and recorded only: there is no device memory to swap out of. */
  public RnnOptions swapMemory(boolean v) {
    return new RnnOptions(sequenceLength, initialState, initialStateBw, dtype, parallelIterations,
        v, timeMajor, scope);
  }

  public RnnOptions timeMajor(boolean v) {
    return new RnnOptions(sequenceLength, initialState, initialStateBw, dtype, parallelIterations,
        swapMemory, v, scope);
  }

  /** A scope name, or a {@code VariableScope} object to re-enter. */
  public RnnOptions scope(Object s) {
    return new RnnOptions(sequenceLength, initialState, initialStateBw, dtype, parallelIterations,
        swapMemory, timeMajor, s);
  }
}
