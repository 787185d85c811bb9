package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.ops.IndexingTestSupport.assertBuildFails;
import static org.tensorgraph.ops.IndexingTestSupport.assertRunFails;
import static org.tensorgraph.ops.IndexingTestSupport.cast;
import static org.tensorgraph.ops.IndexingTestSupport.constant;
import static org.tensorgraph.ops.IndexingTestSupport.dims;
import static org.tensorgraph.ops.IndexingTestSupport.ints;
import static org.tensorgraph.ops.IndexingTestSupport.iota;
import static org.tensorgraph.ops.IndexingTestSupport.placeholder;

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

/** Tests of {@code BroadcastTo} against numpy's broadcasting rule, element by element. */
class IndexingBroadcastToTest {

  static Output broadcastTo(Graph g, Output x, Output shape) {
    return IndexingTestSupport.op(g, "BroadcastTo", List.of(x, shape), Map.of());
  }

  record OpCase(String from, String to, DType dtype, DType tidx) {
    @Override
    public String toString() {
      return "[" + from + "] -> [" + to + "] " + dtype + "/" + tidx;
    }
  }

  static Stream<OpCase> cases() {
    Stream.Builder<OpCase> b = Stream.builder();
    String[][] table = {{"3", "2,3"}, {"2,1", "2,3"}, {"", "2,2"}, {"1,3,1", "2,1,3,4"},
        {"2,3", "2,3"}, {"3", "0,3"}, {"1", "4"}, {"1,1", "1"}, {"1,2", "3,1,2"}};
    for (String[] row : table) {
      b.add(new OpCase(row[0], row[1], DType.FLOAT32, DType.INT32));
    }
    for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL}) {
      b.add(new OpCase("3,1", "2,3,2", t, DType.INT64));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNumpyBroadcasting(OpCase c) {
    long[] from = dims(c.from());
    long[] to = dims(c.to());
    if (from.length > to.length) { // [1,1] -> [1] is rejected (the rank may not shrink)
      Graph g = IndexingTestSupport.graph();
      Output y = broadcastTo(g, placeholder(g, DType.FLOAT32, Shape.unknown()),
          constant(g, cast(Tensor.of(Shape.of(to.length), to), c.tidx())));
      assertRunFails(InvalidArgumentException.class, "Rank of input (2) must be no greater than "
          + "rank of output shape (1).", y, Map.of(y.op().input(0), iota(from)));
      return;
    }
    Tensor x = cast(iota(from), c.dtype());
    int off = to.length - from.length;
    Tensor want = IndexingTestSupport.reference(x, to, o -> {
      long[] s = new long[from.length];
      for (int i = 0; i < from.length; i++) {
        s[i] = from[i] == 1 ? 0 : o[off + i];
      }
      return s;
    }, 0, c.dtype());
    Graph g = IndexingTestSupport.graph();
    Output y = broadcastTo(g, constant(g, x),
        constant(g, cast(Tensor.of(Shape.of(to.length), to), c.tidx())));
    assertEquals(Shape.of(to), y.shape());
    assertEquals(want, IndexingTestSupport.run(y));
  }

  @Test
  void staticShapes() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(-1));
    assertEquals(Shape.of(2, 3), broadcastTo(g, x, constant(g, ints(2, 3))).shape());
    Output s = placeholder(g, DType.INT32, Shape.of(2));
    Output x3 = placeholder(g, DType.FLOAT32, Shape.of(3));
    Output y = broadcastTo(g, x3, s);
    assertEquals(Shape.of(-1, 3), y.shape());
    IndexingTestSupport.runChecked(y, Map.of(x3, iota(3), s, ints(4, 3)));
    Output su = placeholder(g, DType.INT32, Shape.of(-1));
    assertEquals(Shape.unknown(), broadcastTo(g, x3, su).shape());
    Output u = placeholder(g, DType.FLOAT32, Shape.unknown());
    assertEquals(Shape.of(-1, 5), broadcastTo(g, u, constant(g, ints(-1, 5))).shape());
  }

  @Test
  void errors() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(2, 3));
    assertBuildFails("Shape must be at most rank 1 but is rank 2 for 'BroadcastTo' (op: "
        + "'BroadcastTo') with input shapes: [2,3], [1].",
        () -> broadcastTo(g, x, constant(g, ints(3))));
    assertBuildFails("Dimensions must be equal, but are 3 and 4",
        () -> broadcastTo(g, x, constant(g, ints(2, 4))));
    assertBuildFails("Invalid value in tensor used for shape: -2",
        () -> broadcastTo(g, x, constant(g, ints(-2, 3))));
    assertBuildFails("Shape must be rank 1 but is rank 0",
        () -> broadcastTo(g, x, constant(g, Tensor.of(3))));
    assertBuildFails("Value for attr 'Tidx' of float is not in the list of allowed values: "
        + "int32, int64", () -> broadcastTo(g, x, constant(g, Tensor.of(new float[] {2, 3}))));
    Output u = placeholder(g, DType.FLOAT32, Shape.unknown());
    Output s = placeholder(g, DType.INT64, Shape.unknown());
    Output y = broadcastTo(g, u, s);
    assertRunFails(InvalidArgumentException.class, "Incompatible shapes: [3] vs. [2,4]", y,
        Map.of(u, iota(3), s, IndexingTestSupport.longs(2, 4)));
    assertRunFails(InvalidArgumentException.class, "Unable to broadcast tensor of shape [3] to "
        + "tensor of shape [1]", y, Map.of(u, iota(3), s, IndexingTestSupport.longs(1)));
    assertRunFails(InvalidArgumentException.class, "Dimension -2 must be >= 0", y,
        Map.of(u, iota(3), s, IndexingTestSupport.longs(-2, 3)));
    assertRunFails(InvalidArgumentException.class, "shape must be a vector of {int32,int64}, "
        + "got shape []", y, Map.of(u, iota(3), s, Tensor.of(3L)));
    // An empty result is produced before the shapes are compared, as TF does.
    assertEquals(Shape.of(0, 4), IndexingTestSupport.run(y,
        Map.of(u, iota(3), s, IndexingTestSupport.longs(0, 4))).shape());
  }
}
