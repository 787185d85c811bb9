package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.ops.ArrayTesting.constant;
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
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.ArrayTesting.ErrorCase;
import org.tensorgraph.ops.ArrayTesting.Feed;
import org.tensorgraph.ops.ArrayTesting.OpCase;

/** Fill, ZerosLike, OnesLike and Range. */
class ArrayFillOpsTest {
  private static final Map<String, Object> NO_ATTRS = Map.of();

  private static OpCase c(String name, String op, List<Object> in, Tensor expected,
      Shape constShape) {
    return new OpCase(name, op, in, NO_ATTRS, List.of(expected), List.of(constShape));
  }

  static Stream<OpCase> cases() {
    return Stream.of(
        c("fill", "Fill", List.of(ints(2, 3), Tensor.of(1.5f)),
            floats(Shape.of(2, 3), 1.5f, 1.5f, 1.5f, 1.5f, 1.5f, 1.5f), Shape.of(2, 3)),
        c("fill int64 dims", "Fill", List.of(longs(2), Tensor.of(true)),
            Tensor.of(new boolean[] {true, true}), Shape.of(2)),
        c("fill scalar", "Fill", List.of(ints(), Tensor.of(7L)), Tensor.of(7L), Shape.scalar()),
        c("fill empty", "Fill", List.of(ints(0, 2), Tensor.of(1)), Tensor.of(Shape.of(0, 2),
            new int[0]), Shape.of(0, 2)),
        c("zeros like", "ZerosLike", List.of(iota(2, 3)), Tensor.zeros(DType.FLOAT32,
            Shape.of(2, 3)), Shape.of(2, 3)),
        c("zeros like bool", "ZerosLike", List.of(Tensor.of(true)), Tensor.of(false),
            Shape.scalar()),
        c("ones like", "OnesLike", List.of(ints(5, 6, 7)), ints(1, 1, 1), Shape.of(3)),
        c("ones like double", "OnesLike", List.of(Tensor.of(new double[][] {{2}, {3}})),
            Tensor.of(new double[][] {{1}, {1}}), Shape.of(2, 1)),
        c("ones like bool", "OnesLike", List.of(Tensor.of(new boolean[] {false})),
            Tensor.of(new boolean[] {true}), Shape.of(1)),
        c("range", "Range", List.of(Tensor.of(0), Tensor.of(5), Tensor.of(2)), ints(0, 2, 4),
            Shape.of(3)),
        c("range down", "Range", List.of(Tensor.of(5), Tensor.of(0), Tensor.of(-2)),
            ints(5, 3, 1), Shape.of(3)),
        c("range empty", "Range", List.of(Tensor.of(3), Tensor.of(3), Tensor.of(1)), ints(),
            Shape.of(0)),
        c("range int64", "Range", List.of(Tensor.of(2L), Tensor.of(5L), Tensor.of(1L)),
            longs(2, 3, 4), Shape.of(3)),
        c("range float", "Range", List.of(Tensor.of(0f), Tensor.of(1f), Tensor.of(0.25f)),
            floats(Shape.of(4), 0, 0.25f, 0.5f, 0.75f), Shape.of(4)),
        // Values accumulate in float32 as TF's kernel does: 0.3f + 0.3f + 0.3f is 0.90000004f.
        c("range float accumulates", "Range", List.of(Tensor.of(0f), Tensor.of(1f),
            Tensor.of(0.3f)), floats(Shape.of(4), 0, 0.3f, 0.6f, 0.90000004f), Shape.of(4)),
        c("range double", "Range", List.of(Tensor.of(1.0), Tensor.of(0.0), Tensor.of(-0.5)),
            Tensor.of(new double[] {1, 0.5}), Shape.of(2)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void computesAndInfersShapes(OpCase c) {
    ArrayTesting.check(c);
  }

  private static ErrorCase e(String name, String op, List<Object> in, Feed feed, String msg) {
    return new ErrorCase(name, op, in, NO_ATTRS, feed, msg);
  }

  static Stream<ErrorCase> errors() {
    Feed run = Feed.FED;
    Feed build = Feed.CONST;
    return Stream.of(
        e("fill negative", "Fill", List.of(ints(2, -1), Tensor.of(1f)), run,
            "Dimension -1 must be >= 0"),
        e("fill negative", "Fill", List.of(ints(2, -1), Tensor.of(1f)), build,
            "Fill dimensions must be >= 0"),
        e("fill vector value", "Fill", List.of(ints(2), ints(1, 2)), run,
            "value must be a scalar, got shape [2]"),
        e("fill vector value", "Fill", List.of(ints(2), ints(1, 2)), build,
            "Shape must be rank 0 but is rank 1"),
        e("fill matrix dims", "Fill", List.of(Tensor.of(new int[][] {{2}}), Tensor.of(1)), run,
            "dims must be a vector, got shape [1,1]"),
        e("range up", "Range", List.of(Tensor.of(5), Tensor.of(2), Tensor.of(1)), run,
            "Requires start <= limit when delta > 0: 5/2"),
        e("range up", "Range", List.of(Tensor.of(5), Tensor.of(2), Tensor.of(1)), build,
            "Requires start <= limit when delta > 0: 5/2"),
        e("range down", "Range", List.of(Tensor.of(2L), Tensor.of(5L), Tensor.of(-1L)), run,
            "Requires start >= limit when delta < 0: 2/5"),
        e("range float text", "Range", List.of(Tensor.of(5.5f), Tensor.of(2f), Tensor.of(1f)),
            run, "Requires start <= limit when delta > 0: 5.5/2"),
        e("range zero delta", "Range", List.of(Tensor.of(0), Tensor.of(5), Tensor.of(0)), run,
            "Requires delta != 0: 0"),
        e("range zero delta", "Range", List.of(Tensor.of(0), Tensor.of(5), Tensor.of(0)), build,
            "Requires delta != 0"),
        e("range vector", "Range", List.of(ints(0), Tensor.of(5), Tensor.of(1)), run,
            "start must be a scalar, not shape [1]"),
        e("range vector", "Range", List.of(ints(0), Tensor.of(5), Tensor.of(1)), build,
            "Shape must be rank 0 but is rank 1\n\t for 'start'"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void rejectsBadCallsWithTfText(ErrorCase c) {
    ArrayTesting.check(c);
  }

  @Test
  void fillAndRangeShapesFromFedInputs() {
    Graph g = new Graph();
    Output dims = placeholder(g, "dims", DType.INT32, Shape.of(3));
    Output f = g.opBuilder("Fill", null).addInput(dims).addInput(constant(g, Tensor.of(0f)))
        .build().output(0);
    assertEquals(Shape.of(-1, -1, -1), f.shape(), "the rank is the length of dims");
    Output limit = placeholder(g, "limit", DType.INT32, Shape.scalar());
    Output r = g.opBuilder("Range", null).addInput(constant(g, Tensor.of(0))).addInput(limit)
        .addInput(constant(g, Tensor.of(1))).build().output(0);
    assertEquals(Shape.of(-1), r.shape());
    assertEquals(ints(0, 1, 2), ArrayTesting.run(g, r, Map.of(limit, Tensor.of(3))));
    assertEquals(DType.INT32, r.dtype(), "Tidx defaults to int32 and binds to the inputs");
  }
}
