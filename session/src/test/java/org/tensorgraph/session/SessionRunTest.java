package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.session.TestOps.constant;
import static org.tensorgraph.session.TestOps.op;
import static org.tensorgraph.session.TestOps.placeholder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/** What {@code Session.run} returns, on every executor configuration. */
class SessionRunTest {
  /** A tuple-like record generic in its element, as the rnn module's LstmStateTuple will be. */
  record LstmStateTuple<T>(T c, T h) {}

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void computesOneTensor(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output y = op(g, "AddV2", "y", constant(g, "a", 1, 2), constant(g, "b", 10, 20));
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(new float[] {11, 22}), s.run(y));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void returnsTheFetchStructure(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output a = constant(g, "a", 1);
    Output b = op(g, "Neg", "b", a);
    Operation init = g.opBuilder("NoOp", "init").build();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", b);
    m.put("a", List.of(a, "b:0"));
    TreeMap<String, Object> sorted = new TreeMap<>(Comparator.reverseOrder());
    sorted.put("p", a);
    sorted.put("q", b);
    try (Session s = exec.open(g)) {
      List<Object> r = s.run(List.of(a, new LstmStateTuple<>(a, b), m, init, "init", sorted));
      assertEquals(Tensor.of(1f), r.get(0));
      assertEquals(new LstmStateTuple<>(Tensor.of(1f), Tensor.of(-1f)), r.get(1));
      Map<?, ?> rm = (Map<?, ?>) r.get(2);
      assertEquals(List.of("z", "a"), new ArrayList<>(rm.keySet()));
      assertEquals(List.of(Tensor.of(1f), Tensor.of(-1f)), rm.get("a"));
      assertNull(r.get(3));
      assertNull(r.get(4));
      TreeMap<?, ?> rs = (TreeMap<?, ?>) r.get(5);
      assertEquals(List.of("q", "p"), new ArrayList<>(rs.keySet()));
      LstmStateTuple<Tensor> st = s.run(new LstmStateTuple<>("a:0", b));
      assertEquals(Tensor.of(-1f), st.h());
      assertNull(s.run(init));
      assertEquals(Tensor.of(-1f), s.run("b:0"));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void duplicateFetchesAreComputedOnce(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output c = op(g, "Count", "count_dup_" + exec, constant(g, "a", 3));
    try (Session s = exec.open(g)) {
      List<Object> r = s.run(List.of(c, c, Map.of("k", c), c.name()));
      assertEquals(1, TestOps.CALLS.get(c.op().name()).get());
      assertSame(r.get(0), r.get(1));
      assertSame(r.get(0), ((Map<?, ?>) r.get(2)).get("k"));
      assertSame(r.get(0), r.get(3));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void anyTensorMayBeFed(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output a = constant(g, "a", 1);
    Output x = placeholder(g, "x", Shape.scalar());
    Output y = op(g, "AddV2", "y", a, x);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(3f), s.run(y, Map.of("x:0", Tensor.of(2f))));
      assertEquals(Tensor.of(12f), s.run(y, Map.of(a, Tensor.of(10f), x, Tensor.of(2f))));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void aFedAndFetchedTensorReturnsTheFedValue(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output x = placeholder(g, "X", Shape.of(-1, 2));
    Output y = op(g, "Neg", "y", x);
    Tensor v = Tensor.of(new float[][] {{1, 2}});
    try (Session s = exec.open(g)) {
      List<Tensor> r = s.run(List.of(x, y), Map.of(x, v));
      assertSame(v, r.get(0));
      assertEquals(Tensor.of(new float[][] {{-1, -2}}), r.get(1));
      assertSame(v, s.run(x, Map.of(x, v))); // nothing runs: the placeholder kernel never fails
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void feedingOneOutputOfANodeKeepsTheOthersComputed(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Operation pair = g.opBuilder("Pair", "pair").addInput(constant(g, "a", 1)).build();
    Output sum = op(g, "AddV2", "sum", pair.output(0), pair.output(1));
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(3f), s.run(sum));
      assertEquals(Tensor.of(101f), s.run(sum, Map.of(pair.output(1), Tensor.of(100f))));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void variablesLiveInTheSession(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Operation[] v = TestOps.variable(g, "w", Tensor.of(new float[] {1, 2}));
    Operation init = g.opBuilder("NoOp", "init").addControlInput(v[1]).build();
    Output doubled = op(g, "AddV2", "doubled", v[2].output(0), v[2].output(0));
    try (Session s = exec.open(g); Session other = exec.open(g)) {
      s.run(init);
      assertEquals(Tensor.of(new float[] {2, 4}), s.run(doubled));
      assertEquals(Tensor.of(new float[] {1, 2}), s.run(v[0].output(0))); // a fetched ref reads
      assertThrows(org.tensorgraph.core.errors.FailedPreconditionException.class,
          () -> other.run(doubled));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void aFedVariableOutputReplacesReads(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Operation[] v = TestOps.variable(g, "w", Tensor.of(new float[] {1, 2}));
    Tensor fed = Tensor.of(new float[] {7, 8});
    try (Session s = exec.open(g)) {
      // uninitialized, yet the read sees the feed
      assertEquals(fed, s.run(v[2].output(0), Map.of(v[0].output(0), fed)));
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> s.run(List.of(), Map.of(v[0].output(0), fed), List.of(v[1])));
      assertEquals("w/Assign", e.nodeName());
      assertThrows(org.tensorgraph.core.errors.FailedPreconditionException.class,
          () -> s.run(v[2].output(0)));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void assignChecksShapes(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output w = g.opBuilder("VariableV2", "w").setAttr("shape", Shape.of(2))
        .setAttr("dtype", org.tensorgraph.core.DType.FLOAT32).build().output(0);
    Operation bad = g.opBuilder("Assign", "w/Assign").addInput(w)
        .addInput(placeholder(g, "v", Shape.unknown())).build();
    try (Session s = exec.open(g)) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> s.run(List.of(), Map.of(g.output("v:0"), Tensor.of(new float[] {1, 2, 3})),
              List.of(bad)));
      assertEquals("Assign requires shapes of both tensors to match. lhs shape= [2] rhs shape= [3]"
          + "\n\t [[node w/Assign (Assign)]]", e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void kernelStateIsPerSession(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output n = g.opBuilder("Counter", "n").build().output(0);
    try (Session a = exec.open(g); Session b = exec.open(g)) {
      assertEquals(Tensor.of(1L), a.run(n));
      assertEquals(Tensor.of(2L), a.run(n));
      assertEquals(Tensor.of(1L), b.run(n));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void kernelsCallFunctions(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    TestOps.addFunction(g, "plus_one", 1, "AddV2");
    TestOps.addFunction(g, "slow_plus_two", 2, "ExpensiveAdd");
    Output x = constant(g, "x", 0.5f);
    Output y = TestOps.call(g, "loop", "plus_one", x, 5);
    Output z = TestOps.call(g, "loop2", "slow_plus_two", y, 3);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(11.5f), s.run(z));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void prunesToWhatTheFetchesNeed(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output a = constant(g, "a", 1);
    TestOps.raise(g, "unrelated", "INTERNAL", "must not run");
    Output y = op(g, "Neg", "y", a);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(-1f), s.run(y));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void controlInputsRunFirst(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Operation[] v = TestOps.variable(g, "w", Tensor.of(5f));
    Output read = g.opBuilder("Identity", "after_init").addInput(v[0].output(0))
        .addControlInput(v[1]).build().output(0);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(5f), s.run(read));
    }
  }

  /**
   * TF redirects a fed placeholder's control edges to the feed, but a fed node of any other type
   * that a control edge reaches still runs (subgraph.cc's FeedInputs).
   */
  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void controlEdgesFromFedNodes(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output x = placeholder(g, "X", Shape.scalar());
    Output counted = op(g, "Count", "count_ctrl_" + exec, constant(g, "a", 1));
    Output y = g.opBuilder("Identity", "y").addInput(constant(g, "b", 2))
        .addControlInput(x.op()).addControlInput(counted.op()).build().output(0);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(2f), s.run(y, Map.of(x, Tensor.of(0f), counted, Tensor.of(5f))));
      assertEquals(1, TestOps.CALLS.get(counted.op().name()).get());
      assertThrows(InvalidArgumentException.class, () -> s.run(y));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void runnerFeedsFetchesAndTargets(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Operation[] v = TestOps.variable(g, "w", Tensor.of(5f));
    Output x = placeholder(g, "x", Shape.scalar());
    Output y = op(g, "AddV2", "y", x, v[2].output(0));
    try (Session s = exec.open(g)) {
      s.runner().addTarget("w/Assign").run();
      List<Tensor> r = s.runner().feed("x", Tensor.of(1f)).fetch("y").fetch("x:0").run();
      assertEquals(List.of(Tensor.of(6f), Tensor.of(1f)), r);
      Runner.Run run = s.runner().feed(x, Tensor.of(2f)).fetch(y).runAndFetchMetadata();
      assertEquals(List.of(Tensor.of(7f)), run.outputs());
      assertEquals(exec.options().toString(), run.metadata().executor());
      assertTrue(run.metadata().wallNanosByNode().containsKey("y"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.runner().fetch("nope"));
      assertEquals("No Operation named [nope] in the Graph", e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void metadataHasEveryNodeAndFunctionBodyNode(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    TestOps.addFunction(g, "plus_one", 1, "AddV2");
    Output y = TestOps.call(g, "loop", "plus_one", constant(g, "x", 0), 3);
    RunMetadata md = new RunMetadata();
    try (Session s = exec.open(g)) {
      s.run(y, Map.of(), RunOptions.DEFAULT, md);
    }
    Map<String, Long> t = md.wallNanosByNode();
    assertTrue(t.keySet().containsAll(List.of("x", "loop", "plus_one/y")), t.toString());
    assertEquals(3, md.nodeStats().stream().filter(n -> n.node().equals("plus_one/y")).count());
    assertTrue(md.runWallNanos() >= md.slowest(1).get(0).wallNanos());
  }

  @ParameterizedTest
  @EnumSource(value = ExecutorConfig.class, names = "REFERENCE", mode = EnumSource.Mode.EXCLUDE)
  void plansAreBuiltOncePerSignature(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output x = placeholder(g, "x", Shape.scalar());
    Output a = constant(g, "a", 1);
    Output y = op(g, "AddV2", "y", x, a);
    try (Session s = exec.open(g)) {
      Map<Output, Tensor> f1 = new LinkedHashMap<>();
      f1.put(x, Tensor.of(1f));
      f1.put(a, Tensor.of(2f));
      Map<Object, Tensor> f2 = new HashMap<>();
      f2.put("a:0", Tensor.of(3f));
      f2.put(x, Tensor.of(4f));
      assertEquals(Tensor.of(3f), s.run(y, f1));
      assertEquals(Tensor.of(7f), s.run(y, f2));
      assertEquals(List.of(Tensor.of(3f)), s.run(List.of(y), f1));
      assertEquals(1, s.planBuilds());
      s.run(y, Map.of(x, Tensor.of(1f)));
      assertEquals(2, s.planBuilds());
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("org.tensorgraph.session.ExecutorConfig#all")
  void optionsListsServeMethodSources(SessionOptions options) {
    Graph g = TestOps.graph();
    Output y = op(g, "Neg", "y", constant(g, "a", 1));
    try (Session s = new Session(g, options)) {
      assertEquals(Tensor.of(-1f), s.run(y));
      assertEquals(options.toString(), s.options().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void emptyFetchesRunNothing(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    TestOps.raise(g, "bad", "INTERNAL", "must not run");
    try (Session s = exec.open(g)) {
      assertEquals(List.of(), s.run(List.of()));
      assertEquals(Map.of(), s.run(Map.of()));
    }
  }
}
