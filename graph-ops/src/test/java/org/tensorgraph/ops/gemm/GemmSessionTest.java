package org.tensorgraph.ops.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.Session;
import org.tensorgraph.session.SessionOptions;

/**
 * MatMul through a session's intra-op pool: split results equal unsplit ones bit for bit (each
 * element is still one sequential sum), and a one-thread pool that is also the inter-op pool,
 * so the kernel runs on the very thread it hands pieces to, finishes.
 */
class GemmSessionTest {
  @Test
  void intraOpSplitEqualsOneThread() {
    Tensor want = matMul(SessionOptions.builder().build());
    Tensor got = matMul(SessionOptions.builder().intraOpThreads(2).build());
    assertArrayEquals(want.toFloatArray(), got.toFloatArray());
  }

  @Test
  void aOneThreadPoolSharedByBothLevelsDoesNotDeadlock() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Tensor want = matMul(SessionOptions.builder().build());
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        Tensor got = matMul(SessionOptions.builder().executorService(pool)
            .intraOpExecutorService(pool).intraOpThreads(2).build());
        assertArrayEquals(want.toFloatArray(), got.toFloatArray());
      });
    } finally {
      pool.shutdownNow();
    }
  }

  /** [256, 512] x [512, 512]^T: 134 MFLOP, so it splits into two pieces. */
  private static Tensor matMul(SessionOptions options) {
    Graph g = new Graph();
    Output a = constant(g, "a", 256, 512, 1);
    Output b = constant(g, "b", 512, 512, 2);
    Output c = g.opBuilder("MatMul", "c").addInput(a).addInput(b).setAttr("transpose_b", true)
        .build().output(0);
    try (Session s = new Session(g, options)) {
      return s.run(c);
    }
  }

  private static Output constant(Graph g, String name, int rows, int cols, long seed) {
    Random r = new Random(seed);
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    Tensor t = Tensor.wrap(Shape.of(rows, cols), v);
    return g.opBuilder("Const", name).setAttr("value", t).setAttr("dtype", t.dtype()).build()
        .output(0);
  }
}
