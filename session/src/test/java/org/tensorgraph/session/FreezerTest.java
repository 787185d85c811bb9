package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.core.io.LoadLimits;

/** Freezing: variables become constants, the rest is pruned to the outputs, functions kept. */
class FreezerTest {
  @TempDir
  Path dir;

  private static final Tensor X = Tensor.of(Shape.of(2), new float[] {1, 2});
  private static final Tensor W = Tensor.of(Shape.of(2), new float[] {3, 4});
  private static final Tensor B = Tensor.of(0.5f);

  /**
   * {@code out = outer(x * w + b)} where function {@code outer} calls {@code times} (x * 2);
   * besides, an unused variable {@code u}, an unused function and an initializer.
   */
  private final Graph g = TestOps.graph();
  private final Output x = TestOps.placeholder(g, "x", Shape.of(2));
  private final Operation[] w = TestOps.variable(g, "w", W);
  private final Operation[] b = TestOps.variable(g, "b", B);
  private final Operation[] u = TestOps.variable(g, "u", Tensor.of(9f));
  private final Output out;
  private final Operation init;

  FreezerTest() {
    TestOps.addFunction(g, "times", 2f, "Mul");
    TestOps.addFunction(g, "unused", 1f, "AddV2");
    Graph body = g.newFunctionBody();
    Operation arg = body.opBuilder("_Arg", "outer/x").setAttr("T", org.tensorgraph.core.DType
        .FLOAT32).setAttr("index", 0L).build();
    Output called = TestOps.call(body, "outer/call", "times", arg.output(0), 1);
    g.addFunction(new GraphFunction("outer", body, List.of(arg), List.of(called), List.of("y")));
    Output y = TestOps.op(g, "Mul", "y", x, w[2].output(0));
    Output z = TestOps.op(g, "AddV2", "z", y, b[2].output(0));
    out = TestOps.call(g, "out", "outer", z, 1);
    TestOps.op(g, "Neg", "unused_neg", u[2].output(0));
    var ib = g.opBuilder("NoOp", "init");
    for (Operation[] v : List.of(w, b, u)) {
      ib.addControlInput(v[1]);
    }
    init = ib.build();
  }

  /** (1*3 + .5) * 2, (2*4 + .5) * 2. */
  private static final Tensor WANT = Tensor.of(Shape.of(2), new float[] {7, 17});

  private static Set<String> types(Graph graph) {
    return graph.operations().stream().map(Operation::type).collect(Collectors.toSet());
  }

  private static List<String> names(Graph graph) {
    return graph.operations().stream().map(Operation::name).toList();
  }

  private static Tensor run(Graph graph, ExecutorConfig exec) {
    try (Session s = exec.open(graph)) {
      return s.run(graph.output("out:0"), Map.of("x:0", X));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void frozenFromASessionRunsWithoutInitAndComputesTheSame(ExecutorConfig exec) {
    Graph frozen;
    try (Session s = exec.open(g)) {
      s.run(init);
      assertEquals(WANT, s.run(out, Map.of(x, X)));
      frozen = Freezer.freeze(s, List.of("out:0"));
    }
    assertEquals(WANT, run(frozen, exec));
    assertEquals(List.of("x", "w", "w/read", "b", "b/read", "y", "z", "out"), names(frozen));
    assertEquals("Const", frozen.operation("w").type());
    assertEquals(W, frozen.operation("w").attrTensor("value"));
    assertFalse(types(frozen).contains("VariableV2"));
    assertFalse(types(frozen).contains("Assign"));
    assertEquals(List.of("times", "outer"), frozen.functions().stream()
        .map(GraphFunction::name).toList(), "callees first, the unused one dropped");
    assertSame(frozen, frozen.function("outer").body().parent(), "bodies belong to the copy");
  }

  @Test
  void theOriginalGraphIsUntouched() {
    int before = g.lastId();
    Freezer.freeze(g, Map.of("w", W, "b", B), List.of("out"));
    assertEquals(before, g.lastId());
    assertEquals("VariableV2", g.operation("w").type());
  }

  @Test
  void frozenFromACheckpointSurvivesGraphDefJson() throws Exception {
    Path ckpt;
    try (Session s = new Session(g)) {
      s.run(init);
      ckpt = new Saver(g).save(s, dir.resolve("model"));
    }
    Graph frozen = Freezer.freeze(g, ckpt, List.of("out"));
    String json = GraphDefJson.write(frozen);
    Graph loaded = GraphDefJson.read(json, "frozen.json", TestOps.REGISTRY, LoadLimits.defaults());
    assertEquals(names(frozen), names(loaded));
    for (ExecutorConfig exec : ExecutorConfig.values()) {
      assertEquals(WANT, run(loaded, exec), exec.name());
    }
  }

  @Test
  void controlInputsAndTheirSourcesAreKept() {
    Output v = TestOps.constant(g, "side", 1f);
    Operation gated = g.opBuilder("Identity", "gated").addInput(out)
        .addControlInput(v.op()).build();
    Graph frozen = Freezer.freeze(g, Map.of("w", W, "b", B), List.of("gated"));
    assertEquals(List.of(frozen.operation("side")),
        frozen.operation("gated").controlInputs());
    assertEquals(gated.name(), frozen.operation("gated").name());
  }

  @Test
  void aFrozenVariableOutputIsItsValue() {
    Graph frozen = Freezer.freeze(g, Map.of("u", Tensor.of(1.5f)), List.of("u/read:0"));
    assertEquals(List.of("u", "u/read"), names(frozen));
    try (Session s = new Session(frozen)) {
      assertEquals(Tensor.of(1.5f), s.run(frozen.output("u/read:0")));
    }
  }

  // ---------------------------------------------------------------- errors

  @Test
  void aMissingValueNamesTheVariable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Freezer.freeze(g, Map.of("w", W, "u", B), List.of("out:0")));
    assertEquals("No value for variable b, which the outputs [out:0] need; the values given hold "
        + "[" + String.join(", ", Map.of("w", W, "u", B).keySet()) + "] (a checkpoint of this "
        + "graph's variables has one entry per variable name)", e.getMessage());
  }

  @Test
  void aWrongShapeOrDtypeNamesTheVariable() {
    assertEquals("The value for variable w has shape (3,), but the variable's shape is (2,)",
        assertThrows(IllegalArgumentException.class, () -> Freezer.freeze(g, Map.of("w",
            Tensor.of(Shape.of(3), new float[3]), "b", B), List.of("out"))).getMessage());
    assertEquals("The value for variable b is float64, but the variable is float32",
        assertThrows(IllegalArgumentException.class, () -> Freezer.freeze(g, Map.of("w", W,
            "b", Tensor.of(0.5)), List.of("out"))).getMessage());
  }

  @Test
  void anInitializerCannotBeFrozen() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Freezer.freeze(g, Map.of("w", W, "b", B, "u", B), List.of("init")));
    assertTrue(e.getMessage().startsWith("Cannot freeze: node 'w/Assign' (Assign) writes "
        + "variable 'w', and the outputs [init] need it."), e.getMessage());
  }

  @Test
  void badOutputs() {
    assertEquals("The name 'nope' refers to an Operation not in the graph.",
        assertThrows(IllegalArgumentException.class,
            () -> Freezer.freeze(g, Map.of(), List.of("nope"))).getMessage());
    assertEquals("The name 'out:3' refers to a Tensor which does not exist. The operation, "
        + "'out', exists but only has 1 outputs.", assertThrows(IllegalArgumentException.class,
            () -> Freezer.freeze(g, Map.of(), List.of("out:3"))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Freezer.freeze(g, Map.of(), List.of())).getMessage()
        .startsWith("freeze needs at least one output"));
    assertThrows(NullPointerException.class,
        () -> Freezer.freeze(g, (Map<String, Tensor>) null, List.of("out")));
  }

  @Test
  void anUninitializedVariableInTheSession() {
    try (Session s = new Session(g)) {
      s.run(w[1]);
      FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
          () -> Freezer.freeze(s, List.of("out")));
      assertEquals("Attempting to use uninitialized value b", e.getMessage());
    }
  }

  @Test
  void theGraphMustBeTheSessions() {
    try (Session s = new Session(g)) {
      s.run(init);
      assertEquals(WANT, run(Freezer.freeze(s, g, List.of("out")), ExecutorConfig.DIRECT));
      assertThrows(IllegalArgumentException.class,
          () -> Freezer.freeze(s, TestOps.graph(), List.of("out")));
    }
  }

  @Test
  void aMissingFunctionIsNamed() {
    Graph h = TestOps.graph();
    Output c = TestOps.constant(h, "c", 1f);
    h.opBuilder("Call", "call").addInput(c).setAttr("f", FuncAttr.of("ghost")).build();
    assertEquals("Cannot freeze: node 'call' (Call) names function ghost, which is not in the "
        + "graph's library", assertThrows(IllegalArgumentException.class,
            () -> Freezer.freeze(h, Map.of(), List.of("call"))).getMessage());
    assertNull(h.function("ghost"));
  }
}
