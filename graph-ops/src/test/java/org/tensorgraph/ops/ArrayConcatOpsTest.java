package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.ArrayTesting.constant;
import static org.tensorgraph.ops.ArrayTesting.fails;
import static org.tensorgraph.ops.ArrayTesting.floats;
import static org.tensorgraph.ops.ArrayTesting.ints;
import static org.tensorgraph.ops.ArrayTesting.iota;
import static org.tensorgraph.ops.ArrayTesting.longs;
import static org.tensorgraph.ops.ArrayTesting.placeholder;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.ArrayTesting.ErrorCase;
import org.tensorgraph.ops.ArrayTesting.Feed;
import org.tensorgraph.ops.ArrayTesting.OpCase;

/** ConcatV2, Split, SplitV, Slice, Pack and Unpack. */
class ArrayConcatOpsTest {
  private static final Map<String, Object> NO_ATTRS = Map.of();

  private static OpCase c(String name, String op, List<Object> in, Map<String, Object> attrs,
      Tensor expected, Shape constShape) {
    return new OpCase(name, op, in, attrs, List.of(expected), List.of(constShape));
  }

  /** {@code iota(shape) + offset}. */
  private static Tensor iotaFrom(float offset, int... shape) {
    float[] v = iota(shape).toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] += offset;
    }
    return Tensor.of(Shape.of(shape), v);
  }

  static Stream<OpCase> cases() {
    Tensor a = iota(2, 3);
    Tensor b = iotaFrom(10, 2, 2);
    return Stream.of(
        c("concat axis 1", "ConcatV2", List.of(List.of(a, b), Tensor.of(1)), NO_ATTRS,
            floats(Shape.of(2, 5), 0, 1, 2, 10, 11, 3, 4, 5, 12, 13), Shape.of(2, 5)),
        c("concat axis -1", "ConcatV2", List.of(List.of(a, b), Tensor.of(-1L)), NO_ATTRS,
            floats(Shape.of(2, 5), 0, 1, 2, 10, 11, 3, 4, 5, 12, 13), Shape.of(2, 5)),
        c("concat axis 0", "ConcatV2", List.of(List.of(iotaFrom(10, 1, 3), a), Tensor.of(0)),
            NO_ATTRS, floats(Shape.of(3, 3), 10, 11, 12, 0, 1, 2, 3, 4, 5), Shape.of(3, 3)),
        c("concat three", "ConcatV2", List.of(List.of(ints(1), ints(), ints(2, 3)),
            Tensor.of(0)), NO_ATTRS, ints(1, 2, 3), Shape.of(3)),
        c("concat middle axis", "ConcatV2", List.of(List.of(iota(2, 1, 2), iotaFrom(10, 2, 2, 2)),
            Tensor.of(1)), NO_ATTRS, floats(Shape.of(2, 3, 2), 0, 1, 10, 11, 12, 13,
                2, 3, 14, 15, 16, 17), Shape.of(2, 3, 2)),
        new OpCase("split rows", "Split", List.of(Tensor.of(0), iota(4, 3)),
            Map.of("num_split", 2), List.of(iota(2, 3), iotaFrom(6, 2, 3)),
            List.of(Shape.of(2, 3), Shape.of(2, 3))),
        new OpCase("split cols", "Split", List.of(Tensor.of(-1), iota(2, 3)),
            Map.of("num_split", 3), List.of(floats(Shape.of(2, 1), 0, 3),
                floats(Shape.of(2, 1), 1, 4), floats(Shape.of(2, 1), 2, 5)),
            List.of(Shape.of(2, 1), Shape.of(2, 1), Shape.of(2, 1))),
        new OpCase("split lstm gates", "Split", List.of(Tensor.of(1), iota(1, 8)),
            Map.of("num_split", 4), List.of(floats(Shape.of(1, 2), 0, 1),
                floats(Shape.of(1, 2), 2, 3), floats(Shape.of(1, 2), 4, 5),
                floats(Shape.of(1, 2), 6, 7)),
            List.of(Shape.of(1, 2), Shape.of(1, 2), Shape.of(1, 2), Shape.of(1, 2))),
        c("split one", "Split", List.of(Tensor.of(0), iota(2)), Map.of("num_split", 1), iota(2),
            Shape.of(2)),
        new OpCase("splitV", "SplitV", List.of(iota(2, 5), ints(1, -1, 2), Tensor.of(1)),
            Map.of("num_split", 3), List.of(floats(Shape.of(2, 1), 0, 5),
                floats(Shape.of(2, 2), 1, 2, 6, 7), floats(Shape.of(2, 2), 3, 4, 8, 9)),
            List.of(Shape.of(2, 1), Shape.of(2, 2), Shape.of(2, 2))),
        new OpCase("splitV int64 rows", "SplitV", List.of(iota(3, 2), longs(2, 1), Tensor.of(0)),
            Map.of("num_split", 2), List.of(iota(2, 2), iotaFrom(4, 1, 2)),
            List.of(Shape.of(2, 2), Shape.of(1, 2))),
        c("slice", "Slice", List.of(iota(3, 4), ints(1, 1), ints(2, 2)), NO_ATTRS,
            floats(Shape.of(2, 2), 5, 6, 9, 10), Shape.of(2, 2)),
        c("slice -1", "Slice", List.of(iota(3, 4), ints(1, 0), ints(-1, 2)), NO_ATTRS,
            floats(Shape.of(2, 2), 4, 5, 8, 9), Shape.of(2, 2)),
        c("slice int64", "Slice", List.of(iota(2, 3, 2), longs(0, 1, 1), longs(2, 2, 1)),
            NO_ATTRS, floats(Shape.of(2, 2, 1), 3, 5, 9, 11), Shape.of(2, 2, 1)),
        c("slice empty", "Slice", List.of(iota(3, 4), ints(3, 0), ints(0, 4)), NO_ATTRS,
            iota(0, 4), Shape.of(0, 4)),
        c("pack axis 0", "Pack", List.of(List.of(iota(2), iotaFrom(10, 2))), NO_ATTRS,
            floats(Shape.of(2, 2), 0, 1, 10, 11), Shape.of(2, 2)),
        c("pack axis 1", "Pack", List.of(List.of(iota(2), iotaFrom(10, 2))), Map.of("axis", 1),
            floats(Shape.of(2, 2), 0, 10, 1, 11), Shape.of(2, 2)),
        c("pack axis -1", "Pack", List.of(List.of(iota(2, 2), iotaFrom(10, 2, 2),
            iotaFrom(20, 2, 2))), Map.of("axis", -1), floats(Shape.of(2, 2, 3),
                0, 10, 20, 1, 11, 21, 2, 12, 22, 3, 13, 23), Shape.of(2, 2, 3)),
        c("pack scalars", "Pack", List.of(List.of(Tensor.of(4), Tensor.of(7))), NO_ATTRS,
            ints(4, 7), Shape.of(2)),
        new OpCase("unpack axis 0", "Unpack", List.of(iota(2, 3)), Map.of("num", 2),
            List.of(iota(3), iotaFrom(3, 3)), List.of(Shape.of(3), Shape.of(3))),
        new OpCase("unpack axis -1", "Unpack", List.of(iota(2, 3)),
            Map.of("num", 3, "axis", -1), List.of(floats(Shape.of(2), 0, 3),
                floats(Shape.of(2), 1, 4), floats(Shape.of(2), 2, 5)),
            List.of(Shape.of(2), Shape.of(2), Shape.of(2))),
        new OpCase("unpack time steps", "Unpack", List.of(iota(2, 2, 1)),
            Map.of("num", 2, "axis", 1), List.of(floats(Shape.of(2, 1), 0, 2),
                floats(Shape.of(2, 1), 1, 3)), List.of(Shape.of(2, 1), Shape.of(2, 1))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void computesAndInfersShapes(OpCase c) {
    ArrayTesting.check(c);
  }

  private static ErrorCase e(String name, String op, List<Object> in, Map<String, Object> attrs,
      Feed feed, String message) {
    return new ErrorCase(name, op, in, attrs, feed, message);
  }

  static Stream<ErrorCase> errors() {
    Feed run = Feed.FED;
    Feed build = Feed.CONST;
    Tensor a = iota(2, 3);
    return Stream.of(
        e("concat dims", "ConcatV2", List.of(List.of(a, iota(3, 3)), Tensor.of(1)), NO_ATTRS,
            run, "ConcatOp : Dimensions of inputs should match: shape[0] = [2,3] vs. shape[1] ="
                + " [3,3]"),
        e("concat dims", "ConcatV2", List.of(List.of(a, iota(3, 3)), Tensor.of(1)), NO_ATTRS,
            build, "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2]"
                + " and [3]."),
        e("concat ranks", "ConcatV2", List.of(List.of(a, iota(3)), Tensor.of(0)), NO_ATTRS,
            run, "ConcatOp : Ranks of all input tensors should match: shape[0] = [2,3] vs."
                + " shape[1] = [3]"),
        e("concat axis", "ConcatV2", List.of(List.of(a, a), Tensor.of(2)), NO_ATTRS, run,
            "ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2"),
        e("concat axis", "ConcatV2", List.of(List.of(a, a), Tensor.of(2)), NO_ATTRS, build,
            "Shape must be at least rank 3 but is rank 2"),
        e("concat axis vector", "ConcatV2", List.of(List.of(a, a), ints(1)), NO_ATTRS, run,
            "axis tensor should be a scalar integer, but got shape [1]"),
        e("split uneven", "Split", List.of(Tensor.of(1), a), Map.of("num_split", 2), run,
            "Number of ways to split should evenly divide the split dimension, but got split_dim"
                + " 1 (size = 3) and num_split 2"),
        e("split uneven", "Split", List.of(Tensor.of(1), a), Map.of("num_split", 2), build,
            "Dimension size must be evenly divisible by 2 but is 3\n\tNumber of ways to split"
                + " should evenly divide the split dimension"),
        e("split axis", "Split", List.of(Tensor.of(2), a), Map.of("num_split", 2), run,
            "-input rank(-2) <= split_dim < input rank (2), but got 2"),
        e("split axis", "Split", List.of(Tensor.of(-3), a), Map.of("num_split", 2), build,
            "Dimension size, given by scalar input -3 must be in range [-2, 2)"),
        e("splitV sum", "SplitV", List.of(iota(2, 5), ints(1, 1), Tensor.of(1)),
            Map.of("num_split", 2), run, "Determined shape must either match input shape along"
                + " split_dim exactly if fully specified, or be less than the size of the input"
                + " along split_dim if not fully specified.  Got: 2"),
        e("splitV sum", "SplitV", List.of(iota(2, 5), ints(1, 1), Tensor.of(1)),
            Map.of("num_split", 2), build, "can't split axis of size 5 into pieces of size"
                + " [1,1]"),
        e("splitV two -1", "SplitV", List.of(iota(2, 5), ints(-1, -1), Tensor.of(1)),
            Map.of("num_split", 2), run, "There can only be one -1 in the input."),
        e("splitV two -1", "SplitV", List.of(iota(2, 5), ints(-1, -1), Tensor.of(1)),
            Map.of("num_split", 2), build, "size_splits can only have one -1"),
        e("splitV count", "SplitV", List.of(iota(2, 5), ints(5), Tensor.of(1)),
            Map.of("num_split", 2), run, "size of the split_tensor must be 1-D and have the same"
                + " elements as outputs got 1 -D and 1 elements"),
        e("splitV count", "SplitV", List.of(iota(2, 5), ints(5), Tensor.of(1)),
            Map.of("num_split", 2), build, "Length of size_splits should be equal to"
                + " num_outputs"),
        e("slice size", "Slice", List.of(iota(3, 4), ints(0, 3), ints(1, 2)), NO_ATTRS, run,
            "Expected size[1] in [0, 1], but got 2"),
        e("slice begin", "Slice", List.of(iota(3, 4), ints(4, 0), ints(-1, 1)), NO_ATTRS, run,
            "Expected begin[0] in [0, 3], but got 4"),
        e("slice begin", "Slice", List.of(iota(3, 4), ints(4, 0), ints(-1, 1)), NO_ATTRS, build,
            "Negative dimension size caused by subtracting 4 from 3"),
        e("slice rank", "Slice", List.of(iota(3, 4), ints(0), ints(1)), NO_ATTRS, run,
            "Expected begin and size arguments to be 1-D tensors of size 2, but got shapes [1]"
                + " and [1] instead."),
        e("slice rank", "Slice", List.of(iota(3, 4), ints(0), ints(1)), NO_ATTRS, build,
            "Shape must be rank 1 but is rank 2"),
        e("slice below -1", "Slice", List.of(iota(3, 4), ints(0, 0), ints(-2, 1)), NO_ATTRS,
            build, "Out of bounds slicing on dimension 0 of length 3: sizes vector cannot be"
                + " < -1, but was -2"),
        e("pack shapes", "Pack", List.of(List.of(iota(2), iota(3))), NO_ATTRS, run,
            "Shapes of all inputs must match: values[0].shape = [2] != values[1].shape = [3]"),
        e("pack shapes", "Pack", List.of(List.of(iota(2), iota(3))), NO_ATTRS, build,
            "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]."
                + "\n\tFrom merging shape 0 with other shapes."),
        e("pack axis", "Pack", List.of(List.of(iota(2), iota(2))), Map.of("axis", 2), run,
            "axis = 2 not in [-2, 2)"),
        e("pack axis", "Pack", List.of(List.of(iota(2), iota(2))), Map.of("axis", 2), build,
            "Invalid axis: 2; must be in [-2,2)"),
        e("unpack num", "Unpack", List.of(a), Map.of("num", 3), run,
            "Input shape axis 0 must equal 3, got shape [2,3]"),
        e("unpack num", "Unpack", List.of(a), Map.of("num", 3), build,
            "Dimension must be 3 but is 2"),
        e("unpack axis", "Unpack", List.of(a), Map.of("num", 2, "axis", -3), run,
            "axis = -3 not in [-2, 2)"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void rejectsBadCallsWithTfText(ErrorCase c) {
    ArrayTesting.check(c);
  }

  @Test
  void concatShapeWithAnUnknownAxisKeepsTheRank() {
    Graph g = new Graph();
    Output a = placeholder(g, "a", DType.FLOAT32, Shape.of(-1, 3));
    Output b = placeholder(g, "b", DType.FLOAT32, Shape.of(2, -1));
    Output axis = placeholder(g, "axis", DType.INT32, Shape.scalar());
    Output ab = g.opBuilder("ConcatV2", null).addInputList(List.of(a, b)).addInput(axis)
        .build().output(0);
    assertEquals(Shape.of(-1, -1), ab.shape());
    Output c1 = g.opBuilder("ConcatV2", null).addInputList(List.of(a, b))
        .addInput(constant(g, Tensor.of(1))).build().output(0);
    assertEquals(Shape.of(2, -1), c1.shape(), "dim 0 merges to 2; 3 + ? is unknown");
    Output s1 = placeholder(g, "s1", DType.FLOAT32, Shape.scalar());
    IllegalArgumentException e = fails(IllegalArgumentException.class,
        () -> g.opBuilder("ConcatV2", "cat").addInputList(List.of(s1, s1)).addInput(axis)
            .build());
    assertTrue(e.getMessage().startsWith("Can't concatenate scalars (use tf.stack instead) for"
        + " 'cat'"), e.getMessage());
  }

  @Test
  void concatOfScalarsAtRunTimeMakesAVector() {
    Graph g = new Graph();
    Output s = placeholder(g, "s", DType.INT32, Shape.unknown());
    Output cat = g.opBuilder("ConcatV2", null).addInputList(List.of(s, s))
        .addInput(constant(g, Tensor.of(0))).build().output(0);
    assertEquals(ints(4, 4), ArrayTesting.run(g, cat, Map.of(s, Tensor.of(4))));
  }

  @Test
  void concatNeedsTwoValues() {
    Graph g = new Graph();
    Output a = constant(g, iota(2));
    IllegalArgumentException e = fails(IllegalArgumentException.class,
        () -> g.opBuilder("ConcatV2", "c").addInputList(List.of(a))
            .addInput(constant(g, Tensor.of(0))).build());
    assertTrue(e.getMessage().startsWith("Value for attr 'N' of 1 must be at least minimum 2"),
        e.getMessage());
  }

  @Test
  void splitShapesFollowTheAxis() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(-1, 8));
    Operation split = g.opBuilder("Split", null).addInput(constant(g, Tensor.of(1)))
        .addInput(x).setAttr("num_split", 4).build();
    assertEquals(4, split.numOutputs());
    assertEquals(Shape.of(-1, 2), split.output(3).shape());
    Operation unknownAxis = g.opBuilder("Split", null)
        .addInput(placeholder(g, "axis", DType.INT32, Shape.scalar())).addInput(x)
        .setAttr("num_split", 2).build();
    assertEquals(Shape.of(-1, -1), unknownAxis.output(0).shape());
    Operation v = g.opBuilder("SplitV", null).addInput(x).addInput(constant(g, ints(3, -1)))
        .addInput(constant(g, Tensor.of(1))).setAttr("num_split", 2).build();
    assertEquals(Shape.of(-1, 3), v.output(0).shape());
    assertEquals(Shape.of(-1, 5), v.output(1).shape());
  }

  @Test
  void sliceShapeWithAFedSize() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(3, 4));
    Output size = placeholder(g, "size", DType.INT32, Shape.of(2));
    Output s = g.opBuilder("Slice", null).addInput(x).addInput(constant(g, ints(0, 0)))
        .addInput(size).build().output(0);
    assertEquals(Shape.of(-1, -1), s.shape());
    assertEquals(iota(2, 4), ArrayTesting.run(g, s, Map.of(x, iota(3, 4), size, ints(2, -1))));
  }
}
