package org.tensorgraph.session;

import org.tensorgraph.core.errors.CancelledException;
import org.tensorgraph.core.errors.DeadlineExceededException;

/** One run's stop conditions: cancellation (session closed, another node failed) and a deadline. */
final class RunControl {
  private final long deadlineNanos; // Long.MAX_VALUE: none
  private volatile String cancelReason;

  RunControl(long timeoutMillis) {
    this.deadlineNanos = timeoutMillis <= 0 ? Long.MAX_VALUE
        : System.nanoTime() + timeoutMillis * 1_000_000L;
  }

  void cancel(String reason) {
    cancelReason = reason;
  }

  /** Throws if the run must stop. Cheap: a volatile read and, with a deadline, a clock read. */
  void check() {
    String r = cancelReason;
    if (r != null) {
      throw new CancelledException(r);
    }
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
      throw new DeadlineExceededException("Timed out waiting for the run to finish");
    }
  }
}
