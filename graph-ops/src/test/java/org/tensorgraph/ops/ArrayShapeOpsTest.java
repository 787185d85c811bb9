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

/** Shape, ShapeN, Size, Rank, Reshape, Transpose, ExpandDims, Squeeze and Tile. */
class ArrayShapeOpsTest {
  private static final Map<String, Object> NO_ATTRS = Map.of();

  private static OpCase c(String name, String op, List<Object> in, Map<String, Object> attrs,
      Tensor expected, Shape constShape) {
    return new OpCase(name, op, in, attrs, List.of(expected), List.of(constShape));
  }

  static Stream<OpCase> cases() {
    return Stream.of(
        c("shape", "Shape", List.of(iota(2, 3)), NO_ATTRS, ints(2, 3), Shape.of(2)),
        c("shape int64", "Shape", List.of(iota(2, 3)), Map.of("out_type", DType.INT64),
            longs(2, 3), Shape.of(2)),
        c("shape of a scalar", "Shape", List.of(Tensor.of(true)), NO_ATTRS, ints(), Shape.of(0)),
        new OpCase("shapeN", "ShapeN", List.of(List.of(iota(2, 3), iota(4))), NO_ATTRS,
            List.of(ints(2, 3), ints(4)), List.of(Shape.of(2), Shape.of(1))),
        c("size", "Size", List.of(iota(2, 3)), NO_ATTRS, Tensor.of(6), Shape.scalar()),
        c("size int64", "Size", List.of(iota(0, 3)), Map.of("out_type", DType.INT64),
            Tensor.of(0L), Shape.scalar()),
        c("rank", "Rank", List.of(iota(2, 3, 4)), NO_ATTRS, Tensor.of(3), Shape.scalar()),
        c("reshape", "Reshape", List.of(iota(2, 3), ints(3, 2)), NO_ATTRS, iota(3, 2),
            Shape.of(3, 2)),
        c("reshape -1", "Reshape", List.of(iota(2, 3), ints(-1)), NO_ATTRS, iota(6), Shape.of(6)),
        c("reshape 3,-1", "Reshape", List.of(iota(2, 3), ints(3, -1)), NO_ATTRS, iota(3, 2),
            Shape.of(3, 2)),
        c("reshape int64 shape", "Reshape", List.of(iota(2, 3), longs(-1, 2)), NO_ATTRS,
            iota(3, 2), Shape.of(3, 2)),
        c("reshape to scalar", "Reshape", List.of(iota(1, 1), ints()), NO_ATTRS, iota(),
            Shape.scalar()),
        c("reshape empty with -1", "Reshape", List.of(iota(0, 3), ints(-1, 0)), NO_ATTRS,
            iota(3, 0), Shape.of(-1, 0)),
        c("transpose 2d", "Transpose", List.of(iota(2, 3), ints(1, 0)), NO_ATTRS,
            floats(Shape.of(3, 2), 0, 3, 1, 4, 2, 5), Shape.of(3, 2)),
        c("transpose 3d", "Transpose", List.of(iota(2, 3, 4), ints(2, 0, 1)), NO_ATTRS,
            transposed(iota(2, 3, 4), 2, 0, 1), Shape.of(4, 2, 3)),
        c("transpose 3d inner", "Transpose", List.of(iota(2, 3, 4), longs(0, 2, 1)), NO_ATTRS,
            transposed(iota(2, 3, 4), 0, 2, 1), Shape.of(2, 4, 3)),
        c("transpose batch/time", "Transpose", List.of(iota(4, 2, 3), ints(1, 0, 2)), NO_ATTRS,
            transposed(iota(4, 2, 3), 1, 0, 2), Shape.of(2, 4, 3)),
        c("transpose ints", "Transpose", List.of(Tensor.of(new int[][] {{1, 2}}), ints(1, 0)),
            NO_ATTRS, Tensor.of(new int[][] {{1}, {2}}), Shape.of(2, 1)),
        c("expand dims 0", "ExpandDims", List.of(iota(2, 3), Tensor.of(0)), NO_ATTRS,
            iota(1, 2, 3), Shape.of(1, 2, 3)),
        c("expand dims 1", "ExpandDims", List.of(iota(2, 3), Tensor.of(1L)), NO_ATTRS,
            iota(2, 1, 3), Shape.of(2, 1, 3)),
        c("expand dims -1", "ExpandDims", List.of(iota(2, 3), Tensor.of(-1)), NO_ATTRS,
            iota(2, 3, 1), Shape.of(2, 3, 1)),
        c("expand scalar", "ExpandDims", List.of(Tensor.of(5), ints(0)), NO_ATTRS, ints(5),
            Shape.of(1)),
        c("squeeze all", "Squeeze", List.of(iota(1, 2, 1, 3)), NO_ATTRS, iota(2, 3),
            Shape.of(2, 3)),
        c("squeeze one", "Squeeze", List.of(iota(1, 2, 1, 3)), Map.of("squeeze_dims", List.of(2)),
            iota(1, 2, 3), Shape.of(1, 2, 3)),
        c("squeeze negative", "Squeeze", List.of(iota(1, 2, 1, 3)),
            Map.of("squeeze_dims", new int[] {-4, -2}), iota(2, 3), Shape.of(2, 3)),
        c("tile rows", "Tile", List.of(iota(2, 3), ints(2, 1)), NO_ATTRS,
            floats(Shape.of(4, 3), 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5), Shape.of(4, 3)),
        c("tile cols", "Tile", List.of(iota(2, 3), ints(1, 2)), NO_ATTRS,
            floats(Shape.of(2, 6), 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5), Shape.of(2, 6)),
        c("tile 3d", "Tile", List.of(iota(2, 1, 3), longs(2, 3, 2)), NO_ATTRS,
            tiled(iota(2, 1, 3), 2, 3, 2), Shape.of(4, 3, 6)),
        c("tile zero", "Tile", List.of(iota(2, 3), ints(0, 1)), NO_ATTRS, iota(0, 3),
            Shape.of(0, 3)),
        c("tile bools", "Tile", List.of(Tensor.of(new boolean[] {true, false}), ints(2)),
            NO_ATTRS, Tensor.of(new boolean[] {true, false, true, false}), Shape.of(4)));
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
    return Stream.of(
        e("reshape count", "Reshape", List.of(iota(2, 3), ints(2, 4)), NO_ATTRS, run,
            "Input to reshape is a tensor with 6 values, but the requested shape has 8"),
        e("reshape count", "Reshape", List.of(iota(2, 3), ints(2, 4)), NO_ATTRS, build,
            "Cannot reshape a tensor with 6 elements to shape [2,4] (8 elements)"),
        e("reshape two -1", "Reshape", List.of(iota(2, 3), ints(-1, -1)), NO_ATTRS, run,
            "Only one input size may be -1, not both 0 and 1"),
        e("reshape multiple", "Reshape", List.of(iota(2, 3), ints(-1, 4)), NO_ATTRS, run,
            "Input to reshape is a tensor with 6 values, but the requested shape requires a"
                + " multiple of 4"),
        e("reshape multiple", "Reshape", List.of(iota(2, 3), ints(-1, 4)), NO_ATTRS, build,
            "Dimension size must be evenly divisible by 4 but is 6"),
        e("reshape negative", "Reshape", List.of(iota(2, 3), ints(2, -3)), NO_ATTRS, run,
            "Size 1 must be non-negative, not -3"),
        e("reshape negative", "Reshape", List.of(iota(2, 3), ints(2, -3)), NO_ATTRS, build,
            "Invalid value in tensor used for shape: -3"),
        e("reshape matrix shape", "Reshape", List.of(iota(2, 3),
            Tensor.of(new int[][] {{6}})), NO_ATTRS, run, "sizes input must be 1-D, not [1,1]"),
        e("reshape matrix shape", "Reshape", List.of(iota(2, 3),
            Tensor.of(new int[][] {{6}})), NO_ATTRS, build, "Shape must be rank 1 but is rank 2"),
        e("transpose missing", "Transpose", List.of(iota(2, 3), ints(0, 0)), NO_ATTRS, run,
            "1 is missing from {0,0}."),
        e("transpose range", "Transpose", List.of(iota(2, 3), ints(0, 2)), NO_ATTRS, run,
            "2 is out of range [0 .. 2)"),
        e("transpose range", "Transpose", List.of(iota(2, 3), ints(0, 2)), NO_ATTRS, build,
            "perm dim 2 is out of range of input rank 2"),
        e("transpose length", "Transpose", List.of(iota(2, 3), ints(0)), NO_ATTRS, run,
            "transpose expects a vector of size 2. But input(1) is a vector of size 1"),
        e("transpose length", "Transpose", List.of(iota(2, 3), ints(0, 1, 2)), NO_ATTRS, build,
            "Dimension must be 2 but is 3"),
        e("expand dims range", "ExpandDims", List.of(iota(2, 3), Tensor.of(3)), NO_ATTRS, run,
            "Tried to expand dim index 3 for tensor with 2 dimensions."),
        e("expand dims range", "ExpandDims", List.of(iota(2, 3), Tensor.of(3)), NO_ATTRS, build,
            "dim 3 not in the interval [-3, 2]."),
        e("expand dims vector", "ExpandDims", List.of(iota(2, 3), ints(0, 1)), NO_ATTRS, build,
            "'dim' input must be a tensor with a single value"),
        e("squeeze not 1", "Squeeze", List.of(iota(1, 2)), Map.of("squeeze_dims", List.of(1)),
            run, "Can not squeeze dim[1], expected a dimension of 1, got 2"),
        e("squeeze not 1", "Squeeze", List.of(iota(1, 2)), Map.of("squeeze_dims", List.of(1)),
            build, "Can not squeeze dim[1], expected a dimension of 1, got 2"),
        e("squeeze range", "Squeeze", List.of(iota(1, 2)), Map.of("squeeze_dims", List.of(5)),
            run, "Tried to squeeze dim index 5 for tensor with 2 dimensions."),
        e("squeeze range", "Squeeze", List.of(iota(1, 2)), Map.of("squeeze_dims", List.of(5)),
            build, "squeeze_dims[0] not in [-2,2)."),
        e("tile length", "Tile", List.of(iota(2, 3), ints(2)), NO_ATTRS, run,
            "Expected multiples argument to be a vector of length 2 but got length 1"),
        e("tile length", "Tile", List.of(iota(2, 3), ints(2)), NO_ATTRS, build,
            "Shape must be rank 2 but is rank 1"),
        e("tile negative", "Tile", List.of(iota(2, 3), ints(-1, 1)), NO_ATTRS, run,
            "Expected multiples[0] >= 0, but got -1"),
        e("tile matrix", "Tile", List.of(iota(2, 3), Tensor.of(new int[][] {{1, 1}})), NO_ATTRS,
            run, "Expected multiples to be 1-D, but got shape [1,2]"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void rejectsBadCallsWithTfText(ErrorCase c) {
    ArrayTesting.check(c);
  }

  @Test
  void reshapeInfersFromAConstantShapeOnly() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(-1, 3));
    Output flat = g.opBuilder("Reshape", null).addInput(x).addInput(constant(g, ints(-1)))
        .build().output(0);
    assertEquals(Shape.of(-1), flat.shape());
    Output rows = g.opBuilder("Reshape", null).addInput(x).addInput(constant(g, ints(-1, 6)))
        .build().output(0);
    assertEquals(Shape.of(-1, 6), rows.shape());
    Output fed = placeholder(g, "shape", DType.INT32, Shape.of(2));
    Output any = g.opBuilder("Reshape", null).addInput(x).addInput(fed).build().output(0);
    assertEquals(Shape.of(-1, -1), any.shape(), "a fed shape of known length fixes the rank");
    Output sixByOne = g.opBuilder("Reshape", null).addInput(constant(g, iota(2, 3)))
        .addInput(constant(g, ints(6, -1))).build().output(0);
    assertEquals(Shape.of(6, 1), sixByOne.shape());
    assertEquals(iota(6, 1), ArrayTesting.run(g, sixByOne, Map.of()));
  }

  @Test
  void transposeKnowsTheRankWithoutAConstantPerm() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(4, -1, 3));
    Output perm = placeholder(g, "perm", DType.INT32, Shape.of(3));
    Output y = g.opBuilder("Transpose", null).addInput(x).addInput(perm).build().output(0);
    assertEquals(Shape.of(-1, -1, -1), y.shape());
    Output z = g.opBuilder("Transpose", null).addInput(x).addInput(constant(g, ints(1, 0, 2)))
        .build().output(0);
    assertEquals(Shape.of(-1, 4, 3), z.shape());
    Output u = placeholder(g, "u", DType.FLOAT32, Shape.unknown());
    Output w = g.opBuilder("Transpose", null).addInput(u).addInput(constant(g, ints(1, 0)))
        .build().output(0);
    assertEquals(Shape.unknownDims(2), w.shape());
  }

  @Test
  void squeezeOfUnknownDims() {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(-1, 1, 3));
    Output all = g.opBuilder("Squeeze", null).addInput(x).build().output(0);
    assertEquals(Shape.unknown(), all.shape(), "an unknown dim might be 1: TF gives up");
    Output named = g.opBuilder("Squeeze", null).addInput(x).setAttr("squeeze_dims", List.of(0))
        .build().output(0);
    assertEquals(Shape.of(1, 3), named.shape(), "a named unknown dim is assumed to be 1");
  }

  /** Naive transpose: output index i reads input index with dims permuted. */
  static Tensor transposed(Tensor t, int... perm) {
    int[] in = t.shape().intDims();
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      out[i] = in[perm[i]];
    }
    float[] src = t.toFloatArray();
    float[] dst = new float[src.length];
    int[] idx = new int[out.length];
    for (int k = 0; k < dst.length; k++) {
      int rem = k;
      for (int d = out.length - 1; d >= 0; d--) {
        idx[d] = rem % out[d];
        rem /= out[d];
      }
      int[] inIdx = new int[in.length];
      for (int d = 0; d < out.length; d++) {
        inIdx[perm[d]] = idx[d];
      }
      dst[k] = t.getFloat(inIdx);
    }
    return Tensor.of(Shape.of(out), dst);
  }

  /** Naive tile: output index i reads input index i mod dims. */
  static Tensor tiled(Tensor t, int... mult) {
    int[] in = t.shape().intDims();
    int[] out = new int[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] * mult[i];
    }
    float[] dst = new float[Tensor.checkedElementCount(Shape.of(out))];
    for (int k = 0; k < dst.length; k++) {
      int rem = k;
      int[] inIdx = new int[in.length];
      for (int d = out.length - 1; d >= 0; d--) {
        inIdx[d] = (rem % out[d]) % in[d];
        rem /= out[d];
      }
      dst[k] = t.getFloat(inIdx);
    }
    return Tensor.of(Shape.of(out), dst);
  }
}
