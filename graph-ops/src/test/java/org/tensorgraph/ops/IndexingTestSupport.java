package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;
import org.tensorgraph.session.SessionOptions;

/**
 * Graph building and running for the indexing-op tests. Uses the standard registry once it has
 * {@code Const} and {@code Placeholder}; until then a private registry with this library and
 * test-only versions of those two ops (nothing is registered globally).
 */
final class IndexingTestSupport {
  private IndexingTestSupport() {}

  private static final OpRegistry FALLBACK = fallbackRegistry();

  private static OpRegistry fallbackRegistry() {
    OpRegistry r = new OpRegistry();
    new IndexingOps().register(r);
    r.register(OpDef.builder("Const").output("output: dtype").attr("value: tensor")
        .attr("dtype: type").shape(c -> List.of(((Tensor) c.attr("value")).shape()))
        .kernel(ctx -> ctx.setOutput(0, ctx.op().attrTensor("value"))).build());
    r.register(OpDef.builder("Placeholder").output("output: dtype").attr("dtype: type")
        .attr("shape: shape = { unknown_rank: true }")
        .shape(c -> List.of(c.attrShape("shape"))).build());
    return r;
  }

  /** A new graph over the standard registry, or over the fallback while Const is missing. */
  static Graph graph() {
    OpRegistry std = OpRegistry.standard();
    if (std.find("Const") != null && std.find("Placeholder") != null
        && std.find("StridedSlice") != null) {
      return new Graph();
    }
    return new Graph(FALLBACK);
  }

  static Output constant(Graph g, Tensor value) {
    return g.opBuilder("Const", "Const").setAttr("value", value).setAttr("dtype", value.dtype())
        .build().output(0);
  }

  static Output placeholder(Graph g, DType dtype, Shape shape) {
    return g.opBuilder("Placeholder", "Placeholder").setAttr("dtype", dtype)
        .setAttr("shape", shape).build().output(0);
  }

  /** Builds {@code type} with the given inputs (one Output per input argument) and attrs. */
  static Output op(Graph g, String type, List<Output> inputs, Map<String, Object> attrs) {
    OpBuilder b = g.opBuilder(type, null);
    inputs.forEach(b::addInput);
    attrs.forEach(b::setAttr);
    return b.build().output(0);
  }

  /** A daemon pool shared by the threaded sessions of these tests. */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "indexing-test-pool");
    t.setDaemon(true);
    return t;
  });

  /** The executors every run is checked on: the reference interpreter first. */
  private static final List<SessionOptions> EXECUTORS = List.of(
      SessionOptions.builder().executor(ExecutorKind.REFERENCE).build(),
      SessionOptions.builder().executor(ExecutorKind.DIRECT).build(),
      SessionOptions.builder().executorService(POOL).build());

  static Tensor run(Output out) {
    return run(out, Map.of());
  }

  /**
   * Runs {@code out} on every executor and asserts they agree: the same value, or the same
   * exception type and message. Returns the reference interpreter's value or throws its error.
   */
  static Tensor run(Output out, Map<Output, Tensor> feeds) {
    Tensor first = null;
    RuntimeException firstError = null;
    for (SessionOptions o : EXECUTORS) {
      Tensor t = null;
      RuntimeException err = null;
      try (Session s = new Session(out.graph(), o)) {
        t = s.run(out, feeds);
      } catch (RuntimeException e) {
        err = e;
      }
      if (o == EXECUTORS.get(0)) {
        first = t;
        firstError = err;
      } else if (firstError != null) {
        assertTrue(err != null, o + " succeeded where the reference failed: " + firstError);
        assertEquals(firstError.getClass(), err.getClass(), o.toString());
        assertEquals(firstError.getMessage(), err.getMessage(), o.toString());
      } else {
        assertEquals(null, err, o.toString());
        assertEquals(first, t, o + " differs from the reference interpreter");
      }
    }
    if (firstError != null) {
      throw firstError;
    }
    return first;
  }

  /** Runs and asserts the kernel result's shape agrees with the node's static shape. */
  static Tensor runChecked(Output out, Map<Output, Tensor> feeds) {
    Tensor t = run(out, feeds);
    assertTrue(out.shape().isCompatibleWith(t.shape()),
        "static shape " + out.shape() + " vs kernel shape " + t.shape());
    return t;
  }

  /** Asserts that running {@code out} fails with {@code type} and exactly {@code message}. */
  static <E extends StatusException> void assertRunFails(Class<E> type, String message,
      Output out, Map<Output, Tensor> feeds) {
    E e = assertThrows(type, () -> run(out, feeds));
    assertEquals(message, e.rawMessage());
    assertEquals(out.op().name(), e.nodeName());
  }

  /** Asserts that building fails with TF's shape-function text (and the node suffix). */
  static void assertBuildFails(String messageStart, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().startsWith(messageStart),
        "expected message starting with <" + messageStart + "> but was <" + e.getMessage() + ">");
  }

  /** A float32 tensor 0, 1, 2, ... of the given shape. */
  static Tensor iota(long... dims) {
    int n = Tensor.checkedElementCount(Shape.of(dims));
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Tensor.of(Shape.of(dims), v);
  }

  /** {@code x} converted to {@code dtype} (values are small integers). */
  static Tensor cast(Tensor x, DType dtype) {
    int n = x.size();
    Shape s = x.shape();
    switch (dtype) {
      case FLOAT32: {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = (float) x.getAsDouble(i);
        }
        return Tensor.of(s, v);
      }
      case FLOAT64: {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = x.getAsDouble(i);
        }
        return Tensor.of(s, v);
      }
      case INT32: {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = (int) x.getAsDouble(i);
        }
        return Tensor.of(s, v);
      }
      case INT64: {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = (long) x.getAsDouble(i);
        }
        return Tensor.of(s, v);
      }
      default: {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
          v[i] = ((long) x.getAsDouble(i)) % 2 == 1;
        }
        return Tensor.of(s, v);
      }
    }
  }

  /**
   * A naive element-by-element reference: the tensor of {@code dtype} and {@code outDims} whose
   * element at coordinates {@code c} is {@code src} at {@code f(c)}, or {@code fill} where {@code
   * f} returns null. Values pass through double (test values are small integers).
   */
  static Tensor reference(Tensor src, long[] outDims, Function<long[], long[]> f, double fill,
      DType dtype) {
    long[] srcDims = src.shape().dims();
    int n = Tensor.checkedElementCount(Shape.of(outDims));
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      long[] c = new long[outDims.length];
      long left = i;
      for (int d = outDims.length - 1; d >= 0; d--) {
        c[d] = left % outDims[d];
        left /= outDims[d];
      }
      long[] s = f.apply(c);
      if (s == null) {
        v[i] = fill;
        continue;
      }
      long flat = 0;
      for (int d = 0; d < srcDims.length; d++) {
        flat = flat * srcDims[d] + s[d];
      }
      v[i] = src.getAsDouble((int) flat);
    }
    return cast(Tensor.of(Shape.of(outDims), v), dtype);
  }

  /** Dims parsed from "2,3" ("" is a scalar). */
  static long[] dims(String s) {
    return s.isBlank() ? new long[0]
        : java.util.Arrays.stream(s.split(",")).map(String::trim).mapToLong(Long::parseLong)
            .toArray();
  }

  static Tensor ints(int... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  static Tensor longs(long... v) {
    return Tensor.of(Shape.of(v.length), v);
  }
}
