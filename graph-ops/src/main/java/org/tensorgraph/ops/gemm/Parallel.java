package org.tensorgraph.ops.gemm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@code parts} pieces of one kernel on an executor and the calling thread, deadlock-free:
 * Gemm's products and the fused RNN kernels' elementwise work.
 *
 * <pre>{@code
 * int pieces = Parallel.pieces(n, 1024, ctx.intraOpParallelism());
 * Parallel.run(pieces, ctx.intraOpExecutor(), p -> work(p * n / pieces, (p + 1) * n / pieces));
 * }</pre>
 *
 * <p>Pieces are claimed from a shared counter, not assigned: the caller hands the executor
 * {@code parts - 1} helper tasks, then claims pieces itself until none is left, and only then
 * waits, and only for pieces that a running helper has claimed. So a piece never waits in a
 * queue behind the caller: when the pool is busy, is the caller's own pool, or has one thread,
 * the caller simply does every piece, and the late helpers find nothing to do.
 */
public final class Parallel {
  private Parallel() {}

  /** How many pieces {@code work} units make at {@code perPiece} or more each, 1 to parallelism. */
  public static int pieces(long work, long perPiece, int parallelism) {
    return (int) Math.max(1, Math.min(parallelism, work / perPiece));
  }

  /** Calls {@code piece.accept(i)} once for each {@code i < parts}; rethrows the first failure. */
  public static void run(int parts, Executor executor, IntConsumer piece) {
    if (parts <= 1) {
      if (parts == 1) {
        piece.accept(0);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(parts);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable claim = () -> {
      for (int i; (i = next.getAndIncrement()) < parts; ) {
        try {
          piece.accept(i);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }
    };
    for (int h = 1; h < parts; h++) {
      try {
        executor.execute(claim);
      } catch (RejectedExecutionException e) {
        break; // a shut-down pool: the caller does the rest
      }
    }
    claim.run();
    awaitUninterruptibly(done);
    Throwable t = failure.get();
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    } else if (t instanceof Error) {
      throw (Error) t;
    } else if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  /** How long the caller polls for its helpers' pieces before it parks. */
  private static final long SPIN_NANOS = 200_000;

  private static void awaitUninterruptibly(CountDownLatch done) {
    // why spin first: pieces are balanced, so the helpers' last one ends about when the
    // caller's does; a parked caller would take 20-50 us to wake up, longer than a loop step
    for (long t0 = System.nanoTime(); done.getCount() > 0
        && System.nanoTime() - t0 < SPIN_NANOS; ) {
      Thread.yield(); // why not onSpinWait: a helper descheduled by a busy machine needs the CPU
    }
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the pieces in flight must finish before their buffers are reused
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
