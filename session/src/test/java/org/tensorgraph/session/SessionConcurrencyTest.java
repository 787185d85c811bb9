package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tensorgraph.session.TestOps.constant;
import static org.tensorgraph.session.TestOps.op;
import static org.tensorgraph.session.TestOps.placeholder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.CancelledException;
import org.tensorgraph.core.errors.DeadlineExceededException;
import org.tensorgraph.core.errors.OutOfRangeException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * Many threads on one session, cancellation by {@code close()}, timeouts, the first error
 * cancelling the rest.
 *
 * <p>Timing bounds: the issue demands that a timed-out run stops within its timeout + 100 ms.
 * On a loaded 2-core machine one attempt can lose the CPU for longer than that, so the bound is
 * checked on the best of three attempts: a scheduler hiccup cannot fail the test, a run that
 * overshoots every time does. Cancellation by close() must be "prompt": each cancelled run and
 * close() itself must finish within 2 s (they take milliseconds unloaded; the slack is for load).
 */
class SessionConcurrencyTest {
  private static final long PROMPT_MS = 2000;

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void closeCancelsRunsInFlight(ExecutorConfig exec) throws Exception {
    Graph g = TestOps.graph();
    Output c = constant(g, "c", 1);
    Output spin = op(g, "Spin", "spin", c);
    Output slow = TestOps.sleep(g, "slow", c, 600_000); // expensive: the pool runs it
    Session s = exec.open(g);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      int spinning = TestOps.SPINNING.get();
      List<Future<Object>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Output f = i % 2 == 0 ? spin : slow;
        runs.add(callers.submit(() -> s.run(f)));
      }
      waitFor(() -> TestOps.SPINNING.get() >= spinning + 2);
      Thread.sleep(20);
      long t0 = System.nanoTime();
      s.close();
      assertTrue(millisSince(t0) < PROMPT_MS, "close() took " + millisSince(t0) + " ms");
      for (Future<Object> r : runs) {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> r.get(PROMPT_MS, TimeUnit.MILLISECONDS));
        assertInstanceOf(CancelledException.class, e.getCause());
        assertEquals("Run call was cancelled", e.getCause().getMessage());
      }
      assertEquals("Attempted to use a closed Session.",
          assertThrows(IllegalStateException.class, () -> s.run(c)).getMessage());
    } finally {
      callers.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void aTimeoutStopsALoopingKernel(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output spin = op(g, "Spin", "spin", constant(g, "c", 1));
    try (Session s = exec.open(g)) {
      assertStopsInTime(() -> s.run(spin, Map.of(), RunOptions.timeout(200), null), 200);
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void aTimeoutStopsALongFunctionLoop(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    TestOps.addFunction(g, "plus_one", 1, "AddV2");
    Output loop = TestOps.call(g, "rnn/while", "plus_one", constant(g, "c", 0), Long.MAX_VALUE);
    try (Session s = exec.open(g)) {
      assertStopsInTime(() -> s.run(loop, Map.of(), RunOptions.timeout(300), null), 300);
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void aTimeoutStopsAnExpensiveNodeOnThePool(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output slow = TestOps.sleep(g, "slow", constant(g, "c", 1), 600_000);
    try (Session s = exec.open(g)) {
      assertStopsInTime(() -> s.runner().fetch(slow).setOptions(RunOptions.timeout(150)).run(),
          150);
    }
  }

  private static void assertStopsInTime(Runnable run, long timeoutMs) {
    long best = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 3 && best >= timeoutMs + 100; attempt++) {
      long t0 = System.nanoTime();
      DeadlineExceededException e = assertThrows(DeadlineExceededException.class, run::run);
      long ms = millisSince(t0);
      assertEquals("Timed out waiting for notification", e.getMessage());
      assertTrue(ms >= timeoutMs - 5, "stopped before the deadline: " + ms + " ms");
      best = Math.min(best, ms);
    }
    assertTrue(best < timeoutMs + 100, "best of 3 runs took " + best + " ms");
  }

  @ParameterizedTest
  @EnumSource(value = ExecutorConfig.class, names = {"THREADED_1", "THREADED_4"})
  void theFirstErrorCancelsTheRest(ExecutorConfig exec) throws InterruptedException {
    Graph g = TestOps.graph();
    Output slow = TestOps.sleep(g, "slow", constant(g, "c", 1), 600_000);
    Output bad = TestOps.raise(g, "bad", "OUT_OF_RANGE", "End of sequence");
    Session s = exec.open(g);
    try {
      int sleeping = TestOps.SLEEPING.get();
      long t0 = System.nanoTime();
      OutOfRangeException e = assertThrows(OutOfRangeException.class,
          () -> s.run(List.of(slow, bad)));
      assertEquals("bad", e.nodeName());
      assertTrue(millisSince(t0) < PROMPT_MS, millisSince(t0) + " ms");
      waitFor(() -> TestOps.SLEEPING.get() <= sleeping); // the pool's node stopped too
      assertTrue(millisSince(t0) < PROMPT_MS, "the slow node ran for " + millisSince(t0) + " ms");
      long t1 = System.nanoTime();
      s.close();
      assertTrue(millisSince(t1) < PROMPT_MS, "close took " + millisSince(t1) + " ms");
    } finally {
      s.close();
    }
  }

  @Test
  void anInjectedPoolStaysTheCallers() throws Exception {
    Graph g = TestOps.graph();
    Output y = op(g, "ExpensiveAdd", "y", constant(g, "a", 1), constant(g, "b", 2));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      SessionOptions o = SessionOptions.builder().executorService(pool).build();
      assertEquals("threaded(injected)", o.toString());
      try (Session s = new Session(g, o)) {
        assertEquals(Tensor.of(3f), s.run(y));
      }
      assertEquals(7, pool.submit(() -> 7).get()); // not shut down by close()
    } finally {
      pool.shutdownNow();
    }
  }

  /** A run called from a task of its own one-thread pool takes the pool's work itself. */
  @Test
  void aRunInsideItsOwnOneThreadPoolDoesNotDeadlock() throws Exception {
    Graph g = TestOps.graph();
    TestOps.addFunction(g, "slow_double", 2, "ExpensiveAdd");
    Output a = constant(g, "a", 1);
    Output y = op(g, "ExpensiveAdd", "y", TestOps.call(g, "loop", "slow_double", a, 3),
        op(g, "ExpensiveAdd", "z", a, a));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Session s = new Session(g, SessionOptions.builder().executorService(pool).build())) {
      Future<Tensor> r = pool.submit(() -> s.run(y));
      assertEquals(Tensor.of(9f), r.get(PROMPT_MS, TimeUnit.MILLISECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void kernelsSeeTheIntraOpPool() {
    Graph g = TestOps.graph();
    Output info = g.opBuilder("Intra", "info").build().output(0);
    try (Session s = new Session(g, SessionOptions.builder().intraOpThreads(3).build())) {
      assertEquals(Tensor.of(3f), s.run(info));
      assertTrue(TestOps.intraThread.contains("-intra-op-"), TestOps.intraThread);
    }
    try (Session s = new Session(g)) {
      assertEquals(Tensor.of(1f), s.run(info));
      assertEquals(Thread.currentThread().getName(), TestOps.intraThread); // inline by default
    }
  }

  /** 8 threads x 1000 runs of mixed graphs on one session, each equal to the single-threaded. */
  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void eightThreadsOfMixedRunsMatchTheSingleThreadedResults(ExecutorConfig exec)
      throws Exception {
    Graph g = TestOps.graph();
    List<Case> cases = mixedCases(g);
    Operation init = g.operation("init");
    List<Object> expected = new ArrayList<>();
    try (Session ref = ExecutorConfig.REFERENCE.open(g)) {
      ref.run(init);
      for (Case c : cases) {
        expected.add(ref.run(c.fetches(), c.feeds()));
      }
    }
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (Session s = exec.open(g)) {
      s.run(init);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        done.add(threads.submit(() -> {
          for (int i = 0; i < 1000; i++) {
            int k = (seed * 31 + i * 7) % cases.size();
            Object r = s.run(cases.get(k).fetches(), cases.get(k).feeds());
            if (!expected.get(k).equals(r)) {
              failures.add("thread " + seed + " run " + i + " case " + k + ": " + r);
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertTrue(failures.isEmpty(), failures.size() + " mismatches, e.g. " + failures.peek());
  }

  /** One step of the stress test. */
  record Case(Object fetches, Map<?, Tensor> feeds) {}

  /** Fetch structures and feeds over one graph with cheap, expensive and function nodes. */
  private static List<Case> mixedCases(Graph g) {
    TestOps.addFunction(g, "plus_one", 1, "AddV2");
    TestOps.addFunction(g, "slow_double", 2, "ExpensiveAdd");
    Output x = placeholder(g, "x", Shape.of(-1));
    Output a = constant(g, "a", 1, 2, 3);
    Operation[] w = TestOps.variable(g, "w", Tensor.of(new float[] {10, 20, 30}));
    g.opBuilder("NoOp", "init").addControlInput(w[1]).build();
    Output b = op(g, "ExpensiveAdd", "b", x, a);
    Output c = op(g, "Mul", "c", b, w[2].output(0));
    Output d = TestOps.call(g, "d", "plus_one", op(g, "Neg", "n", c), 3);
    Output e = TestOps.call(g, "e", "slow_double", op(g, "ExpensiveAdd", "e0", d, a), 2);
    Output f = op(g, "Sub", "f", e, op(g, "ExpensiveAdd", "f0", b, b));
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Tensor xv = Tensor.of(new float[] {i, i * 2f, -i});
      cases.add(new Case(f, Map.of(x, xv)));
      cases.add(new Case(List.of(b, c, Map.of("d", d)), Map.of("x:0", xv)));
      cases.add(new Case(new SessionRunTest.LstmStateTuple<>(e, f), Map.of(x, xv)));
      cases.add(new Case(List.of(d, "c:0"), Map.of(b, xv)));
    }
    cases.add(new Case(w[2].output(0), Map.of()));
    return cases;
  }

  private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
    long t0 = System.nanoTime();
    while (!condition.get()) {
      if (millisSince(t0) > 10_000) {
        fail("timed out waiting for runs to start");
      }
      Thread.sleep(1);
    }
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
