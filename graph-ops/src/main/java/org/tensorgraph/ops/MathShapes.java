package org.tensorgraph.ops;

import org.tensorgraph.core.Shape;

/**
 * Static shape helpers with TF's {@code InferenceContext} wording that the shared {@link
 * ShapeRules} do not cover: merging two shapes (TF's {@code Merge}) and reading reduction axes.
 *
 * <pre>{@code
 * MathShapes.merge(Shape.of(-1, 3), Shape.of(2, -1));   // [2,3]
 * MathShapes.merge(Shape.of(2), Shape.of(3));
 * // IllegalArgumentException: Dimension 0 in both shapes must be equal, but are 2 and 3.
 * //   Shapes are [2] and [3].
 * }</pre>
 */
public final class MathShapes {
  private MathShapes() {}

  /**
   * The most specific shape compatible with both, as TF's {@code InferenceContext::Merge}.
   *
   * @throws IllegalArgumentException {@code "Shapes must be equal rank, but are 3 and 2"} or
   *     {@code "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and
   *     [3]."}
   */
  public static Shape merge(Shape a, Shape b) {
    if (!a.hasRank()) {
      return b;
    }
    if (!b.hasRank()) {
      return a;
    }
    if (a.rank() != b.rank()) {
      throw new IllegalArgumentException("Shapes must be equal rank, but are " + a.rank()
          + " and " + b.rank());
    }
    long[] r = new long[a.rank()];
    for (int i = 0; i < r.length; i++) {
      long da = a.dim(i);
      long db = b.dim(i);
      if (da != Shape.UNKNOWN && db != Shape.UNKNOWN && da != db) {
        throw new IllegalArgumentException("Dimension " + i + " in both shapes must be equal, "
            + "but are " + da + " and " + db + ". Shapes are " + a + " and " + b + ".");
      }
      r[i] = da != Shape.UNKNOWN ? da : db;
    }
    return Shape.of(r);
  }

  /** The values of an int32 or int64 tensor as longs (any rank, row-major). */
  public static long[] longValues(org.tensorgraph.core.Tensor t) {
    long[] r = new long[t.size()];
    Object d = t.rawData();
    for (int i = 0; i < r.length; i++) {
      r[i] = d instanceof int[] ? ((int[]) d)[i] : ((long[]) d)[i];
    }
    return r;
  }
}
