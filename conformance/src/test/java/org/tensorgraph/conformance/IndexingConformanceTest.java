package org.tensorgraph.conformance;

import static org.tensorgraph.conformance.Values.ALL;
import static org.tensorgraph.conformance.Values.BOOL;
import static org.tensorgraph.conformance.Values.F32;
import static org.tensorgraph.conformance.Values.F64;
import static org.tensorgraph.conformance.Values.I32;
import static org.tensorgraph.conformance.Values.I64;
import static org.tensorgraph.conformance.Values.i32;
import static org.tensorgraph.conformance.Values.i64;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;

/**
 * Indexing ops against TF 1.15, compared exactly: Slice, StridedSlice (hand-picked specs plus a
 * seeded random set over all five masks, index dtypes and out-of-range bounds), GatherV2,
 * OneHot, ReverseV2, ReverseSequence, Pad and BroadcastTo, with the indices, axes and shapes TF
 * rejects.
 */
@ExtendWith(TensorFlowAvailable.class)
class IndexingConformanceTest {
  static final int RANDOM_STRIDED_SLICES = 300;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTf(OpCase c) {
    c.check();
  }

  static Stream<OpCase> cases() {
    return Stream.of(slice(), stridedSlice(), randomStridedSlices(), gather(), oneHot(),
        reverse(), reverseSequence(), pad(), broadcastTo()).flatMap(List::stream);
  }

  static List<OpCase> slice() {
    List<OpCase> rows = new ArrayList<>();
    Tensor x = Values.random(I32, 1, 3, 4, 5);
    Tensor[][] specs = { // begin, size; the last four TF rejects
      {i32(0, 0, 0), i32(3, 4, 5)}, {i32(1, 2, 3), i32(2, 1, 2)}, {i32(1, 0, 2), i32(-1, -1, -1)},
      {i32(2, 3, 4), i32(1, 1, 1)}, {i32(0, 0, 0), i32(0, 2, 0)}, {i64(1, 1, 1), i64(1, 2, 3)},
      {i32(1, 2, 3), i32(3, 1, 1)}, {i32(-1, 0, 0), i32(1, 1, 1)}, {i32(0, 0), i32(1, 1)},
      {i32(0, 0, 0), i32(1, 1, -2)},
    };
    for (Tensor[] s : specs) {
      rows.add(OpCase.of("Slice", x, s[0], s[1]));
    }
    for (DType t : ALL) {
      rows.add(OpCase.of("Slice", Values.random(t, 2, 4, 3), i32(1, 1), i32(2, -1)));
    }
    rows.add(OpCase.of("Slice", Values.random(F32, 3), i32(), i32()).note("scalar"));
    return rows;
  }

  /** Hand-picked specs: (begin, end, strides, begin/end/ellipsis/new-axis/shrink masks). */
  static List<OpCase> stridedSlice() {
    List<OpCase> rows = new ArrayList<>();
    Tensor x = Values.random(F32, 4, 4, 5, 6);
    int[][][] specs = {
      {{1, 0, 0}, {3, 5, 6}, {1, 1, 1}, {0, 0, 0, 0, 0}},
      {{0}, {0}, {1}, {1, 1, 0, 0, 0}}, // x[:]
      {{-1}, {0}, {-1}, {0, 1, 0, 0, 0}}, // x[::-1]
      {{0, 1}, {0, 0}, {1, 2}, {0, 0, 1, 0, 0}}, // x[..., 1::2]
      {{2}, {3}, {1}, {0, 0, 0, 0, 1}}, // x[2]
      {{0, 0, 1}, {0, 0, 2}, {1, 1, 1}, {0, 0, 2, 1, 4}}, // x[tf.newaxis, ..., 1]
      {{1, -1}, {3, -6}, {1, -2}, {0, 0, 0, 0, 0}},
      {{-9, 0}, {9, 10}, {1, 1}, {0, 0, 0, 0, 0}}, // bounds clamp
      {{0, 0, 0}, {4, 5, 6}, {1, 0, 1}, {0, 0, 0, 0, 0}}, // stride 0
      {{5}, {6}, {1}, {0, 0, 0, 0, 1}}, // shrink out of range
      {{0, 0}, {1, 1}, {1, 1}, {0, 0, 3, 0, 0}}, // two ellipses
      {{0, 0}, {1}, {1, 1}, {0, 0, 0, 0, 0}}, // lengths differ
    };
    for (int[][] s : specs) {
      rows.add(stridedSlice(x, i32(s[0]), i32(s[1]), i32(s[2]), s[3]));
    }
    for (DType t : ALL) {
      rows.add(stridedSlice(Values.random(t, 5, 3, 4), i64(1, -1), i64(3, 0), i64(1, -1),
          new int[] {0, 0, 0, 0, 0}));
    }
    rows.add(stridedSlice(Values.random(F32, 6), i32(0), i32(1), i32(1), new int[] {0, 0, 0, 1, 0})
        .note("scalar, new axis"));
    return rows;
  }

  static OpCase stridedSlice(Tensor x, Tensor begin, Tensor end, Tensor strides, int[] masks) {
    return OpCase.of("StridedSlice", x, begin, end, strides)
        .attr("begin_mask", masks[0]).attr("end_mask", masks[1]).attr("ellipsis_mask", masks[2])
        .attr("new_axis_mask", masks[3]).attr("shrink_axis_mask", masks[4]);
  }

  /**
   * Random specs (seed 2026): inputs of rank 0-4 with dims 0-5, 1-5 spec entries with bounds in
   * [-7, 7] and strides in [-3, 3] (0 now and then); begin and end masks are random bit sets,
   * the ellipsis, new-axis and shrink masks mostly empty or one bit (sometimes any bits). About
   * half are invalid; those must be rejected on both sides.
   */
  static List<OpCase> randomStridedSlices() {
    SplittableRandom r = new SplittableRandom(2026);
    List<OpCase> rows = new ArrayList<>();
    for (int i = 0; i < RANDOM_STRIDED_SLICES; i++) {
      int[] dims = new int[r.nextInt(5)];
      for (int d = 0; d < dims.length; d++) {
        dims[d] = r.nextInt(6);
      }
      int n = 1 + r.nextInt(Math.max(1, dims.length + 1));
      int[] begin = new int[n];
      int[] end = new int[n];
      int[] strides = new int[n];
      for (int k = 0; k < n; k++) {
        begin[k] = r.nextInt(-7, 8);
        end[k] = r.nextInt(-7, 8);
        strides[k] = r.nextInt(30) == 0 ? 0 : r.nextInt(1, 4) * (r.nextBoolean() ? 1 : -1);
      }
      int[] masks = {r.nextInt(1 << n), r.nextInt(1 << n), sparseMask(r, n), sparseMask(r, n),
          sparseMask(r, n)};
      Tensor x = Values.random(r.nextBoolean() ? I32 : F64, i, dims);
      boolean wide = r.nextBoolean();
      rows.add(stridedSlice(x, index(begin, wide), index(end, wide), index(strides, wide), masks)
          .note("random #" + i));
    }
    return rows;
  }

  // Empty two times in three, else one bit, and now and then any bits.
  private static int sparseMask(SplittableRandom r, int n) {
    int pick = r.nextInt(12);
    return pick < 8 ? 0 : pick < 11 ? 1 << r.nextInt(n) : r.nextInt(1 << n);
  }

  private static Tensor index(int[] v, boolean wide) {
    return wide ? Values.cast(i32(v), I64) : i32(v);
  }

  static List<OpCase> gather() {
    List<OpCase> rows = new ArrayList<>();
    Tensor params = Values.random(F32, 7, 5, 3);
    Tensor[] indices = {Tensor.of(2), i32(0, 4, 2), Values.reshape(i32(0, 1, 4, 4), 2, 2), i32(),
        i64(3, 3), i32(1, 5), i32(-1, 0)};
    for (Tensor idx : indices) {
      rows.add(OpCase.of("GatherV2", params, idx, Tensor.of(0)));
    }
    rows.add(OpCase.of("GatherV2", params, i32(2, 0, 1), Tensor.of(1)));
    rows.add(OpCase.of("GatherV2", params, i32(2, 0), Tensor.of(-1)));
    rows.add(OpCase.of("GatherV2", params, i32(2, 3), Tensor.of(1)).note("index out of range"));
    rows.add(OpCase.of("GatherV2", params, i32(0), Tensor.of(2)).note("axis out of range"));
    rows.add(OpCase.of("GatherV2", params, i32(0), Tensor.of(1L)).note("int64 axis"));
    rows.add(OpCase.of("GatherV2", Values.random(F32, 8), i32(0), Tensor.of(0)).note("scalar"));
    rows.add(OpCase.of("GatherV2", Values.random(F32, 9, 0, 3), i32(), Tensor.of(0)));
    rows.add(OpCase.of("GatherV2", Values.random(F32, 9, 0, 3), i32(0), Tensor.of(0))
        .note("gather from empty"));
    // batch_dims != 0 is left out: ours rejects every such node as UNIMPLEMENTED, TF 1.15's
    // kernel computes it (GatherV2([2,3,4], [[0,2],[1,1]], axis 1, batch_dims 1) has shape
    // [2,2,4]) and rejects batch_dims > axis as INVALID_ARGUMENT. Reported.
    for (DType t : ALL) {
      rows.add(OpCase.of("GatherV2", Values.random(t, 11, 4, 2), i32(3, 0, 3), Tensor.of(0)));
    }
    return rows;
  }

  static List<OpCase> oneHot() {
    List<OpCase> rows = new ArrayList<>();
    Tensor idx = i32(0, 2, -1, 5, 1);
    for (int axis : new int[] {-1, 0, 1, -2, 2}) {
      rows.add(OpCase.of("OneHot", idx, Tensor.of(3), Tensor.of(1f), Tensor.of(0f))
          .attr("axis", axis));
    }
    Tensor matrix = Values.reshape(i64(0, 1, 2, 3), 2, 2);
    for (int axis : new int[] {-1, 0, 1, 2}) {
      rows.add(OpCase.of("OneHot", matrix, Tensor.of(4), Tensor.of(5), Tensor.of(-1))
          .attr("axis", axis));
    }
    for (DType t : ALL) {
      rows.add(OpCase.of("OneHot", idx, Tensor.of(4), Values.scalar(t, 1), Values.scalar(t, 0)));
    }
    rows.add(OpCase.of("OneHot", Tensor.of(1), Tensor.of(3), Tensor.of(2.5), Tensor.of(-0.5))
        .note("scalar index"));
    rows.add(OpCase.of("OneHot", idx, Tensor.of(0), Tensor.of(1f), Tensor.of(0f)).note("depth 0"));
    rows.add(OpCase.of("OneHot", i32(), Tensor.of(3), Tensor.of(1f), Tensor.of(0f)));
    rows.add(OpCase.of("OneHot", idx, Tensor.of(-1), Tensor.of(1f), Tensor.of(0f))
        .note("negative depth"));
    rows.add(OpCase.of("OneHot", idx, Tensor.of(3), Values.f32(1), Tensor.of(0f))
        .note("vector on_value"));
    rows.add(OpCase.of("OneHot", idx, Tensor.of(3), Tensor.of(1f), Tensor.of(0.0))
        .note("on/off dtypes differ"));
    rows.add(OpCase.of("OneHot", Values.f32(0, 1), Tensor.of(3), Tensor.of(1f), Tensor.of(0f))
        .note("float indices"));
    return rows;
  }

  static List<OpCase> reverse() {
    List<OpCase> rows = new ArrayList<>();
    Tensor x = Values.random(I64, 12, 2, 3, 4);
    for (Tensor axes : new Tensor[] {i32(), i32(0), i32(1), i32(-1), i32(0, 2), i32(0, 1, 2),
        i64(-3, 1), i32(0, 0), i32(3), i32(-4), i32(0, -3)}) {
      rows.add(OpCase.of("ReverseV2", x, axes));
    }
    for (DType t : ALL) {
      rows.add(OpCase.of("ReverseV2", Values.random(t, 13, 3, 0, 2), i32(1, 2)));
      rows.add(OpCase.of("ReverseV2", Values.random(t, 14, 5), i32(0)));
    }
    rows.add(OpCase.of("ReverseV2", Values.random(F32, 15), i32()).note("scalar"));
    rows.add(OpCase.of("ReverseV2", x, Tensor.of(0)).note("scalar axis"));
    return rows;
  }

  static List<OpCase> reverseSequence() {
    List<OpCase> rows = new ArrayList<>();
    Tensor x = Values.random(F32, 16, 3, 4, 2);
    Object[][] specs = { // seq_lengths, seq_dim, batch_dim; the last five TF rejects
      {i32(1, 4, 0), 1, 0}, {i64(2, 2, 3), 1, 0}, {i32(4, 4, 4), -2, 0}, {i32(1, 2), 0, 2},
      {i32(2, 0, 1, 3), 0, 1}, {i32(1, 5, 0), 1, 0}, {i32(1, 2), 1, 0}, {i32(1, 1, 1), 1, 1},
      {i32(1, -1, 0), 1, 0}, {i32(1, 1, 1), 3, 0},
    };
    for (Object[] s : specs) {
      rows.add(OpCase.of("ReverseSequence", x, s[0]).attr("seq_dim", s[1]).attr("batch_dim", s[2]));
    }
    for (DType t : ALL) {
      rows.add(OpCase.of("ReverseSequence", Values.random(t, 17, 2, 5), i32(3, 5))
          .attr("seq_dim", 1));
    }
    return rows;
  }

  static List<OpCase> pad() {
    List<OpCase> rows = new ArrayList<>();
    Tensor x = Values.random(F64, 18, 2, 3);
    Tensor[] paddings = {Values.reshape(i32(1, 2, 0, 1), 2, 2),
        Values.reshape(i32(0, 0, 0, 0), 2, 2),
        Values.reshape(i64(3, 0, 2, 2), 2, 2), Values.reshape(i32(-1, 0, 0, 0), 2, 2),
        i32(1, 1), Values.reshape(i32(1, 1, 1, 1, 1, 1), 3, 2), Values.reshape(i32(1, 1), 1, 2)};
    for (Tensor p : paddings) {
      rows.add(OpCase.of("Pad", x, p));
    }
    for (DType t : ALL) {
      rows.add(OpCase.of("Pad", Values.random(t, 19, 2, 0, 2),
          Values.reshape(i32(0, 1, 2, 0, 1, 1), 3, 2)));
    }
    rows.add(OpCase.of("Pad", Values.random(F32, 20), Values.reshape(i32(), 0, 2)).note("scalar"));
    return rows;
  }

  static List<OpCase> broadcastTo() {
    List<OpCase> rows = new ArrayList<>();
    Object[][] specs = { // input dims, target shape; the last three TF rejects
      {new int[] {3}, i32(2, 3)}, {new int[] {}, i32(2, 2)}, {new int[] {2, 1}, i64(2, 3)},
      {new int[] {1}, i32(0)}, {new int[] {2, 3}, i32(2, 3)}, {new int[] {1, 3}, i32(4, 2, 3)},
      {new int[] {}, i32()}, {new int[] {3}, i32(2, 4)}, {new int[] {2, 3}, i32(3)},
      {new int[] {2}, i32(-1, 2)},
    };
    for (Object[] s : specs) {
      rows.add(OpCase.of("BroadcastTo", Values.random(F32, 21, (int[]) s[0]), s[1]));
    }
    for (DType t : ALL) {
      rows.add(OpCase.of("BroadcastTo", Values.random(t, 22, 1, 3), i32(2, 2, 3)));
    }
    rows.add(OpCase.of("BroadcastTo", Values.random(BOOL, 23, 2, 1), i32(2, 0)));
    rows.add(OpCase.of("BroadcastTo", Values.random(F64, 24, 1), i32(5)));
    return rows;
  }
}
