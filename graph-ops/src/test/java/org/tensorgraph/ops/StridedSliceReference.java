package org.tensorgraph.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A naive model of {@code StridedSlice} written from Python/numpy indexing semantics, not from
 * TF's C++: the masks are turned into a Python index tuple ({@code x[b:e:s, ..., None, i]}), the
 * ellipsis is expanded as numpy expands it, each slice is resolved with CPython's {@code
 * slice.indices(len)} and the result is read element by element. Where Python would raise, the
 * model returns TF's error text for the same condition (TF reports the first failing input
 * dimension, so the model checks dimensions in order too).
 */
final class StridedSliceReference {
  private StridedSliceReference() {}

  /** One slice item of a Python index tuple. */
  private record Item(Kind kind, Long start, Long stop, long step) {}

  private enum Kind { ELLIPSIS, NEW_AXIS, INDEX, SLICE }

  /** The result: either an error text or a shape and the row-major values. */
  record Result(String error, long[] shape, float[] values) {
    static Result error(String message) {
      return new Result(message, null, null);
    }

    @Override
    public String toString() {
      return error != null ? "error: " + error
          : Arrays.toString(shape) + " " + Arrays.toString(values);
    }
  }

  /** The slice spec as the op's inputs and attrs carry it. */
  record Spec(long[] begin, long[] end, long[] strides, int beginMask, int endMask,
      int ellipsisMask, int newAxisMask, int shrinkMask) {
    @Override
    public String toString() {
      return "begin=" + Arrays.toString(begin) + " end=" + Arrays.toString(end) + " strides="
          + Arrays.toString(strides) + " masks(b,e,ell,new,shrink)=" + beginMask + ","
          + endMask + "," + ellipsisMask + "," + newAxisMask + "," + shrinkMask;
    }

    /** The Python expression this spec stands for, for failure messages. */
    String python() {
      List<String> parts = new ArrayList<>();
      for (Item it : items(this)) {
        switch (it.kind()) {
          case ELLIPSIS: parts.add("..."); break;
          case NEW_AXIS: parts.add("None"); break;
          case INDEX: parts.add(String.valueOf(it.start())); break;
          default:
            parts.add((it.start() == null ? "" : it.start()) + ":"
                + (it.stop() == null ? "" : it.stop()) + ":" + it.step());
        }
      }
      return "x[" + String.join(", ", parts) + "]";
    }
  }

  /**
   * The spec TF's Python ({@code _slice_helper}) builds for an index expression such as {@code
   * "1:, ::-1, ..., None, 0"}: a slice sets begin/end mask bits for omitted bounds, an integer is a
   * shrink, {@code None} a new axis, {@code ...} the ellipsis.
   */
  static Spec parse(String expr) {
    String[] items = expr.isBlank() ? new String[0] : expr.split(",");
    int n = items.length;
    long[] b = new long[n];
    long[] e = new long[n];
    long[] s = new long[n];
    int[] masks = new int[5]; // begin, end, ellipsis, new axis, shrink
    for (int i = 0; i < n; i++) {
      String it = items[i].trim();
      s[i] = 1;
      if (it.equals("...")) {
        masks[2] |= 1 << i;
      } else if (it.equals("None")) {
        masks[3] |= 1 << i;
      } else if (!it.contains(":")) {
        b[i] = Long.parseLong(it);
        e[i] = b[i] + 1;
        masks[4] |= 1 << i;
      } else {
        String[] p = (it + ": ").split(":", -1);
        if (p[0].isBlank()) {
          masks[0] |= 1 << i;
        } else {
          b[i] = Long.parseLong(p[0].trim());
        }
        if (p[1].isBlank()) {
          masks[1] |= 1 << i;
        } else {
          e[i] = Long.parseLong(p[1].trim());
        }
        s[i] = p.length > 2 && !p[2].isBlank() ? Long.parseLong(p[2].trim()) : 1;
      }
    }
    return new Spec(b, e, s, masks[0], masks[1], masks[2], masks[3], masks[4]);
  }

  /** The items of the Python index tuple the spec encodes (without the implied ellipsis). */
  private static List<Item> items(Spec s) {
    List<Item> r = new ArrayList<>();
    for (int i = 0; i < s.strides().length; i++) {
      int bit = 1 << i;
      if ((s.ellipsisMask() & bit) != 0) {
        r.add(new Item(Kind.ELLIPSIS, null, null, 1));
      } else if ((s.newAxisMask() & bit) != 0) {
        r.add(new Item(Kind.NEW_AXIS, null, null, 1));
      } else if ((s.shrinkMask() & bit) != 0) {
        r.add(new Item(Kind.INDEX, s.begin()[i], null, s.strides()[i]));
      } else {
        Long start = (s.beginMask() & bit) != 0 ? null : s.begin()[i];
        Long stop = (s.endMask() & bit) != 0 ? null : s.end()[i];
        r.add(new Item(Kind.SLICE, start, stop, s.strides()[i]));
      }
    }
    return r;
  }

  /** {@code x[spec]} for {@code x} of {@code shape} holding {@code values}. */
  static Result apply(long[] shape, float[] values, Spec spec) {
    if (Integer.bitCount(spec.ellipsisMask()) > 1) {
      return Result.error("Multiple ellipses in slice spec not allowed");
    }
    List<Item> tuple = items(spec);
    if (tuple.stream().noneMatch(it -> it.kind() == Kind.ELLIPSIS)) {
      tuple.add(new Item(Kind.ELLIPSIS, null, null, 1));
    }
    int rank = shape.length;
    long real = tuple.stream().filter(it -> it.kind() == Kind.INDEX || it.kind() == Kind.SLICE)
        .count();
    if (real > rank) {
      return Result.error("Index out of range using input dim " + rank + "; input has only "
          + rank + " dims");
    }
    List<Item> expanded = new ArrayList<>();
    for (Item it : tuple) {
      if (it.kind() == Kind.ELLIPSIS) {
        for (long k = 0; k < rank - real; k++) {
          expanded.add(new Item(Kind.SLICE, null, null, 1));
        }
      } else {
        expanded.add(it);
      }
    }
    return select(shape, values, expanded);
  }

  /** Resolves each item against its input dimension, then reads the selected elements. */
  private static Result select(long[] shape, float[] values, List<Item> expanded) {
    List<long[]> positions = new ArrayList<>(); // per input dim, the chosen indices
    List<Long> outShape = new ArrayList<>();
    int dim = 0;
    for (Item it : expanded) {
      if (it.kind() == Kind.NEW_AXIS) {
        outShape.add(1L);
        continue;
      }
      long len = shape[dim];
      if (it.step() == 0) {
        return Result.error("strides[" + dim + "] must be non-zero");
      }
      if (it.kind() == Kind.INDEX) {
        if (it.step() < 0) {
          return Result.error("only stride 1 allowed on non-range indexing.");
        }
        long idx = it.start() < 0 ? it.start() + len : it.start();
        if (idx < 0 || idx >= len) {
          return Result.error("slice index " + idx + " of dimension " + dim + " out of bounds.");
        }
        positions.add(new long[] {idx});
      } else {
        long[] r = pythonRange(it.start(), it.stop(), it.step(), len);
        positions.add(r);
        outShape.add((long) r.length);
      }
      dim++;
    }
    return new Result(null, outShape.stream().mapToLong(Long::longValue).toArray(),
        gather(shape, values, positions));
  }

  /** {@code range(*slice(start, stop, step).indices(len))}, as CPython computes it. */
  static long[] pythonRange(Long start, Long stop, long step, long len) {
    long lower = step < 0 ? -1 : 0;
    long upper = step < 0 ? len - 1 : len;
    long s = start == null ? (step < 0 ? upper : lower) : clampIndex(start, len, lower, upper);
    long e = stop == null ? (step < 0 ? lower : upper) : clampIndex(stop, len, lower, upper);
    List<Long> r = new ArrayList<>();
    for (long i = s; step > 0 ? i < e : i > e; i += step) {
      r.add(i);
    }
    return r.stream().mapToLong(Long::longValue).toArray();
  }

  private static long clampIndex(long x, long len, long lower, long upper) {
    if (x < 0) {
      x += len;
      return x < lower ? lower : x;
    }
    return x > upper ? upper : x;
  }

  /** Reads every combination of the chosen positions, last dimension fastest. */
  private static float[] gather(long[] shape, float[] values, List<long[]> positions) {
    int rank = shape.length;
    long total = 1;
    for (long[] p : positions) {
      total *= p.length;
    }
    float[] out = new float[(int) total];
    int[] idx = new int[rank];
    for (int n = 0; n < total; n++) {
      long flat = 0;
      for (int d = 0; d < rank; d++) {
        flat = flat * shape[d] + positions.get(d)[idx[d]];
      }
      out[n] = values[(int) flat];
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < positions.get(d).length) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }
}
