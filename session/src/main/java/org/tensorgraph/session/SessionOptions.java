package org.tensorgraph.session;

import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * How a {@link Session} executes: the executor, and the thread pools, which are always injected
 * here and never hidden statics. A pool the session creates from a thread count is the
 * session's, shut down by {@link Session#close()}; an {@link ExecutorService} passed in stays the
 * caller's.
 *
 * <pre>{@code
 * SessionOptions.builder().executor(ExecutorKind.THREADED).interOpThreads(4).build();
 * SessionOptions.builder().executorService(myPool).build();          // threaded on myPool
 * SessionOptions.builder().executor(ExecutorKind.REFERENCE).build(); // the semantic definition
 * }</pre>
 */
public final class SessionOptions {
  private final ExecutorKind executor;
  private final int interOpThreads;
  private final int intraOpThreads;
  private final ExecutorService interOpPool;
  private final ExecutorService intraOpPool;

  private SessionOptions(Builder b) {
    this.executor = b.executor;
    this.interOpThreads = b.interOpThreads;
    this.intraOpThreads = b.intraOpThreads;
    this.interOpPool = b.interOpPool;
    this.intraOpPool = b.intraOpPool;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The threaded executor on a pool of one thread per available processor. */
  public static SessionOptions defaults() {
    return builder().build();
  }

  public ExecutorKind executor() {
    return executor;
  }

  /** Threads of the session's own inter-op pool (TF's {@code inter_op_parallelism_threads}). */
  public int interOpThreads() {
    return interOpThreads;
  }

  /** Threads for splitting one large kernel (TF's {@code intra_op_parallelism_threads}). */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /** The injected inter-op pool, or null when the session makes its own. */
  public ExecutorService executorService() {
    return interOpPool;
  }

  /** The injected intra-op pool, or null when the session makes its own (if any). */
  public ExecutorService intraOpExecutorService() {
    return intraOpPool;
  }

  /** {@code "reference"}, {@code "direct"}, {@code "threaded(4)"}, {@code "threaded(injected)"}. */
  @Override
  public String toString() {
    switch (executor) {
      case REFERENCE: return "reference";
      case DIRECT: return "direct";
      default: return "threaded(" + (interOpPool != null ? "injected" : interOpThreads) + ")";
    }
  }

  /** Builds {@link SessionOptions}; every setting has a default. */
  public static final class Builder {
    private ExecutorKind executor = ExecutorKind.THREADED;
    private int interOpThreads = Runtime.getRuntime().availableProcessors();
    private int intraOpThreads = 1;
    private ExecutorService interOpPool;
    private ExecutorService intraOpPool;

    private Builder() {}

    public Builder executor(ExecutorKind kind) {
      this.executor = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** The size of the session's own inter-op pool (threaded executor); at least 1. */
    public Builder interOpThreads(int n) {
      this.interOpThreads = positive("interOpThreads", n);
      return this;
    }

    /** The size of the session's own intra-op pool; 1 (the default) runs kernels unsplit. */
    public Builder intraOpThreads(int n) {
      this.intraOpThreads = positive("intraOpThreads", n);
      return this;
    }

    /** Runs expensive nodes on {@code pool} (and selects the threaded executor). */
    public Builder executorService(ExecutorService pool) {
      this.interOpPool = Objects.requireNonNull(pool, "pool");
      this.executor = ExecutorKind.THREADED;
      return this;
    }

    /** Splits large kernels onto {@code pool}. */
    public Builder intraOpExecutorService(ExecutorService pool) {
      this.intraOpPool = Objects.requireNonNull(pool, "pool");
      return this;
    }

    public SessionOptions build() {
      return new SessionOptions(this);
    }

    private static int positive(String what, int n) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + n);
      }
      return n;
    }
  }
}
