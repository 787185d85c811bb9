package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tensorgraph.ops.MathTestSupport.runAll;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;

/**
 * {@code Initializers.orthogonal} and {@code Initializers.identity}: values (orthonormal rows or
 * columns times gain, checked against an independent Gram-Schmidt of the same random draw), seeds,
 * TF 1.15's node names and errors; every run on every executor.
 */
class OrthogonalInitializerTest {
  record Case(Shape shape, double gain, DType dtype) {}

  static Stream<Case> cases() {
    return Stream.of(new Case(Shape.of(4, 4), 1.0, DType.FLOAT32),
        new Case(Shape.of(7, 4), 1.0, DType.FLOAT32), new Case(Shape.of(4, 7), 2.5, DType.FLOAT32),
        new Case(Shape.of(3, 5, 2), 1.0, DType.FLOAT32),
        new Case(Shape.of(2, 3, 7), 0.5, DType.FLOAT64),
        new Case(Shape.of(1, 6), 1, DType.FLOAT64));
  }

  /** The variable's initial value and the random normal matrix it was built from. */
  static List<Tensor> initialValue(Shape shape, DType dtype, double gain, long seed) {
    Graph g = new Graph();
    Variable v = Ops.create(g).getVariable("w", shape, dtype, Initializers.orthogonal(gain, seed));
    Output a = g.operation("w/Initializer/random_normal").output(0);
    return runAll(List.of(v.initialValue(), a), Map.of());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void isGainTimesTheUniqueOrthonormalFactorOfTheDraw(Case c) {
    List<Tensor> got = initialValue(c.shape(), c.dtype(), c.gain(), 42L);
    Tensor w = got.get(0);
    assertEquals(c.shape(), w.shape());
    long[] d = c.shape().dims();
    int cols = (int) d[d.length - 1];
    int rows = (int) (c.shape().numElements() / cols);
    double tol = c.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
    // rows or columns orthonormal, times gain
    boolean wide = rows < cols;
    int k = Math.min(rows, cols);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int t = 0; t < Math.max(rows, cols); t++) {
          s += wide ? w.getAsDouble(i * cols + t) * w.getAsDouble(j * cols + t)
              : w.getAsDouble(t * cols + i) * w.getAsDouble(t * cols + j);
        }
        assertEquals(i == j ? c.gain() * c.gain() : 0, s, tol * 4, "Gram[" + i + "][" + j + "]");
      }
    }
    // Q * sign(diag R) is the Q whose R has a positive diagonal: classical Gram-Schmidt's
    double[][] q = gramSchmidt(got.get(1));
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double want = c.gain() * (wide ? q[j][i] : q[i][j]);
        assertEquals(want, w.getAsDouble(i * cols + j), tol * 4, "w[" + i + "][" + j + "]");
      }
    }
  }

  /** Modified Gram-Schmidt on the columns of a tall [m, n] matrix, in double. */
  static double[][] gramSchmidt(Tensor a) {
    int m = (int) a.shape().dim(0);
    int n = (int) a.shape().dim(1);
    double[][] q = new double[m][n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        q[i][j] = a.getAsDouble(i * n + j);
      }
    }
    for (int j = 0; j < n; j++) {
      for (int p = 0; p < j; p++) {
        double dot = 0;
        for (int i = 0; i < m; i++) {
          dot += q[i][p] * q[i][j];
        }
        for (int i = 0; i < m; i++) {
          q[i][j] -= dot * q[i][p];
        }
      }
      double norm = 0;
      for (int i = 0; i < m; i++) {
        norm += q[i][j] * q[i][j];
      }
      for (int i = 0; i < m; i++) {
        q[i][j] /= Math.sqrt(norm);
      }
    }
    return q;
  }

  @Test
  void seedMakesItDeterministic() {
    Shape s = Shape.of(5, 3);
    Tensor first = initialValue(s, DType.FLOAT32, 1, 7L).get(0);
    assertEquals(first, initialValue(s, DType.FLOAT32, 1, 7L).get(0));
    assertNotEquals(first, initialValue(s, DType.FLOAT32, 1, 8L).get(0));
  }

  private static List<String> initializerNodes(Graph g) {
    return g.operations().stream().map(Operation::name)
        .filter(n -> n.startsWith("w/Initializer/")).map(n -> n.substring(14))
        .collect(Collectors.toList());
  }

  @Test
  void nodesAreTfs() {
    Graph g = new Graph();
    Ops.create(g).getVariable("w", Shape.of(4, 7), DType.FLOAT32, Initializers.orthogonal(1, 1L));
    assertEquals(List.of("random_normal/shape", "random_normal/mean", "random_normal/stddev",
        "random_normal/RandomStandardNormal", "random_normal/mul", "random_normal", "Qr",
        "DiagPart", "Sign", "mul", "matrix_transpose/transpose/perm",
        "matrix_transpose/transpose", "Reshape/shape", "Reshape", "mul_1/x", "mul_1"),
        initializerNodes(g));
    assertEquals(Tensor.of(new int[] {7, 4}), g.operation("w/Initializer/random_normal/shape")
        .attrTensor("value"));
    assertEquals(false, g.operation("w/Initializer/Qr").attrBool("full_matrices"));
    Graph tall = new Graph();
    Ops.create(tall).getVariable("w", Shape.of(3, 5, 2), DType.FLOAT32,
        Initializers.orthogonal(1, 1L));
    assertEquals(List.of("random_normal/shape", "random_normal/mean", "random_normal/stddev",
        "random_normal/RandomStandardNormal", "random_normal/mul", "random_normal", "Qr",
        "DiagPart", "Sign", "mul", "Reshape/shape", "Reshape", "mul_1/x", "mul_1"),
        initializerNodes(tall));
    assertEquals(Tensor.of(new int[] {15, 2}), tall.operation(
        "w/Initializer/random_normal/shape").attrTensor("value"));
  }

  @Test
  void rankBelowTwoIsRejectedWithTfsText() {
    Graph g = new Graph();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ops.create(g).getVariable("w", Shape.of(4), DType.FLOAT32,
            Initializers.orthogonal(1, 1L)));
    assertEquals("The tensor to initialize must be at least two-dimensional", e.getMessage());
  }

  // ---------------------------------------------------------------- identity

  @Test
  void identityIsGainTimesEye() {
    int[][] shapes = {{3, 3}, {2, 3}, {3, 2}, {1, 1}};
    for (int[] s : shapes) {
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
        Graph g = new Graph();
        Variable v = Ops.create(g).getVariable("w", Shape.of(s), t, Initializers.identity(2.5));
        Tensor got = runAll(List.of(v.initialValue()), Map.of()).get(0);
        double[] want = new double[s[0] * s[1]];
        for (int i = 0; i < Math.min(s[0], s[1]); i++) {
          want[i * s[1] + i] = 2.5;
        }
        assertEquals(MathTestSupport.fromDoubles(t, Shape.of(s), want), got);
      }
    }
  }

  @Test
  void identityNodesAreTfs() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.getVariable("w", Shape.of(3, 3), DType.FLOAT32, Initializers.identity(1));
    assertEquals(List.of("eye/ones", "eye/diag", "mul/x", "mul"), initializerNodes(g));
    assertEquals("MatrixDiag", g.operation("w/Initializer/eye/diag").type());
    Graph wide = new Graph();
    Ops.create(wide).getVariable("w", Shape.of(2, 5), DType.FLOAT32, Initializers.identity(1));
    assertEquals(List.of("eye/ones", "eye/zeros", "eye/set_diag", "mul/x", "mul"),
        initializerNodes(wide));
    assertEquals("MatrixSetDiag", wide.operation("w/Initializer/eye/set_diag").type());
  }

  @Test
  void identityRejectsOtherRanks() {
    for (Shape s : List.of(Shape.of(3), Shape.of(2, 2, 2), Shape.scalar())) {
      Graph g = new Graph();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Ops.create(g).getVariable("w", s, DType.FLOAT32, Initializers.identity(1)));
      assertEquals("Identity matrix initializer can only be used for 2D matrices.",
          e.getMessage());
    }
  }
}
