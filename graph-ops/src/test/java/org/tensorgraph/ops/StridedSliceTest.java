package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tensorgraph.ops.IndexingTestSupport.assertBuildFails;
import static org.tensorgraph.ops.IndexingTestSupport.assertRunFails;
import static org.tensorgraph.ops.IndexingTestSupport.cast;
import static org.tensorgraph.ops.IndexingTestSupport.constant;
import static org.tensorgraph.ops.IndexingTestSupport.ints;
import static org.tensorgraph.ops.IndexingTestSupport.iota;
import static org.tensorgraph.ops.IndexingTestSupport.longs;
import static org.tensorgraph.ops.IndexingTestSupport.placeholder;

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
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.StridedSliceReference.Result;
import org.tensorgraph.ops.StridedSliceReference.Spec;

/** Table-driven tests of {@code StridedSlice}: values, dtypes, static shapes, errors. */
class StridedSliceTest {

  /** Builds {@code x[expr]} the way TF's Python does, with constant bounds. */
  static Output slice(Graph g, Output x, String expr, DType index) {
    Spec s = StridedSliceReference.parse(expr);
    return slice(g, x, s, bound(g, s.begin(), index), bound(g, s.end(), index),
        bound(g, s.strides(), index));
  }

  static Output slice(Graph g, Output x, Spec s, Output b, Output e, Output st) {
    return g.opBuilder("StridedSlice", null).addInput(x).addInput(b).addInput(e).addInput(st)
        .setAttr("begin_mask", s.beginMask()).setAttr("end_mask", s.endMask())
        .setAttr("ellipsis_mask", s.ellipsisMask()).setAttr("new_axis_mask", s.newAxisMask())
        .setAttr("shrink_axis_mask", s.shrinkMask()).build().output(0);
  }

  private static Output bound(Graph g, long[] v, DType index) {
    if (index == DType.INT64) {
      return constant(g, longs(v));
    }
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (int) v[i];
    }
    return constant(g, ints(r));
  }

  // ------------------------------------------------------------------ values

  record OpCase(String expr, long[] shape, DType dtype, DType index) {
    @Override
    public String toString() {
      return "x" + java.util.Arrays.toString(shape) + "[" + expr + "] " + dtype + "/" + index;
    }
  }

  static Stream<OpCase> valueCases() {
    Stream.Builder<OpCase> b = Stream.builder();
    String[][] table = {
        {"2,3", "1:, ::-1"}, {"2,3", "0"}, {"2,3", "-1"}, {"2,3", ":, -1"}, {"2,3", "..., None"},
        {"2,3", "None, ..., 1"}, {"4", "::-1"}, {"4", "::-2"}, {"4", "-2:0:-1"},
        {"4", "-100:100"}, {"4", "100:-100:-1"}, {"4", "3:1"}, {"2,3,4", "..., 1:3"},
        {"2,3,4", "1, ..., ::3"}, {"2,3,4", ":, None, 1, None, ::-1"}, {"2,3,4", ""},
        {"2,3,4", "..."}, {"0,3", ":, 1"}, {"2,0", "1"}, {"", "None"}, {"", "..."},
        {"", "None, ..., None"}, {"5", "1:4:2"}, {"3,3", "::2, ::-2"}, {"2,3", "1:2, 0:3"},
        {"2,2,2,2", "1, ..., 0"}, {"2,2,2,2", "::-1, 1, ::-1, None"}};
    for (String[] row : table) {
      long[] shape = row[0].isEmpty() ? new long[0]
          : Stream.of(row[0].split(",")).mapToLong(Long::parseLong).toArray();
      b.add(new OpCase(row[1], shape, DType.FLOAT32, DType.INT32));
    }
    for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL}) {
      b.add(new OpCase("1:, ::-1", new long[] {3, 4}, t, DType.INT64));
      b.add(new OpCase("..., 2", new long[] {3, 4}, t, DType.INT32));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueCases")
  void valuesMatchNumpySlicing(OpCase c) {
    Tensor x = cast(iota(c.shape()), c.dtype());
    Result ref = StridedSliceReference.apply(c.shape(), iota(c.shape()).toFloatArray(),
        StridedSliceReference.parse(c.expr()));
    assertNull(ref.error(), ref::toString);
    Graph g = IndexingTestSupport.graph();
    Output y = slice(g, constant(g, x), c.expr(), c.index());
    Tensor got = IndexingTestSupport.run(y);
    assertEquals(Shape.of(ref.shape()), y.shape(), "static shape");
    assertEquals(cast(Tensor.of(Shape.of(ref.shape()), ref.values()), c.dtype()), got);
  }

  @Test
  void rnnShapeOfDimZeroIsAScalar() {
    // tf.shape(x)[0] as dynamic_rnn writes it: begin [0], end [1], strides [1], shrink 1.
    Graph g = IndexingTestSupport.graph();
    Output shape = placeholder(g, DType.INT32, Shape.of(3));
    Output first = slice(g, shape, "0", DType.INT32);
    assertEquals(Shape.scalar(), first.shape());
    Tensor got = IndexingTestSupport.run(first, Map.of(shape, ints(4, 5, 7)));
    assertEquals(Tensor.of(4), got);
    Output last = slice(g, shape, "-1", DType.INT32);
    assertEquals(Tensor.of(7), IndexingTestSupport.run(last, Map.of(shape, ints(4, 5, 7))));
  }

  @Test
  void identitySliceKeepsTheValues() {
    Graph g = IndexingTestSupport.graph();
    Tensor x = iota(2, 3);
    Output y = slice(g, constant(g, x), ":, :", DType.INT32);
    assertEquals(x, IndexingTestSupport.run(y));
    Output z = slice(g, constant(g, x), "None", DType.INT32);
    assertEquals(Tensor.of(Shape.of(1, 2, 3), x.toFloatArray()), IndexingTestSupport.run(z));
  }

  @Test
  void variantScalarsPassThroughOnly() {
    Graph g = IndexingTestSupport.graph();
    Tensor v = Tensor.variant("a list");
    Output x = constant(g, v);
    assertEquals(v, IndexingTestSupport.run(slice(g, x, "...", DType.INT32)));
    Output y = slice(g, x, "None", DType.INT32);
    assertEquals(Shape.of(1), y.shape());
    assertRunFails(org.tensorgraph.core.errors.UnimplementedException.class,
        "StridedSlice of a variant tensor to shape [1] is not supported", y, Map.of());
  }

  // ------------------------------------------------------------------ static shapes

  record ShapeCase(String expr, Shape input, Shape expected) {}

  static Stream<ShapeCase> partialShapeCases() {
    return Stream.of(
        new ShapeCase(":, 1", Shape.of(-1, 3), Shape.of(-1)),
        new ShapeCase("1:2", Shape.of(-1, 3), Shape.of(-1, 3)),
        new ShapeCase("0", Shape.of(-1, 3), Shape.of(3)),
        new ShapeCase("0", Shape.of(4, -1), Shape.of(-1)),
        new ShapeCase("1:3, ::2", Shape.of(4, -1), Shape.of(2, -1)),
        new ShapeCase("..., None", Shape.of(-1, -1), Shape.of(-1, -1, 1)),
        new ShapeCase("None, ..., ::-1", Shape.of(4, 3), Shape.of(1, 4, 3)),
        new ShapeCase("1:", Shape.unknown(), Shape.unknown()),
        new ShapeCase("7", Shape.of(-1), Shape.scalar()));
  }

  @ParameterizedTest(name = "x{1}[{0}] -> {2}")
  @MethodSource("partialShapeCases")
  void staticShapeStaysPartial(ShapeCase c) {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, c.input());
    assertEquals(c.expected(), slice(g, x, c.expr(), DType.INT32).shape());
  }

  @Test
  void staticShapeWithUnknownBounds() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(4, 3));
    Output b = placeholder(g, DType.INT32, Shape.of(2));
    Output e = placeholder(g, DType.INT32, Shape.of(2));
    Output strides = constant(g, ints(1, 1));
    // x[b0:e0, :]: the masked dim keeps its size, the other is unknown.
    Spec s1 = StridedSliceReference.parse("1:2, :");
    assertEquals(Shape.of(-1, 3), slice(g, x, s1, b, e, strides).shape());
    // x[b0, :]: a shrunk dim disappears even when its index is unknown.
    Spec s2 = StridedSliceReference.parse("1, :");
    Output y = slice(g, x, s2, b, e, strides);
    assertEquals(Shape.of(3), y.shape());
    Tensor got = IndexingTestSupport.run(y, Map.of(x, iota(4, 3), b, ints(2, 0), e, ints(3, 0)));
    assertEquals(Tensor.of(Shape.of(3), new float[] {6, 7, 8}), got);
    // Unknown strides: nothing is known, not even the rank.
    Output st = placeholder(g, DType.INT32, Shape.of(2));
    assertEquals(Shape.unknown(), slice(g, x, s1, b, e, st).shape());
    // TF's rule gives up on a masked dim of size 0 when bounds are unknown.
    Output empty = placeholder(g, DType.FLOAT32, Shape.of(0));
    Output b1 = placeholder(g, DType.INT32, Shape.of(1));
    assertEquals(Shape.of(-1), slice(g, empty, StridedSliceReference.parse(":"), b1, b1,
        constant(g, ints(1))).shape());
  }

  // ------------------------------------------------------------------ errors

  record ErrorCase(String expr, long[] shape, String message) {}

  static Stream<ErrorCase> runtimeErrors() {
    return Stream.of(
        new ErrorCase("5", new long[] {3}, "slice index 5 of dimension 0 out of bounds."),
        new ErrorCase("-5", new long[] {3}, "slice index -2 of dimension 0 out of bounds."),
        new ErrorCase(":, 3", new long[] {2, 3}, "slice index 3 of dimension 1 out of bounds."),
        new ErrorCase("0:1:0", new long[] {3}, "strides[0] must be non-zero"),
        new ErrorCase("..., ...", new long[] {3}, "Multiple ellipses in slice spec not allowed"),
        new ErrorCase("0, 0, 0", new long[] {2, 2},
            "Index out of range using input dim 2; input has only 2 dims"));
  }

  @ParameterizedTest(name = "x[{0}]: {2}")
  @MethodSource("runtimeErrors")
  void errorsAtRunTimeAndBuildTime(ErrorCase c) {
    // With the input's dims unknown the kernel reports the error ...
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.unknownDims(c.shape().length));
    Output y;
    try {
      y = slice(g, x, c.expr(), DType.INT64);
    } catch (IllegalArgumentException e) { // rank-only errors are found while building
      assertEquals(c.message() + " for 'StridedSlice' (op: 'StridedSlice') with input shapes: "
          + Shape.unknownDims(c.shape().length) + ", [" + c.expr().split(",").length + "], ["
          + c.expr().split(",").length + "], [" + c.expr().split(",").length + "].",
          e.getMessage());
      y = null;
    }
    if (y != null) {
      assertRunFails(InvalidArgumentException.class, c.message(), y, Map.of(x, iota(c.shape())));
    }
    // ... and with the input known, the shape rule does, naming the node.
    Graph g2 = IndexingTestSupport.graph();
    Output k = constant(g2, iota(c.shape()));
    assertBuildFails(c.message() + " for 'StridedSlice' (op: 'StridedSlice') with input shapes: ",
        () -> slice(g2, k, c.expr(), DType.INT32));
  }

  @Test
  void shrinkWithNegativeStrideFails() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(-1));
    Spec s = new Spec(new long[] {1}, new long[] {2}, new long[] {-1}, 0, 0, 0, 0, 1);
    Output y = slice(g, x, s, constant(g, ints(1)), constant(g, ints(2)), constant(g, ints(-1)));
    assertRunFails(InvalidArgumentException.class,
        "only stride 1 allowed on non-range indexing.", y, Map.of(x, iota(3)));
  }

  @Test
  void boundsOfDifferentLengthsFail() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(3, 3));
    Output b = placeholder(g, DType.INT32, Shape.of(-1));
    Output y = slice(g, x, StridedSliceReference.parse("0:1, 0:1"), b, b,
        constant(g, ints(1, 1)));
    assertRunFails(InvalidArgumentException.class, "Expected begin, end, and strides to be 1D "
        + "equal size tensors, but got shapes [3], [3], and [2] instead.", y,
        Map.of(x, iota(3, 3), b, ints(0, 0, 0)));
    // Statically known lengths must agree.
    assertBuildFails("Dimension 0 in both shapes must be equal, but are 3 and 2. Shapes are [3] "
        + "and [2]. for 'StridedSlice_1' (op: 'StridedSlice') with input shapes: [3,3], [3], [3], "
        + "[2].", () -> slice(g, x, StridedSliceReference.parse("0:1, 0:1"),
            constant(g, ints(0, 0, 0)), constant(g, ints(1, 1, 1)), constant(g, ints(1, 1))));
    assertBuildFails("Shape must be rank 1 but is rank 2 for 'StridedSlice_2'",
        () -> slice(g, x, StridedSliceReference.parse("0:1"),
            constant(g, Tensor.of(new int[][] {{0}})), constant(g, ints(1)),
            constant(g, ints(1))));
  }

  @Test
  void indexTypesAreCheckedWhileBuilding() {
    Graph g = IndexingTestSupport.graph();
    Output x = constant(g, iota(3));
    assertBuildFails("Input 'end' of 'StridedSlice' Op has type int64 that does not match "
        + "expected type of int32 (node 'StridedSlice')", () -> slice(g, x,
            StridedSliceReference.parse("0:1"), constant(g, ints(0)), constant(g, longs(1)),
            constant(g, ints(1))));
    Output f = constant(g, Tensor.of(Shape.of(1), new float[] {0}));
    assertBuildFails("Value for attr 'Index' of float is not in the list of allowed values: "
        + "int32, int64", () -> slice(g, x, StridedSliceReference.parse("0:1"), f, f, f));
  }

  @Test
  void emptyResultsKeepTheirShape() {
    Graph g = IndexingTestSupport.graph();
    Output x = constant(g, iota(2, 3));
    Tensor got = IndexingTestSupport.run(slice(g, x, "2:1", DType.INT32));
    assertArrayEquals(new long[] {0, 3}, got.shape().dims());
    Tensor got2 = IndexingTestSupport.run(slice(g, constant(g, iota(0, 3)), ":, 1", DType.INT32));
    assertArrayEquals(new long[] {0}, got2.shape().dims());
  }
}
