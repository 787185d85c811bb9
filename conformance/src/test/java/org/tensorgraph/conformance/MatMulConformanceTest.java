package org.tensorgraph.conformance;

import static org.tensorgraph.conformance.Values.ALL;
import static org.tensorgraph.conformance.Values.F32;
import static org.tensorgraph.conformance.Values.F64;
import static org.tensorgraph.conformance.Values.I32;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;

/**
 * MatMul, BatchMatMulV2 and BiasAdd against TF 1.15: transposes and adjoints, empty and zero-size
 * inner dims, batch broadcasting, NHWC/NCHW, every dtype, and the shapes TF rejects. Values are
 * multiples of 1/4, so any summation order gives the same float result.
 */
@ExtendWith(TensorFlowAvailable.class)
class MatMulConformanceTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTf(OpCase c) {
    c.check();
  }

  static Stream<OpCase> cases() {
    return Stream.of(matMul(), batchMatMul(), biasAdd()).flatMap(List::stream);
  }

  /** (a dims, b dims, transpose_a, transpose_b); 1 = true. The last rows TF rejects. */
  static final int[][][] MATMUL = {
    {{2, 3}, {3, 4}, {0, 0}}, {{1, 1}, {1, 1}, {0, 0}}, {{3, 2}, {3, 4}, {1, 0}},
    {{2, 3}, {4, 3}, {0, 1}}, {{3, 2}, {4, 3}, {1, 1}}, {{0, 3}, {3, 2}, {0, 0}},
    {{2, 0}, {0, 3}, {0, 0}}, {{2, 3}, {3, 0}, {0, 0}}, {{7, 16}, {16, 9}, {0, 0}},
    {{2, 3}, {2, 3}, {0, 0}}, {{3}, {3, 2}, {0, 0}}, {{2, 2, 3}, {3, 2}, {0, 0}},
  };

  static List<OpCase> matMul() {
    List<OpCase> rows = new ArrayList<>();
    for (DType t : new DType[] {F32, F64}) {
      for (int[][] m : MATMUL) {
        rows.add(OpCase.of("MatMul", Values.random(t, 1, m[0]), Values.random(t, 2, m[1]))
            .attr("transpose_a", m[2][0] == 1).attr("transpose_b", m[2][1] == 1));
      }
    }
    for (DType t : ALL) { // TF has CPU kernels for float, double and int32 only
      rows.add(OpCase.of("MatMul", Values.random(t, 3, 2, 3), Values.random(t, 4, 3, 4))
          .note("dtype sweep"));
    }
    // Unrounded float32 inputs are left out on purpose: a 40-term dot product with cancellation
    // differs in the last ~40 ulp between any two summation orders (TF 0.10627674 vs ours
    // 0.10627642 for one), which says nothing about either kernel. float64 rows cover it.
    rows.add(OpCase.of("MatMul", Values.uniform(F64, 5, 1, 6, 40), Values.uniform(F64, 6, 1, 40, 5))
        .note("unrounded values"));
    rows.add(OpCase.of("MatMul", Values.random(F32, 7, 2, 3), Values.random(F64, 8, 3, 2))
        .note("dtypes differ"));
    return rows;
  }

  /** (x dims, y dims, adj_x, adj_y). The last rows TF rejects. */
  static final int[][][] BATCH = {
    {{2, 2, 3}, {2, 3, 4}, {0, 0}}, {{2, 3}, {3, 2}, {0, 0}}, {{2, 1, 2, 3}, {3, 3, 2}, {0, 0}},
    {{3, 2, 3}, {3, 4}, {0, 0}}, {{2, 3}, {4, 3, 1}, {0, 0}}, {{2, 3, 2}, {2, 3, 4}, {1, 0}},
    {{2, 2, 3}, {2, 4, 3}, {0, 1}}, {{2, 3, 2}, {2, 4, 3}, {1, 1}}, {{0, 2, 3}, {0, 3, 1}, {0, 0}},
    {{2, 2, 0}, {2, 0, 3}, {0, 0}}, {{1, 2, 3}, {4, 3, 2}, {0, 0}},
    {{2, 2, 3}, {3, 3, 2}, {0, 0}}, {{2, 2, 3}, {2, 2, 3}, {0, 0}}, {{3}, {3, 2}, {0, 0}},
  };

  static List<OpCase> batchMatMul() {
    List<OpCase> rows = new ArrayList<>();
    for (DType t : new DType[] {F32, F64}) {
      for (int[][] m : BATCH) {
        rows.add(OpCase.of("BatchMatMulV2", Values.random(t, 9, m[0]), Values.random(t, 10, m[1]))
            .attr("adj_x", m[2][0] == 1).attr("adj_y", m[2][1] == 1));
      }
    }
    for (DType t : ALL) {
      rows.add(OpCase.of("BatchMatMulV2", Values.random(t, 11, 2, 2, 3),
          Values.random(t, 12, 2, 3, 2)).note("dtype sweep"));
    }
    return rows;
  }

  static List<OpCase> biasAdd() {
    List<OpCase> rows = new ArrayList<>();
    int[][][] shapes = { // value dims, bias dims; the last four TF rejects
      {{2, 3}, {3}}, {{2, 2, 3}, {3}}, {{1, 2, 2, 4}, {4}}, {{0, 3}, {3}}, {{2, 0}, {0}},
      {{3}, {3}}, {{2, 3}, {2}}, {{2, 3}, {1, 3}}, {{2, 3}, {}},
    };
    for (DType t : ALL) {
      for (int[][] s : shapes) {
        rows.add(OpCase.of("BiasAdd", Values.random(t, 13, s[0]), Values.random(t, 14, s[1])));
      }
    }
    rows.add(OpCase.of("BiasAdd", Values.random(F32, 15, 2, 3, 2, 2), Values.random(F32, 16, 3))
        .attr("data_format", "NCHW"));
    rows.add(OpCase.of("BiasAdd", Values.random(F32, 15, 2, 3, 2), Values.random(F32, 16, 3))
        .attr("data_format", "NCHW").note("rank 3"));
    rows.add(OpCase.of("BiasAdd", Values.random(I32, 15, 2, 3, 2, 2), Values.random(I32, 16, 2))
        .attr("data_format", "NCHW").note("bias matches the last dim, not C"));
    rows.add(OpCase.of("BiasAdd", Values.edges(F32), Values.edges(F32)).note("edge values"));
    return rows;
  }
}
