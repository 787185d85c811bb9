package org.tensorgraph.session;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.CancelledException;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Kernel;

/**
 * One run of a {@link Plan}. Without a pool (the direct executor) it runs the nodes in plan order
 * on the calling thread. With a pool (the threaded executor) it keeps a pending count per node:
 * a finished node decrements its consumers', a cheap consumer that becomes ready runs inline on
 * the same thread, an expensive one goes to a shared ready queue and a pool task is started to
 * take it. The caller takes from that queue too while it waits, so a run finishes even when the
 * pool is busy or tiny: no thread ever blocks waiting for the pool.
 */
final class PlanRun {
  private static final Integer WAKE = -1;

  final SessionState state;
  final Plan plan;
  private final Kernel[] kernels;
  final Object[] values;
  final RunControl control;
  final RunMetadata metadata;
  private final Executor pool; // null: direct
  private AtomicIntegerArray pending;
  private AtomicInteger remaining;
  private LinkedBlockingQueue<Integer> ready;
  private NodeContext directContext; // kept across the calls of a function body

  PlanRun(SessionState state, Plan plan, RunControl control, RunMetadata metadata, Executor pool) {
    this(state, plan, plan.kernels, control, metadata, pool);
  }

  /** A run with its own kernels, parallel to the plan's nodes ({@link FunctionPlan#kernels}). */
  PlanRun(SessionState state, Plan plan, Kernel[] kernels, RunControl control,
      RunMetadata metadata, Executor pool) {
    this.state = state;
    this.plan = plan;
    this.kernels = kernels;
    this.values = new Object[plan.numSlots];
    this.control = control;
    this.metadata = metadata;
    this.pool = pool;
  }

  /**
   * Runs with {@code feeds} (every fed tensor of the plan's key) and returns the fetched values,
   * in key order, as Tensors or VariableSlots.
   *
   * @throws RuntimeException the run's first error
   */
  Object[] execute(Map<Output, Tensor> feeds) {
    for (Map.Entry<Output, Tensor> e : feeds.entrySet()) {
      values[plan.feedSlots.get(e.getKey())] = e.getValue();
    }
    if (pool == null) {
      runDirect();
    } else {
      runThreaded();
    }
    RuntimeException err = control.error();
    if (err != null) {
      throw err;
    }
    Object[] r = new Object[plan.fetchSlots.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = values[plan.fetchSlots[i]];
    }
    return r;
  }

  /**
   * Runs a function body on the calling thread with {@code args} in their slots and returns its
   * results. A loop calls one PlanRun once per iteration: the value array is cleared after every
   * call, so that no call sees (or keeps alive) another's values.
   *
   * @throws RuntimeException the run's first error
   */
  Tensor[] call(FunctionPlan f, Tensor[] args) {
    try {
      int[] argSlots = f.argSlots;
      for (int i = 0; i < args.length; i++) {
        values[argSlots[i]] = args[i];
      }
      runDirect();
      RuntimeException err = control.error();
      if (err != null) {
        throw err;
      }
      int[] fetch = plan.fetchSlots;
      Tensor[] r = new Tensor[fetch.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = f.result(i, values[fetch[i]]);
      }
      return r;
    } finally {
      Arrays.fill(values, null);
    }
  }

  private void runDirect() {
    NodeContext ctx = directContext;
    if (ctx == null) {
      ctx = directContext = new NodeContext(this);
    }
    for (int i = 0; i < plan.nodes.length; i++) {
      if (!runNode(ctx, i)) {
        return;
      }
      release(plan.releaseInOrder[i]);
    }
  }

  /** Drops values no later node reads, so that big intermediates die early. */
  private void release(int[] slots) {
    for (int s : slots) {
      values[s] = null;
    }
  }

  /** Runs node {@code i}; false if the run has stopped (this node failed, or an earlier error). */
  private boolean runNode(NodeContext ctx, int i) {
    if (control.checkDeadline()) {
      return false;
    }
    ctx.node = i;
    long t0 = metadata == null ? 0 : System.nanoTime();
    try {
      Kernel k = kernels[i];
      if (k == null) {
        throw new InternalException("Op " + plan.nodes[i].type() + " has no kernel");
      }
      k.compute(ctx);
      checkOutputsSet(i);
    } catch (Throwable e) { // any escape would leave the run waiting forever for this node
      control.fail(BaseContext.attribute(e, plan.nodes[i]));
      return false;
    }
    if (metadata != null) {
      metadata.record(plan.nodes[i], t0, System.nanoTime());
    }
    return true;
  }

  private void checkOutputsSet(int i) {
    int base = plan.outputBase[i];
    int n = numOutputs(i);
    for (int k = 0; k < n; k++) {
      if (values[base + k] == null) {
        throw new InternalException("Kernel of " + plan.nodes[i].type()
            + " did not set output " + k);
      }
    }
  }

  /** Node {@code i}'s number of outputs, a fused group's exports included. */
  int numOutputs(int i) {
    return plan.numOutputs[i];
  }

  // ---------------------------------------------------------------- threaded

  private void runThreaded() {
    pending = new AtomicIntegerArray(plan.initialPending);
    remaining = new AtomicInteger(plan.nodes.length);
    ready = new LinkedBlockingQueue<>();
    control.onStop(() -> ready.offer(WAKE));
    if (plan.nodes.length == 0) {
      return;
    }
    NodeContext ctx = new NodeContext(this);
    IntStack local = new IntStack();
    for (int i = plan.roots.length - 1; i >= 0; i--) { // the stack pops the first root first
      schedule(plan.roots[i], local);
    }
    drain(local, ctx);
    awaitDone(ctx);
  }

  /** A ready node: cheap ones join this thread's stack, expensive ones the shared queue. */
  private void schedule(int node, IntStack local) {
    if (!plan.expensive[node]) {
      local.push(node);
      return;
    }
    offload(node);
  }

  /** Offers an expensive node to the pool (and to the caller, who polls the same queue). */
  private void offload(int node) {
    ready.offer(node);
    try {
      pool.execute(this::helpOnce);
    } catch (RejectedExecutionException e) {
      // The pool is shut down (the session is closing): the caller takes the node itself.
    }
  }

  /** A pool task: takes one ready node, if the caller has not already, and what follows it. */
  private void helpOnce() {
    Integer n = ready.poll();
    if (n == null) {
      return;
    }
    if (n.equals(WAKE)) {
      ready.offer(WAKE); // the wake-up is the caller's
      return;
    }
    IntStack local = new IntStack();
    local.push(n);
    drain(local, new NodeContext(this));
  }

  /**
   * Runs the stack's nodes and every node they make ready, until there is nothing left for this
   * thread. One expensive node at a time is kept back and run here once the cheap ones are done,
   * as TF's executor keeps one for its own thread; further expensive nodes go to the pool, so two
   * loops (a bidirectional RNN) still run side by side. Why keep one: handing it off and waking a
   * pool thread cost more than a small graph's whole run (the article's RNN, whose {@code While}
   * is its one expensive node, took 18 us threaded against 8 us direct), while this thread would
   * only have waited for it.
   */
  private void drain(IntStack local, NodeContext ctx) {
    int kept = -1;
    while (true) {
      if (local.isEmpty()) {
        if (kept < 0) {
          return;
        }
        local.push(kept);
        kept = -1;
      }
      int n = local.pop();
      if (!runNode(ctx, n)) {
        return;
      }
      release(plan.releaseSingleUse[n]);
      for (int c : plan.consumers[n]) {
        if (pending.decrementAndGet(c) != 0) {
          continue;
        }
        if (!plan.expensive[c]) {
          local.push(c);
        } else if (kept < 0) {
          kept = c;
        } else {
          offload(c);
        }
      }
      if (remaining.decrementAndGet() == 0) {
        ready.offer(WAKE);
      }
    }
  }

  /** The caller's loop: work from the ready queue until every node ran or the run stopped. */
  private void awaitDone(NodeContext ctx) {
    IntStack local = new IntStack();
    while (remaining.get() > 0 && control.error() == null) {
      Integer n;
      try {
        n = ready.poll(control.nanosLeft(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        control.fail(new CancelledException("Run call was interrupted"));
        return;
      }
      if (n == null) {
        control.checkDeadline();
      } else if (!n.equals(WAKE)) {
        local.push(n);
        drain(local, ctx);
      }
    }
  }

  /** A growable stack of node indexes, to avoid boxing on the hot path. */
  static final class IntStack {
    private int[] a = new int[16];
    private int size;

    void push(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    int pop() {
      return a[--size];
    }

    boolean isEmpty() {
      return size == 0;
    }
  }
}
