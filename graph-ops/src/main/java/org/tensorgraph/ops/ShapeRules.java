package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.op.ShapeRule;

/**
 * The shape rules most ops share, as TF's {@code shape_inference} helpers ({@code
 * UnchangedShape}, {@code BroadcastBinaryOpShapeFn}, {@code ScalarShape}, ...).
 */
public final class ShapeRules {
  private ShapeRules() {}

  /** Output 0 has input 0's shape (TF's {@code UnchangedShape}). */
  public static final ShapeRule UNCHANGED = c -> List.of(c.inputShape(0));

  /** Every output is a scalar. */
  public static final ShapeRule SCALAR = c -> Collections.nCopies(c.numOutputs(), Shape.scalar());

  /** No outputs ({@code NoOp}, {@code Assert}). */
  public static final ShapeRule NO_OUTPUTS = c -> List.of();

  /** Every output's shape is unknown. */
  public static final ShapeRule UNKNOWN = c -> Collections.nCopies(c.numOutputs(), Shape.unknown());

  /** Output 0 is the numpy broadcast of inputs 0 and 1 (TF's {@code BroadcastBinaryOpShapeFn}). */
  public static final ShapeRule BROADCAST = c -> List.of(broadcast(c.inputShape(0), c.inputShape(1)));

  /**
   * The static broadcast of two shapes, as TF's {@code BroadcastBinaryOpOutputShapeFnHelper}: dims
   * aligned from the right; 1 stretches; an unknown dim against a known one {@code > 1} takes the
   * known one, against 1 or unknown stays unknown.
   *
   * @throws IllegalArgumentException {@code "Dimensions must be equal, but are 2 and 3"}
   */
  public static Shape broadcast(Shape a, Shape b) {
    if (!a.hasRank() || !b.hasRank()) {
      return Shape.unknown();
    }
    int rank = Math.max(a.rank(), b.rank());
    List<Long> dims = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
      long db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
      dims.add(broadcastDim(da, db));
    }
    return Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
  }

  private static long broadcastDim(long da, long db) {
    if (da == Shape.UNKNOWN || db == Shape.UNKNOWN) {
      long known = da == Shape.UNKNOWN ? db : da;
      return known > 1 ? known : Shape.UNKNOWN;
    }
    if (da == 1) {
      return db;
    }
    if (db == 1 || da == db) {
      return da;
    }
    throw new IllegalArgumentException("Dimensions must be equal, but are " + da + " and " + db);
  }

  /**
   * Checks that {@code s} has rank {@code rank} (when known), as TF's {@code WithRank}.
   *
   * @throws IllegalArgumentException {@code "Shape must be rank 2 but is rank 3"}
   */
  public static Shape withRank(Shape s, int rank) {
    if (!s.hasRank()) {
      return Shape.unknownDims(rank);
    }
    if (s.rank() != rank) {
      throw new IllegalArgumentException("Shape must be rank " + rank + " but is rank " + s.rank());
    }
    return s;
  }

  /**
   * Checks that {@code s} has rank at least {@code rank} (when known), as TF's {@code
   * WithRankAtLeast}.
   */
  public static Shape withRankAtLeast(Shape s, int rank) {
    if (s.hasRank() && s.rank() < rank) {
      throw new IllegalArgumentException("Shape must be at least rank " + rank + " but is rank "
          + s.rank());
    }
    return s;
  }

  /**
   * Merges two dims that must agree (TF's {@code Merge} on dimensions).
   *
   * @throws IllegalArgumentException {@code "Dimensions must be equal, but are 3 and 4"}
   */
  public static long mergeDim(long a, long b) {
    if (a == Shape.UNKNOWN) {
      return b;
    }
    if (b == Shape.UNKNOWN || a == b) {
      return a;
    }
    throw new IllegalArgumentException("Dimensions must be equal, but are " + a + " and " + b);
  }
}
