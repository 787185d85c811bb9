package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.MathTestSupport.buildError;
import static org.tensorgraph.ops.MathTestSupport.constant;
import static org.tensorgraph.ops.MathTestSupport.runAll;
import static org.tensorgraph.ops.MathTestSupport.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/**
 * {@code Qr} on every executor: Q·R rebuilds A, Q has orthonormal columns, R is upper triangular,
 * shapes for tall, wide, square, batched and empty inputs with full_matrices both ways, and
 * Eigen's (TF's) sign convention.
 */
class LinalgQrTest {
  record QrCase(DType dtype, Shape shape, boolean full) {}

  static Stream<QrCase> cases() {
    List<QrCase> r = new ArrayList<>();
    Shape[] shapes = {Shape.of(4, 4), Shape.of(7, 4), Shape.of(4, 7), Shape.of(1, 1),
        Shape.of(3, 5, 2), Shape.of(2, 2, 3, 3), Shape.of(0, 3), Shape.of(3, 0),
        Shape.of(2, 0, 3, 2), Shape.of(17, 9)};
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
      for (Shape s : shapes) {
        r.add(new QrCase(t, s, false));
        r.add(new QrCase(t, s, true));
      }
    }
    return r.stream();
  }

  /** Runs Qr on a constant on every executor; returns [q, r] after checking static shapes. */
  static List<Tensor> qr(Tensor a, boolean full) {
    Graph g = new Graph();
    List<Output> outs = Ops.create(g).qr(constant(g, a), full);
    List<Tensor> got = runAll(outs, Map.of());
    for (int i = 0; i < 2; i++) {
      assertEquals(outs.get(i).shape(), got.get(i).shape(), "static shape of output " + i);
    }
    return got;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reconstructsWithOrthonormalQAndTriangularR(QrCase c) {
    Tensor a = MathTestSupport.random(c.dtype(), c.shape(), 7);
    List<Tensor> qr = qr(a, c.full());
    int rank = c.shape().rank();
    int m = (int) c.shape().dim(rank - 2);
    int n = (int) c.shape().dim(rank - 1);
    int p = Math.min(m, n);
    int qc = c.full() ? m : p;
    int rr = c.full() ? m : p;
    Shape batch = c.shape().subShape(0, rank - 2);
    assertEquals(batch.concatenate(Shape.of(m, qc)), qr.get(0).shape());
    assertEquals(batch.concatenate(Shape.of(rr, n)), qr.get(1).shape());
    double tol = c.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
    int batches = (int) batch.numElements();
    for (int b = 0; b < batches; b++) {
      double scale = 0;
      for (int i = 0; i < m * n; i++) {
        scale = Math.max(scale, Math.abs(a.getAsDouble(b * m * n + i)));
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int k = 0; k < Math.min(qc, rr); k++) {
            s += qr.get(0).getAsDouble(b * m * qc + i * qc + k)
                * qr.get(1).getAsDouble(b * rr * n + k * n + j);
          }
          double want = a.getAsDouble(b * m * n + i * n + j);
          assertTrue(Math.abs(s - want) <= tol * Math.max(1, scale) * n,
              "QR[" + i + "][" + j + "] = " + s + " vs A = " + want);
        }
      }
      for (int i = 0; i < qc; i++) {
        for (int j = 0; j < qc; j++) {
          double s = 0;
          for (int k = 0; k < m; k++) {
            s += qr.get(0).getAsDouble(b * m * qc + k * qc + i)
                * qr.get(0).getAsDouble(b * m * qc + k * qc + j);
          }
          assertEquals(i == j ? 1 : 0, s, tol * m, "Q^T Q [" + i + "][" + j + "]");
        }
      }
      for (int i = 0; i < rr; i++) {
        for (int j = 0; j < Math.min(i, n); j++) {
          assertEquals(0.0, qr.get(1).getAsDouble(b * rr * n + i * n + j), "R below diagonal");
        }
      }
    }
  }

  @Test
  void signsFollowEigensHouseholderConvention() {
    // beta = -sign(c0) * |column|: R[0][0] is negative for a non-negative leading entry; the
    // last diagonal entry of a square matrix is not reflected (nothing below it to annihilate).
    List<Tensor> qr = qr(Tensor.of(new float[][] {{3, 1}, {4, 2}}), false);
    assertEquals(Tensor.of(new float[][] {{-0.6f, -0.8f}, {-0.8f, 0.6f}}), qr.get(0));
    assertEquals(Tensor.of(new float[][] {{-5f, -2.2f}, {0f, 0.4f}}), qr.get(1));
    List<Tensor> neg = qr(Tensor.of(new double[][] {{-3}, {4}}), false);
    assertEquals(5.0, neg.get(1).getDouble(0, 0), 1e-15); // negative leading entry: R > 0
    assertEquals(-0.6, neg.get(0).getDouble(0, 0), 1e-15);
    assertEquals(0.8, neg.get(0).getDouble(1, 0), 1e-15);
    // a column already zero below the diagonal keeps its sign and is not reflected
    List<Tensor> upper = qr(Tensor.of(new double[][] {{2, 1}, {0, -3}}), false);
    assertEquals(Tensor.of(new double[][] {{1, 0}, {0, 1}}), upper.get(0));
    assertEquals(Tensor.of(new double[][] {{2, 1}, {0, -3}}), upper.get(1));
  }

  @Test
  void staticShapesAndErrors() {
    DType[] f = types(DType.FLOAT32);
    Graph g = new Graph();
    Output x = MathTestSupport.placeholder(g, DType.FLOAT32, Shape.of(-1, 5, 3));
    List<Output> thin = Ops.create(g).qr(x, false);
    assertEquals(Shape.of(-1, 5, 3), thin.get(0).shape());
    assertEquals(Shape.of(-1, 3, 3), thin.get(1).shape());
    List<Output> full = Ops.create(g).qr(x, true);
    assertEquals(Shape.of(-1, 5, 5), full.get(0).shape());
    assertEquals(Shape.of(-1, 5, 3), full.get(1).shape());
    Output y = MathTestSupport.placeholder(g, DType.FLOAT64, Shape.of(-1, 0));
    assertEquals(Shape.of(-1, 0), Ops.create(g).qr(y, false).get(0).shape()); // min(?, 0) = 0
    Output z = MathTestSupport.placeholder(g, DType.FLOAT64, Shape.of(2, -1, 3));
    assertEquals(Shape.of(2, -1, -1), Ops.create(g).qr(z, false).get(0).shape());
    assertEquals("Shape must be at least rank 2 but is rank 1 for 'Qr' (op: 'Qr') with input "
        + "shapes: [3].", buildError("Qr", Map.of(), f, Shape.of(3)).getMessage());
    String typeError = buildError("Qr", Map.of(), types(DType.INT32), Shape.of(2, 2))
        .getMessage();
    // the types Tensorgraph has no values for (half, complex) are not listed
    assertTrue(typeError.startsWith("Value for attr 'T' of int32 is not in the list of allowed "
        + "values: double, float"), typeError);
  }
}
