package org.tensorgraph.session;

/**
 * Options for one run, as TF's {@code RunOptions} proto: a timeout after which the run stops with
 * {@link org.tensorgraph.core.errors.DeadlineExceededException}.
 *
 * <pre>{@code
 * session.run(y, feeds, RunOptions.timeout(500), null);   // at most ~500 ms
 * }</pre>
 *
 * @param timeoutInMs TF's {@code timeout_in_ms}; 0 or less means no timeout
 */
public record RunOptions(long timeoutInMs) {
  /** No timeout. */
  public static final RunOptions DEFAULT = new RunOptions(0);

  /** Options with a timeout of {@code millis} milliseconds. */
  public static RunOptions timeout(long millis) {
    return new RunOptions(millis);
  }
}
