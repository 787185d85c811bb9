package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The lingering intra-op hand-off: every task runs exactly once, whatever the timing. */
class SpinHandoffTest {
  @Test
  void everyTaskRunsOnceFromManySubmitters() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      SpinHandoff handoff = new SpinHandoff(pool, 1);
      int perThread = 20_000;
      AtomicIntegerArray ran = new AtomicIntegerArray(4 * perThread);
      CountDownLatch done = new CountDownLatch(4 * perThread);
      Thread[] submitters = new Thread[4];
      for (int s = 0; s < submitters.length; s++) {
        int base = s * perThread;
        submitters[s] = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            int id = base + i;
            handoff.execute(() -> {
              ran.incrementAndGet(id);
              done.countDown();
            });
            if (i % 1000 == 0) { // why: let the drainers' linger run out now and then
              sleepMillis(1);
            }
          }
        });
        submitters[s].start();
      }
      for (Thread t : submitters) {
        t.join();
      }
      assertTrue(done.await(30, TimeUnit.SECONDS), "tasks left: " + done.getCount());
      for (int i = 0; i < ran.length(); i++) {
        assertEquals(1, ran.get(i), "task " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTaskAfterTheLingerEndsStillRuns() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      SpinHandoff handoff = new SpinHandoff(pool, 1);
      AtomicInteger count = new AtomicInteger();
      for (int i = 0; i < 3; i++) {
        CountDownLatch one = new CountDownLatch(1);
        handoff.execute(() -> {
          count.incrementAndGet();
          one.countDown();
        });
        assertTrue(one.await(10, TimeUnit.SECONDS));
        sleepMillis(2 * SpinHandoff.LINGER_NANOS / 1_000_000 + 5); // the drainer has left
      }
      assertEquals(3, count.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aShutDownPoolRejectsLikeThePool() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    SpinHandoff handoff = new SpinHandoff(pool, 1);
    AtomicInteger count = new AtomicInteger();
    assertThrows(RejectedExecutionException.class, () -> handoff.execute(count::incrementAndGet));
    assertEquals(0, count.get());
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
