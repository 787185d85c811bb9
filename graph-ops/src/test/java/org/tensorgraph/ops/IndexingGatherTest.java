package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.ops.IndexingTestSupport.assertBuildFails;
import static org.tensorgraph.ops.IndexingTestSupport.assertRunFails;
import static org.tensorgraph.ops.IndexingTestSupport.cast;
import static org.tensorgraph.ops.IndexingTestSupport.constant;
import static org.tensorgraph.ops.IndexingTestSupport.dims;
import static org.tensorgraph.ops.IndexingTestSupport.iota;
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
import org.tensorgraph.core.errors.UnimplementedException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/** Tests of {@code GatherV2} against a naive per-element reference. */
class IndexingGatherTest {

  static Output gather(Graph g, Output params, Output indices, Output axis) {
    return IndexingTestSupport.op(g, "GatherV2", List.of(params, indices, axis), Map.of());
  }

  /** Indices as a tensor of {@code dtype} and {@code shape}. */
  static Tensor indices(DType dtype, long[] shape, long... v) {
    return cast(Tensor.of(Shape.of(shape), v), dtype);
  }

  record OpCase(String params, String indicesShape, long[] indices, long axis, DType dtype,
      DType indexType) {
    @Override
    public String toString() {
      return "params[" + params + "] indices[" + indicesShape + "]=" + Arrays.toString(indices)
          + " axis " + axis + " " + dtype + "/" + indexType;
    }
  }

  static Stream<OpCase> cases() {
    Stream.Builder<OpCase> b = Stream.builder();
    b.add(new OpCase("5,3", "2", new long[] {4, 0}, 0, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("5,3", "", new long[] {2}, 0, DType.FLOAT32, DType.INT64));
    b.add(new OpCase("5,3", "2,2", new long[] {1, 1, 0, 2}, 1, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("5,3", "3", new long[] {2, 2, 0}, -1, DType.FLOAT32, DType.INT64));
    b.add(new OpCase("2,3,4", "2", new long[] {3, 0}, -1, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("2,3,4", "4", new long[] {2, 1, 0, 1}, 1, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("2,3,4", "0", new long[] {}, 1, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("2,0,4", "2", new long[] {7, 9}, 2, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("4", "2,3", new long[] {3, 2, 1, 0, 0, 3}, 0, DType.FLOAT32, DType.INT64));
    for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL}) {
      b.add(new OpCase("3,4", "3", new long[] {3, 0, 1}, 1, t, DType.INT64));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNaiveGather(OpCase c) {
    long[] pd = dims(c.params());
    long[] id = dims(c.indicesShape());
    Tensor params = cast(iota(pd), c.dtype());
    Tensor idx = indices(c.indexType(), id, c.indices());
    int axis = (int) (c.axis() < 0 ? c.axis() + pd.length : c.axis());
    long[] outDims = Shape.of(pd).subShape(0, axis).concatenate(Shape.of(id))
        .concatenate(Shape.of(pd).subShape(axis + 1, pd.length)).dims();
    Tensor want = IndexingTestSupport.reference(params, outDims, o -> {
      long[] s = new long[pd.length];
      System.arraycopy(o, 0, s, 0, axis);
      long flat = 0;
      for (int k = 0; k < id.length; k++) {
        flat = flat * id[k] + o[axis + k];
      }
      s[axis] = c.indices()[(int) flat];
      System.arraycopy(o, axis + id.length, s, axis + 1, pd.length - axis - 1);
      return s;
    }, 0, c.dtype());
    Graph g = IndexingTestSupport.graph();
    Output y = gather(g, constant(g, params), constant(g, idx), constant(g, Tensor.of(c.axis())));
    assertEquals(Shape.of(outDims), y.shape());
    assertEquals(want, IndexingTestSupport.run(y));
  }

  @Test
  void staticShapes() {
    Graph g = IndexingTestSupport.graph();
    Output p = placeholder(g, DType.FLOAT32, Shape.of(-1, 3));
    Output i = placeholder(g, DType.INT32, Shape.of(-1));
    assertEquals(Shape.of(-1, -1), gather(g, p, i, constant(g, Tensor.of(1))).shape());
    assertEquals(Shape.of(-1, 3), gather(g, p, i, constant(g, Tensor.of(0))).shape());
    Output axis = placeholder(g, DType.INT32, Shape.scalar());
    assertEquals(Shape.of(-1, -1), gather(g, p, i, axis).shape());
    Output u = placeholder(g, DType.FLOAT32, Shape.unknown());
    assertEquals(Shape.unknown(), gather(g, u, i, constant(g, Tensor.of(0))).shape());
    Output p2 = placeholder(g, DType.FLOAT32, Shape.of(4, 3));
    Output i2 = placeholder(g, DType.INT64, Shape.of(2, 5));
    Output y = gather(g, p2, i2, constant(g, Tensor.of(-1L)));
    assertEquals(Shape.of(4, 2, 5), y.shape());
    Tensor got = IndexingTestSupport.runChecked(y, Map.of(p2, iota(4, 3),
        i2, indices(DType.INT64, new long[] {2, 5}, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0)));
    assertEquals(9f, got.getFloat(3, 1, 4));
  }

  @Test
  void shapeErrorsWhileBuilding() {
    Graph g = IndexingTestSupport.graph();
    Output p = constant(g, iota(4, 3));
    Output i = constant(g, IndexingTestSupport.ints(0));
    assertBuildFails("Shape must be at least rank 3 but is rank 2 for 'GatherV2' (op: 'GatherV2')"
        + " with input shapes: [4,3], [1], [].", () -> gather(g, p, i, constant(g, Tensor.of(2))));
    assertBuildFails("Shape must be at least rank 3 but is rank 2",
        () -> gather(g, p, i, constant(g, Tensor.of(-3))));
    assertBuildFails("Shape must be at least rank 1 but is rank 0",
        () -> gather(g, constant(g, Tensor.of(1f)), i, constant(g, Tensor.of(0))));
    assertBuildFails("Shape must be rank 0 but is rank 1",
        () -> gather(g, p, i, constant(g, IndexingTestSupport.ints(0))));
    Output f = constant(g, Tensor.of(Shape.of(1), new float[] {0}));
    assertBuildFails("Value for attr 'Tindices' of float is not in the list of allowed values: "
        + "int32, int64", () -> gather(g, p, f, constant(g, Tensor.of(0))));
  }

  @Test
  void outOfRangeIndicesFailWithTfText() {
    Graph g = IndexingTestSupport.graph();
    Output p = placeholder(g, DType.FLOAT32, Shape.of(4, 2));
    Output i = placeholder(g, DType.INT32, Shape.unknown());
    Output y = gather(g, p, i, constant(g, Tensor.of(0)));
    Tensor x = iota(4, 2);
    assertRunFails(InvalidArgumentException.class, "indices[1] = 5 is not in [0, 4)", y,
        Map.of(p, x, i, IndexingTestSupport.ints(0, 5, 1)));
    assertRunFails(InvalidArgumentException.class, "indices[1,0] = -1 is not in [0, 4)", y,
        Map.of(p, x, i, Tensor.of(new int[][] {{0, 1}, {-1, 2}})));
    assertRunFails(InvalidArgumentException.class, "indices = 7 is not in [0, 4)", y,
        Map.of(p, x, i, Tensor.of(7)));
  }

  @Test
  void runtimeAxisAndRankErrors() {
    Graph g = IndexingTestSupport.graph();
    Output p = placeholder(g, DType.FLOAT32, Shape.unknown());
    Output i = constant(g, IndexingTestSupport.ints(0));
    Output axis = placeholder(g, DType.INT64, Shape.unknown());
    Output y = gather(g, p, i, axis);
    assertRunFails(InvalidArgumentException.class, "Expected axis in the range [-2, 2), but got 2",
        y, Map.of(p, iota(4, 2), axis, Tensor.of(2L)));
    assertRunFails(InvalidArgumentException.class, "axis must be scalar", y,
        Map.of(p, iota(4, 2), axis, IndexingTestSupport.longs(0)));
    assertRunFails(InvalidArgumentException.class, "params must be at least 1 dimensional", y,
        Map.of(p, Tensor.of(1f), axis, Tensor.of(0L)));
    Output z = g.opBuilder("GatherV2", null).addInput(p).addInput(i).addInput(axis)
        .setAttr("batch_dims", 1).build().output(0);
    IndexingTestSupport.assertRunFails(UnimplementedException.class, "GatherV2 with batch_dims "
        + "!= 0 is not supported; TF 1.15's tf.gather(batch_dims=...) builds it from other ops",
        z, Map.of(p, iota(1, 2), axis, Tensor.of(1L)));
  }
}
