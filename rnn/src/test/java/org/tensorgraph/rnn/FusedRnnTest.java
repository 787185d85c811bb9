package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.RunMetadata;
import org.tensorgraph.session.Session;

/**
 * The plan-time optimiser on real RNN graphs: every cell's step fused (MatMul + BiasAdd +
 * activation, the concatenation never built, the input projection hoisted out of the loop, the
 * LSTM's and GRU's elementwise gate arithmetic one node per result), with
 * exactly the reference interpreter's bits (it never fuses) on every executor, across shapes that
 * take every Gemm path (the plain loop, packed products, K blocks).
 */
class FusedRnnTest {
  /** batch, time, input, units. */
  private static final int[][] SHAPES = {{4, 2, 3, 4}, {1, 7, 32, 64}, {3, 5, 40, 50},
      {2, 3, 300, 20}};

  static Tensor input(int batch, int time, int in, long seed) {
    Random r = new Random(seed);
    float[][][] x = new float[batch][time][in];
    for (float[][] b : x) {
      for (float[] t : b) {
        for (int i = 0; i < in; i++) {
          t[i] = (float) r.nextGaussian();
        }
      }
    }
    return Tensor.of(x);
  }

  /** Builds one model, runs it on every executor, returns the body nodes DIRECT ran. */
  static Set<String> check(Supplier<RnnCell> cell, int[] s, RnnOptions o) {
    Graph g = new Graph();
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32,
        o.timeMajor() ? Shape.of(s[1], -1, s[2]) : Shape.of(-1, s[1], s[2]));
    RnnResult r = Rnn.dynamicRnn(cell.get(), x, o);
    List<Object> fetches = List.of(r.outputs(), r.state());
    List<Map<Output, Tensor>> feeds = new ArrayList<>();
    List<Object> want = new ArrayList<>();
    try (Session ref = ExecutorConfig.REFERENCE.open(g)) {
      for (int rep = 0; rep < 2; rep++) { // the second input's run reuses the first's arrays
        long seed = s[3] + 1000L * rep;
        Map<Output, Tensor> f = weights(g);
        f.put(x, o.timeMajor() ? input(s[1], s[0], s[2], seed) : input(s[0], s[1], s[2], seed));
        feeds.add(f);
        want.add(ref.run(fetches, f));
      }
      Set<String> ran = null;
      for (ExecutorConfig e : ExecutorConfig.values()) {
        try (Session s2 = e.open(g)) {
          RunMetadata md = new RunMetadata();
          // the second run reuses packed weights and the first's projection array
          for (int rep = 0; rep < 2; rep++) {
            Object got = s2.run(fetches, feeds.get(rep), null, md);
            assertEquals(want.get(rep), got, e + " " + java.util.Arrays.toString(s));
          }
          if (e == ExecutorConfig.DIRECT) {
            ran = md.nodeStats().stream().map(RunMetadata.NodeStats::node)
                .collect(Collectors.toSet());
          }
        }
      }
      return ran;
    }
  }

  /** The variables' values, initialized once, as feeds of their reads: one set of weights. */
  static Map<Output, Tensor> weights(Graph g) {
    Map<Output, Tensor> feeds = new java.util.HashMap<>();
    try (Session s = ExecutorConfig.REFERENCE.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      for (var v : Variables.globalVariables(g)) {
        feeds.put(v.value(), s.run(v.value()));
      }
    }
    return feeds;
  }

  static List<String> matching(Set<String> ran, String suffix) {
    List<String> r = new ArrayList<>();
    for (String n : ran) {
      if (n.startsWith("rnn/while/") && n.endsWith(suffix)) {
        r.add(n);
      }
    }
    return r;
  }

  @Test
  void basicRnnLoopIsOneNode() {
    for (int[] s : concat(SHAPES, new int[][] {{41, 2, 3, 51}, {1, 1, 6, 8}})) {
      Set<String> ran = check(() -> new BasicRnnCell(s[3]), s, RnnOptions.dtype(DType.FLOAT32));
      // the whole While ran as one fused kernel (RnnLoopFusion): no body node ran on its own
      assertTrue(ran.contains("rnn/while"), ran.toString());
      assertEquals(List.of(), bodyNodes(ran));
    }
  }

  /**
   * With sequence lengths the basic RNN's body runs, its step one node: MatMul, BiasAdd and
   * Tanh fused, the concatenation never built; the loop condition, counter < max && time <
   * steps, one node.
   */
  @Test
  void basicRnnWithSequenceLengthFusesTheStep() {
    Set<String> ran = withSequenceLength(new BasicRnnCell(16), 9);
    assertTrue(ran.contains("rnn/while/basic_rnn_cell/Tanh"), ran.toString());
    assertFalse(ran.contains("rnn/while/basic_rnn_cell/MatMul"), ran.toString());
    assertFalse(ran.contains("rnn/while/basic_rnn_cell/concat"), ran.toString());
    assertTrue(ran.contains("rnn/while/LogicalAnd"), ran.toString());
    assertFalse(ran.contains("rnn/while/Less"), ran.toString());
  }

  /**
   * LSTM shapes besides {@link #SHAPES}: a Sigmoid tail (3 x 7 = 21), a cell split in two pieces
   * with a tail (41 x 51 = 2091 on the split executor), a single step.
   */
  private static final int[][] LSTM_SHAPES = {{3, 4, 5, 7}, {41, 2, 3, 51}, {1, 1, 6, 8}};

  @Test
  void basicLstmLoopIsOneNode() {
    for (int[] s : concat(SHAPES, LSTM_SHAPES)) {
      Set<String> ran = check(() -> new BasicLstmCell(s[3]), s, RnnOptions.dtype(DType.FLOAT32));
      // the whole While ran as one fused kernel (RnnLoopFusion): no body node ran on its own
      assertTrue(ran.contains("rnn/while"), ran.toString());
      assertEquals(List.of(), bodyNodes(ran));
    }
  }

  /** The loop body's nodes in {@code ran} (rnn/while/loop_counter is an outer Const). */
  private static List<String> bodyNodes(Set<String> ran) {
    List<String> r = matching(ran, "");
    r.remove("rnn/while/loop_counter");
    return r;
  }

  @Test
  void basicLstmLoopFromAFedInitialState() {
    Output[] state = new Output[2];
    Model m = model(new BasicLstmCell(6), new int[] {3, 5, 4}, 3, tf -> {
      state[0] = tf.withName("c0").placeholder(DType.FLOAT32, Shape.of(-1, 6));
      state[1] = tf.withName("h0").placeholder(DType.FLOAT32, Shape.of(-1, 6));
      return RnnOptions.dtype(DType.FLOAT32).initialState(new LstmStateTuple<>(state[0],
          state[1]));
    });
    m.feeds().put(state[0], Tensor.of(Shape.of(3, 6), (float[]) input(1, 3, 6, 4).rawData()));
    m.feeds().put(state[1], Tensor.of(Shape.of(3, 6), (float[]) input(1, 3, 6, 5).rawData()));
    assertEquals(List.of(), bodyNodes(m.ran()));
  }

  /**
   * With sequence lengths the body is not the plain LSTM loop: the While runs its body, whose
   * step is fused (the matmul into the BiasAdd, the cell into Mul_2).
   */
  @Test
  void basicLstmWithSequenceLengthFusesTheStep() {
    Set<String> ran = withSequenceLength(new BasicLstmCell(16), 8);
    assertTrue(ran.contains("rnn/while/basic_lstm_cell/BiasAdd"), ran.toString());
    assertTrue(matching(ran, "/MatMul").isEmpty(), ran.toString());
    // the split, the gates' activations and products, new c and new h are one node (Mul_2,
    // new h, which also sets new c, Add_1, as its second output)
    assertTrue(ran.contains("rnn/while/basic_lstm_cell/Mul_2"), ran.toString());
    assertFalse(ran.contains("rnn/while/basic_lstm_cell/Add_1"), ran.toString());
    assertFalse(ran.contains("rnn/while/basic_lstm_cell/split"), ran.toString());
    assertTrue(matching(ran, "/Sigmoid").isEmpty(), ran.toString());
  }

  @Test
  void basicLstmLoopTimeMajor() {
    int[] s = {3, 5, 4, 8};
    Set<String> ran = check(() -> new BasicLstmCell(s[3]), s,
        RnnOptions.dtype(DType.FLOAT32).timeMajor(true));
    assertEquals(List.of(), bodyNodes(ran));
  }

  /**
   * A fed start time (dynamic_rnn's rnn/time Const): the fused loop runs steps 1 .. T-1 and
   * leaves item 0 of the output list unset, as the body does (its stack reads zeros there).
   */
  @Test
  void basicLstmLoopFromAFedStartTime() {
    Model m = model(new BasicLstmCell(8), new int[] {2, 5, 4}, 6,
        tf -> RnnOptions.dtype(DType.FLOAT32));
    m.feeds().put(m.g().operation("rnn/time").output(0), Tensor.of(1));
    assertEquals(List.of(), bodyNodes(m.ran()));
  }

  /** An empty batch is off the fused loop's fast path: While's own kernel runs it. */
  @Test
  void basicLstmLoopOfAnEmptyBatch() {
    Set<String> ran = model(new BasicLstmCell(5), new int[] {0, 4, 3}, 0,
        tf -> RnnOptions.dtype(DType.FLOAT32)).ran();
    assertTrue(ran.contains("rnn/while/basic_lstm_cell/Mul_2"), ran.toString());
  }

  private static int[][] concat(int[][] a, int[][] b) {
    int[][] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void gruBothProducts() {
    for (int[] s : SHAPES) {
      Set<String> ran = check(() -> new GruCell(s[3]), s, RnnOptions.dtype(DType.FLOAT32));
      assertTrue(matching(ran, "/MatMul").isEmpty(), ran.toString());
      assertTrue(matching(ran, "/MatMul_1").isEmpty(), ran.toString());
    }
  }

  @Test
  void plainLstmCellStepIsOneNodeWithOrWithoutSequenceLength() {
    for (int[] s : SHAPES) {
      Set<String> ran = check(() -> LstmCell.builder(s[3]).build(), s,
          RnnOptions.dtype(DType.FLOAT32));
      assertTrue(matching(ran, "/split").isEmpty(), ran.toString());
      assertTrue(matching(ran, "/Sigmoid").isEmpty(), ran.toString());
    }
    withSequenceLength(new BasicLstmCell(16), 5);
  }

  /**
   * {@code cell} over a batch of 3 with sequence lengths 6, 0 and 3 (a step's copy-through and
   * zeroing around the fused step) on every executor against the reference interpreter; the
   * nodes the direct executor ran.
   */
  private static Set<String> withSequenceLength(RnnCell cell, long seed) {
    return model(cell, new int[] {3, 6, 12}, seed, tf -> RnnOptions.dtype(DType.FLOAT32)
        .sequenceLength(tf.constant(new int[] {6, 0, 3}))).ran();
  }

  /** A batch-major dynamic_rnn with its weights and X fed; options built on its graph. */
  private record Model(Graph g, RnnResult r, Map<Output, Tensor> feeds) {
    /** Runs the outputs and state on every executor against the reference; what DIRECT ran. */
    Set<String> ran() {
      List<Output> fetches = new ArrayList<>(List.of(r.outputs()));
      if (r.state() instanceof LstmStateTuple<?> t) {
        fetches.add((Output) t.c());
        fetches.add((Output) t.h());
      } else {
        fetches.add((Output) r.state());
      }
      return ExecutorConfig.sameOnEveryExecutor(g, fetches, feeds);
    }
  }

  /** {@code cell} over X [b, t, i] ({@code bti}; seeded normal values, or empty for b = 0). */
  private static Model model(RnnCell cell, int[] bti, long seed,
      java.util.function.Function<Ops, RnnOptions> options) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, bti[1], bti[2]));
    RnnResult r = Rnn.dynamicRnn(cell, x, options.apply(tf));
    Map<Output, Tensor> feeds = weights(g);
    feeds.put(x, bti[0] == 0 ? Tensor.of(Shape.of(0, bti[1], bti[2]), new float[0])
        : input(bti[0], bti[1], bti[2], seed));
    return new Model(g, r, feeds);
  }

  @Test
  void lstmCellWithPeepholesClipAndProjection() {
    int[] s = {3, 4, 20, 24};
    check(() -> LstmCell.builder(24).usePeepholes(true).cellClip(2.0).numProj(10).build(), s,
        RnnOptions.dtype(DType.FLOAT32));
  }

  /** Runs of one session from several threads share its kernels' spare arrays safely. */
  @Test
  void concurrentRunsKeepTheirOwnProjections() throws Exception {
    Graph g = new Graph();
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 9, 12));
    RnnResult r = Rnn.dynamicRnn(new BasicLstmCell(16), x, RnnOptions.dtype(DType.FLOAT32));
    Map<Output, Tensor> weights = weights(g);
    int inputs = 6;
    List<Object> want = new ArrayList<>();
    try (Session ref = ExecutorConfig.REFERENCE.open(g)) {
      for (int i = 0; i < inputs; i++) {
        Map<Output, Tensor> f = new java.util.HashMap<>(weights);
        f.put(x, input(5, 9, 12, 77 + i));
        want.add(ref.run(List.of(r.outputs(), r.state()), f));
      }
    }
    try (Session s = ExecutorConfig.DIRECT_INTRA_2.open(g)) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
          .newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int task = 0; task < 4; task++) {
          int first = task;
          done.add(pool.submit(() -> {
            for (int rep = 0; rep < 30; rep++) {
              int i = (first + rep) % inputs;
              Map<Output, Tensor> f = new java.util.HashMap<>(weights);
              f.put(x, input(5, 9, 12, 77 + i));
              assertEquals(want.get(i), s.run(List.of(r.outputs(), r.state()), f), "input " + i);
            }
            return null;
          }));
        }
        for (java.util.concurrent.Future<?> d : done) {
          d.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void twoLayersTimeMajorAndSequenceLength() {
    int[] s = {3, 6, 12, 16};
    check(() -> new MultiRnnCell(List.of(new BasicLstmCell(16), new GruCell(16))), s,
        RnnOptions.dtype(DType.FLOAT32).timeMajor(true));
    withSequenceLength(new BasicRnnCell(16), 9);
  }
}
