package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;

/**
 * The differential engine: one {@link Script} builds the same graph in TF 1.15 and in Tensorgraph,
 * both run it, and the outcomes must agree — the same dtypes, shapes and values (per {@link
 * Tolerance}), or a rejection on both sides with the same error kind.
 *
 * <p>TF runs its op inputs as fed {@code Placeholder}s, so that neither its graph optimizer nor
 * grappler can fold the op away or rewrite it. Tensorgraph runs the script twice, with the
 * inputs as {@code Const} nodes (its shape rules then see the values) and as fed placeholders.
 * Both sides also build the graph once with Const inputs and must infer the same shapes.
 */
final class Differential {
  private Differential() {}

  /** How each side builds its graph; handles are each runtime's own {@code Output} type. */
  interface GraphBuilder {
    /** An input of the op under test: a fed Placeholder, or (ours, one pass) a Const. */
    Object input(Tensor value);

    /** A Const node. */
    Object constant(Tensor value);

    /**
     * Adds a node; each input is a handle or a {@code List} of handles (a list argument).
     * Attrs are Tensorgraph's kinds, see {@link TfGraph#op}.
     */
    default Node op(String type, Map<String, Object> attrs, List<?> inputs) {
      return op(type, attrs, inputs, List.of());
    }

    /** Adds a node that also waits for {@code controls} (the runtime's operations). */
    Node op(String type, Map<String, Object> attrs, List<?> inputs, List<Object> controls);
  }

  /** A built node: the runtime's operation and its outputs. */
  record Node(Object op, List<Object> outputs) {
    Object out(int i) {
      return outputs.get(i);
    }
  }

  /** One {@code Session.run}: what to fetch, which ops to run for effect, extra feeds. */
  record Run(List<Object> fetches, List<Object> targets, Map<Object, Tensor> feeds) {
    static Run fetch(List<Object> fetches) {
      return new Run(fetches, List.of(), Map.of());
    }

    static Run fetch(Object... fetches) {
      return fetch(List.of(fetches));
    }
  }

  /** Builds a graph through either runtime and says which runs to make, in order. */
  interface Script {
    List<Run> build(GraphBuilder g);
  }

  /** How float values must agree; integers and bools are always compared exactly. */
  enum Tolerance {
    /** Same bits, except that any NaN matches any NaN: data movement, exact arithmetic. */
    EXACT,
    /** Within 2 ulp or 1e-6 relative; NaNs in the same places: transcendental float math. */
    CLOSE
  }

  /**
   * What one side did: the results of each run that completed, then either nothing more or how
   * it failed (the Java exception class TF's Java API throws for that status code).
   */
  record Outcome(List<List<Tensor>> results, String rejection, String message) {
    boolean rejected() {
      return rejection != null;
    }

    String describe() {
      return rejected() ? rejection + " (" + firstLine(message) + ")" : "results " + results;
    }
  }

  /** Runs {@code script} on both sides and asserts that the outcomes agree. */
  static void check(String what, Script script, Tolerance tolerance) {
    check(what, script, tolerance, true);
  }

  /**
   * As {@link #check(String, Script, Tolerance)}; {@code staticShapes} false skips the check of
   * our inferred shapes, for graphs where TF's are stale too (a variable reassigned with {@code
   * validate_shape=false} keeps its declared shape).
   */
  static void check(String what, Script script, Tolerance tolerance, boolean staticShapes) {
    if (staticShapes) {
      compareInferred(what + " [inferred shapes]", TfSide.inferred(script),
          OurSide.inferred(script));
    }
    Outcome tf = TfSide.run(script);
    for (boolean constInputs : new boolean[] {true, false}) {
      Outcome ours = OurSide.run(script, constInputs, staticShapes);
      compare(what + (constInputs ? " [const inputs]" : " [fed inputs]"), tf, ours, tolerance);
    }
  }

  /**
   * The shapes each side infers for the fetches when the graph is built with Const inputs (so
   * shape functions see the values), or how building failed.
   */
  record Inferred(List<Shape> shapes, String rejection) {}

  /**
   * Where TF rejects a node when it is added, ours must too, and where both build it they must
   * infer the same shapes. Ours may reject earlier than TF (at build rather than at run): the
   * outcome comparison then still requires TF to reject.
   */
  static void compareInferred(String what, Inferred tf, Inferred ours) {
    if (tf.rejection() != null) {
      if (ours.rejection() == null) {
        fail(what + ": TF rejects the node when building (" + firstLine(tf.rejection())
            + ") but ours infers " + ours.shapes());
      }
      return;
    }
    if (ours.rejection() == null) {
      assertEquals(tf.shapes(), ours.shapes(), what);
    }
  }

  static void compare(String what, Outcome tf, Outcome ours, Tolerance tolerance) {
    if (tf.rejected() || ours.rejected()) {
      if (!tf.rejected() || !ours.rejected() || !tf.rejection().equals(ours.rejection())) {
        fail(what + ": TF " + tf.describe() + " but ours " + ours.describe());
      }
    }
    assertEquals(tf.results().size(), ours.results().size(),
        () -> what + ": completed runs; TF " + tf.describe() + ", ours " + ours.describe());
    for (int run = 0; run < tf.results().size(); run++) {
      List<Tensor> expected = tf.results().get(run);
      List<Tensor> actual = ours.results().get(run);
      assertEquals(expected.size(), actual.size(), what + ": fetched tensors");
      for (int i = 0; i < expected.size(); i++) {
        TensorCompare.assertMatches(expected.get(i), actual.get(i), tolerance,
            what + ", run " + (run + 1) + ", output " + i);
      }
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** TF's exception class for a status code, as TF's Java API (exception_jni.cc) maps them. */
  static String tfExceptionFor(StatusException.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT -> "IllegalArgumentException";
      case FAILED_PRECONDITION, RESOURCE_EXHAUSTED -> "IllegalStateException";
      case OUT_OF_RANGE -> "IndexOutOfBoundsException";
      case UNIMPLEMENTED -> "UnsupportedOperationException";
      case PERMISSION_DENIED -> "SecurityException";
      default -> "TensorFlowException";
    };
  }
}
