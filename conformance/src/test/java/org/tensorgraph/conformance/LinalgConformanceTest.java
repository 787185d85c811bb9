package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.conformance.Values.F32;
import static org.tensorgraph.conformance.Values.F64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;

/**
 * Qr, DiagPart, MatrixDiag(V2), MatrixSetDiag(V2), MatrixDiagPart(V2) and the orthogonal and
 * identity initializers against TF 1.15. The diagonal ops move data, so they must agree bit for
 * bit (table rows through {@link Differential}, and kernel messages compared text for text).
 * Qr's Q and R are compared directly, without normalising signs (our reflectors follow Eigen's
 * convention, so the signs are TF's), within 1e-5 of the matrix's scale for float32 (TF factors
 * in float, we in double) and 1e-12 for float64. The orthogonal initializer is checked by feeding
 * the same normal matrix as its {@code random_normal} into our initializer and into TF's ops,
 * built as init_ops.Orthogonal builds them.
 */
@ExtendWith(TensorFlowAvailable.class)
class LinalgConformanceTest {
  // ---------------------------------------------------------------- diagonal ops: tables

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagCases")
  void diagonalOpsMatchTf(OpCase c) {
    c.check();
  }

  static Stream<OpCase> diagCases() {
    List<OpCase> rows = new ArrayList<>();
    for (DType t : List.of(F32, F64, DType.INT32, DType.INT64)) {
      rows.add(OpCase.of("DiagPart", Values.random(t, 1, 3, 3)));
      rows.add(OpCase.of("DiagPart", Values.random(t, 2, 2, 3, 2, 3)));
      rows.add(OpCase.of("MatrixDiag", Values.random(t, 3, 4)));
      rows.add(OpCase.of("MatrixDiag", Values.random(t, 4, 2, 3)));
      rows.add(OpCase.of("MatrixSetDiag", Values.random(t, 5, 2, 3, 5), Values.random(t, 6, 2, 3)));
      rows.add(OpCase.of("MatrixSetDiag", Values.random(t, 7, 4, 2), Values.random(t, 8, 2)));
    }
    rows.add(OpCase.of("MatrixDiag", Values.random(DType.BOOL, 9, 2, 3)).note("bool"));
    rows.add(OpCase.of("MatrixSetDiag", Values.random(DType.BOOL, 10, 3, 3),
        Values.random(DType.BOOL, 11, 3)).note("bool"));
    rows.add(OpCase.of("DiagPart", Values.random(F32, 12, 0, 0)).note("empty"));
    rows.add(OpCase.of("MatrixDiag", Values.random(F32, 13, 2, 0)).note("empty"));
    rows.add(OpCase.of("DiagPart", Values.random(F32, 14, 2, 3)).note("rejected"));
    rows.add(OpCase.of("DiagPart", Values.random(F32, 15, 2, 2, 2)).note("rejected"));
    rows.add(OpCase.of("MatrixDiag", Values.f32(1)).note("rejected: scalar"));
    rows.add(OpCase.of("MatrixSetDiag", Values.random(F32, 16, 3, 4), Values.random(F32, 17, 4))
        .note("rejected: diagonal too long"));
    rows.add(OpCase.of("MatrixSetDiag", Values.random(F32, 16, 3), Values.random(F32, 17, 1))
        .note("rejected: vector input"));
    rows.addAll(v2Rows());
    return rows.stream();
  }

  /** V2 with one diagonal: k, num_rows, num_cols and padding as TF's Python would pass them. */
  static List<OpCase> v2Rows() {
    Tensor d = Values.random(F32, 20, 2, 3);
    Tensor pad = Values.f32(9);
    List<OpCase> rows = new ArrayList<>();
    int[][] diag = {{0, -1, -1}, {1, -1, -1}, {-2, -1, -1}, {1, 3, -1}, {-1, -1, 5}, {0, 3, 4},
        {0, 2, 2}, {1, -1, 3}, {0, 4, 4}};
    for (int[] k : diag) {
      rows.add(OpCase.of("MatrixDiagV2", d, Values.i32(k[0]), Values.i32(k[1]), Values.i32(k[2]),
          pad).note("k=" + k[0] + " rows=" + k[1] + " cols=" + k[2]));
    }
    rows.add(OpCase.of("MatrixDiagV2", d, Values.i32(1, 1), Values.i32(-1), Values.i32(-1), pad)
        .note("k=[1, 1]"));
    // bands: [batch, numDiags, maxLen] packed as V2 packs them
    int[][] bands = {{-1, 1, -1, -1}, {0, 2, -1, -1}, {-2, 0, -1, -1}, {-1, 1, 4, -1},
        {-1, 1, -1, 5}, {1, 2, 3, -1}, {-2, -1, -1, 3}};
    for (int[] b : bands) {
      rows.add(OpCase.of("MatrixDiagV2", Values.random(F32, 24, 2, b[1] - b[0] + 1, 3),
          Values.i32(b[0], b[1]), Values.i32(b[2]), Values.i32(b[3]), pad)
          .note("band k=[" + b[0] + ", " + b[1] + "] rows=" + b[2] + " cols=" + b[3]));
    }
    rows.add(OpCase.of("MatrixDiagV2", Values.random(F32, 25, 2, 2, 3), Values.i32(0, 2),
        Values.i32(-1), Values.i32(-1), pad).note("rejected: band of 3 given 2 rows"));
    Tensor x = Values.random(F32, 21, 2, 3, 4);
    int[][] set = {{0, 3}, {1, 3}, {2, 2}, {-1, 2}, {-2, 1}, {3, 1}, {4, 1}, {-3, 1}};
    for (int[] k : set) {
      rows.add(OpCase.of("MatrixSetDiagV2", x, Values.random(F32, 22, 2, k[1]), Values.i32(k[0]))
          .note("k=" + k[0]));
    }
    rows.add(OpCase.of("MatrixSetDiagV2", x, Values.random(F32, 23, 2, 3), Values.i32(1))
        .note("rejected: wrong length"));
    // bands on [2, 3, 4]: maxLen = min(3 + min(hi, 0), 4 - max(lo, 0))
    int[][] setBands = {{-1, 1, 3}, {0, 2, 3}, {1, 3, 3}, {-2, 0, 2}, {-2, -1, 2}, {-2, 3, 3}};
    for (int[] b : setBands) {
      rows.add(OpCase.of("MatrixSetDiagV2", x, Values.random(F32, 26, 2, b[1] - b[0] + 1, b[2]),
          Values.i32(b[0], b[1])).note("band k=[" + b[0] + ", " + b[1] + "]"));
    }
    rows.add(OpCase.of("MatrixSetDiagV2", x, Values.random(F32, 27, 2, 2, 3), Values.i32(0, 2))
        .note("rejected: band of 3 given 2 rows"));
    for (DType t : List.of(F32, DType.INT64, DType.BOOL)) {
      rows.add(OpCase.of("MatrixDiagPart", Values.random(t, 28, 2, 3, 4)));
      rows.add(OpCase.of("MatrixDiagPart", Values.random(t, 29, 4, 2)));
    }
    int[][] parts = {{0, 0}, {1, 1}, {-2, -2}, {3, 3}, {-1, 1}, {0, 3}, {-2, 0}, {1, 2}};
    for (int[] b : parts) {
      rows.add(OpCase.of("MatrixDiagPartV2", x, Values.i32(b[0], b[1]), pad)
          .note("k=[" + b[0] + ", " + b[1] + "]"));
    }
    rows.add(OpCase.of("MatrixDiagPartV2", x, Values.i32(4), pad).note("rejected: k out of bound"));
    rows.add(OpCase.of("MatrixDiagPart", Values.random(F32, 30, 3)).note("rejected: vector"));
    return rows;
  }

  // ---------------------------------------------------------------- diagonal ops: messages

  /** TF's kernel message for {@code op} on fed inputs of unknown shape (first line, no node). */
  static String tfMessage(String op, Tensor... inputs) {
    try (TfGraph tf = new TfGraph(); Session s = tf.session()) {
      List<Object> ins = new ArrayList<>();
      Map<Output<?>, org.tensorflow.Tensor<?>> feeds = new HashMap<>();
      for (Tensor t : inputs) {
        Output<?> p = tf.op("Placeholder", Map.of("dtype", t.dtype()), List.of()).output(0);
        ins.add(p);
        feeds.put(p, TfTensors.toTf(t));
      }
      Output<?> out = tf.op(op, Map.of(), ins).output(0);
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> tf.run(s, List.of(out), List.of(), feeds).forEach(org.tensorflow.Tensor::close));
      feeds.values().forEach(org.tensorflow.Tensor::close);
      String m = e.getMessage();
      int node = m.indexOf("\n\t [[");
      return node < 0 ? m : m.substring(0, node);
    }
  }

  /** Our kernel's message for the same op and inputs, fed so only the kernel checks. */
  static String ourMessage(String op, Tensor... inputs) {
    Graph g = new Graph();
    Map<org.tensorgraph.core.graph.Output, Tensor> feeds = new HashMap<>();
    var b = g.opBuilder(op, null);
    for (Tensor t : inputs) {
      var p = g.opBuilder("Placeholder", null).setAttr("dtype", t.dtype())
          .setAttr("shape", Shape.unknown()).build().output(0);
      feeds.put(p, t);
      b.addInput(p);
    }
    var out = b.build().output(0);
    try (var s = new org.tensorgraph.session.Session(g)) {
      return assertThrows(StatusException.class, () -> s.run(out, feeds)).rawMessage();
    }
  }

  static Stream<List<Object>> messageCases() {
    Tensor x = Values.random(F32, 1, 2, 3);
    Tensor d = Values.random(F32, 2, 2);
    Tensor zero = Values.f32(0);
    return Stream.of(
        List.of("DiagPart", Values.random(F32, 3, 2, 2, 2)),
        List.of("DiagPart", Values.random(F32, 3, 3, 3, 7, 3)),
        List.of("MatrixSetDiag", x, Values.random(F32, 4, 3)),
        List.of("MatrixSetDiag", Values.random(F32, 5, 3), Values.random(F32, 6, 1)),
        List.of("MatrixSetDiag", Values.random(F32, 5, 3, 3), Values.f32(1)),
        List.of("MatrixSetDiagV2", x, d, Values.i32(3)),
        List.of("MatrixSetDiagV2", x, d, Values.i32(-2)),
        List.of("MatrixSetDiagV2", x, d, Values.i32(1, 0)),
        List.of("MatrixSetDiagV2", x, d, Values.i32(0, 1, 2)),
        List.of("MatrixSetDiagV2", x, Values.random(F32, 7, 3, 2), Values.i32(0, 1)),
        List.of("MatrixDiagV2", Values.random(F32, 8, 3, 2), Values.i32(0, 1), Values.i32(-1),
            Values.i32(-1), zero),
        List.of("MatrixDiagPart", Values.random(F32, 9, 3)),
        List.of("MatrixDiagPartV2", x, Values.i32(-2), zero),
        List.of("MatrixDiagPartV2", x, Values.i32(0, 3), zero),
        List.of("MatrixDiagPartV2", x, Values.i32(1, 0), zero),
        List.of("MatrixDiagPartV2", x, Values.i32(0, 1, 2), zero),
        List.of("MatrixDiagV2", d, Values.i32(0), Values.i32(1), Values.i32(-1), zero),
        List.of("MatrixDiagV2", d, Values.i32(1), Values.i32(-1), Values.i32(2), zero),
        List.of("MatrixDiagV2", d, Values.i32(0), Values.i32(3), Values.i32(3), zero),
        List.of("MatrixDiagV2", d, Values.i32(1, 0), Values.i32(-1), Values.i32(-1), zero),
        List.of("MatrixDiagV2", d, Values.i32(0, 1, 2), Values.i32(-1), Values.i32(-1), zero),
        List.of("MatrixDiagV2", d, Values.reshape(Values.i32(0), 1, 1), Values.i32(-1),
            Values.i32(-1), zero));
  }

  @Test
  void scalarFedToMatrixDiagIsReadAsLengthOne() {
    // TF's shape function rejects a scalar, but its 1.15 kernel, fed through an unknown shape,
    // returns a [1, 1] matrix; ours does the same
    Tensor three = Values.f32(3);
    Graph g = new Graph();
    var p = g.opBuilder("Placeholder", null).setAttr("dtype", F32)
        .setAttr("shape", Shape.unknown()).build().output(0);
    var out = g.opBuilder("MatrixDiag", null).addInput(p).build().output(0);
    try (var s = new org.tensorgraph.session.Session(g)) {
      assertEquals(tfRun("MatrixDiag", Map.of(), three).get(0), s.run(out, Map.of(p, three)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messageCases")
  void kernelMessagesAreTfs(List<Object> c) {
    Tensor[] ins = c.subList(1, c.size()).toArray(new Tensor[0]);
    assertEquals(tfMessage((String) c.get(0), ins), ourMessage((String) c.get(0), ins));
  }

  // ---------------------------------------------------------------- Qr

  static Stream<Object[]> qrCases() {
    List<Object[]> r = new ArrayList<>();
    int[][] shapes = {{4, 4}, {7, 4}, {4, 7}, {1, 1}, {3, 5, 2}, {2, 2, 3, 3}, {17, 9}, {6, 1},
        {1, 6}, {0, 3}, {3, 0}};
    for (DType t : List.of(F32, F64)) {
      for (int[] s : shapes) {
        r.add(new Object[] {t, s, false});
        r.add(new Object[] {t, s, true});
      }
    }
    return r.stream();
  }

  /** TF's outputs of {@code op} (all of them) on fed inputs, with attrs. */
  static List<Tensor> tfRun(String op, Map<String, Object> attrs, Tensor... inputs) {
    try (TfGraph tf = new TfGraph(); Session s = tf.session()) {
      List<Object> ins = new ArrayList<>();
      Map<Output<?>, org.tensorflow.Tensor<?>> feeds = new HashMap<>();
      for (Tensor t : inputs) {
        Output<?> p = tf.op("Placeholder", Map.of("dtype", t.dtype()), List.of()).output(0);
        ins.add(p);
        feeds.put(p, TfTensors.toTf(t));
      }
      var node = tf.op(op, attrs, ins);
      List<Output<?>> outs = new ArrayList<>();
      for (int i = 0; i < node.numOutputs(); i++) {
        outs.add(node.output(i));
      }
      List<Tensor> result = new ArrayList<>();
      for (org.tensorflow.Tensor<?> t : tf.run(s, outs, List.of(), feeds)) {
        try (t) {
          result.add(TfTensors.fromTf(t));
        }
      }
      feeds.values().forEach(org.tensorflow.Tensor::close);
      return result;
    }
  }

  @ParameterizedTest(name = "Qr {0} {1} full={2}")
  @MethodSource("qrCases")
  void qrMatchesTfWithoutSignNormalisation(DType t, int[] dims, boolean full) {
    Tensor a = Values.uniform(t, 31 + dims.length, 2, dims);
    List<Tensor> want = tfRun("Qr", Map.of("full_matrices", full), a);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Tensor> got = new ArrayList<>();
    try (var s = new org.tensorgraph.session.Session(g)) {
      for (var o : tf.qr(tf.constant(a), full)) {
        got.add(s.run(o));
      }
    }
    double tol = (t == F32 ? 1e-5 : 1e-12) * 2; // inputs lie in [-2, 2)
    for (int i = 0; i < 2; i++) {
      assertClose(want.get(i), got.get(i), tol, i == 0 ? "q" : "r");
    }
  }

  static void assertClose(Tensor want, Tensor got, double tol, String what) {
    assertEquals(want.dtype(), got.dtype(), what + " dtype");
    assertEquals(want.shape(), got.shape(), what + " shape");
    for (int i = 0; i < want.size(); i++) {
      double w = want.getAsDouble(i);
      double o = got.getAsDouble(i);
      assertTrue(Math.abs(w - o) <= tol, what + "[" + i + "]: TF " + w + ", ours " + o);
    }
  }

  // ---------------------------------------------------------------- initializers

  static Stream<Object[]> orthogonalCases() {
    return Stream.of(new Object[] {new int[] {4, 4}, 1.0}, new Object[] {new int[] {7, 4}, 1.0},
        new Object[] {new int[] {4, 7}, 2.0}, new Object[] {new int[] {3, 5, 2}, 0.5},
        new Object[] {new int[] {2, 3, 8}, 1.0});
  }

  /**
   * TF's init_ops.Orthogonal on a given normal matrix {@code a}: Qr, DiagPart, Sign, Mul,
   * Transpose (wide shapes), Reshape, Mul by gain.
   */
  static Tensor tfOrthogonal(Tensor a, int[] shape, double gain, boolean wide) {
    try (TfGraph tf = new TfGraph(); Session s = tf.session()) {
      Output<?> p = tf.placeholder(TfTensors.dataType(a.dtype()), a.shape().dims());
      var qr = tf.op("Qr", Map.of("full_matrices", false), List.of(p));
      Output<?> d = tf.op("DiagPart", Map.of(), List.of(qr.output(1))).output(0);
      Output<?> q = tf.binary("Mul", qr.output(0),
          tf.op("Sign", Map.of(), List.of(d)).output(0));
      if (wide) {
        q = tf.binary("Transpose", q, tf.constant(org.tensorflow.Tensor.create(new int[] {1, 0})));
      }
      Output<?> r = tf.binary("Reshape", q, tf.constant(org.tensorflow.Tensor.create(shape)));
      Output<?> out = tf.binary("Mul", tf.constant(org.tensorflow.Tensor.create((float) gain)), r);
      try (org.tensorflow.Tensor<?> feed = TfTensors.toTf(a);
          org.tensorflow.Tensor<?> result = tf.run(s, List.of(out), List.of(), Map.of(p, feed))
              .get(0)) {
        return TfTensors.fromTf(result);
      }
    }
  }

  @ParameterizedTest(name = "orthogonal {0} gain {1}")
  @MethodSource("orthogonalCases")
  void orthogonalInitializerMatchesTfOnTheSameDraw(int[] shape, double gain) {
    int cols = shape[shape.length - 1];
    int rows = Math.toIntExact(Shape.of(shape).numElements() / cols);
    boolean wide = rows < cols;
    Tensor a = Values.uniform(F32, 77, 1.5, wide ? cols : rows, wide ? rows : cols);
    Graph g = new Graph();
    Variable v = Ops.create(g).getVariable("w", Shape.of(shape), F32,
        Initializers.orthogonal(gain, 5L));
    Tensor ours;
    try (var s = new org.tensorgraph.session.Session(g)) {
      var normal = g.operation("w/Initializer/random_normal").output(0);
      ours = s.run(v.initialValue(), Map.of(normal, a));
    }
    assertClose(tfOrthogonal(a, shape, gain, wide), ours, 1e-5, "orthogonal");
  }

  @Test
  void identityInitializerIsTfsEyeTimesGain() {
    int[][] shapes = {{3, 3}, {2, 5}, {5, 2}};
    for (int[] sh : shapes) {
      Graph g = new Graph();
      Variable v = Ops.create(g).getVariable("w", Shape.of(sh), F32, Initializers.identity(1.5));
      Tensor ours;
      try (var s = new org.tensorgraph.session.Session(g)) {
        ours = s.run(v.initialValue());
      }
      float[] one = new float[Math.min(sh[0], sh[1])];
      java.util.Arrays.fill(one, 1f);
      Tensor ones = Tensor.of(Shape.of(one.length), one);
      Tensor eye = sh[0] == sh[1] ? tfRun("MatrixDiag", Map.of(), ones).get(0)
          : tfRun("MatrixSetDiag", Map.of(), Tensor.of(Shape.of(sh), new float[sh[0] * sh[1]]),
              ones).get(0);
      Tensor want = tfRun("Mul", Map.of(), Values.f32(1.5f), eye).get(0);
      assertEquals(want, ours, java.util.Arrays.toString(sh));
    }
  }
}
