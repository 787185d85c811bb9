package org.tensorgraph.session;

import java.util.concurrent.atomic.AtomicReference;
import org.tensorgraph.core.errors.CancelledException;
import org.tensorgraph.core.errors.DeadlineExceededException;

/**
 * One run's stop conditions and outcome: the first error (a node's failure, a cancellation, the
 * deadline) wins and stops the rest of the run. Nested function calls share their caller's control.
 */
final class RunControl {
  /** TF's text for a run cancelled by {@code Session.close()} (direct_session.cc). */
  static final String CANCELLED_TEXT = "Run call was cancelled";
  /** TF's text for a run past its {@code RunOptions.timeout_in_ms} (direct_session.cc). */
  static final String DEADLINE_TEXT = "Timed out waiting for notification";

  private final long deadlineNanos; // Long.MAX_VALUE: none
  private final Thread caller = Thread.currentThread();
  private final AtomicReference<RuntimeException> error = new AtomicReference<>();
  private volatile Runnable wakeup;

  RunControl(long timeoutMillis) {
    this.deadlineNanos = timeoutMillis <= 0 ? Long.MAX_VALUE
        : System.nanoTime() + timeoutMillis * 1_000_000L;
  }

  /** The thread that called {@code run}. */
  Thread caller() {
    return caller;
  }

  /** Called once the run stops for any reason, so that a waiting caller wakes up at once. */
  void onStop(Runnable r) {
    this.wakeup = r;
  }

  /** Records {@code e} as the run's error unless an earlier one won; true if {@code e} won. */
  boolean fail(RuntimeException e) {
    if (!error.compareAndSet(null, e)) {
      return false;
    }
    Runnable w = wakeup;
    if (w != null) {
      w.run();
    }
    return true;
  }

  /** Cancels the run, as closing the session does. */
  void cancel() {
    fail(new CancelledException(CANCELLED_TEXT));
  }

  /** The error that stopped the run, or null. */
  RuntimeException error() {
    return error.get();
  }

  boolean hasDeadline() {
    return deadlineNanos != Long.MAX_VALUE;
  }

  /** Nanoseconds left before the deadline ({@code Long.MAX_VALUE} without one). */
  long nanosLeft() {
    return hasDeadline() ? deadlineNanos - System.nanoTime() : Long.MAX_VALUE;
  }

  /** Fails the run with DEADLINE_EXCEEDED if its deadline has passed; true if it has stopped. */
  boolean checkDeadline() {
    if (hasDeadline() && System.nanoTime() - deadlineNanos >= 0) {
      fail(new DeadlineExceededException(DEADLINE_TEXT));
    }
    return error.get() != null;
  }

  /**
   * Throws if the run must stop: a cancellation for kernels to propagate. Cheap: a volatile read
   * and, with a deadline, a clock read. The run's reported error stays the first one recorded.
   */
  void check() {
    if (error.get() == null && !checkDeadline()) {
      return;
    }
    if (error.get() instanceof DeadlineExceededException) {
      throw new DeadlineExceededException(DEADLINE_TEXT);
    }
    throw new CancelledException(CANCELLED_TEXT);
  }
}
