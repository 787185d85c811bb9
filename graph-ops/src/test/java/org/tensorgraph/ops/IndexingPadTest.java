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

/** Tests of {@code Pad} against a naive per-element reference. */
class IndexingPadTest {

  static Output pad(Graph g, Output x, Output paddings) {
    return IndexingTestSupport.op(g, "Pad", List.of(x, paddings), Map.of());
  }

  static Tensor paddings(DType t, long... v) {
    return cast(Tensor.of(Shape.of(v.length / 2, 2), v), t);
  }

  record OpCase(String shape, long[] paddings, DType dtype, DType tpad) {
    @Override
    public String toString() {
      return "x[" + shape + "] paddings " + Arrays.toString(paddings) + " " + dtype + "/" + tpad;
    }
  }

  static Stream<OpCase> cases() {
    Stream.Builder<OpCase> b = Stream.builder();
    b.add(new OpCase("3", new long[] {1, 2}, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("2,3", new long[] {1, 0, 0, 2}, DType.FLOAT32, DType.INT64));
    b.add(new OpCase("2,3", new long[] {0, 0, 0, 0}, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("2,2,2", new long[] {1, 1, 0, 1, 2, 0}, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("1,2,1,2", new long[] {0, 1, 1, 0, 1, 1, 0, 0}, DType.FLOAT32,
        DType.INT32));
    b.add(new OpCase("0,2", new long[] {1, 1, 0, 1}, DType.FLOAT32, DType.INT32));
    b.add(new OpCase("", new long[] {}, DType.FLOAT32, DType.INT32));
    for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL}) {
      b.add(new OpCase("2,2", new long[] {1, 0, 1, 1}, t, DType.INT64));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNaivePad(OpCase c) {
    long[] d = dims(c.shape());
    long[] p = c.paddings();
    long[] out = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = p[2 * i] + d[i] + p[2 * i + 1];
    }
    // Shift values by one so that the zero padding differs from every input value.
    Tensor x = cast(shifted(iota(d)), c.dtype());
    Tensor want = IndexingTestSupport.reference(x, out, o -> {
      long[] s = new long[d.length];
      for (int i = 0; i < d.length; i++) {
        s[i] = o[i] - p[2 * i];
        if (s[i] < 0 || s[i] >= d[i]) {
          return null;
        }
      }
      return s;
    }, 0, c.dtype());
    Graph g = IndexingTestSupport.graph();
    Output y = pad(g, constant(g, x), constant(g, paddings(c.tpad(), p)));
    assertEquals(Shape.of(out), y.shape());
    assertEquals(want, IndexingTestSupport.run(y));
  }

  private static Tensor shifted(Tensor t) {
    float[] v = t.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] += 1;
    }
    return Tensor.of(t.shape(), v);
  }

  @Test
  void staticShapes() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(-1, 3));
    Output y = pad(g, x, constant(g, paddings(DType.INT32, 1, 1, 2, 0)));
    assertEquals(Shape.of(-1, 5), y.shape());
    IndexingTestSupport.runChecked(y, Map.of(x, iota(4, 3)));
    Output p = placeholder(g, DType.INT32, Shape.of(2, 2));
    assertEquals(Shape.of(-1, -1), pad(g, x, p).shape());
    Output pr = placeholder(g, DType.INT64, Shape.of(-1, 2));
    Output x3 = placeholder(g, DType.FLOAT32, Shape.of(2, -1, 4));
    assertEquals(Shape.of(-1, -1, -1), pad(g, x3, pr).shape());
    Output u = placeholder(g, DType.FLOAT32, Shape.unknown());
    assertEquals(Shape.unknown(), pad(g, u, pr).shape());
    assertEquals(Shape.of(-1, -1),
        pad(g, u, constant(g, paddings(DType.INT64, 1, 2, 0, 5))).shape());
  }

  @Test
  void errors() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(2, 3));
    assertBuildFails("Paddings must be non-negative for 'Pad' (op: 'Pad') with input shapes: "
        + "[2,3], [2,2].", () -> pad(g, x, constant(g, paddings(DType.INT32, 0, 0, -1, 0))));
    assertBuildFails("Dimension must be 2 but is 3",
        () -> pad(g, x, constant(g, Tensor.of(new int[][] {{0, 0, 0}, {0, 0, 0}}))));
    assertBuildFails("Shape must be rank 3 but is rank 2",
        () -> pad(g, x, constant(g, paddings(DType.INT32, 0, 0, 0, 0, 0, 0))));
    Output f = constant(g, Tensor.of(new float[][] {{0, 0}, {0, 0}}));
    assertBuildFails("Value for attr 'Tpaddings' of float is not in the list of allowed values",
        () -> pad(g, x, f));
    Output p = placeholder(g, DType.INT32, Shape.unknown());
    Output y = pad(g, x, p);
    Tensor v = iota(2, 3);
    assertRunFails(InvalidArgumentException.class, "Paddings must be non-negative: -1 0", y,
        Map.of(x, v, p, paddings(DType.INT32, 0, 0, -1, 0)));
    assertRunFails(InvalidArgumentException.class, "The first dimension of paddings must be the "
        + "rank of inputs[3,2] [2,3]", y, Map.of(x, v, p, paddings(DType.INT32, 0, 0, 0, 0, 0, 0)));
    assertRunFails(InvalidArgumentException.class, "paddings must be a matrix with 2 columns: "
        + "[2,3]", y, Map.of(x, v, p, Tensor.of(new int[][] {{0, 0, 0}, {0, 0, 0}})));
    Output u = placeholder(g, DType.FLOAT32, Shape.unknown());
    assertRunFails(UnimplementedException.class, "inputs rank not in [0,6]: 7", pad(g, u, p),
        Map.of(u, iota(1, 1, 1, 1, 1, 1, 1), p, paddings(DType.INT32, new long[14])));
  }
}
