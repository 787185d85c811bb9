package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * TF 1.15's {@code Qr} (linalg_ops.cc) and the diagonal ops the orthogonal and identity
 * initializers are built from (array_ops.cc): {@code DiagPart}, {@code MatrixDiag}, {@code
 * MatrixSetDiag}, {@code MatrixDiagPart} and their V2 forms, with TF's shape functions and
 * kernel messages.
 *
 * <pre>{@code
 * // diag: float [3] = [1, 1, 1]
 * Output eye = g.opBuilder("MatrixDiag", "diag").addInput(diag).build().output(0);
 * eye.shape();          // [3,3]
 * session.run(eye);     // [[1. 0. 0.] [0. 1. 0.] [0. 0. 1.]]
 * }</pre>
 *
 * <p>TF 1.15's Python ({@code tf.eye}, {@code tf.linalg.diag}, {@code tf.linalg.set_diag}) emits
 * the V1 ops: the V2 branch sits behind a {@code forward_compatible} date that 1.15's horizon does
 * not pass (which is why {@code k} is ignored there, tensorflow/tensorflow#45203). The V2 ops are
 * here for graphs that name them, with bands of diagonals packed as V2 packs them (each diagonal
 * from its start).
 */
public final class LinalgOps implements OpLibrary {
  static final String QR_TYPES = "T: {double, float, half, complex64, complex128}";
  static final String DIAG_TYPES =
      "T: {bfloat16, half, float, double, int32, int64, complex64, complex128}";

  @Override
  public void register(OpRegistry r) {
    r.register(OpDef.builder("Qr")
        .input("input: T").output("q: T").output("r: T")
        .attr("full_matrices: bool = false").attr(QR_TYPES)
        .shape(LinalgOps::qrShape).kernel(LinalgQr::qr).expensive().build());
    r.register(OpDef.builder("DiagPart")
        .input("input: T").output("diagonal: T").attr(DIAG_TYPES)
        .shape(LinalgOps::diagPartShape).kernel(LinalgOps::diagPart).build());
    r.register(OpDef.builder("MatrixDiag")
        .input("diagonal: T").output("output: T").attr("T: type")
        .shape(LinalgOps::matrixDiagShape).kernel(LinalgDiag::matrixDiag).build());
    r.register(OpDef.builder("MatrixDiagV2")
        .input("diagonal: T").input("k: int32").input("num_rows: int32")
        .input("num_cols: int32").input("padding_value: T").output("output: T").attr("T: type")
        .shape(LinalgDiag::matrixDiagV2Shape).kernel(LinalgDiag::matrixDiag).build());
    r.register(OpDef.builder("MatrixSetDiag")
        .input("input: T").input("diagonal: T").output("output: T").attr("T: type")
        .shape(LinalgOps::matrixSetDiagShape).kernel(LinalgDiag::matrixSetDiag).build());
    r.register(OpDef.builder("MatrixSetDiagV2")
        .input("input: T").input("diagonal: T").input("k: int32").output("output: T")
        .attr("T: type")
        .shape(LinalgDiag::matrixSetDiagV2Shape).kernel(LinalgDiag::matrixSetDiag).build());
    r.register(OpDef.builder("MatrixDiagPart")
        .input("input: T").output("diagonal: T").attr("T: type")
        .shape(LinalgDiagPart::matrixDiagPartShape).kernel(LinalgDiagPart::matrixDiagPart)
        .build());
    r.register(OpDef.builder("MatrixDiagPartV2")
        .input("input: T").input("k: int32").input("padding_value: T").output("diagonal: T")
        .attr("T: type")
        .shape(LinalgDiagPart::matrixDiagPartV2Shape).kernel(LinalgDiagPart::matrixDiagPart)
        .build());
  }

  // ---------------------------------------------------------------- Qr

  /** TF's {@code QrShapeFn}: q [..., M, P] and r [..., P, N] (P = min(M, N)), or full. */
  static List<Shape> qrShape(InferenceContext c) {
    Shape in = ShapeRules.withRankAtLeast(c.inputShape(0), 2);
    if (!in.hasRank()) {
      return List.of(Shape.unknown(), Shape.unknown());
    }
    long m = in.dim(-2);
    long n = in.dim(-1);
    long p = minDim(m, n);
    Shape batch = in.subShape(0, in.rank() - 2);
    if (c.attrBool("full_matrices")) {
      return List.of(batch.concatenate(Shape.of(m, m)), batch.concatenate(Shape.of(m, n)));
    }
    return List.of(batch.concatenate(Shape.of(m, p)), batch.concatenate(Shape.of(p, n)));
  }

  /** TF's {@code InferenceContext::Min}: a known 0 wins over an unknown dim. */
  static long minDim(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    if (a == Shape.UNKNOWN || b == Shape.UNKNOWN) {
      return Shape.UNKNOWN;
    }
    return Math.min(a, b);
  }

  // ---------------------------------------------------------------- DiagPart

  /** TF's {@code DiagPart} shape function: rank 2k, dims i and i + k merged. */
  static List<Shape> diagPartShape(InferenceContext c) {
    Shape in = c.inputShape(0);
    if (!in.hasRank()) {
      return List.of(Shape.unknown());
    }
    int rank = in.rank();
    if (rank % 2 != 0 || rank <= 0) {
      throw new IllegalArgumentException("Input must have even and non-zero rank, input rank is "
          + rank);
    }
    int mid = rank / 2;
    long[] dims = new long[mid];
    for (int i = 0; i < mid; i++) {
      dims[i] = ShapeRules.mergeDim(in.dim(i), in.dim(i + mid));
    }
    return List.of(Shape.of(dims));
  }

  static void diagPart(KernelContext ctx) {
    Tensor in = ctx.input(0);
    int rank = in.rank();
    if (rank % 2 != 0) {
      // TF's literal continues a line with a backslash, keeping the next line's indentation
      throw new InvalidArgumentException("The rank of the tensor should be " + " ".repeat(41)
          + "even and positive, got shape " + in.shape());
    }
    int mid = rank / 2;
    for (int i = 0; i < mid; i++) {
      if (in.shape().dim(i) != in.shape().dim(i + mid)) {
        throw new InvalidArgumentException("Invalid shape " + in.shape() + ": dimensions " + i
            + " and " + (i + mid) + " do not match.");
      }
    }
    Shape out = in.shape().subShape(0, mid);
    int size = Tensor.checkedElementCount(out);
    Object data = ElementwiseBinary.allocate(in.dtype(), size);
    // element i of the diagonal sits at flat index i * size + i of the [size, size] view
    for (int i = 0; i < size; i++) {
      System.arraycopy(in.rawData(), i * size + i, data, i, 1);
    }
    ctx.setOutput(0, Tensor.wrap(out, data));
  }

  // ---------------------------------------------------------------- MatrixDiag, MatrixSetDiag

  /** TF's {@code MatrixDiag} shape function: [..., N] -> [..., N, N]. */
  static List<Shape> matrixDiagShape(InferenceContext c) {
    Shape in = ShapeRules.withRankAtLeast(c.inputShape(0), 1);
    if (!in.hasRank()) {
      return List.of(Shape.unknown());
    }
    return List.of(in.concatenate(Shape.of(in.dim(-1))));
  }

  /**
   * TF's {@code MatrixSetDiag} shape function: the diagonal has rank one less than the input, its
   * last dim is min(M, N), and its batch dims refine the input's unknown ones.
   */
  static List<Shape> matrixSetDiagShape(InferenceContext c) {
    Shape in = ShapeRules.withRankAtLeast(c.inputShape(0), 2);
    Shape diag = ShapeRules.withRankAtLeast(c.inputShape(1), 1);
    if (in.hasRank()) {
      diag = ShapeRules.withRank(diag, in.rank() - 1);
    }
    if (in.hasRank() && diag.hasRank()) {
      ShapeRules.mergeDim(minDim(in.dim(-2), in.dim(-1)), diag.dim(-1));
    }
    return List.of(refineFromDiag(in, diag, 1));
  }

  /** The input shape merged with {@code diag}'s batch dims (the first rank - drop) + [?, ?]. */
  static Shape refineFromDiag(Shape in, Shape diag, int drop) {
    if (!diag.hasRank() || in.isFullyDefined()) {
      return in;
    }
    List<Long> dims = new ArrayList<>();
    for (long d : diag.subShape(0, diag.rank() - drop).dims()) {
      dims.add(d);
    }
    dims.add(Shape.UNKNOWN);
    dims.add(Shape.UNKNOWN);
    Shape fromDiag = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    if (in.hasRank() && in.rank() != fromDiag.rank()) {
      throw new IllegalArgumentException("Shapes must be equal rank, but are " + in.rank()
          + " and " + fromDiag.rank());
    }
    if (!in.hasRank()) {
      return fromDiag;
    }
    long[] merged = new long[in.rank()];
    for (int i = 0; i < merged.length; i++) {
      merged[i] = ShapeRules.mergeDim(in.dim(i), fromDiag.dim(i));
    }
    return Shape.of(merged);
  }
}
