package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/**
 * Graph building, running, random data and an independent numpy-broadcasting reference for the
 * math/nn op tests. Graphs use the standard registry ({@code new Graph()}), so the ops are found
 * through the OpLibrary service file, next to the real {@code Const} and {@code Placeholder}.
 */
final class MathTestSupport {
  private MathTestSupport() {}

  static Graph graph() {
    return new Graph();
  }

  static Output constant(Graph g, Tensor value) {
    return g.opBuilder("Const", "Const").setAttr("value", value).setAttr("dtype", value.dtype())
        .build().output(0);
  }

  static Output placeholder(Graph g, DType dtype, Shape shape) {
    return g.opBuilder("Placeholder", "Placeholder").setAttr("dtype", dtype)
        .setAttr("shape", shape).build().output(0);
  }

  /** Builds {@code type} named {@code type} with the given single-tensor inputs and attrs. */
  static OpBuilder builder(Graph g, String type, List<Output> inputs, Map<String, Object> attrs) {
    OpBuilder b = g.opBuilder(type, null);
    inputs.forEach(b::addInput);
    attrs.forEach(b::setAttr);
    return b;
  }

  static Output op(Graph g, String type, List<Output> inputs, Map<String, Object> attrs) {
    return builder(g, type, inputs, attrs).build().output(0);
  }

  static Output op(Graph g, String type, Output... inputs) {
    return op(g, type, List.of(inputs), Map.of());
  }

  static Tensor run(Output out) {
    return run(out, Map.of());
  }

  static Tensor run(Output out, Map<Output, Tensor> feeds) {
    return runAll(List.of(out), feeds).get(0);
  }

  /**
   * Runs the fetches on every executor ({@link ExecutorConfig}): all must return the same bits, or
   * fail with the same status class and message; returns (or throws) the reference interpreter's.
   */
  static List<Tensor> runAll(List<Output> outs, Map<Output, Tensor> feeds) {
    List<Tensor> first = null;
    RuntimeException firstError = null;
    for (ExecutorConfig exec : ExecutorConfig.values()) {
      List<Tensor> r = null;
      RuntimeException err = null;
      try (Session s = exec.open(outs.get(0).graph())) {
        r = s.run(outs, feeds, List.of());
      } catch (RuntimeException e) {
        err = e;
      }
      if (exec == ExecutorConfig.REFERENCE) {
        first = r;
        firstError = err;
        continue;
      }
      if (firstError != null) {
        assertTrue(err != null, exec + " succeeded where the reference failed: " + firstError);
        assertEquals(firstError.getClass(), err.getClass(), exec.toString());
        assertEquals(firstError.getMessage(), err.getMessage(), exec.toString());
      } else {
        assertTrue(err == null, exec + " failed where the reference succeeded: " + err);
        assertEquals(first, r, exec + " differs from the reference interpreter");
      }
    }
    if (firstError != null) {
      throw firstError;
    }
    return first;
  }

  /** Runs {@code type} on constants and returns its output 0. */
  static Tensor eval(String type, Map<String, Object> attrs, Tensor... ins) {
    Graph g = graph();
    List<Output> outs = Arrays.stream(ins).map(t -> constant(g, t)).toList();
    Output o = op(g, type, outs, attrs);
    Tensor r = run(o);
    assertTrue(o.shape().isCompatibleWith(r.shape()),
        "static shape " + o.shape() + " vs runtime " + r.shape());
    return r;
  }

  /** Runs {@code type} on placeholders of unknown shape (so only the kernel checks) and fails. */
  static StatusException runtimeError(String type, Map<String, Object> attrs, Tensor... ins) {
    Graph g = graph();
    Map<Output, Tensor> feeds = new HashMap<>();
    List<Output> outs = new java.util.ArrayList<>();
    for (Tensor t : ins) {
      Output p = placeholder(g, t.dtype(), Shape.unknown());
      feeds.put(p, t);
      outs.add(p);
    }
    Output o = op(g, type, outs, attrs);
    return assertThrows(StatusException.class, () -> run(o, feeds));
  }

  /** Builds {@code type} on placeholders of the given static shapes and expects a build error. */
  static IllegalArgumentException buildError(String type, Map<String, Object> attrs, DType[] types,
      Shape... shapes) {
    Graph g = graph();
    List<Output> outs = new java.util.ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      outs.add(placeholder(g, types[i], shapes[i]));
    }
    return assertThrows(IllegalArgumentException.class, () -> op(g, type, outs, attrs));
  }

  /** The static output shape of {@code type} on placeholders of the given shapes. */
  static Shape staticShape(String type, Map<String, Object> attrs, DType[] types,
      Shape... shapes) {
    Graph g = graph();
    List<Output> outs = new java.util.ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      outs.add(placeholder(g, types[i], shapes[i]));
    }
    return op(g, type, outs, attrs).shape();
  }

  static DType[] types(DType... t) {
    return t;
  }

  // ---------------------------------------------------------------- data

  /** Random values of {@code dtype}: floats in [-3, 3), ints in [-9, 9], bools fair. */
  static Tensor random(DType dtype, Shape shape, long seed) {
    Random r = new Random(seed);
    int n = Tensor.checkedElementCount(shape);
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = (float) (r.nextDouble() * 6 - 3);
        }
        return Tensor.of(shape, a);
      }
      case FLOAT64: {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = r.nextDouble() * 6 - 3;
        }
        return Tensor.of(shape, a);
      }
      case INT32: {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
          a[i] = r.nextInt(19) - 9;
        }
        return Tensor.of(shape, a);
      }
      case INT64: {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = r.nextInt(19) - 9;
        }
        return Tensor.of(shape, a);
      }
      default: {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = r.nextBoolean();
        }
        return Tensor.of(shape, a);
      }
    }
  }

  /** A tensor of {@code dtype} holding {@code values} (rounded/truncated per dtype). */
  static Tensor fromDoubles(DType dtype, Shape shape, double[] v) {
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[v.length];
        for (int i = 0; i < v.length; i++) {
          a[i] = (float) v[i];
        }
        return Tensor.of(shape, a);
      }
      case FLOAT64: return Tensor.of(shape, v.clone());
      case INT32: {
        int[] a = new int[v.length];
        for (int i = 0; i < v.length; i++) {
          a[i] = (int) v[i];
        }
        return Tensor.of(shape, a);
      }
      case INT64: {
        long[] a = new long[v.length];
        for (int i = 0; i < v.length; i++) {
          a[i] = (long) v[i];
        }
        return Tensor.of(shape, a);
      }
      default: {
        boolean[] a = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
          a[i] = v[i] != 0;
        }
        return Tensor.of(shape, a);
      }
    }
  }

  static double[] doubles(Tensor t) {
    double[] r = new double[t.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = t.getAsDouble(i);
    }
    return r;
  }

  // ---------------------------------------------------------------- reference broadcasting

  /** numpy's broadcast of two dims arrays, written out independently of {@link Broadcast}. */
  static long[] refBroadcast(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      int ia = i - (rank - a.length);
      int ib = i - (rank - b.length);
      long da = ia < 0 ? 1 : a[ia];
      long db = ib < 0 ? 1 : b[ib];
      if (da != db && da != 1 && db != 1) {
        return null;
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** The flat index in a tensor of dims {@code in} of the element at output multi-index idx. */
  static int refSourceIndex(long[] in, int[] idx) {
    int off = idx.length - in.length;
    int flat = 0;
    for (int d = 0; d < in.length; d++) {
      int i = in[d] == 1 ? 0 : idx[d + off];
      flat = flat * (int) in[d] + i;
    }
    return flat;
  }

  /** The multi-index of flat position {@code flat} in dims {@code dims}. */
  static int[] unflatten(long[] dims, int flat) {
    int[] idx = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      idx[d] = (int) (flat % dims[d]);
      flat /= (int) dims[d];
    }
    return idx;
  }

  static int count(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return (int) n;
  }

  // ---------------------------------------------------------------- comparison

  /** Asserts equal dtype and shape, and values within {@code ulps} ulp or {@code abs}. */
  static void assertClose(Tensor expected, Tensor actual, double ulps, double abs) {
    assertEquals(expected.dtype(), actual.dtype(), "dtype");
    assertEquals(expected.shape(), actual.shape(), "shape");
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getAsDouble(i);
      double a = actual.getAsDouble(i);
      if (Double.isNaN(e) || Double.isNaN(a)) {
        if (Double.isNaN(e) != Double.isNaN(a)) {
          fail("element " + i + ": expected " + e + " but was " + a);
        }
        continue;
      }
      if (e == a) {
        continue;
      }
      double ulp = expected.dtype() == DType.FLOAT32 ? Math.ulp((float) e) : Math.ulp(e);
      double tol = Math.max(ulps * ulp, abs);
      if (!(Math.abs(e - a) <= tol)) {
        fail("element " + i + ": expected " + e + " but was " + a + " (tolerance " + tol + ")");
      }
    }
  }
}
