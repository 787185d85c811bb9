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

/** Tests of {@code ReverseV2} and {@code ReverseSequence} against naive references. */
class IndexingReverseTest {

  static Output reverse(Graph g, Output x, Output axis) {
    return IndexingTestSupport.op(g, "ReverseV2", List.of(x, axis), Map.of());
  }

  static Output reverseSequence(Graph g, Output x, Output lens, long seqDim, long batchDim) {
    return IndexingTestSupport.op(g, "ReverseSequence", List.of(x, lens),
        Map.of("seq_dim", seqDim, "batch_dim", batchDim));
  }

  // ------------------------------------------------------------------ ReverseV2

  record ReverseCase(String shape, int[] axes, DType dtype, DType tidx) {
    @Override
    public String toString() {
      return "x[" + shape + "] axis " + Arrays.toString(axes) + " " + dtype + "/" + tidx;
    }
  }

  static Stream<ReverseCase> reverseCases() {
    Stream.Builder<ReverseCase> b = Stream.builder();
    String[][] table = {{"5", "0"}, {"2,3", "1"}, {"2,3", "-2"}, {"2,3", "0,1"}, {"2,3", ""},
        {"2,3,4", "1"}, {"2,3,4", "0,2"}, {"2,3,4", "-1,-3,1"}, {"2,2,3,2", "3,1"},
        {"0,3", "0,1"}, {"", ""}};
    for (String[] row : table) {
      int[] axes = row[1].isEmpty() ? new int[0]
          : Stream.of(row[1].split(",")).mapToInt(Integer::parseInt).toArray();
      b.add(new ReverseCase(row[0], axes, DType.FLOAT32, DType.INT32));
    }
    for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL}) {
      b.add(new ReverseCase("3,4", new int[] {1}, t, DType.INT64));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reverseCases")
  void reverseMatchesNaive(ReverseCase c) {
    long[] d = dims(c.shape());
    Tensor x = cast(iota(d), c.dtype());
    boolean[] rev = new boolean[d.length];
    for (int a : c.axes()) {
      rev[a < 0 ? a + d.length : a] = true;
    }
    Tensor want = IndexingTestSupport.reference(x, d, o -> {
      long[] s = o.clone();
      for (int k = 0; k < d.length; k++) {
        s[k] = rev[k] ? d[k] - 1 - o[k] : o[k];
      }
      return s;
    }, 0, c.dtype());
    Graph g = IndexingTestSupport.graph();
    Tensor axis = cast(Tensor.of(Shape.of(c.axes().length), c.axes()), c.tidx());
    Output y = reverse(g, constant(g, x), constant(g, axis));
    assertEquals(x.shape(), y.shape());
    assertEquals(want, IndexingTestSupport.run(y));
  }

  @Test
  void reverseErrors() {
    Graph g = IndexingTestSupport.graph();
    Output x = constant(g, iota(2, 3));
    assertBuildFails("'axis'[1] = 2 is out of valid range [0, 1 for 'ReverseV2' (op: "
        + "'ReverseV2') with input shapes: [2,3], [2].",
        () -> reverse(g, x, constant(g, ints(0, 2))));
    assertBuildFails("axis 1 specified more than once.",
        () -> reverse(g, x, constant(g, ints(1, -1))));
    assertBuildFails("Shape must be rank 1 but is rank 0",
        () -> reverse(g, x, constant(g, Tensor.of(0))));
    assertBuildFails("reverse does not work on tensors with more than 8 dimensions",
        () -> reverse(g, placeholder(g, DType.FLOAT32, Shape.unknownDims(9)),
            constant(g, ints(0))));
    assertBuildFails("Value for attr 'Tidx' of float is not in the list of allowed values: "
        + "int32, int64", () -> reverse(g, x, constant(g, Tensor.of(new float[] {0}))));
    assertBuildFails("Value for attr 'T' of variant is not in the list of allowed values: "
        + "int32, int64, bool, float, double", () -> reverse(g,
            constant(g, Tensor.variant("list")), constant(g, ints(0))));
    Output axis = placeholder(g, DType.INT32, Shape.unknown());
    Output y = reverse(g, x, axis);
    assertEquals(Shape.of(2, 3), y.shape());
    assertRunFails(InvalidArgumentException.class, "'axis'[0] = -3 is out of valid range [0, 1",
        y, Map.of(axis, ints(-3)));
    assertRunFails(InvalidArgumentException.class, "axis 0 specified more than once.", y,
        Map.of(axis, ints(0, -2)));
    assertRunFails(InvalidArgumentException.class, "'dims' must be 1-dimension, not 2", y,
        Map.of(axis, Tensor.of(new int[][] {{0}})));
    // A scalar is returned as is, whatever the axes.
    Output s = placeholder(g, DType.FLOAT32, Shape.unknown());
    assertEquals(Tensor.of(3f),
        IndexingTestSupport.run(reverse(g, s, axis), Map.of(s, Tensor.of(3f), axis, ints(7))));
  }

  // ------------------------------------------------------------------ ReverseSequence

  record SeqCase(String shape, long[] lens, int seqDim, int batchDim, DType dtype, DType tlen) {
    @Override
    public String toString() {
      return "x[" + shape + "] lens " + Arrays.toString(lens) + " seq " + seqDim + " batch "
          + batchDim + " " + dtype + "/" + tlen;
    }
  }

  static Stream<SeqCase> seqCases() {
    Stream.Builder<SeqCase> b = Stream.builder();
    b.add(new SeqCase("2,3", new long[] {2, 3}, 1, 0, DType.FLOAT32, DType.INT64));
    b.add(new SeqCase("3,2", new long[] {0, 3}, 0, 1, DType.FLOAT32, DType.INT32));
    b.add(new SeqCase("4,3,2", new long[] {4, 1, 3}, 0, 1, DType.FLOAT32, DType.INT64));
    b.add(new SeqCase("3,4,2", new long[] {4, 2, 0}, 1, 0, DType.FLOAT32, DType.INT32));
    b.add(new SeqCase("2,2,3,2", new long[] {2, 1, 0}, 1, 2, DType.FLOAT32, DType.INT32));
    b.add(new SeqCase("2,3,2,2,2", new long[] {2, 1}, 4, 0, DType.FLOAT32, DType.INT64));
    b.add(new SeqCase("0,3", new long[] {}, 1, 0, DType.FLOAT32, DType.INT64));
    for (DType t : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL}) {
      b.add(new SeqCase("2,4", new long[] {3, 4}, 1, 0, t, DType.INT64));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seqCases")
  void reverseSequenceMatchesNaive(SeqCase c) {
    long[] d = dims(c.shape());
    Tensor x = cast(iota(d), c.dtype());
    Tensor want = IndexingTestSupport.reference(x, d, o -> {
      long[] s = o.clone();
      long len = c.lens()[(int) o[c.batchDim()]];
      if (o[c.seqDim()] < len) {
        s[c.seqDim()] = len - 1 - o[c.seqDim()];
      }
      return s;
    }, 0, c.dtype());
    Graph g = IndexingTestSupport.graph();
    Tensor lens = cast(Tensor.of(Shape.of(c.lens().length), c.lens()), c.tlen());
    Output y = reverseSequence(g, constant(g, x), constant(g, lens), c.seqDim(), c.batchDim());
    assertEquals(x.shape(), y.shape());
    assertEquals(want, IndexingTestSupport.run(y));
  }

  @Test
  void reverseSequenceStaticShapes() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(-1, -1, 3));
    Output lens = placeholder(g, DType.INT64, Shape.of(4));
    Output y = reverseSequence(g, x, lens, 0, 1);
    assertEquals(Shape.of(-1, 4, 3), y.shape());
    IndexingTestSupport.runChecked(y, Map.of(x, iota(2, 4, 3),
        lens, IndexingTestSupport.longs(1, 2, 0, 2)));
    Output u = placeholder(g, DType.FLOAT32, Shape.unknown());
    assertEquals(Shape.unknown(), reverseSequence(g, u, lens, 0, 1).shape());
    Output z = reverseSequence(g, x, placeholder(g, DType.INT32, Shape.of(-1)), 1, -1);
    assertEquals(Shape.of(-1, -1, 3), z.shape()); // TF reads a negative batch_dim from the end
  }

  @Test
  void reverseSequenceErrors() {
    Graph g = IndexingTestSupport.graph();
    Output x = placeholder(g, DType.FLOAT32, Shape.of(3, 4));
    Output lens = placeholder(g, DType.INT64, Shape.of(-1));
    assertBuildFails("batch_dim must be < input rank: 2 vs. 2 for 'ReverseSequence' (op: "
        + "'ReverseSequence') with input shapes: [3,4], [?].",
        () -> reverseSequence(g, x, lens, 1, 2));
    assertBuildFails("seq_dim must be < input rank: 3 vs. 2",
        () -> reverseSequence(g, x, lens, 3, 0));
    assertBuildFails("Dimensions must be equal, but are 3 and 4",
        () -> reverseSequence(g, x, placeholder(g, DType.INT64, Shape.of(4)), 1, 0));
    assertBuildFails("Shape must be rank 1 but is rank 2",
        () -> reverseSequence(g, x, placeholder(g, DType.INT64, Shape.of(3, 1)), 1, 0));
    assertBuildFails("Value for attr 'Tlen' of float is not in the list of allowed values: "
        + "int32, int64", () -> reverseSequence(g, x,
            constant(g, Tensor.of(new float[] {1, 1, 1})), 1, 0));
    Tensor v = iota(3, 4);
    Output y = reverseSequence(g, x, lens, 1, 0);
    assertRunFails(InvalidArgumentException.class, "Length of seq_lengths != input.dims(0), "
        + "(2 vs. 3)", y, Map.of(x, v, lens, IndexingTestSupport.longs(1, 2)));
    assertRunFails(InvalidArgumentException.class, "seq_lens(1) > input.dims(1)", y,
        Map.of(x, v, lens, IndexingTestSupport.longs(1, 5, 0)));
    assertRunFails(InvalidArgumentException.class, "seq_lens(2) < 0", y,
        Map.of(x, v, lens, IndexingTestSupport.longs(1, 2, -1)));
    Output same = reverseSequence(g, x, lens, 1, 1);
    assertRunFails(InvalidArgumentException.class, "batch_dim == seq_dim == 1", same,
        Map.of(x, v, lens, IndexingTestSupport.longs(1, 2, 3, 4)));
    Output neg = reverseSequence(g, x, lens, 0, -1);
    assertRunFails(InvalidArgumentException.class, "Invalid batch_dim -1", neg,
        Map.of(x, v, lens, IndexingTestSupport.longs(1, 2, 3, 4)));
    Output r1 = placeholder(g, DType.FLOAT32, Shape.unknown());
    Output one = reverseSequence(g, r1, lens, 1, 0);
    assertRunFails(InvalidArgumentException.class, "seq_dim must be < input rank ( 1 vs. 1)",
        one, Map.of(r1, iota(3), lens, IndexingTestSupport.longs(1, 2, 3)));
    assertRunFails(InvalidArgumentException.class, "ReverseSequenceOp : Unhandled input "
        + "dimensions: 6", one, Map.of(r1, iota(2, 1, 1, 1, 1, 1),
            lens, IndexingTestSupport.longs(1, 1)));
  }
}
