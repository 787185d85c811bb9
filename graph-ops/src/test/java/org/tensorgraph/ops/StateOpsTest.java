package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.ArrayTesting.constant;
import static org.tensorgraph.ops.ArrayTesting.fails;
import static org.tensorgraph.ops.ArrayTesting.ints;
import static org.tensorgraph.ops.ArrayTesting.iota;
import static org.tensorgraph.ops.ArrayTesting.placeholder;
import static org.tensorgraph.ops.ArrayTesting.run;
import static org.tensorgraph.ops.ArrayTesting.runTargets;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/** Placeholder, PlaceholderWithDefault, Const, Identity, IdentityN, NoOp and Assert. */
class StateOpsTest {

  // ---------------------------------------------------------------- Placeholder

  /** An unfed placeholder: TF prints the shape only when the rank is known and positive. */
  record UnfedCase(String name, DType dtype, Shape shape, String message) {}

  static Stream<UnfedCase> unfed() {
    return Stream.of(
        new UnfedCase("X", DType.FLOAT32, Shape.of(-1, 2, 3),
            "You must feed a value for placeholder tensor 'X' with dtype float and shape"
                + " [?,2,3]"),
        new UnfedCase("ids", DType.INT32, Shape.of(4),
            "You must feed a value for placeholder tensor 'ids' with dtype int32 and shape [4]"),
        new UnfedCase("any", DType.FLOAT64, Shape.unknown(),
            "You must feed a value for placeholder tensor 'any' with dtype double"),
        new UnfedCase("flag", DType.BOOL, Shape.scalar(),
            "You must feed a value for placeholder tensor 'flag' with dtype bool"),
        new UnfedCase("n", DType.INT64, Shape.of(-1, -1),
            "You must feed a value for placeholder tensor 'n' with dtype int64 and shape"
                + " [?,?]"));
  }

  @ParameterizedTest
  @MethodSource("unfed")
  void unfedPlaceholderFailsWithTfText(UnfedCase c) {
    Graph g = new Graph();
    Output x = placeholder(g, c.name(), c.dtype(), c.shape());
    Output y = g.opBuilder("Identity", "y").addInput(x).build().output(0);
    InvalidArgumentException e = fails(InvalidArgumentException.class,
        () -> run(g, y, Map.of()));
    assertEquals(c.message(), e.rawMessage());
    assertEquals(c.message() + "\n\t [[node " + c.name() + " (Placeholder)]]", e.getMessage());
    assertEquals(c.name(), e.nodeName());
  }

  @Test
  void fedPlaceholderGivesTheFedValue() {
    Graph g = new Graph();
    Output x = placeholder(g, "X", DType.FLOAT32, Shape.of(-1, 2, 3));
    assertEquals(Shape.of(-1, 2, 3), x.shape());
    assertEquals("Tensor(\"X:0\", shape=(?, 2, 3), dtype=float32)", x.toString());
    Tensor v = iota(4, 2, 3);
    assertEquals(v, run(g, x, Map.of(x, v)));
  }

  @Test
  void placeholderShapeDefaultsToUnknownRank() {
    Graph g = new Graph();
    Operation p = g.opBuilder("Placeholder", null).setAttr("dtype", DType.INT32).build();
    assertEquals(Shape.unknown(), p.attrShape("shape"));
    assertEquals(Shape.unknown(), p.output(0).shape());
    assertEquals("Placeholder", p.name());
  }

  // ---------------------------------------------------------------- PlaceholderWithDefault

  @Test
  void placeholderWithDefaultPassesTheDefaultOrTheFeed() {
    Graph g = new Graph();
    Output def = constant(g, ints(1, 2));
    Output p = g.opBuilder("PlaceholderWithDefault", "p").addInput(def)
        .setAttr("shape", Shape.of(-1)).build().output(0);
    assertEquals(Shape.of(-1), p.shape(), "the attr shape, less precise than the default's");
    assertEquals(ints(1, 2), run(g, p, Map.of()));
    assertEquals(ints(7, 8, 9), run(g, p, Map.of(p, ints(7, 8, 9))));
  }

  @Test
  void placeholderWithDefaultRejectsAnIncompatibleShape() {
    Graph g = new Graph();
    Output def = constant(g, ints(1, 2));
    IllegalArgumentException e = fails(IllegalArgumentException.class,
        () -> g.opBuilder("PlaceholderWithDefault", "p").addInput(def)
            .setAttr("shape", Shape.of(3)).build());
    assertEquals("Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and"
        + " [3]. for 'p' (op: 'PlaceholderWithDefault') with input shapes: [2].", e.getMessage());
  }

  // ---------------------------------------------------------------- Const, Identity, NoOp

  @Test
  void constHasItsValuesShapeAndValue() {
    Graph g = new Graph();
    Tensor v = iota(2, 3);
    Output c = constant(g, v);
    assertEquals("Const", c.op().name());
    assertEquals(Shape.of(2, 3), c.shape());
    assertEquals(DType.FLOAT32, c.dtype());
    assertSame(v, c.op().attrTensor("value"));
    assertEquals(v, run(g, c, Map.of()));
    assertEquals("Const_1", constant(g, Tensor.of(true)).op().name());
  }

  @Test
  void constRejectsAValueOfAnotherDtype() {
    Graph g = new Graph();
    IllegalArgumentException e = fails(IllegalArgumentException.class,
        () -> g.opBuilder("Const", "c").setAttr("value", Tensor.of(1))
            .setAttr("dtype", DType.FLOAT32).build());
    assertTrue(e.getMessage().startsWith("Type mismatch between value (int32) and dtype (float)"
        + " for 'c' (op: 'Const')"), e.getMessage());
  }

  @Test
  void constNeedsItsAttrs() {
    Graph g = new Graph();
    IllegalArgumentException e = fails(IllegalArgumentException.class,
        () -> g.opBuilder("Const", "c").setAttr("dtype", DType.FLOAT32).build());
    assertEquals("NodeDef missing attr 'value' from Op<name=Const> (node 'c')", e.getMessage());
  }

  @Test
  void identityPassesItsInputThrough() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.INT64, Shape.of(-1, 2));
    Output y = g.opBuilder("Identity", null).addInput(x).build().output(0);
    assertEquals(Shape.of(-1, 2), y.shape());
    assertEquals(DType.INT64, y.dtype());
    Tensor v = Tensor.of(new long[][] {{1, 2}, {3, 4}});
    assertEquals(v, run(g, y, Map.of(x, v)));
  }

  @Test
  void identityNPassesEachInputThrough() {
    Graph g = new Graph();
    Output a = constant(g, iota(2));
    Output b = constant(g, Tensor.of(new boolean[] {true, false, true}));
    Operation n = g.opBuilder("IdentityN", null).addInputList(List.of(a, b)).build();
    assertEquals(List.of(DType.FLOAT32, DType.BOOL), n.attrList("T", DType.class));
    assertEquals(Shape.of(2), n.output(0).shape());
    assertEquals(Shape.of(3), n.output(1).shape());
    List<Tensor> r = ArrayTesting.runAll(g, n.outputs(), Map.of(), List.of());
    assertEquals(iota(2), r.get(0));
    assertEquals(Tensor.of(new boolean[] {true, false, true}), r.get(1));
  }

  @Test
  void noOpRunsItsControlInputs() {
    Graph g = new Graph();
    Output x = placeholder(g, "X", DType.FLOAT32, Shape.of(2));
    Operation noop = g.opBuilder("NoOp", "group").addControlInput(x.op()).build();
    assertEquals(0, noop.numOutputs());
    InvalidArgumentException e = fails(InvalidArgumentException.class,
        () -> runTargets(g, Map.of(), noop));
    assertEquals("X", e.nodeName());
    runTargets(g, Map.of(x, iota(2)), noop);
  }

  // ---------------------------------------------------------------- Assert

  /** A failing Assert's message lists each data tensor as TF's SummarizeValue does. */
  record AssertCase(String name, List<Tensor> data, Long summarize, String message) {}

  static Stream<AssertCase> assertions() {
    return Stream.of(
        new AssertCase("vector past summarize", List.of(ints(1, 2, 3, 4, 5), Tensor.of(2.5f)),
            null, "assertion failed: [1 2 3...] [2.5]"),
        new AssertCase("matrix cut after a row", List.of(iota(2, 3)), null,
            "assertion failed: [[0 1 2]...]"),
        new AssertCase("matrix cut inside a row", List.of(iota(2, 3)), 2L,
            "assertion failed: [[0 1...]...]"),
        new AssertCase("negative summarize prints all", List.of(iota(2, 3)), -1L,
            "assertion failed: [[0 1 2][3 4 5]]"),
        new AssertCase("3-d, all", List.of(iota(2, 1, 2)), 10L,
            "assertion failed: [[[0 1]][[2 3]]]"),
        new AssertCase("bools print as 1 and 0", List.of(Tensor.of(new boolean[] {true, false})),
            null, "assertion failed: [1 0]"),
        new AssertCase("float digits", List.of(Tensor.of(new float[] {0.1f, 1f / 3, 1e20f})),
            null, "assertion failed: [0.1 0.333333343 1e+20]"),
        new AssertCase("doubles", List.of(Tensor.of(new double[] {0.1, 1.0 / 3})), null,
            "assertion failed: [0.1 0.33333333333333331]"),
        new AssertCase("int64 scalar", List.of(Tensor.of(-7L)), null, "assertion failed: [-7]"),
        new AssertCase("summarize 0", List.of(Tensor.of(3), ints(1, 2)), 0L,
            "assertion failed: [...] [...]"),
        new AssertCase("empty tensor", List.of(ints()), null, "assertion failed: []"));
  }

  @ParameterizedTest
  @MethodSource("assertions")
  void failingAssertListsItsData(AssertCase c) {
    Graph g = new Graph();
    Output cond = placeholder(g, "cond", DType.BOOL, Shape.scalar());
    List<Output> data = c.data().stream().map(t -> constant(g, t)).toList();
    OpBuilder b = g.opBuilder("Assert", null).addInput(cond).addInputList(data);
    if (c.summarize() != null) {
      b.setAttr("summarize", c.summarize());
    }
    Operation a = b.build();
    assertEquals(0, a.numOutputs());
    runTargets(g, Map.of(cond, Tensor.of(true)), a);
    InvalidArgumentException e = fails(InvalidArgumentException.class,
        () -> runTargets(g, Map.of(cond, Tensor.of(false)), a));
    assertEquals(c.message(), e.rawMessage());
    assertEquals("Assert", e.nodeName());
    assertTrue(e.getMessage().endsWith("[[node Assert (Assert)]]"), e.getMessage());
  }

  @Test
  void assertNeedsData() {
    // TF's OpDefBuilder gives list(type) attrs a minimum of 1: Assert of no data is rejected.
    Graph g = new Graph();
    Output cond = placeholder(g, "cond", DType.BOOL, Shape.scalar());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("Assert", "a").addInput(cond).addInputList(List.of()).build());
    assertTrue(e.getMessage().startsWith("Length for attr 'T' of 0 must be at least minimum 1"),
        e.getMessage());
  }

  @Test
  void assertNeedsAScalarCondition() {
    Graph g = new Graph();
    Output cond = placeholder(g, "cond", DType.BOOL, Shape.unknown());
    Operation a = g.opBuilder("Assert", "check").addInput(cond)
        .addInputList(List.of(constant(g, Tensor.of(1)))).build();
    InvalidArgumentException e = fails(InvalidArgumentException.class, () -> runTargets(g,
        Map.of(cond, Tensor.of(new boolean[] {true, true})), a));
    assertEquals("In[0] should be a scalar: [2]", e.rawMessage());
  }

  @Test
  void assertIsStatefulAndConditionMustBeBool() {
    Graph g = new Graph();
    assertTrue(g.registry().get("Assert").isStateful());
    Output notBool = constant(g, Tensor.of(1));
    IllegalArgumentException e = fails(IllegalArgumentException.class,
        () -> g.opBuilder("Assert", "a").addInput(notBool).addInputList(List.of()).build());
    assertEquals("Input 'condition' of 'Assert' Op has type int32 that does not match expected"
        + " type of bool (node 'a').", e.getMessage());
  }
}
