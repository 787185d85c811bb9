package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tensorgraph.ops.ArrayTesting.constant;
import static org.tensorgraph.ops.ArrayTesting.fails;
import static org.tensorgraph.ops.ArrayTesting.placeholder;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;

/** The graph model's TF naming, seen through Placeholder, Const and NoOp nodes. */
class StateGraphNamingTest {
  private static String ph(Graph g, String name) {
    return placeholder(g, name, DType.FLOAT32, Shape.of(-1, 2, 3)).op().name();
  }

  @Test
  void repeatedNamesGetSuffixes() {
    Graph g = new Graph();
    assertEquals("X", ph(g, "X"));
    assertEquals("X_1", ph(g, "X"));
    assertEquals("X_2", ph(g, "X"));
    assertEquals("X_1_1", ph(g, "X_1"), "an explicit name that is taken is made unique too");
  }

  @Test
  void namesAreUniqueIgnoringCase() {
    Graph g = new Graph();
    assertEquals("X", ph(g, "X"));
    assertEquals("x_1", ph(g, "x"), "the suffix follows the case-insensitive key; case is kept");
    assertEquals("X_2", ph(g, "X"));
  }

  @Test
  void defaultNamesAreTheOpType() {
    Graph g = new Graph();
    assertEquals("Const", constant(g, Tensor.of(1f)).op().name());
    assertEquals("Const_1", constant(g, Tensor.of(2f)).op().name());
    assertEquals("Placeholder", g.opBuilder("Placeholder", null).setAttr("dtype", DType.INT32)
        .build().name());
    assertEquals("NoOp", g.opBuilder("NoOp", null).build().name());
  }

  @Test
  void nameScopesPrefixNames() {
    Graph g = new Graph();
    try (Scope a = g.withNameScope("a"); Scope b = g.withNameScope("b")) {
      assertEquals("a", a.name());
      assertEquals("a/b", b.name());
      assertEquals("a/b/X", ph(g, "X"));
      assertEquals("a/b/X_1", ph(g, "X"));
    }
    assertEquals("X", ph(g, "X"), "back at the root");
    try (Scope a = g.withNameScope("a")) {
      assertEquals("a_1", a.name(), "re-opening a scope by name makes a new one");
      assertEquals("a_1/X", ph(g, "X"));
    }
    try (Scope ab = g.withNameScope("a/b/")) {
      assertEquals("a/b", ab.name());
      assertEquals("a/b/X_2", ph(g, "X"), "a trailing slash re-enters an existing scope");
    }
  }

  @Test
  void explicitNamesMayContainSlashes() {
    Graph g = new Graph();
    Output x = placeholder(g, "a/b", DType.FLOAT32, Shape.of(2));
    assertEquals("a/b", x.op().name());
    assertEquals("a/b:0", x.name());
    assertSame(x.op(), g.operation("a/b"));
    assertEquals(x, g.output("a/b:0"));
    assertEquals("a/b_1", ph(g, "a/b"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad name!", "-x", "_x", "a b", "x?"})
  void invalidNamesAreRejected(String name) {
    Graph g = new Graph();
    IllegalArgumentException e = fails(IllegalArgumentException.class, () -> ph(g, name));
    assertEquals("'" + name + "' is not a valid node name", e.getMessage());
    assertEquals(List.of(), g.operations(), "nothing was added");
    assertNull(g.operation(name));
  }

  @Test
  void operationsKeepCreationOrder() {
    Graph g = new Graph();
    Output c = constant(g, "c", Tensor.of(1));
    Operation n = g.opBuilder("NoOp", "n").addControlInput(c.op()).build();
    assertEquals(List.of(c.op(), n), g.operations());
    assertEquals(1, c.op().id());
    assertEquals(2, n.id());
    assertEquals(List.of(c.op()), n.controlInputs());
  }
}
