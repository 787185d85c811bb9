package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.ops.IndexingTestSupport.assertBuildFails;
import static org.tensorgraph.ops.IndexingTestSupport.assertRunFails;
import static org.tensorgraph.ops.IndexingTestSupport.cast;
import static org.tensorgraph.ops.IndexingTestSupport.constant;
import static org.tensorgraph.ops.IndexingTestSupport.dims;
import static org.tensorgraph.ops.IndexingTestSupport.placeholder;

import java.util.Arrays;
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
import org.tensorgraph.core.graph.Output;

/** Tests of {@code OneHot} against a naive per-element reference. */
class IndexingOneHotTest {

  static Output oneHot(Graph g, Output indices, Output depth, Output on, Output off, long axis) {
    return IndexingTestSupport.op(g, "OneHot", List.of(indices, depth, on, off),
        Map.of("axis", axis));
  }

  record OpCase(String shape, long[] indices, int depth, long axis, DType dtype, DType ti) {
    @Override
    public String toString() {
      return "indices[" + shape + "]=" + Arrays.toString(indices) + " depth " + depth + " axis "
          + axis + " " + dtype + "/" + ti;
    }
  }

  static Stream<OpCase> cases() {
    Stream.Builder<OpCase> b = Stream.builder();
    b.add(new OpCase("4", new long[] {0, 2, -1, 3}, 3, -1, DType.FLOAT32, DType.INT64));
    b.add(new OpCase("4", new long[] {0, 2, -1, 3}, 3, 0, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("2,3", new long[] {0, 1, 2, 2, 1, 0}, 3, 1, DType.FLOAT32, DType.INT64));
    b.add(new OpCase("2,3", new long[] {0, 1, 2, 2, 1, 0}, 4, -1, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("", new long[] {1}, 2, -1, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("0,2", new long[] {}, 3, 1, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("2", new long[] {0, 1}, 0, -1, DType.FLOAT32, DType.INT32));
    for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL}) {
      b.add(new OpCase("3", new long[] {1, 0, 5}, 2, 0, t, DType.INT64));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNaiveOneHot(OpCase c) {
    long[] id = dims(c.shape());
    int axis = (int) (c.axis() == -1 ? id.length : c.axis());
    long[] outDims = Shape.of(id).subShape(0, axis).concatenate(Shape.of(c.depth()))
        .concatenate(Shape.of(id).subShape(axis, id.length)).dims();
    double on = 5;
    double off = -1;
    Tensor idx = cast(Tensor.of(Shape.of(id), c.indices()), c.ti());
    // Naive: out[c] = indices[c without the axis] == c[axis] ? on : off.
    double[] w = new double[Tensor.checkedElementCount(Shape.of(outDims))];
    for (int i = 0; i < w.length; i++) {
      long[] co = unravel(i, outDims);
      long flat = 0;
      for (int k = 0; k < outDims.length; k++) {
        if (k != axis) {
          flat = flat * outDims[k] + co[k];
        }
      }
      w[i] = c.indices()[(int) flat] == co[axis] ? on : off;
    }
    Graph g = IndexingTestSupport.graph();
    Output y = oneHot(g, constant(g, idx), constant(g, Tensor.of(c.depth())),
        constant(g, cast(Tensor.of(on), c.dtype())), constant(g, cast(Tensor.of(off), c.dtype())),
        c.axis());
    assertEquals(Shape.of(outDims), y.shape());
    assertEquals(cast(Tensor.of(Shape.of(outDims), w), c.dtype()), IndexingTestSupport.run(y));
  }

  private static long[] unravel(long flat, long[] dims) {
    long[] c = new long[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      c[d] = flat % dims[d];
      flat /= dims[d];
    }
    return c;
  }

  @Test
  void staticShapes() {
    Graph g = IndexingTestSupport.graph();
    Output i = placeholder(g, DType.INT64, Shape.of(-1, 3));
    Output on = constant(g, Tensor.of(1f));
    Output off = constant(g, Tensor.of(0f));
    assertEquals(Shape.of(-1, 3, 4), oneHot(g, i, constant(g, Tensor.of(4)), on, off, -1).shape());
    assertEquals(Shape.of(4, -1, 3), oneHot(g, i, constant(g, Tensor.of(4)), on, off, 0).shape());
    Output depth = placeholder(g, DType.INT32, Shape.scalar());
    Output y = oneHot(g, i, depth, on, off, 1);
    assertEquals(Shape.of(-1, -1, 3), y.shape());
    Tensor got = IndexingTestSupport.runChecked(y, Map.of(i, Tensor.of(new long[][] {{0, 1, 1}}),
        depth, Tensor.of(2)));
    assertEquals(Tensor.of(new float[][][] {{{1, 0, 0}, {0, 1, 1}}}), got);
    Output u = placeholder(g, DType.INT64, Shape.unknown());
    assertEquals(Shape.unknown(), oneHot(g, u, depth, on, off, -1).shape());
  }

  @Test
  void errors() {
    Graph g = IndexingTestSupport.graph();
    Output i = placeholder(g, DType.INT32, Shape.of(3));
    Output on = constant(g, Tensor.of(1f));
    Output off = constant(g, Tensor.of(0f));
    assertBuildFails("axis must be >= -1 for 'OneHot' (op: 'OneHot') with input shapes: [3], [],"
        + " [], [].", () -> oneHot(g, i, constant(g, Tensor.of(3)), on, off, -2));
    assertBuildFails("Dimension size, given by scalar input 1, must be non-negative but is -1",
        () -> oneHot(g, i, constant(g, Tensor.of(-1)), on, off, -1));
    assertBuildFails("Input 'off_value' of 'OneHot' Op has type float64 that does not match "
        + "expected type of float32", () -> oneHot(g, i, constant(g, Tensor.of(3)), on,
            constant(g, Tensor.of(0.0)), -1));
    Output fi = constant(g, Tensor.of(Shape.of(1), new float[] {0}));
    assertBuildFails("Value for attr 'TI' of float is not in the list of allowed values: int32, "
        + "int64", () -> oneHot(g, fi, constant(g, Tensor.of(3)), on, off, -1));
    // The shape rule wraps a too-large axis; the kernel rejects it.
    Output depth = placeholder(g, DType.INT32, Shape.unknown());
    Output onP = placeholder(g, DType.FLOAT32, Shape.unknown());
    Output bad = oneHot(g, i, depth, onP, off, 5);
    Map<Output, Tensor> feeds = Map.of(i, IndexingTestSupport.ints(0, 1, 2), depth, Tensor.of(3),
        onP, Tensor.of(1f));
    assertRunFails(InvalidArgumentException.class,
        "Expected axis to be -1 or between [0, 2).  But received: 5", bad, feeds);
    Output y = oneHot(g, i, depth, onP, off, -1);
    assertRunFails(InvalidArgumentException.class, "depth must be non-negative, got: -1", y,
        Map.of(i, IndexingTestSupport.ints(0, 1, 2), depth, Tensor.of(-1), onP, Tensor.of(1f)));
    assertRunFails(InvalidArgumentException.class, "depth must be a scalar, but got: [1]", y,
        Map.of(i, IndexingTestSupport.ints(0, 1, 2), depth, IndexingTestSupport.ints(2),
            onP, Tensor.of(1f)));
    assertRunFails(InvalidArgumentException.class, "on_value must be a scalar, but got: [2]", y,
        Map.of(i, IndexingTestSupport.ints(0, 1, 2), depth, Tensor.of(2),
            onP, Tensor.of(new float[] {1, 2})));
  }
}
