package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.errors.InvalidArgumentException;

/**
 * Runtime numpy broadcasting for kernels, as TF's {@code BCast} (tensorflow/core/util/bcast.h):
 * the output shape of two concrete shapes, and an iteration plan that walks the output in
 * contiguous rows so that kernels run plain loops over primitive arrays.
 *
 * <pre>{@code
 * Broadcast.Plan p = Broadcast.plan(Shape.of(2, 3), Shape.of(3));
 * p.shape();   // [2,3]
 * p.forEachRow((xo, xs, yo, ys, zo, n) -> ...);  // rows (0,1,0,1,0,3), (3,1,0,1,3,3)
 * }</pre>
 *
 * <p>Adjacent dimensions that broadcast the same way are merged first, so {@code [2,3,4] + [2,3,4]}
 * is one row of 24 elements and {@code [8,4] + [4]} is 8 rows of 4 with {@code y} restarting at 0.
 */
public final class Broadcast {
  private Broadcast() {}

  /** Receives one row of the output: {@code n} elements at {@code zo}, inputs at stride 0 or 1. */
  @FunctionalInterface
  public interface RowVisitor {
    void row(int xOff, int xStride, int yOff, int yStride, int zOff, int n);
  }

  /**
   * The broadcast of two concrete shapes.
   *
   * @throws InvalidArgumentException {@code "Incompatible shapes: [2,3] vs. [4]"}, TF's text
   */
  public static Shape shape(Shape x, Shape y) {
    long[] out = dims(x, y);
    if (out == null) {
      throw new InvalidArgumentException("Incompatible shapes: " + x + " vs. " + y);
    }
    return Shape.of(out);
  }

  /**
   * True if {@code small} broadcasts against {@code big} by repeating whole along big's rows: its
   * rank is at most big's and its dimensions, after any leading 1s, are big's last ones ({@code
   * [64]} or {@code [1,64]} against {@code [8,64]}; a scalar against anything). Then the output
   * is {@code big}'s shape and kernels walk it in rows of {@code small.size()} elements without
   * building a {@link Plan}. Allocates nothing: it runs on every elementwise call.
   */
  public static boolean repeatsAlongRows(Shape small, Shape big) {
    int rs = small.rank();
    int rb = big.rank();
    if (rs > rb) {
      return false;
    }
    int k = 0;
    while (k < rs && small.dim(k) == 1) {
      k++;
    }
    for (int i = k; i < rs; i++) {
      if (small.dim(i) != big.dim(rb - rs + i)) {
        return false;
      }
    }
    return true;
  }

  /** True if the two concrete shapes broadcast. */
  public static boolean compatible(Shape x, Shape y) {
    return dims(x, y) != null;
  }

  private static long[] dims(Shape x, Shape y) {
    int rank = Math.max(x.rank(), y.rank());
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long dx = dimFromRight(x, rank - 1 - i);
      long dy = dimFromRight(y, rank - 1 - i);
      if (dx == dy || dy == 1) {
        out[i] = dx;
      } else if (dx == 1) {
        out[i] = dy;
      } else {
        return null;
      }
    }
    return out;
  }

  /** Dimension {@code k} counted from the right (0 = last), or 1 past the rank. */
  static long dimFromRight(Shape s, int k) {
    return k < s.rank() ? s.dim(s.rank() - 1 - k) : 1;
  }

  /**
   * For each element of {@code out} (row-major), the flat index of the element of {@code in} that
   * broadcasts to it. {@code in} must broadcast to {@code out}. For ops with three operands
   * (SelectV2, ClipByValue), where the row plan does not apply.
   */
  public static int[] indexMap(Shape in, Shape out) {
    int rank = out.rank();
    int[] dims = out.intDims();
    int[] strides = inputStrides(in, out);
    int n = dims.length == 0 ? 1 : checkedSize(dims);
    int[] map = new int[n];
    int[] pos = new int[rank];
    int src = 0;
    for (int i = 0; i < n; i++) {
      map[i] = src;
      for (int d = rank - 1; d >= 0; d--) {
        src += strides[d];
        if (++pos[d] < dims[d]) {
          break;
        }
        src -= strides[d] * dims[d];
        pos[d] = 0;
      }
    }
    return map;
  }

  /** Row-major strides of {@code in} aligned to {@code out}'s dimensions, 0 where it broadcasts. */
  static int[] inputStrides(Shape in, Shape out) {
    int rank = out.rank();
    int[] strides = new int[rank];
    int stride = 1;
    for (int k = 0; k < rank; k++) {
      int d = rank - 1 - k;
      long din = dimFromRight(in, k);
      strides[d] = din == 1 ? 0 : stride;
      stride *= (int) din;
    }
    return strides;
  }

  private static int checkedSize(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  /**
   * The iteration plan for {@code x op y}.
   *
   * @throws InvalidArgumentException {@code "Incompatible shapes: [2,3] vs. [4]"}
   */
  public static Plan plan(Shape x, Shape y) {
    return new Plan(x, y, shape(x, y));
  }

  /** A coalesced walk of the broadcast output in rows. */
  public static final class Plan {
    private final Shape shape;
    private final int size;
    private final int[] dims;     // coalesced output dims
    private final int[] xStrides; // coalesced, 0 where x broadcasts
    private final int[] yStrides;

    Plan(Shape x, Shape y, Shape out) {
      this.shape = out;
      int[] od = out.intDims();
      int[] xs = inputStrides(x, out);
      int[] ys = inputStrides(y, out);
      long n = 1;
      for (int d : od) {
        n *= d;
      }
      this.size = Math.toIntExact(n);
      List<int[]> groups = coalesce(od, xs, ys);
      dims = new int[groups.size()];
      xStrides = new int[groups.size()];
      yStrides = new int[groups.size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = groups.get(i)[0];
        xStrides[i] = groups.get(i)[1];
        yStrides[i] = groups.get(i)[2];
      }
    }

    /** Merges each dim into the one before it when both inputs step through them contiguously. */
    private static List<int[]> coalesce(int[] od, int[] xs, int[] ys) {
      List<int[]> g = new ArrayList<>();
      for (int d = 0; d < od.length; d++) {
        if (od[d] == 1) {
          continue; // a size-1 output dim never moves the walk
        }
        if (!g.isEmpty()) {
          int[] last = g.get(g.size() - 1);
          boolean xOk = (last[1] == 0 && xs[d] == 0) || (last[1] != 0 && last[1] == xs[d] * od[d]);
          boolean yOk = (last[2] == 0 && ys[d] == 0) || (last[2] != 0 && last[2] == ys[d] * od[d]);
          if (xOk && yOk) {
            last[0] *= od[d];
            last[1] = xs[d];
            last[2] = ys[d];
            continue;
          }
        }
        g.add(new int[] {od[d], xs[d], ys[d]});
      }
      return g;
    }

    /** The output shape. */
    public Shape shape() {
      return shape;
    }

    /** The number of output elements. */
    public int size() {
      return size;
    }

    /** Calls {@code v} once per output row (the innermost coalesced dimension), in order. */
    public void forEachRow(RowVisitor v) {
      if (size == 0) {
        return;
      }
      int r = dims.length;
      if (r == 0) {
        v.row(0, 0, 0, 0, 0, 1);
        return;
      }
      int n = dims[r - 1];
      int xs = xStrides[r - 1];
      int ys = yStrides[r - 1];
      int rows = size / n;
      int[] pos = new int[r];
      int xo = 0;
      int yo = 0;
      for (int row = 0, zo = 0; row < rows; row++, zo += n) {
        v.row(xo, xs, yo, ys, zo, n);
        for (int d = r - 2; d >= 0; d--) {
          xo += xStrides[d];
          yo += yStrides[d];
          if (++pos[d] < dims[d]) {
            break;
          }
          xo -= xStrides[d] * dims[d];
          yo -= yStrides[d] * dims[d];
          pos[d] = 0;
        }
      }
    }
  }
}
