package org.tensorgraph.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * Runs a {@link Graph}: computes fetched tensors from fed values, keeping variables and random
 * generator state across runs, as TF1's {@code tf.Session}.
 *
 * <pre>{@code
 * try (Session s = new Session(graph)) {
 *   s.run(init);                                        // an Operation: run for its effect
 *   Tensor y = s.run(out, Map.of(x, Tensor.of(new float[][] {{1, 2}})));
 *   List<Tensor> both = s.run(List.of(out, "h:0"), feeds);
 *   LstmStateTuple<Tensor> st = s.run(new LstmStateTuple<>(c, h), feeds);
 * }
 * }</pre>
 *
 * <p>Fetches are an {@link Output}, an {@link Operation} (a target; its result is null), a name
 * ({@code "rnn/transpose_1:0"} for a tensor, {@code "init"} for an operation), or a {@link Nest}
 * structure of those (lists, maps, records), and the result has the same structure. Feeds map
 * tensors (or their names) to values; any tensor may be fed, dtype and shape are checked before
 * anything runs. A tensor both fed and fetched returns the fed value, as TF's Python client does.
 *
 * <p>Thread-safe: any number of threads may run one session at once. {@link #close()} cancels
 * runs in flight ({@code CancelledException}) and returns once they have stopped.
 */
public final class Session implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Session.class.getName());
  private static final AtomicInteger SESSIONS = new AtomicInteger();
  /** How long {@link #close()} waits for cancelled runs whose kernels do not check. */
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final SessionState state;
  private final SessionOptions options;
  private final ExecutorService pool; // the inter-op pool; null unless threaded
  private final boolean ownsPool;
  private final ExecutorService intraPool; // the session's own intra-op pool, or null
  private final Set<RunControl> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** A session with {@link SessionOptions#defaults()}: the threaded executor. */
  public Session(Graph graph) {
    this(graph, SessionOptions.defaults());
  }

  /** A session with the given executor and pools; see {@link SessionOptions}. */
  public Session(Graph graph, SessionOptions options) {
    Objects.requireNonNull(graph, "graph");
    this.options = Objects.requireNonNull(options, "options");
    ExecutorService intra = options.intraOpExecutorService();
    this.intraPool = intra == null && options.intraOpThreads() > 1
        ? newPool(options.intraOpThreads(), "intra") : null;
    // why SpinHandoff: a loop's per-step products are split only if the hand-off is cheap
    int helpers = options.intraOpThreads() - 1;
    Executor intraOp = intra != null ? new SpinHandoff(intra, helpers)
        : intraPool != null ? new SpinHandoff(intraPool, helpers) : Runnable::run;
    this.state = new SessionState(graph, intraOp, options.intraOpThreads());
    if (options.executor() != ExecutorKind.THREADED) {
      this.pool = null;
      this.ownsPool = false;
    } else if (options.executorService() != null) {
      this.pool = options.executorService();
      this.ownsPool = false;
    } else {
      this.pool = newPool(options.interOpThreads(), "inter");
      this.ownsPool = true;
    }
  }

  public Graph graph() {
    return state.graph;
  }

  public SessionOptions options() {
    return options;
  }

  /** Computes one tensor. */
  public Tensor run(Output fetch) {
    return run(fetch, Map.of());
  }

  /** Computes one tensor with feeds (keys: {@link Output}s or names {@code "X:0"}). */
  public Tensor run(Output fetch, Map<?, Tensor> feeds) {
    return run((Object) fetch, feeds, RunOptions.DEFAULT, null);
  }

  /** Runs {@code targets} for their effects (an initializer, an assignment). */
  public void run(Operation... targets) {
    run(List.of(), Map.of(), List.of(targets));
  }

  /**
   * Runs the graph: feeds replace tensors' values, fetches are computed and returned in order,
   * targets are run for their effects.
   */
  public List<Tensor> run(List<Output> fetches, Map<Output, Tensor> feeds,
      List<Operation> targets) {
    List<Object> all = new ArrayList<>(fetches);
    all.addAll(targets);
    List<Tensor> r = run(all, feeds, RunOptions.DEFAULT, null);
    return r.subList(0, fetches.size());
  }

  /** Computes a fetch structure (see the class comment) without feeds. */
  public <T> T run(Object fetches) {
    return run(fetches, Map.of(), RunOptions.DEFAULT, null);
  }

  /** Computes a fetch structure with feeds. */
  public <T> T run(Object fetches, Map<?, Tensor> feeds) {
    return run(fetches, feeds, RunOptions.DEFAULT, null);
  }

  /**
   * Computes a fetch structure, as TF's {@code Session.run(fetches, feed_dict, options,
   * run_metadata)}.
   *
   * @param options a timeout, or null
   * @param metadata filled with per-node wall times when not null
   * @return the fetch structure with each tensor replaced by its value, each operation by null
   * @throws IllegalArgumentException for a bad fetch or feed (Python's TypeError/ValueError)
   * @throws IllegalStateException {@code "Attempted to use a closed Session."}, or an empty graph
   * @throws StatusException a runtime error, with TF's code and text and the failing node
   */
  @SuppressWarnings("unchecked")
  public <T> T run(Object fetches, Map<?, Tensor> feeds, RunOptions options,
      RunMetadata metadata) {
    ensureOpen();
    if (state.graph.lastId() == 0) {
      throw new IllegalStateException(
          "The Session graph is empty.  Add operations to the graph before calling run().");
    }
    Fetches f = Fetches.resolve(state.graph, fetches);
    Map<Output, Tensor> fed = Feeds.resolve(state.graph, feeds);
    RunOptions o = options == null ? RunOptions.DEFAULT : options;
    return (T) f.pack(compute(f.outputs, fed, f.targets, o, metadata));
  }

  /** A builder-style run, as tensorflow/java's {@code Session.Runner}. */
  public Runner runner() {
    return new Runner(this);
  }

  /**
   * Computes {@code outputs}: a fed one is its feed (Python's client never asks the runtime for
   * it), the rest are computed by one execution together with {@code targets}.
   */
  Map<Output, Tensor> compute(List<Output> outputs, Map<Output, Tensor> fed,
      List<Operation> targets, RunOptions options, RunMetadata metadata) {
    Map<Output, Tensor> values = new HashMap<>();
    List<Output> toCompute = new ArrayList<>(outputs.size());
    for (Output o : outputs) {
      Tensor v = fed.get(o);
      if (v != null) {
        values.put(o, v);
      } else {
        toCompute.add(o);
      }
    }
    if (toCompute.isEmpty() && targets.isEmpty()) {
      return values; // as Python: nothing to run
    }
    Object[] raw = execute(fed, List.copyOf(toCompute), List.copyOf(targets), options, metadata);
    for (int i = 0; i < raw.length; i++) {
      Output o = toCompute.get(i);
      try {
        values.put(o, BaseContext.deref(raw[i]));
      } catch (StatusException e) {
        throw e.withNode(o.op().name(), o.op().type());
      }
    }
    return values;
  }

  private Object[] execute(Map<Output, Tensor> fed, List<Output> fetches,
      List<Operation> targets, RunOptions options, RunMetadata metadata) {
    RunControl control = new RunControl(options.timeoutInMs());
    register(control);
    long t0 = System.nanoTime();
    try {
      if (this.options.executor() == ExecutorKind.REFERENCE) {
        return runReference(fed, fetches, targets, control, metadata);
      }
      Plan plan = state.plans.get(new Plan.Key(state.graph, Set.copyOf(fed.keySet()), fetches,
          targets));
      return new PlanRun(state, plan, control, metadata, pool).execute(fed);
    } finally {
      active.remove(control);
      if (metadata != null) {
        metadata.finish(this.options.toString(), System.nanoTime() - t0);
      }
    }
  }

  private Object[] runReference(Map<Output, Tensor> fed, List<Output> fetches,
      List<Operation> targets, RunControl control, RunMetadata metadata) {
    Map<Output, Object> env = new HashMap<>(fed);
    try {
      new ReferenceInterpreter(state).run(state.graph, env, fetches, targets, control, metadata);
    } catch (RuntimeException e) {
      control.fail(e);
      throw control.error();
    }
    Object[] r = new Object[fetches.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = env.get(fetches.get(i));
    }
    return r;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Attempted to use a closed Session.");
    }
  }

  private void register(RunControl c) {
    active.add(c);
    if (closed) { // close() may have swept the active runs before this one joined
      active.remove(c);
      ensureOpen();
    }
  }

  /**
   * The session's variable store, for {@link Saver} and {@link Freezer}: they read and set values
   * directly, as TF's save and restore ops do, without adding nodes to the graph.
   *
   * @throws IllegalStateException {@code "Attempted to use a closed Session."}
   */
  SessionVariables variables() {
    ensureOpen();
    return state.variables;
  }

  /** How many execution plans this session has built (tests check the cache). */
  int planBuilds() {
    return state.plans.builds.get();
  }

  /**
   * Closes the session: runs in flight are cancelled ({@code CancelledException: Run call was
   * cancelled}) and this returns once they have stopped (at most ~10 s for kernels that never
   * check for cancellation); the session's own pool is shut down. Closing twice is harmless; runs
   * after close throw {@code IllegalStateException("Attempted to use a closed Session.")}.
   */
  @Override
  public void close() {
    closed = true;
    for (RunControl c : active) {
      c.cancel();
    }
    awaitRuns();
    if (ownsPool) {
      pool.shutdownNow();
    }
    if (intraPool != null) {
      intraPool.shutdownNow();
    }
  }

  /** Waits for cancelled runs of other threads (a kernel may close its own session). */
  private void awaitRuns() {
    long start = System.nanoTime();
    while (active.stream().anyMatch(c -> c.caller() != Thread.currentThread())) {
      if (System.nanoTime() - start > CLOSE_WAIT_NANOS) {
        LOG.log(System.Logger.Level.WARNING, "Session closed while " + active.size()
            + " run(s) still ignore cancellation");
        return;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The session's own pool: daemon threads, started on demand, let go when idle. */
  private static ExecutorService newPool(int threads, String kind) {
    int id = SESSIONS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "tensorgraph-session-" + id + "-" + kind + "-op-"
              + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    p.allowCoreThreadTimeOut(true);
    return p;
  }
}
