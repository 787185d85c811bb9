package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.function.Executable;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;
import org.tensorgraph.session.SessionOptions;

/**
 * Graph-building and running helpers for the state and array op tests: one op applied to
 * inputs that are either {@code Const}s (so shape rules see their values) or unknown-shape
 * {@code Placeholder}s fed at run time (so only the kernel sees them). Every run goes through
 * each executor (reference, direct, threaded), which must agree.
 */
final class ArrayTesting {
  private ArrayTesting() {}

  /** How a case's inputs reach the op. */
  enum Feed { CONST, FED }

  static Output constant(Graph g, String name, Tensor value) {
    return g.opBuilder("Const", name).setAttr("dtype", value.dtype()).setAttr("value", value)
        .build().output(0);
  }

  static Output constant(Graph g, Tensor value) {
    return constant(g, null, value);
  }

  static Output placeholder(Graph g, String name, DType dtype, Shape shape) {
    return g.opBuilder("Placeholder", name).setAttr("dtype", dtype).setAttr("shape", shape)
        .build().output(0);
  }

  /**
   * A graph with one {@code op} node whose input arguments are {@code inputs} (a {@link Tensor}
   * per single argument, a {@code List<Tensor>} per list argument), as constants or as fed
   * placeholders of unknown shape.
   */
  static Built build(String op, List<Object> inputs, Map<String, Object> attrs, Feed feed) {
    Graph g = new Graph();
    Map<Output, Tensor> feeds = new LinkedHashMap<>();
    OpBuilder b = g.opBuilder(op, null);
    for (Object in : inputs) {
      if (in instanceof List) {
        List<Output> group = new ArrayList<>();
        for (Object t : (List<?>) in) {
          group.add(source(g, (Tensor) t, feed, feeds));
        }
        b.addInputList(group);
      } else {
        b.addInput(source(g, (Tensor) in, feed, feeds));
      }
    }
    attrs.forEach(b::setAttr);
    return new Built(g, b.build(), feeds);
  }

  private static Output source(Graph g, Tensor t, Feed feed, Map<Output, Tensor> feeds) {
    if (feed == Feed.CONST) {
      return constant(g, t);
    }
    Output p = placeholder(g, null, t.dtype(), Shape.unknown());
    feeds.put(p, t);
    return p;
  }

  /** A built single-op graph and the feeds its placeholders need. */
  record Built(Graph graph, Operation op, Map<Output, Tensor> feeds) {
    /** Runs the graph on every executor and returns every output of the op. */
    List<Tensor> run() {
      return runAll(graph, op.outputs(), feeds, List.of());
    }
  }

  /**
   * One op applied to inputs: the expected outputs, and the static output shapes when every
   * input is a constant.
   */
  record OpCase(String name, String op, List<Object> inputs, Map<String, Object> attrs,
      List<Tensor> expected, List<Shape> constShapes) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Checks a case both ways: with constant inputs (static shapes must be {@code constShapes})
   * and with fed placeholders of unknown shape (static shapes need only be compatible).
   */
  static void check(OpCase c) {
    for (Feed feed : Feed.values()) {
      Built b = build(c.op(), c.inputs(), c.attrs(), feed);
      List<Tensor> got = b.run();
      assertEquals(c.expected(), got, c.name() + " (" + feed + ")");
      for (int i = 0; i < got.size(); i++) {
        Shape s = b.op().output(i).shape();
        if (feed == Feed.CONST) {
          assertEquals(c.constShapes().get(i), s, c.name() + ": static shape of output " + i);
        } else {
          assertTrue(s.isCompatibleWith(got.get(i).shape()), c.name() + ": static shape " + s
              + " vs " + got.get(i).shape());
        }
      }
    }
  }

  /**
   * A bad call: with {@link Feed#CONST} inputs the shape rule must reject it while building
   * (TF's text, then the graph's " for 'op' ..." suffix); with {@link Feed#FED} inputs the kernel
   * must fail with exactly {@code message}.
   */
  record ErrorCase(String name, String op, List<Object> inputs, Map<String, Object> attrs,
      Feed feed, String message) {
    @Override
    public String toString() {
      return name + " (" + feed + ")";
    }
  }

  static void check(ErrorCase c) {
    if (c.feed() == Feed.CONST) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> build(c.op(), c.inputs(), c.attrs(), Feed.CONST));
      assertTrue(e.getMessage().startsWith(c.message() + " for '" + c.op() + "' (op: '"
          + c.op() + "')"), e.getMessage());
      return;
    }
    Built b = build(c.op(), c.inputs(), c.attrs(), Feed.FED);
    StatusException e = assertThrows(StatusException.class, b::run);
    assertEquals(c.message(), e.rawMessage());
    assertEquals(b.op().name(), e.nodeName());
  }

  /** A daemon pool shared by the threaded sessions of these tests. */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "state-array-test-pool");
    t.setDaemon(true);
    return t;
  });

  private static final List<SessionOptions> EXECUTORS = List.of(
      SessionOptions.builder().executor(ExecutorKind.REFERENCE).build(),
      SessionOptions.builder().executor(ExecutorKind.DIRECT).build(),
      SessionOptions.builder().executorService(POOL).build());

  /** Every executor, the reference interpreter first (a {@code @MethodSource} for tests). */
  static List<SessionOptions> executors() {
    return EXECUTORS;
  }

  /**
   * Runs one step in a new session on every executor and asserts they agree: the same values, or
   * the same exception type and message. Returns the reference interpreter's values or throws
   * its error.
   */
  static List<Tensor> runAll(Graph g, List<Output> fetches, Map<Output, Tensor> feeds,
      List<Operation> targets) {
    List<Tensor> first = null;
    RuntimeException firstError = null;
    for (SessionOptions o : EXECUTORS) {
      List<Tensor> got = null;
      RuntimeException err = null;
      try (Session s = new Session(g, o)) {
        got = s.run(fetches, feeds, targets);
      } catch (RuntimeException e) {
        err = e;
      }
      if (o == EXECUTORS.get(0)) {
        first = got;
        firstError = err;
      } else if (firstError != null) {
        assertNotNull(err, o + " succeeded where the reference failed: " + firstError);
        assertEquals(firstError.getClass(), err.getClass(), o.toString());
        assertEquals(firstError.getMessage(), err.getMessage(), o.toString());
      } else {
        assertNull(err, o + " failed");
        assertEquals(first, got, o + " differs from the reference interpreter");
      }
    }
    if (firstError != null) {
      throw firstError;
    }
    return first;
  }

  /** Runs {@code fetch} on every executor. */
  static Tensor run(Graph g, Output fetch, Map<Output, Tensor> feeds) {
    return runAll(g, List.of(fetch), feeds, List.of()).get(0);
  }

  /** Runs {@code targets} on every executor. */
  static void runTargets(Graph g, Map<Output, Tensor> feeds, Operation... targets) {
    runAll(g, List.of(), feeds, List.of(targets));
  }

  /** Asserts that {@code body} throws {@code type} and returns it. */
  static <T extends Throwable> T fails(Class<T> type, Executable body) {
    return assertThrows(type, body);
  }

  /** The message of a runtime error without TF's node suffix. */
  static String raw(StatusException e) {
    return e.rawMessage();
  }

  /** int32 vector. */
  static Tensor ints(int... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  /** int64 vector. */
  static Tensor longs(long... v) {
    return Tensor.of(Shape.of(v.length), v);
  }

  /** float32 tensor of {@code shape} holding 0, 1, 2, ... */
  static Tensor iota(int... shape) {
    Shape s = Shape.of(shape);
    float[] v = new float[Tensor.checkedElementCount(s)];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return Tensor.of(s, v);
  }

  /** float32 tensor of {@code shape} from row-major values. */
  static Tensor floats(Shape shape, float... v) {
    return Tensor.of(shape, v);
  }
}
