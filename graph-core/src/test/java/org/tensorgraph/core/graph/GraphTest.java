package org.tensorgraph.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.core.graph.TestOps.constant;
import static org.tensorgraph.core.graph.TestOps.placeholder;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

class GraphTest {
  private final Graph g = new Graph(TestOps.registry());

  @Test
  void uniqueNamesFollowTfRules() {
    assertEquals("X", placeholder(g, "X", DType.FLOAT32, Shape.of(-1)).op().name());
    assertEquals("X_1", placeholder(g, "X", DType.FLOAT32, Shape.of(-1)).op().name());
    // case-insensitive: "x" collides with "X" and "X_1"
    assertEquals("x_2", placeholder(g, "x", DType.FLOAT32, Shape.of(-1)).op().name());
    // an explicit "X_3" is marked used, so the next "X" skips it
    assertEquals("X_3", placeholder(g, "X_3", DType.FLOAT32, Shape.of(-1)).op().name());
    assertEquals("X_4", placeholder(g, "X", DType.FLOAT32, Shape.of(-1)).op().name());
    // default names are the op type
    assertEquals("NoOp", g.opBuilder("NoOp", null).build().name());
    assertEquals("NoOp_1", g.opBuilder("NoOp", null).build().name());
  }

  @Test
  void nameScopesNestAndUniquify() {
    try (Scope rnn = g.withNameScope("rnn")) {
      assertEquals("rnn", rnn.name());
      try (Scope w = g.withNameScope("while")) {
        assertEquals("rnn/while/NoOp", g.opBuilder("NoOp", null).build().name());
        assertEquals("rnn/while", w.name());
      }
    }
    try (Scope again = g.withNameScope("rnn")) {
      assertEquals("rnn_1", again.name()); // a second scope of the same name, as TF
    }
    try (Scope abs = g.withNameScope("rnn/")) {
      assertEquals("rnn/NoOp", g.opBuilder("NoOp", null).build().name());
      assertEquals("rnn/", abs.absoluteName());
    }
    assertEquals("", g.currentNameScope());
  }

  @Test
  void aScopeNameMarksTheNameUsed() {
    try (Scope s = g.withNameScope("layer")) {
      assertEquals("layer", s.name());
    }
    assertEquals("layer_1", g.opBuilder("NoOp", "layer").build().name());
  }

  static Stream<String> badNames() {
    return Stream.of("bad name!", "_leading", "-x", "a b", "x:0");
  }

  @ParameterizedTest
  @MethodSource("badNames")
  void invalidNodeNamesAreRejectedAtTheCall(String bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("NoOp", bad).build());
    assertEquals("'" + bad + "' is not a valid node name", e.getMessage());
  }

  @Test
  void invalidScopeNamesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.withNameScope("a b"));
    assertEquals("'a b' is not a valid scope name", e.getMessage());
  }

  @Test
  void nestedScopesAllowALeadingUnderscore() {
    try (Scope outer = g.withNameScope("outer"); Scope inner = g.withNameScope("_inner")) {
      assertEquals("outer/_inner", inner.name());
    }
    assertThrows(IllegalArgumentException.class, () -> g.withNameScope("_root"));
  }

  @Test
  void typeAttrsAreInferredFromInputs() {
    Output a = constant(g, "a", Tensor.of(new float[][] {{1, 2, 3}}));
    Output b = constant(g, "b", Tensor.of(new float[][] {{1}, {2}, {3}}));
    Operation mm = g.opBuilder("MatMul", null).addInput(a).addInput(b).build();
    assertEquals(DType.FLOAT32, mm.attrType("T"));
    assertFalse(mm.attrBool("transpose_a"));
    assertEquals(Shape.of(1, 1), mm.output(0).shape());
    assertEquals(DType.FLOAT32, mm.output(0).dtype());
    assertEquals("MatMul:0", mm.output(0).name());
    assertEquals(List.of("T", "transpose_a", "transpose_b").size(), mm.attrs().size());
  }

  @Test
  void mismatchedInputTypesNameTheNode() {
    Output a = constant(g, "a", Tensor.of(new float[] {1}));
    Output b = constant(g, "b", Tensor.of(new int[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("AddV2", "sum").addInput(a).addInput(b).build());
    assertEquals("Input 'y' of 'AddV2' Op has type int32 that does not match expected type of "
        + "float32 (node 'sum').", e.getMessage());
  }

  @Test
  void shapeRuleFailuresCarryTfsSuffix() {
    Output a = constant(g, "a", Tensor.of(new float[2][3]));
    Output b = constant(g, "b", Tensor.of(new float[4][5]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("MatMul", null).addInput(a).addInput(b).build());
    assertEquals("Dimensions must be equal, but are 3 and 4 for 'MatMul' (op: 'MatMul') with "
        + "input shapes: [2,3], [4,5].", e.getMessage());
    assertNull(g.operation("MatMul"), "a rejected node is not added");
  }

  @Test
  void disallowedTypeListsTheAllowedOnes() {
    Output a = constant(g, "a", Tensor.of(new boolean[] {true}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("AddV2", "s").addInput(a).addInput(a).build());
    assertTrue(e.getMessage().startsWith("Value for attr 'T' of bool is not in the list of "
        + "allowed values: float, double, int32, int64"), e.getMessage());
    assertTrue(e.getMessage().contains("{{node s}}"), e.getMessage());
  }

  @Test
  void unknownAndMissingAttrsUseTfsWording() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("NoOp", "n").setAttr("foo", 1).build());
    assertTrue(unknown.getMessage().startsWith("NodeDef mentions attr 'foo' not in Op<name=NoOp>"),
        unknown.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("Placeholder", "p").build());
    assertEquals("NodeDef missing attr 'dtype' from Op<name=Placeholder> (node 'p')",
        missing.getMessage());
    // private attrs pass through
    Operation op = g.opBuilder("NoOp", "m").setAttr("_class", "x").build();
    assertEquals("x", op.attrString("_class"));
  }

  @Test
  void wrongAttrKindIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("Placeholder", "p").setAttr("dtype", "float").build());
    assertTrue(e.getMessage().startsWith("Attr 'dtype' of 'Placeholder' Op expects a value of "
        + "type type"), e.getMessage());
  }

  @Test
  void listInputsBindNumberAttrsAndMinimums() {
    Output a = constant(g, "a", Tensor.of(new float[] {1}));
    Operation sum = g.opBuilder("AddN", null).addInputList(List.of(a, a, a)).build();
    assertEquals(3L, sum.attrLong("N"));
    assertEquals(3, sum.numInputs());
    assertEquals(0, sum.inputRange("inputs")[0]);
    assertEquals(3, sum.inputRange("inputs")[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("AddN", "empty").addInputList(List.of()).setAttr("T", DType.FLOAT32)
            .build());
    assertTrue(e.getMessage().startsWith("Value for attr 'N' of 0 must be at least minimum 1"),
        e.getMessage());
  }

  @Test
  void typeListOutputsFollowTheirInputs() {
    Output f = constant(g, "f", Tensor.of(new float[] {1}));
    Output i = constant(g, "i", Tensor.of(new int[] {1, 2}));
    Operation id = g.opBuilder("IdentityN", null).addInputList(List.of(f, i)).build();
    assertEquals(List.of(DType.FLOAT32, DType.INT32), id.attrList("T", DType.class));
    assertEquals(DType.INT32, id.output(1).dtype());
    assertEquals(Shape.of(2), id.output(1).shape());
  }

  @Test
  void arityErrorsAreClear() {
    Output a = constant(g, "a", Tensor.of(new float[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("AddV2", "s").addInput(a).build());
    assertEquals("AddV2 op 's' expects 2 input argument(s) (x, y), got 1", e.getMessage());
    IllegalArgumentException list = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("AddN", "s2").addInput(a).build());
    assertTrue(list.getMessage().contains("expects a list of tensors"), list.getMessage());
  }

  @Test
  void refInputsNeedVariables() {
    Output c = constant(g, "c", Tensor.of(new float[] {1}));
    Output v = g.opBuilder("VariableV2", "v").setAttr("shape", Shape.of(1))
        .setAttr("dtype", DType.FLOAT32).build().output(0);
    assertTrue(v.isRef());
    Operation assign = g.opBuilder("Assign", "v/Assign").addInput(v).addInput(c).build();
    assertTrue(assign.output(0).isRef());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("Assign", "bad").addInput(c).addInput(c).build());
    assertTrue(e.getMessage().startsWith("'Assign' Op requires that input 'ref' be a mutable "
        + "tensor"), e.getMessage());
  }

  @Test
  void controlDependenciesApplyInsideTheirBlock() throws Exception {
    Operation first = g.opBuilder("NoOp", "first").build();
    Operation inside;
    try (AutoCloseable c = g.withControlDependencies(List.of(first))) {
      inside = g.opBuilder("NoOp", "inside").build();
      try (AutoCloseable cleared = g.withControlDependencies(null)) {
        assertTrue(g.opBuilder("NoOp", "cleared").build().controlInputs().isEmpty());
      }
    }
    Operation after = g.opBuilder("NoOp", "after").addControlInput(inside).build();
    assertEquals(List.of(first), inside.controlInputs());
    assertEquals(List.of(inside), after.controlInputs());
  }

  @Test
  void tensorsAreFoundByName() {
    Output x = placeholder(g, "X", DType.FLOAT32, Shape.of(-1, 2, 3));
    assertSame(x.op(), g.output("X:0").op());
    assertEquals(x, g.output("X"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> g.output("Y:0"));
    assertEquals("The name 'Y:0' refers to a Tensor which does not exist. The operation, 'Y', "
        + "does not exist in the graph.", none.getMessage());
    IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
        () -> g.output("X:1"));
    assertTrue(index.getMessage().endsWith("exists but only has 1 outputs."), index.getMessage());
    assertEquals("Tensor(\"X:0\", shape=(?, 2, 3), dtype=float32)", x.toString());
  }

  @Test
  void setShapeRefinesAndRejectsConflicts() {
    Output x = placeholder(g, "X", DType.FLOAT32, Shape.of(-1, 3));
    x.setShape(Shape.of(4, -1));
    assertEquals(Shape.of(4, 3), x.shape());
    assertThrows(IllegalArgumentException.class, () -> x.setShape(Shape.of(5, 3)));
  }

  @Test
  void inputsFromAnotherGraphAreRejected() {
    Graph other = new Graph(TestOps.registry());
    Output a = constant(other, "a", Tensor.of(1f));
    assertThrows(IllegalArgumentException.class,
        () -> g.opBuilder("AddV2", null).addInput(a).addInput(a));
  }

  @Test
  void idsCountOpsAsTfsLastId() {
    assertEquals(0, g.lastId());
    Operation a = g.opBuilder("NoOp", null).build();
    Operation b = g.opBuilder("NoOp", null).build();
    assertEquals(1, a.id());
    assertEquals(2, b.id());
    assertEquals(2, g.lastId());
  }

  @Test
  void functionBodiesShareTheLibrary() {
    Graph body = g.newFunctionBody();
    Operation arg = body.opBuilder("Placeholder", "x").setAttr("dtype", DType.FLOAT32).build();
    GraphFunction f = new GraphFunction("f", body, List.of(arg), List.of(arg.output(0)),
        List.of("y"));
    body.addFunction(f);
    assertSame(f, g.function("f"));
    assertSame(f, body.function("f"));
    assertEquals(List.of(DType.FLOAT32), f.resultTypes());
    assertThrows(IllegalArgumentException.class, () -> g.addFunction(
        new GraphFunction("f", body, List.of(), List.of(), List.of())));
  }

  @Test
  void bodiesCaptureEnclosingTensorsThroughTheirHandler() {
    Output outer = constant(g, "w", Tensor.of(2f));
    Graph body = g.newFunctionBody();
    List<Output> captured = new java.util.ArrayList<>();
    body.setCaptureHandler(o -> {
      captured.add(o);
      return placeholder(body, "captured", o.dtype(), o.shape());
    });
    Output x = placeholder(body, "x", DType.FLOAT32, Shape.scalar());
    Operation sum = body.opBuilder("AddV2", "sum").addInput(x).addInput(outer).build();
    assertEquals(List.of(outer), captured);
    assertEquals("captured", sum.input(1).op().name());
    assertSame(body, sum.input(1).graph());
    // a sibling graph is not an enclosing one
    Graph stranger = new Graph(TestOps.registry());
    Output foreign = constant(stranger, "f", Tensor.of(1f));
    assertThrows(IllegalArgumentException.class,
        () -> body.opBuilder("AddV2", null).addInput(x).addInput(foreign).build());
  }
}
