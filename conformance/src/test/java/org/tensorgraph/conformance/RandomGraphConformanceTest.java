package org.tensorgraph.conformance;

import static org.tensorgraph.conformance.Values.F32;
import static org.tensorgraph.conformance.Values.F64;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.conformance.Differential.GraphBuilder;
import org.tensorgraph.conformance.Differential.Node;
import org.tensorgraph.conformance.Differential.Run;
import org.tensorgraph.conformance.Differential.Tolerance;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * The random ops as graph nodes run by a session, where {@link RandomUniformConformanceTest} and
 * {@link RandomNormalConformanceTest} check the Philox kernels directly: the registered op, its
 * attrs and its per-session generator state that advances on each run. And the article's
 * kernel variable built as TF's Python builds it (glorot-uniform initializer, VariableV2,
 * Assign, read), equal to TF's bit for bit across re-initializations.
 */
@ExtendWith(TensorFlowAvailable.class)
class RandomGraphConformanceTest {
  static final long[][] SEEDS = {{1, 2}, {87654321, 5}, {-3, 7}};
  static final int RUNS = 3;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTf(ConformanceCase c) {
    c.check();
  }

  static Stream<ConformanceCase> cases() {
    return Stream.of(real(), integer(), article()).flatMap(List::stream);
  }

  private static List<Run> runs(Object out) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(Run.fetch(out));
    }
    return runs;
  }

  static List<ConformanceCase> real() {
    List<ConformanceCase> rows = new ArrayList<>();
    for (String op : List.of("RandomUniform", "RandomStandardNormal", "TruncatedNormal")) {
      for (DType t : new DType[] {F32, F64}) {
        // float64 normals use Math.log/sin/cos where TF uses glibc: up to 2 ulp apart.
        Tolerance tol = op.equals("RandomUniform") || t == F32 ? Tolerance.EXACT : Tolerance.CLOSE;
        for (long[] s : SEEDS) {
          for (Tensor shape : new Tensor[] {Values.i32(3, 4), Values.i64(2, 0), Values.i32()}) {
            String name = op + " " + t + " seeds " + s[0] + "/" + s[1] + " shape " + shape;
            rows.add(new ScriptCase(name, Set.of(op), g -> runs(g.op(op,
                Map.of("dtype", t, "seed", s[0], "seed2", s[1]), List.of(g.input(shape))).out(0)))
                .withTolerance(tol));
          }
        }
      }
    }
    return rows;
  }

  static List<ConformanceCase> integer() {
    List<ConformanceCase> rows = new ArrayList<>();
    Tensor[][] bounds = {{Tensor.of(0), Tensor.of(10)}, {Tensor.of(-5L), Tensor.of(5L)},
        {Tensor.of(Integer.MIN_VALUE), Tensor.of(Integer.MAX_VALUE)}, {Tensor.of(3), Tensor.of(3)}};
    for (long[] s : SEEDS) {
      for (Tensor[] b : bounds) {
        String name = "RandomUniformInt [" + b[0] + ", " + b[1] + ") " + b[0].dtype() + " seeds "
            + s[0] + "/" + s[1];
        rows.add(new ScriptCase(name, Set.of("RandomUniformInt"), g -> runs(g.op(
            "RandomUniformInt", Map.of("seed", s[0], "seed2", s[1]),
            List.of(g.input(Values.i32(4, 5)), g.input(b[0]), g.input(b[1]))).out(0))));
      }
    }
    return rows;
  }

  /** The article's kernels: [7, 4] and [8, 4], initialized, read, re-initialized, read. */
  static List<ConformanceCase> article() {
    List<ConformanceCase> rows = new ArrayList<>();
    for (int[] dims : new int[][] {{7, 4}, {8, 4}}) {
      for (long[] s : new long[][] {{1, 2}, {42, 7}, {87654321, 5}}) {
        String name = "glorot-uniform kernel variable " + Shape.of(dims) + " seeds " + s[0] + "/"
            + s[1];
        rows.add(new ScriptCase(name, Set.of("RandomUniform", "VariableV2", "Assign"), g -> {
          Node var = g.op("VariableV2", Map.of("dtype", F32, "shape", Shape.of(dims)), List.of());
          Node assign = g.op("Assign", Map.of(), List.of(var.out(0), glorot(g, dims, s)));
          Object read = g.op("Identity", Map.of(), List.of(var.out(0))).out(0);
          Run init = new Run(List.of(), List.of(assign.op()), Map.of());
          return List.of(init, Run.fetch(read), Run.fetch(read), init, Run.fetch(read));
        }));
      }
    }
    return rows;
  }

  // random_ops.random_uniform(shape, -limit, limit, seed): Sub, RandomUniform, Mul, Add.
  private static Object glorot(GraphBuilder g, int[] dims, long[] seeds) {
    double limit = GlorotUniformConformanceTest.limit(dims[0], dims[1]);
    Object min = g.constant(Tensor.of((float) -limit));
    Object max = g.constant(Tensor.of((float) limit));
    Object range = g.op("Sub", Map.of(), List.of(max, min)).out(0);
    Object rnd = g.op("RandomUniform", Map.of("dtype", F32, "seed", seeds[0], "seed2", seeds[1]),
        List.of(g.constant(Values.i32(dims)))).out(0);
    Object scaled = g.op("Mul", Map.of(), List.of(rnd, range)).out(0);
    return g.op("Add", Map.of(), List.of(scaled, min)).out(0);
  }
}
