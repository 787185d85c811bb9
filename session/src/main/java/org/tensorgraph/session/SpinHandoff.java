package org.tensorgraph.session;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An intra-op executor over a session's pool whose threads linger after a task: a pool thread
 * that ran a task keeps polling for the next one for {@link #LINGER_NANOS} before it goes back
 * to the pool, so a kernel that splits work on every step of a loop (an RNN step's matmul, tens
 * of microseconds apart) hands its pieces to a running thread in well under a microsecond,
 * instead of waking a parked one (20-50 us here). OpenMP runtimes do the same (MKL's {@code
 * KMP_BLOCKTIME}); the linger is short, so an idle session stops polling at once, and it yields
 * the CPU between polls, so on a busy machine it takes time only from idle cores.
 *
 * <pre>{@code
 * Executor intraOp = new SpinHandoff(pool, 1);
 * intraOp.execute(piece);   // taken by a lingering thread, or a new drain task on pool
 * }</pre>
 */
final class SpinHandoff implements Executor {
  /** How long a pool thread polls for more work after its last task. */
  static final long LINGER_NANOS = 200_000;

  private final Executor pool;
  private final int maxLingering;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  /** Pool threads inside {@link #drain}; a task offered while one is there needs no new drain. */
  private final AtomicInteger draining = new AtomicInteger();

  /**
   * Hands tasks to {@code pool}, with at most {@code maxLingering} of its threads lingering at a
   * time: a kernel that splits into n pieces runs one itself, so n - 1 helpers are all it needs,
   * and more pollers would only take CPU from the threads doing the work.
   */
  SpinHandoff(Executor pool, int maxLingering) {
    this.pool = pool;
    this.maxLingering = Math.max(1, maxLingering);
  }

  @Override
  public void execute(Runnable task) {
    queue.offer(task);
    if (draining.get() == 0) {
      try {
        pool.execute(this::drain);
      } catch (RejectedExecutionException e) {
        queue.remove(task); // a shut-down pool: the task never runs, as the pool would say
        throw e;
      }
    }
  }

  /** Runs queued tasks until none came for {@link #LINGER_NANOS}. */
  private void drain() {
    do {
      boolean linger = draining.incrementAndGet() <= maxLingering;
      try {
        if (linger) {
          lingerAndRun();
        } else { // enough threads linger already: run what is queued and go back to the pool
          for (Runnable r; (r = queue.poll()) != null; ) {
            r.run();
          }
        }
      } finally {
        draining.decrementAndGet();
      }
      // why check again: a task offered just before the decrement saw a drainer and made none
    } while (!queue.isEmpty() && !Thread.currentThread().isInterrupted());
  }

  private void lingerAndRun() {
    long deadline = System.nanoTime() + LINGER_NANOS;
    while (!Thread.currentThread().isInterrupted()) {
      Runnable r = queue.poll();
      if (r != null) {
        r.run();
        deadline = System.nanoTime() + LINGER_NANOS;
      } else if (System.nanoTime() - deadline > 0) {
        return;
      } else {
        Thread.yield(); // why not onSpinWait: on a busy machine the spin must give way
      }
    }
  }
}
