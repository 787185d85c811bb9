package org.tensorgraph.conformance;

import static org.tensorgraph.conformance.Values.ALL;
import static org.tensorgraph.conformance.Values.BOOL;
import static org.tensorgraph.conformance.Values.F32;
import static org.tensorgraph.conformance.Values.F64;
import static org.tensorgraph.conformance.Values.I32;
import static org.tensorgraph.conformance.Values.I64;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;

/**
 * Sum, Mean, Max, Min, Prod, All, Any, ArgMax and ArgMin against TF 1.15: scalar and vector axes,
 * negative, repeated and empty axis lists, keep_dims, int64 axes, reductions over empty dims
 * (identities, or TF's errors for ArgMax/ArgMin), every dtype, and out-of-range axes.
 */
@ExtendWith(TensorFlowAvailable.class)
class ReductionConformanceTest {
  static final List<String> REDUCTIONS = List.of("Sum", "Mean", "Max", "Min", "Prod");

  /** Axis inputs for a rank-3 input; the last two are out of range. */
  static final Tensor[] AXES = {
    Tensor.of(0), Tensor.of(1), Tensor.of(-1), Tensor.of(-3), Values.i32(0, 2), Values.i32(),
    Values.i32(1, -1), Values.i32(2, -1), Values.i32(0, 1, 2), Values.i64(-2), Tensor.of(3L),
    Values.i32(-4),
  };

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTf(OpCase c) {
    c.check();
  }

  static Stream<OpCase> cases() {
    return Stream.of(reductions(), logical(), argMinMax()).flatMap(List::stream);
  }

  static List<OpCase> reductions() {
    List<OpCase> rows = new ArrayList<>();
    for (String op : REDUCTIONS) {
      for (DType t : new DType[] {F32, I32}) {
        Tensor x = Values.random(t, 1, 2, 3, 4);
        for (Tensor axis : AXES) {
          rows.add(OpCase.of(op, x, axis));
          rows.add(OpCase.of(op, x, axis).attr("keep_dims", true));
        }
        rows.addAll(emptyAndScalar(op, t));
      }
      for (DType t : ALL) {
        rows.add(OpCase.of(op, Values.random(t, 2, 3, 4), Tensor.of(1)).note("dtype sweep"));
      }
      for (DType t : new DType[] {F32, F64, I64}) {
        rows.add(OpCase.of(op, Values.positive(t, 3, 6, 5), Values.i32(0)).note("positive"));
      }
      rows.add(OpCase.of(op, Values.floatEdges(F32), Tensor.of(0)).note("edge values"));
      // Large enough for TF's vectorized reducers; multiples of 1/4 keep float sums exact.
      for (DType t : new DType[] {F32, I64}) {
        // Prod sees ±1 only: with larger factors a partial product overflows to inf and meets a
        // zero as NaN in one summation order and not in another.
        Tensor big = op.equals("Prod") ? signs(Values.random(t, 40, 12, 300))
            : Values.random(t, 40, 12, 300);
        rows.add(OpCase.of(op, big, Tensor.of(1)).note("12x300"));
        rows.add(OpCase.of(op, big, Tensor.of(0)).note("12x300"));
        rows.add(OpCase.of(op, big, Values.i32(0, 1)).note("12x300"));
      }
      rows.add(OpCase.of(op, Values.uniform(F64, 4, 3, 5, 64), Tensor.of(1)).note("unrounded"));
    }
    return rows;
  }

  private static Tensor signs(Tensor x) {
    double[] d = new double[x.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = x.getAsDouble(i) < 0 ? -1 : 1;
    }
    return Values.cast(Tensor.of(x.shape(), d), x.dtype());
  }

  private static List<OpCase> emptyAndScalar(String op, DType t) {
    Tensor empty = Values.random(t, 5, 2, 0, 3);
    return List.of(
        OpCase.of(op, empty, Tensor.of(1)).note("over an empty dim"),
        OpCase.of(op, empty, Tensor.of(0)).note("keeping an empty dim"),
        OpCase.of(op, empty, Values.i32()).note("no axes"),
        OpCase.of(op, Values.random(t, 6), Values.i32()).note("scalar, no axes"),
        OpCase.of(op, Values.random(t, 6), Tensor.of(0)).note("scalar, axis 0"),
        OpCase.of(op, Values.random(t, 7, 5), Tensor.of(0)).attr("keep_dims", true),
        OpCase.of(op, Values.random(t, 8, 2, 3), Values.reshape(Values.i32(0, 1), 1, 2))
            .note("axes of rank 2"),
        OpCase.of(op, Values.random(t, 8, 2, 3), Values.random(t == I32 ? F32 : I32, 1))
            .note("float axis"));
  }

  static List<OpCase> logical() {
    List<OpCase> rows = new ArrayList<>();
    for (String op : List.of("All", "Any")) {
      Tensor x = Values.random(BOOL, 9, 2, 3, 4);
      for (Tensor axis : AXES) {
        rows.add(OpCase.of(op, x, axis));
        rows.add(OpCase.of(op, x, axis).attr("keep_dims", true));
      }
      rows.addAll(emptyAndScalar(op, BOOL));
      rows.add(OpCase.of(op, Values.bools(true, true), Tensor.of(0)));
      rows.add(OpCase.of(op, Values.bools(false, false), Tensor.of(0)));
      rows.add(OpCase.of(op, Values.random(F32, 1, 3), Tensor.of(0)).note("float input"));
    }
    return rows;
  }

  static List<OpCase> argMinMax() {
    List<OpCase> rows = new ArrayList<>();
    for (String op : List.of("ArgMax", "ArgMin")) {
      Tensor x = Values.random(F32, 10, 2, 3, 4);
      for (Tensor axis : new Tensor[] {Tensor.of(0), Tensor.of(1), Tensor.of(-1), Tensor.of(2L),
          Values.i32(1), Values.i32(0, 1)}) {
        rows.add(OpCase.of(op, x, axis));
      }
      // A constant axis out of range: TF rejects the node when it is added ("Dimension (3) must
      // be in the range [-3, 3), where 3 is the number of dimensions in the input."), ours only
      // when it runs; so the inferred-shape check is off for these two rows. Reported.
      rows.add(OpCase.of(op, x, Tensor.of(3)).withoutStaticShapes());
      rows.add(OpCase.of(op, x, Tensor.of(-4)).withoutStaticShapes());
      for (DType t : ALL) {
        rows.add(OpCase.of(op, Values.random(t, 11, 4, 5), Tensor.of(1)).note("dtype sweep"));
      }
      rows.add(OpCase.of(op, Values.random(I64, 12, 3, 4), Tensor.of(0)).attr("output_type", I32));
      rows.add(OpCase.of(op, Values.f32(1, 3, 3, -1, -1, 3), Tensor.of(0)).note("ties: first"));
      rows.add(OpCase.of(op, Values.random(F32, 13, 7), Tensor.of(0)));
      rows.add(OpCase.of(op, Values.random(F32, 14, 2, 0), Tensor.of(1)).note("empty axis"));
      rows.add(OpCase.of(op, Values.random(F32, 14, 0, 2), Tensor.of(1)).note("empty outer"));
      rows.add(OpCase.of(op, Values.random(F32, 14), Tensor.of(0)).note("scalar"));
      rows.add(OpCase.of(op, Values.f32(1, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0),
          Tensor.of(0)).note("infinities"));
    }
    return rows;
  }
}
