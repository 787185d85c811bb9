package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.session.TestOps.constant;
import static org.tensorgraph.session.TestOps.op;
import static org.tensorgraph.session.TestOps.placeholder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.CancelledException;
import org.tensorgraph.core.errors.DeadlineExceededException;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.OutOfRangeException;
import org.tensorgraph.core.errors.ResourceExhaustedException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.errors.UnimplementedException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/** Each error a run can raise: its exception type, TF's exact text and the failing node. */
class SessionErrorsTest {
  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void unfedPlaceholder(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output x = placeholder(g, "X", Shape.of(-1, 2, 3));
    Output y = op(g, "Neg", "y", x);
    try (Session s = exec.open(g)) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> s.run(y));
      assertEquals("You must feed a value for placeholder tensor 'X' with dtype float and shape "
          + "[?,2,3]\n\t [[node X (Placeholder)]]", e.getMessage());
      assertEquals("X", e.nodeName());
      assertEquals("Placeholder", e.opType());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void uninitializedVariable(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    var v = TestOps.variable(g, "rnn/basic_rnn_cell/kernel", Tensor.of(new float[] {1}));
    try (Session s = exec.open(g)) {
      FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
          () -> s.run(v[2].output(0)));
      assertEquals("Attempting to use uninitialized value rnn/basic_rnn_cell/kernel\n\t [[node "
          + "rnn/basic_rnn_cell/kernel/read (Identity)]]", e.getMessage());
      FailedPreconditionException f = assertThrows(FailedPreconditionException.class,
          () -> s.run(v[0].output(0)));
      assertEquals("rnn/basic_rnn_cell/kernel", f.nodeName());
    }
  }

  static Stream<Arguments> codes() {
    List<Arguments> r = new ArrayList<>();
    Object[][] codes = {
        {"INVALID_ARGUMENT", InvalidArgumentException.class},
        {"FAILED_PRECONDITION", FailedPreconditionException.class},
        {"OUT_OF_RANGE", OutOfRangeException.class},
        {"CANCELLED", CancelledException.class},
        {"DEADLINE_EXCEEDED", DeadlineExceededException.class},
        {"RESOURCE_EXHAUSTED", ResourceExhaustedException.class},
        {"UNIMPLEMENTED", UnimplementedException.class},
        {"INTERNAL", InternalException.class}};
    for (ExecutorConfig exec : ExecutorConfig.values()) {
      for (Object[] c : codes) {
        r.add(Arguments.of(exec, c[0], c[1]));
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("codes")
  void eachStatusCodeIsItsOwnException(ExecutorConfig exec, String code,
      Class<? extends StatusException> type) {
    Graph g = TestOps.graph();
    Output bad = TestOps.raise(g, "scope/bad", code, "it went wrong");
    Output y = op(g, "Neg", "y", bad);
    try (Session s = exec.open(g)) {
      StatusException e = assertThrows(type, () -> s.run(y));
      assertEquals("it went wrong\n\t [[node scope/bad (Raise)]]", e.getMessage());
      assertEquals(code, e.code().name());
      assertEquals("scope/bad", e.nodeName());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void kernelBugsAreInternalErrors(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output broken = g.opBuilder("Broken", "broken").build().output(0);
    Output silent = g.opBuilder("Silent", "silent").build().output(0);
    Output error = g.opBuilder("BrokenError", "error").build().output(0);
    try (Session s = exec.open(g)) {
      InternalException a = assertThrows(InternalException.class, () -> s.run(error));
      assertEquals("Kernel of BrokenError failed: java.lang.AssertionError: oops\n\t [[node error "
          + "(BrokenError)]]", a.getMessage());
      InternalException e = assertThrows(InternalException.class, () -> s.run(broken));
      assertEquals("Kernel of Broken failed: java.lang.IllegalStateException: bug\n\t [[node "
          + "broken (Broken)]]", e.getMessage());
      e = assertThrows(InternalException.class, () -> s.run(silent));
      assertEquals("Kernel of Silent did not set output 0\n\t [[node silent (Silent)]]",
          e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void errorsInFunctionBodiesNameTheBodyNode(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Graph body = g.newFunctionBody();
    var arg = body.opBuilder("_Arg", "x").setAttr("T", org.tensorgraph.core.DType.FLOAT32)
        .setAttr("index", 0L).build();
    Output bad = TestOps.raise(body, "rnn/while/bad", "OUT_OF_RANGE", "step 1 of 0");
    Output y = op(body, "AddV2", "rnn/while/add", arg.output(0), bad);
    g.addFunction(new org.tensorgraph.core.graph.GraphFunction("body", body, List.of(arg),
        List.of(y), List.of("y")));
    Output loop = TestOps.call(g, "rnn/while", "body", constant(g, "c", 1), 2);
    Output missing = TestOps.call(g, "loop", "missing", constant(g, "d", 1), 1);
    Graph intBody = g.newFunctionBody();
    var intArg = intBody.opBuilder("_Arg", "i").setAttr("T", org.tensorgraph.core.DType.INT32)
        .setAttr("index", 0L).build();
    g.addFunction(new org.tensorgraph.core.graph.GraphFunction("int_identity", intBody,
        List.of(intArg), List.of(op(intBody, "Identity", "id", intArg.output(0))), List.of("y")));
    Output wrongType = TestOps.call(g, "typed", "int_identity", constant(g, "e", 1), 1);
    try (Session s = exec.open(g)) {
      OutOfRangeException e = assertThrows(OutOfRangeException.class, () -> s.run(loop));
      assertEquals("step 1 of 0\n\t [[node rnn/while/bad (Raise)]]", e.getMessage());
      StatusException f = assertThrows(StatusException.class, () -> s.run(missing));
      assertEquals("Function missing is not defined.\n\t [[node loop (Call)]]", f.getMessage());
      f = assertThrows(InvalidArgumentException.class, () -> s.run(wrongType));
      assertEquals("Expects arg[0] to be int32 but float is provided\n\t [[node typed (Call)]]",
          f.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void feedShapeAndDtypeAreCheckedBeforeAnythingRuns(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output x = placeholder(g, "X", Shape.of(-1, 2, 3));
    Output c = op(g, "Count", "count_feed_" + exec, constant(g, "a", 1));
    try (Session s = exec.open(g)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.run(List.of(c, x), Map.of(x, Tensor.of(new float[4][2]))));
      assertEquals("Cannot feed value of shape [4, 2] for Tensor 'X:0', which has shape "
          + "'[?, 2, 3]'", e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> s.run(List.of(c, x), Map.of("X:0", Tensor.of(new int[1][2][3]))));
      assertEquals("Cannot feed value of dtype int32 for Tensor 'X:0', which has dtype float32",
          e.getMessage());
      assertNull(TestOps.CALLS.get(c.op().name()));
    }
  }

  @Test
  void badFeedKeys() {
    Graph g = TestOps.graph();
    Output x = placeholder(g, "X", Shape.scalar());
    Graph other = TestOps.graph();
    Output o = constant(other, "o", 1);
    try (Session s = new Session(g)) {
      assertFeedError(s, Map.of("nope:0", Tensor.of(1f)), "Cannot interpret feed_dict key as "
          + "Tensor: The name 'nope:0' refers to a Tensor which does not exist. The operation, "
          + "'nope', does not exist in the graph.");
      assertFeedError(s, Map.of("X", Tensor.of(1f)), "Cannot interpret feed_dict key as Tensor: "
          + "The name 'X' refers to an Operation, not a Tensor. Tensor names must be of the form"
          + " \"<op_name>:<output_index>\".");
      assertFeedError(s, Map.of("Y", Tensor.of(1f)), "Cannot interpret feed_dict key as Tensor: "
          + "The name 'Y' looks like an (invalid) Operation name, not a Tensor. Tensor names "
          + "must be of the form \"<op_name>:<output_index>\".");
      assertFeedError(s, Map.of(3, Tensor.of(1f)), "Cannot interpret feed_dict key as Tensor: "
          + "Can not convert a Integer into a Tensor.");
      assertFeedError(s, Map.of(o, Tensor.of(1f)), "Cannot interpret feed_dict key as Tensor: "
          + "Tensor Tensor(\"o:0\", shape=(), dtype=float32) is not an element of this graph.");
      assertEquals(Tensor.of(1f), s.run(x, Map.of(x, Tensor.of(1f))));
    }
  }

  private static void assertFeedError(Session s, Map<?, Tensor> feeds, String message) {
    Output x = s.graph().output("X:0");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.run(x, feeds));
    assertEquals(message, e.getMessage());
  }

  @Test
  void badFetches() {
    Graph g = TestOps.graph();
    constant(g, "a", 1);
    Graph other = TestOps.graph();
    Output o = constant(other, "o", 1);
    try (Session s = new Session(g)) {
      assertFetchError(s, "nope:0", "Fetch argument 'nope:0' cannot be interpreted as a Tensor. "
          + "(\"The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope',"
          + " does not exist in the graph.\")");
      assertFetchError(s, "a:3", "Fetch argument 'a:3' cannot be interpreted as a Tensor. (\"The"
          + " name 'a:3' refers to a Tensor which does not exist. The operation, 'a', exists but "
          + "only has 1 outputs.\")");
      assertFetchError(s, "init", "Fetch argument 'init' cannot be interpreted as a Tensor. "
          + "(\"The name 'init' refers to an Operation not in the graph.\")");
      assertFetchError(s, o, "Fetch argument <tf.Tensor 'o:0' shape=() dtype=float32> cannot be"
          + " interpreted as a Tensor. (Tensor Tensor(\"o:0\", shape=(), dtype=float32) is not an"
          + " element of this graph.)");
      assertFetchError(s, List.of(3), "Fetch argument 3 has invalid type class java.lang.Integer,"
          + " must be a string or Tensor. (Can not convert a Integer into a Tensor or "
          + "Operation.)");
      assertFetchError(s, java.util.Arrays.asList((Object) null),
          "Fetch argument null has invalid type null");
    }
  }

  private static void assertFetchError(Session s, Object fetches, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.run(fetches));
    assertEquals(message, e.getMessage());
  }

  /** A record whose components are Outputs cannot hold the Tensor results. */
  record Pinned(Output c) {}

  @Test
  void aRecordThatCannotHoldTensorsIsExplained() {
    Graph g = TestOps.graph();
    Output a = constant(g, "a", 1);
    try (Session s = new Session(g)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.run(new Pinned(a)));
      assertEquals("Cannot rebuild record Pinned: component c has type Output, which cannot hold"
          + " a Tensor. Declare the record generic in its element type, e.g. record Pinned<T>(T "
          + "c, ...).", e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void closedSessionAndEmptyGraph(ExecutorConfig exec) {
    Graph g = TestOps.graph();
    Output a = constant(g, "a", 1);
    Session s = exec.open(g);
    s.close();
    s.close(); // twice is fine
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.run(a));
    assertEquals("Attempted to use a closed Session.", e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> s.runner().fetch(a).run());
    assertEquals("Attempted to use a closed Session.", e.getMessage());
    try (Session empty = exec.open(TestOps.graph())) {
      e = assertThrows(IllegalStateException.class, () -> empty.run(List.of()));
      assertEquals("The Session graph is empty.  Add operations to the graph before calling "
          + "run().", e.getMessage());
    }
  }
}
