/**
 * Running graphs, as TF1's {@code tf.Session}.
 *
 * <ul>
 *   <li>{@link org.tensorgraph.session.Session}: {@code run(fetches, feeds)} with Python's fetch
 *       structures (via {@link org.tensorgraph.session.Nest}), feed checks and error texts;
 *       {@link org.tensorgraph.session.Runner} in tensorflow/java's style; {@link
 *       org.tensorgraph.session.RunOptions} (timeout) and {@link
 *       org.tensorgraph.session.RunMetadata} (per-node wall times).
 *   <li>Executors ({@link org.tensorgraph.session.ExecutorKind}, chosen in {@link
 *       org.tensorgraph.session.SessionOptions}): the reference interpreter (an environment map
 *       and one loop, the semantic definition), the direct executor (the cached plan's node
 *       table on the calling thread) and the threaded executor (pending counts, cheap nodes
 *       inline, expensive ones on the injected pool, the first error cancels the rest). Plans
 *       are pruned to what the fetches need, fused where registered fusions apply (not in the
 *       reference interpreter) and cached per (feeds, fetches, targets). A kernel calls a graph
 *       function (a {@code While} body) through {@code callFunction} or, many times, through a
 *       {@code KernelContext.function} handle resolved once (a plan reused with arguments
 *       passed by position); either runs on the calling thread (reference interpreter or
 *       direct executor), so no pool thread ever waits for the pool and a one-thread pool
 *       cannot deadlock. Kernels split large work over the intra-op pool through an executor
 *       whose threads linger between pieces ({@code SpinHandoff}).
 *   <li>Per-session state: variables (TF1 ref variables, {@code Assign} semantics in the
 *       kernels) and each stateful kernel's state (random generators).
 *   <li>Checkpoints and freezing: {@link org.tensorgraph.session.Saver} writes variables to an
 *       {@code .npz} keyed by variable name (atomically, with TF's {@code checkpoint} state file
 *       and {@code max_to_keep}) and restores them; {@link org.tensorgraph.session.Freezer}
 *       turns variables into {@code Const}s, pruned to given outputs, for one self-contained
 *       graph file.
 * </ul>
 *
 * <p><b>Testing on every executor.</b> Graph-level tests in any module should run on all the
 * configurations of {@link org.tensorgraph.session.ExecutorConfig} and assert identical results:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(ExecutorConfig.class)
 * void matMul(ExecutorConfig exec) {
 *   try (Session s = exec.open(graph)) {
 *     assertEquals(expected, s.run(product));
 *   }
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> Client-side mistakes (an unknown fetch name, a feed of the wrong shape) are
 * {@link java.lang.IllegalArgumentException}s with Python's texts, checked before anything runs;
 * a closed session or an empty graph give {@link java.lang.IllegalStateException}; runtime
 * failures are {@link org.tensorgraph.core.errors.StatusException} subclasses with TF's text and
 * the failing node ({@code ...\n\t [[node X (Placeholder)]]}). A run cancelled by {@code close()}
 * fails with {@code CancelledException("Run call was cancelled")}, one past its timeout with
 * {@code DeadlineExceededException("Timed out waiting for notification")}.
 *
 * <p><b>Feeding and fetching one tensor</b> returns the fed value, as TF's Python client does
 * (it never asks the runtime for a fed fetch); TF's C++ runtime would reject it ("X:0 is both fed
 * and fetched").
 */
package org.tensorgraph.session;
