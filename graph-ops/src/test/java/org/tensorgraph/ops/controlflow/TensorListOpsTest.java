package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;
import static org.tensorgraph.ops.controlflow.CfTesting.run;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;

/** Every TensorList op: values, static shapes, and TF 1.15's error texts. */
class TensorListOpsTest {
  static final DType F = DType.FLOAT32;
  static final Tensor M = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});

  record Case(String name, Function<Graph, Output> build, Tensor expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Output fromM(Graph g) {
    return TensorLists.fromTensor(g, constant(g, M), Shape.of(-1), null);
  }

  static Output idx(Graph g, int i) {
    return constant(g, i);
  }

  static Stream<Case> values() {
    return Stream.of(
        new Case("reserve length", g -> TensorLists.length(g,
            TensorLists.reserve(g, Shape.of(2), 3, F, null), null), Tensor.of(3)),
        new Case("unset items stack as zeros", g -> TensorLists.stack(g,
            TensorLists.reserve(g, Shape.of(2), 3, F, null), F, Shape.of(2), -1, null),
            Tensor.zeros(F, Shape.of(3, 2))),
        new Case("from tensor, get item", g -> TensorLists.getItem(g, fromM(g), idx(g, 1), F,
            Shape.of(-1), null), Tensor.of(new float[] {3, 4})),
        new Case("from tensor, stack", g -> TensorLists.stack(g, fromM(g), F, Shape.unknown(),
            3, null), M),
        new Case("set item, stack", g -> TensorLists.stack(g, TensorLists.setItem(g,
            TensorLists.reserve(g, Shape.of(2), 3, F, null), idx(g, 2),
            constant(g, Tensor.of(new float[] {7, 8})), null), F, Shape.of(2), -1, null),
            Tensor.of(new float[][] {{0, 0}, {0, 0}, {7, 8}})),
        new Case("unset item read as zeros, shape from a set one", g -> TensorLists.getItem(g,
            TensorLists.setItem(g, TensorLists.reserve(g, Shape.unknown(), 2, F, null),
                idx(g, 0), constant(g, Tensor.of(new float[] {7, 8, 9})), null), idx(g, 1), F,
            Shape.unknown(), null), Tensor.zeros(F, Shape.of(3))),
        new Case("push back, length", g -> TensorLists.length(g, TensorLists.pushBack(g,
            fromM(g), constant(g, Tensor.of(new float[] {9, 9})), null), null), Tensor.of(4)),
        new Case("pop back item", g -> TensorLists.popBack(g, TensorLists.pushBack(g, fromM(g),
            constant(g, Tensor.of(new float[] {9, 8})), null), F, Shape.of(-1), null).get(1),
            Tensor.of(new float[] {9, 8})),
        new Case("pop back list", g -> TensorLists.stack(g, TensorLists.popBack(g, fromM(g), F,
            Shape.of(-1), null).get(0), F, Shape.of(2), -1, null),
            Tensor.of(new float[][] {{1, 2}, {3, 4}})),
        new Case("element shape", g -> TensorLists.elementShape(g, TensorLists.reserve(g,
            Shape.of(-1, 4), 1, F, null), DType.INT32, null), Tensor.of(new int[] {-1, 4})),
        new Case("element shape, unknown rank, int64", g -> TensorLists.elementShape(g,
            TensorLists.reserve(g, Shape.unknown(), 1, F, null), DType.INT64, null),
            Tensor.of(-1L)),
        new Case("int32 elements", g -> TensorLists.getItem(g, TensorLists.fromTensor(g,
            constant(g, Tensor.of(new int[] {4, 5, 6})), Shape.scalar(), null), idx(g, 2),
            DType.INT32, Shape.scalar(), null), Tensor.of(6)));
  }

  @ParameterizedTest
  @MethodSource("values")
  void computes(Case c) {
    Graph g = new Graph();
    assertEquals(c.expected(), run(g, ExecutorKind.DIRECT, c.build().apply(g), Map.of()));
  }

  static Stream<Arguments> runtimeErrors() {
    return Stream.of(
        Arguments.of((Function<Graph, Output>) g -> TensorLists.setItem(g,
            TensorLists.reserve(g, Shape.of(-1, 5), 2, F, null), idx(g, 0),
            constant(g, Tensor.zeros(F, Shape.of(2, 4))), null),
            "Tried to set a tensor with incompatible shape at a list index. Item element shape: "
                + "[2,4] list shape: [?,5]"),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.stack(g, TensorLists.fromTensor(g,
            constant(g, Tensor.zeros(F, Shape.of(2, 3, 4))), Shape.of(-1, 4), null), F,
            Shape.of(-1, 5), -1, null), "Incompatible shapes during merge: [?,5] vs. [?,4]"),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.stack(g,
            TensorLists.reserve(g, Shape.of(-1, 4), 2, F, null), F, Shape.of(-1, 4), -1, null),
            "Tried to stack list which only contains uninitialized tensors and has a "
                + "non-fully-defined element_shape: [?,4]"),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.getItem(g, TensorLists.fromTensor(
            g, constant(g, Tensor.of(new int[] {1, 2})), Shape.scalar(), null), idx(g, 0), F,
            Shape.scalar(), null), "Invalid data types; op elements float but list elements int32"),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.stack(g, fromM(g), F,
            Shape.of(2), 2, null), "Operation expected a list with 2 elements but got a list with "
                + "3 elements."),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.getItem(g, fromM(g), idx(g, 5), F,
            Shape.of(2), null), "Trying to access element 5 in a list with 3 elements."),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.setItem(g, fromM(g), idx(g, 3),
            constant(g, Tensor.of(new float[] {0, 0})), null),
            "Trying to modify element 3 in a list with 3 elements."),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.getItem(g,
            TensorLists.reserve(g, Shape.of(-1, 4), 2, F, null), idx(g, 1), F, Shape.of(-1, 4),
            null), "Trying to read an uninitialized tensor but element_shape is not fully "
                + "defined: [?,4] and no list element is set."),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.popBack(g,
            TensorLists.reserve(g, Shape.of(2), 0, F, null), F, Shape.of(2), null).get(1),
            "Trying to pop from an empty list."),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.pushBack(g,
            TensorLists.reserve(g, Shape.of(2), 0, F, null),
            constant(g, Tensor.of(new float[] {1, 2, 3})), null),
            "Tried to append a tensor with incompatible shape to a list. Op element shape: [3] "
                + "list shape: [2]"),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.stack(g,
            TensorLists.reserve(g, Shape.of(-1), 0, F, null), F, Shape.of(-1), -1, null),
            "Tried to stack elements of an empty list with non-fully-defined element_shape: [?]"),
        Arguments.of((Function<Graph, Output>) g -> TensorLists.reserve(g, Shape.of(2),
            constant(g, -1), F, null),
            "The num_elements to reserve must be a non negative number, but got -1"));
  }

  @ParameterizedTest
  @MethodSource("runtimeErrors")
  void failsAtRunTimeWithTfsText(Function<Graph, Output> build, String message) {
    Graph g = new Graph();
    Output out = build.apply(g);
    StatusException e = assertThrows(InvalidArgumentException.class,
        () -> run(g, ExecutorKind.DIRECT, out, Map.of()));
    assertEquals(message, e.rawMessage());
    assertEquals(out.op().name(), e.nodeName());
  }

  @Test
  void checksShapeTensorsAtRunTime() {
    Graph g = new Graph();
    Output shape = placeholder(g, "shape", DType.INT32, Shape.unknown());
    Output x = placeholder(g, "x", F, Shape.unknown());
    Output reserve = g.opBuilder("TensorListReserve", null).addInput(shape)
        .addInput(constant(g, 2)).setAttr("element_dtype", F).build().output(0);
    StatusException e = assertThrows(InvalidArgumentException.class, () -> run(g,
        ExecutorKind.DIRECT, reserve, Map.of(shape, Tensor.of(3))));
    assertEquals("The only valid scalar shape tensor is the fully unknown shape specified as -1.",
        e.rawMessage());
    Output list = TensorLists.fromTensor(g, x, Shape.unknown(), null);
    e = assertThrows(InvalidArgumentException.class, () -> run(g, ExecutorKind.DIRECT, list,
        Map.of(x, Tensor.of(1f))));
    assertEquals("Tensor must be at least a vector, but saw shape: []", e.rawMessage());
    Output list2 = TensorLists.fromTensor(g, x, Shape.of(-1, 5), null);
    e = assertThrows(InvalidArgumentException.class, () -> run(g, ExecutorKind.DIRECT, list2,
        Map.of(x, Tensor.zeros(F, Shape.of(2, 3)))));
    assertEquals("Specified a list with shape [?,5] from a tensor with shape [3]", e.rawMessage());
    Output index = placeholder(g, "index", DType.INT32, Shape.unknown());
    Output item = TensorLists.getItem(g, list2, index, F, Shape.unknown(), null);
    e = assertThrows(InvalidArgumentException.class, () -> run(g, ExecutorKind.DIRECT, item,
        Map.of(x, Tensor.zeros(F, Shape.of(2, 3, 5)), index, Tensor.of(new int[] {0}))));
    assertEquals("index must be a scalar, but got shape [1]", e.rawMessage());
  }

  @Test
  void infersStaticShapesAndRejectsBadOnesWhenBuilding() {
    Graph g = new Graph();
    Output l = TensorLists.reserve(g, Shape.of(-1, 3), 4, F, null);
    assertEquals(Shape.scalar(), l.shape());
    assertEquals(DType.VARIANT, l.dtype());
    assertEquals(Shape.of(-1, 3), TensorLists.getItem(g, l, idx(g, 0), F, Shape.of(-1, 3), null)
        .shape());
    assertEquals(Shape.of(4, -1, 3), TensorLists.stack(g, l, F, Shape.of(-1, 3), 4, null).shape());
    assertEquals(Shape.of(-1, -1, 3), TensorLists.stack(g, l, F, Shape.of(-1, 3), -1, null)
        .shape());
    assertEquals("TensorListReserve_1", TensorLists.reserve(g, Shape.of(2), 1, F, null).op()
        .name());
    assertEquals("TensorListReserve/element_shape", l.op().input(0).op().name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TensorLists.fromTensor(g, constant(g, Tensor.zeros(F, Shape.of(2, 3))),
            Shape.of(5), null));
    assertTrue(e.getMessage().startsWith("Dimension 0 in both shapes must be equal, but are 3 "
        + "and 5."), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TensorLists.fromTensor(g,
        constant(g, 1f), Shape.unknown(), null));
    assertTrue(e.getMessage().startsWith("Shape must be at least rank 1 but is rank 0"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TensorLists.setItem(g,
        constant(g, 1f), idx(g, 0), constant(g, 1f), null));
    assertTrue(e.getMessage().contains("float32 that does not match expected type of object"),
        e.getMessage());
  }

  @Test
  void describesAListValue() {
    TensorList l = TensorList.reserve(F, Shape.of(-1, 4), 3);
    assertEquals("TensorList(element_dtype=float32, element_shape=[?,4], size=3)", l.toString());
    assertEquals(l, TensorList.of(l.toTensor()));
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> TensorList.of(Tensor.of(1f)));
    assertEquals("Input handle is not a list. Saw: 'float'", e.rawMessage());
  }
}
