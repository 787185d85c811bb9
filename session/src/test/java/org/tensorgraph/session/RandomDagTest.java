package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.session.TestOps.constant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Output;

/**
 * Random DAGs (deterministic seeds) of cheap, expensive, multi-output and function-calling nodes
 * with random control edges, fetches, targets and feeds: every executor must return exactly
 * what the reference interpreter returns, or fail with the same error.
 */
class RandomDagTest {
  static IntStream seeds() {
    return IntStream.range(0, 60);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void executorsAgreeWithTheReference(int seed) {
    Random rnd = new Random(seed);
    Graph g = TestOps.graph();
    TestOps.addFunction(g, "plus_one", 1, "AddV2");
    List<Output> nodes = new ArrayList<>();
    List<Output> placeholders = new ArrayList<>();
    for (int i = 0, n = 2 + rnd.nextInt(4); i < n; i++) {
      nodes.add(constant(g, "c" + i, values(rnd)));
    }
    for (int i = 0, n = rnd.nextInt(3); i < n; i++) {
      Output p = TestOps.placeholder(g, "p" + i, Shape.of(3));
      nodes.add(p);
      placeholders.add(p);
    }
    for (int i = 0, n = 5 + rnd.nextInt(60); i < n; i++) {
      nodes.add(randomNode(g, rnd, nodes, "n" + i));
    }
    Object fetches = randomFetches(rnd, nodes);
    Map<Output, Tensor> feeds = randomFeeds(rnd, nodes, placeholders);
    Object expected = outcome(ExecutorConfig.REFERENCE, g, fetches, feeds);
    for (ExecutorConfig exec : ExecutorConfig.values()) {
      assertEquals(expected, outcome(exec, g, fetches, feeds), exec + ", seed " + seed);
    }
  }

  /** The result, or the error's class and text; run twice to use the cached plan. */
  private static Object outcome(ExecutorConfig exec, Graph g, Object fetches,
      Map<Output, Tensor> feeds) {
    try (Session s = exec.open(g)) {
      Object first = s.run(fetches, feeds);
      assertEquals(first, s.run(fetches, feeds));
      return first;
    } catch (StatusException e) {
      // Independent failing nodes may fail in any order on a pool, as in TF: any placeholder's.
      return e.getClass().getSimpleName() + ": " + e.getMessage().replaceAll("p\\d", "p?");
    }
  }

  private static Output randomNode(Graph g, Random rnd, List<Output> nodes, String name) {
    String[] types = {"AddV2", "Mul", "Sub", "ExpensiveAdd", "Neg", "Identity", "Pair", "Call"};
    String type = types[rnd.nextInt(types.length)];
    OpBuilder b = g.opBuilder(type, name).addInput(pick(rnd, nodes));
    if (type.equals("AddV2") || type.equals("Mul") || type.equals("Sub")
        || type.equals("ExpensiveAdd")) {
      b.addInput(pick(rnd, nodes));
    }
    if (type.equals("Call")) {
      b.setAttr("f", org.tensorgraph.core.graph.FuncAttr.of("plus_one"))
          .setAttr("n", (long) rnd.nextInt(3));
    }
    if (rnd.nextInt(4) == 0) {
      b.addControlInput(pick(rnd, nodes).op());
    }
    Operation op = b.build();
    return op.output(rnd.nextInt(op.numOutputs()));
  }

  private static Object randomFetches(Random rnd, List<Output> nodes) {
    List<Object> f = new ArrayList<>();
    for (int i = 0, n = 1 + rnd.nextInt(5); i < n; i++) {
      Output o = pick(rnd, nodes);
      int form = rnd.nextInt(5);
      f.add(form == 0 ? o.name() : form == 1 ? o.op() : form == 2 ? Map.of("k", o) : o);
    }
    f.add(f.get(0)); // a duplicate
    return f;
  }

  private static Map<Output, Tensor> randomFeeds(Random rnd, List<Output> nodes,
      List<Output> placeholders) {
    Map<Output, Tensor> feeds = new LinkedHashMap<>();
    for (Output p : placeholders) {
      if (rnd.nextInt(5) > 0) { // sometimes unfed: every executor must raise the same error
        feeds.put(p, Tensor.of(Shape.of(3), values(rnd)));
      }
    }
    for (int i = 0, n = rnd.nextInt(3); i < n; i++) {
      Output o = pick(rnd, nodes);
      feeds.put(o, Tensor.of(o.shape().hasRank() && o.shape().rank() == 0 ? Shape.scalar()
          : Shape.of(3), o.shape().hasRank() && o.shape().rank() == 0
              ? new float[] {rnd.nextInt(5)} : values(rnd)));
    }
    return feeds;
  }

  private static float[] values(Random rnd) {
    return new float[] {rnd.nextInt(7) - 3, rnd.nextInt(7) - 3, rnd.nextFloat()};
  }

  private static Output pick(Random rnd, List<Output> nodes) {
    // favour recent nodes so that graphs grow deep, not only wide
    int n = nodes.size();
    return nodes.get(rnd.nextBoolean() ? n - 1 - rnd.nextInt(Math.min(n, 6)) : rnd.nextInt(n));
  }
}
