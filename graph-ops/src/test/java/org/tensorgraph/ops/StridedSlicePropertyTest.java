package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tensorgraph.ops.IndexingTestSupport.constant;
import static org.tensorgraph.ops.IndexingTestSupport.iota;
import static org.tensorgraph.ops.IndexingTestSupport.placeholder;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.StridedSliceReference.Result;
import org.tensorgraph.ops.StridedSliceReference.Spec;

/**
 * Randomized comparison of {@code StridedSlice} (static shape rule and kernel) against {@link
 * StridedSliceReference}, the numpy-semantics model: random rank up to 4, random masks (including
 * two ellipses, new axes after an ellipsis, shrinks on new axes), begin/end in and out of range,
 * negative and zero strides, with the input and the bounds known or unknown while building.
 */
class StridedSlicePropertyTest {
  private static final int CASES = 4000;
  private static final String STATIC_ERRORS = "(?s)(strides\\[\\d+\\] must be non-zero"
      + "|slice index -?\\d+ of dimension \\d+ out of bounds\\."
      + "|only stride 1 allowed on non-range indexing\\."
      + "|Index out of range using input dim \\d+; input has only \\d+ dims"
      + "|Multiple ellipses in slice spec not allowed)";

  /** How much the graph knows about the input while building. */
  private enum InputMode { CONST, FULL_SHAPE, PARTIAL_SHAPE, UNKNOWN_RANK }

  private record Case(long[] shape, Spec spec, DType index, InputMode mode,
      boolean[] unknownDims, boolean boundsConst) {
    @Override
    public String toString() {
      return "x.shape=" + java.util.Arrays.toString(shape) + " " + spec.python() + " [" + spec
          + "] index=" + index + " mode=" + mode + " boundsConst=" + boundsConst;
    }
  }

  @Test
  void kernelAndShapeRuleAgreeWithNumpySemantics() {
    Random rnd = new Random(0x5711CE);
    int errors = 0;
    int staticErrors = 0;
    for (int k = 0; k < CASES; k++) {
      Case c = randomCase(rnd);
      Result ref = StridedSliceReference.apply(c.shape(), iota(c.shape()).toFloatArray(),
          c.spec());
      errors += ref.error() != null ? 1 : 0;
      staticErrors += check(c, ref) ? 1 : 0;
    }
    // The generator must exercise both outcomes, and errors found while building.
    assertTrue(errors > CASES / 20 && errors < CASES / 2, "error cases: " + errors);
    assertTrue(staticErrors > CASES / 40, "static error cases: " + staticErrors);
  }

  /** Checks one case; returns true if the shape rule rejected it while building. */
  private static boolean check(Case c, Result ref) {
    Graph g = IndexingTestSupport.graph();
    Tensor x = iota(c.shape());
    Map<Output, Tensor> feeds = new HashMap<>();
    Output in = input(g, c, x, feeds);
    Output begin = bound(g, c, c.spec().begin(), feeds);
    Output end = bound(g, c, c.spec().end(), feeds);
    Output strides = constant(g, boundTensor(c.index(), c.spec().strides()));
    boolean staticComplete = c.boundsConst()
        && (c.mode() == InputMode.CONST || c.mode() == InputMode.FULL_SHAPE);
    Output y;
    try {
      y = build(g, in, begin, end, strides, c.spec());
    } catch (IllegalArgumentException e) {
      assertNotNull(ref.error(), () -> c + ": rejected while building but numpy gives " + ref
          + "; " + e.getMessage());
      String suffix = " for 'StridedSlice' (op: 'StridedSlice') with input shapes: ";
      if (staticComplete) {
        assertTrue(e.getMessage().startsWith(ref.error() + suffix), () -> c + ": " + e);
      } else {
        // With unknown dims TF checks fewer dimensions statically, so the first error it finds
        // may be a later dimension's; it must still be one of the slice errors.
        assertTrue(e.getMessage().matches(STATIC_ERRORS + Pattern.quote(suffix) + ".*"),
            () -> c + ": " + e);
      }
      return true;
    }
    if (staticComplete && ref.error() != null) {
      fail(c + ": the shape rule saw everything but accepted a slice numpy rejects: " + ref);
    }
    if (ref.error() != null) {
      InvalidArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
          InvalidArgumentException.class, () -> IndexingTestSupport.run(y, feeds), c::toString);
      assertEquals(ref.error(), e.rawMessage(), c::toString);
      return false;
    }
    Tensor got = IndexingTestSupport.run(y, feeds);
    assertArrayEquals(ref.shape(), got.shape().dims(), c::toString);
    assertArrayEquals(ref.values(), got.toFloatArray(), c::toString);
    assertTrue(y.shape().isCompatibleWith(got.shape()),
        () -> c + ": static " + y.shape() + " vs " + got.shape());
    if (staticComplete) {
      assertEquals(got.shape(), y.shape(), c::toString);
    }
    if (c.mode() != InputMode.UNKNOWN_RANK) {
      assertEquals(got.rank(), y.shape().rank(), () -> c + ": rank must be known statically");
    }
    return false;
  }

  private static Output build(Graph g, Output in, Output b, Output e, Output s, Spec spec) {
    return g.opBuilder("StridedSlice", null).addInput(in).addInput(b).addInput(e).addInput(s)
        .setAttr("begin_mask", spec.beginMask()).setAttr("end_mask", spec.endMask())
        .setAttr("ellipsis_mask", spec.ellipsisMask())
        .setAttr("new_axis_mask", spec.newAxisMask())
        .setAttr("shrink_axis_mask", spec.shrinkMask()).build().output(0);
  }

  private static Output input(Graph g, Case c, Tensor x, Map<Output, Tensor> feeds) {
    if (c.mode() == InputMode.CONST) {
      return constant(g, x);
    }
    Shape s;
    if (c.mode() == InputMode.UNKNOWN_RANK) {
      s = Shape.unknown();
    } else {
      long[] d = c.shape().clone();
      for (int i = 0; i < d.length; i++) {
        if (c.mode() == InputMode.PARTIAL_SHAPE && c.unknownDims()[i]) {
          d[i] = Shape.UNKNOWN;
        }
      }
      s = Shape.of(d);
    }
    Output p = placeholder(g, DType.FLOAT32, s);
    feeds.put(p, x);
    return p;
  }

  private static Output bound(Graph g, Case c, long[] v, Map<Output, Tensor> feeds) {
    Tensor t = boundTensor(c.index(), v);
    if (c.boundsConst()) {
      return constant(g, t);
    }
    Output p = placeholder(g, c.index(), Shape.of(v.length));
    feeds.put(p, t);
    return p;
  }

  private static Tensor boundTensor(DType index, long[] v) {
    if (index == DType.INT64) {
      return Tensor.of(Shape.of(v.length), v);
    }
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (int) v[i];
    }
    return Tensor.of(Shape.of(v.length), r);
  }

  private static Case randomCase(Random rnd) {
    int rank = rnd.nextInt(5);
    long[] shape = new long[rank];
    boolean[] unknown = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(5);
      unknown[i] = rnd.nextBoolean();
    }
    int n = rnd.nextInt(rank + 3);
    long[] begin = new long[n];
    long[] end = new long[n];
    long[] strides = new long[n];
    for (int i = 0; i < n; i++) {
      begin[i] = rnd.nextInt(15) - 7;
      end[i] = rnd.nextInt(15) - 7;
      strides[i] = rnd.nextInt(40) == 0 ? 0 : (1 + rnd.nextInt(3)) * (rnd.nextBoolean() ? 1 : -1);
    }
    int ellipsis = 0;
    if (n > 0 && rnd.nextInt(3) == 0) {
      ellipsis = 1 << rnd.nextInt(n);
      if (rnd.nextInt(15) == 0) {
        ellipsis |= 1 << rnd.nextInt(n);
      }
    }
    Spec spec = new Spec(begin, end, strides, randomMask(rnd, n, 3), randomMask(rnd, n, 3),
        ellipsis, randomMask(rnd, n, 7), randomMask(rnd, n, 4));
    InputMode mode = InputMode.values()[rnd.nextInt(InputMode.values().length)];
    return new Case(shape, spec, rnd.nextBoolean() ? DType.INT32 : DType.INT64, mode, unknown,
        rnd.nextInt(5) != 0);
  }

  /** A mask over {@code n} items with each bit set with probability 1/oneIn. */
  private static int randomMask(Random rnd, int n, int oneIn) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(oneIn) == 0) {
        m |= 1 << i;
      }
    }
    return m;
  }

  @Test
  void referenceFollowsPythonSlicing() {
    // Sanity of the model itself on hand-checked Python results.
    assertArrayEquals(new long[] {4, 3, 2, 1, 0},
        StridedSliceReference.pythonRange(null, null, -1, 5)); // range(5)[::-1]
    assertArrayEquals(new long[] {1, 3}, StridedSliceReference.pythonRange(1L, 100L, 2, 5));
    assertArrayEquals(new long[] {4, 2}, StridedSliceReference.pythonRange(-1L, -5L, -2, 5));
    assertArrayEquals(new long[] {}, StridedSliceReference.pythonRange(3L, 1L, 1, 5));
    assertArrayEquals(new long[] {0, 1}, StridedSliceReference.pythonRange(-100L, 2L, 1, 5));
    Result r = StridedSliceReference.apply(new long[] {2, 3}, iota(2, 3).toFloatArray(),
        new Spec(new long[] {0, -1}, new long[] {0, 0}, new long[] {1, -1}, 1, 3, 0, 0, 0));
    assertArrayEquals(new long[] {2, 3}, r.shape()); // x[:, -1::-1]
    assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, r.values());
  }
}
