package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.ops.controlflow.CfTesting.add;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;
import static org.tensorgraph.ops.controlflow.CfTesting.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.CancelledException;
import org.tensorgraph.core.errors.DeadlineExceededException;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.VariableSlot;
import org.tensorgraph.core.op.VariableStore;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.RunOptions;
import org.tensorgraph.session.Session;

/** The While kernel on its own (a scripted KernelContext) and under a session's deadline. */
class WhileKernelTest {
  /** A context whose functions are Java lambdas; counts cancellation checks. */
  static final class ScriptedContext implements KernelContext {
    final Operation op;
    final List<Tensor> inputs;
    final Map<String, Function<List<Tensor>, List<Tensor>>> functions = new HashMap<>();
    final List<Tensor> outputs = new ArrayList<>();
    int checks;
    int cancelAfter = Integer.MAX_VALUE;

    ScriptedContext(Operation op, List<Tensor> inputs) {
      this.op = op;
      this.inputs = inputs;
    }

    @Override public Operation op() {
      return op;
    }

    @Override public int numInputs() {
      return inputs.size();
    }

    @Override public Tensor input(int i) {
      return inputs.get(i);
    }

    @Override public VariableSlot refInput(int i) {
      throw new UnsupportedOperationException();
    }

    @Override public void setOutput(int i, Tensor value) {
      while (outputs.size() <= i) {
        outputs.add(null);
      }
      outputs.set(i, value);
    }

    @Override public void setRefOutput(int i, VariableSlot slot) {
      throw new UnsupportedOperationException();
    }

    @Override public VariableStore variables() {
      throw new UnsupportedOperationException();
    }

    @Override public <T> T kernelState(Supplier<T> init) {
      return init.get();
    }

    @Override public List<Tensor> callFunction(String name, List<Tensor> args) {
      return functions.get(name).apply(args);
    }

    @Override public void checkCancelled() {
      if (++checks > cancelAfter) {
        throw new CancelledException("Run call was cancelled");
      }
    }
  }

  private static ScriptedContext whileContext(int start) {
    Graph g = new Graph();
    Operation w = g.opBuilder("While", "w").addInputList(List.of(constant(g, 0)))
        .setAttr("cond", FuncAttr.of("c")).setAttr("body", FuncAttr.of("b")).build();
    ScriptedContext ctx = new ScriptedContext(w, List.of(Tensor.of(start)));
    ctx.functions.put("c", a -> List.of(Tensor.of(a.get(0).intValue() < 10)));
    ctx.functions.put("b", a -> List.of(Tensor.of(a.get(0).intValue() + 1)));
    return ctx;
  }

  private static void compute(ScriptedContext ctx) {
    ctx.op.opDef().kernel().compute(ctx);
  }

  @Test
  void checksForCancellationOnEveryIteration() {
    ScriptedContext ctx = whileContext(3);
    compute(ctx);
    assertEquals(List.of(Tensor.of(10)), ctx.outputs);
    assertEquals(8, ctx.checks, "7 iterations and the final cond");
    ScriptedContext cancelled = whileContext(0);
    cancelled.cancelAfter = 4;
    assertThrows(CancelledException.class, () -> compute(cancelled));
    assertEquals(5, cancelled.checks);
  }

  @Test
  void reportsMalformedFunctionResultsWithTfsText() {
    ScriptedContext two = whileContext(0);
    two.functions.put("c", a -> List.of(Tensor.of(true), Tensor.of(true)));
    StatusException e = assertThrows(InvalidArgumentException.class, () -> compute(two));
    assertEquals("Expected a single scalar return value from WhileOp cond, got 2 tensors.",
        e.rawMessage());
    ScriptedContext none = whileContext(0);
    none.functions.put("b", a -> List.of());
    e = assertThrows(InvalidArgumentException.class, () -> compute(none));
    assertEquals("While loop body returned 0 arguments. Expected: 1", e.rawMessage());
    ScriptedContext wrongType = whileContext(0);
    wrongType.functions.put("b", a -> List.of(Tensor.of(1f)));
    e = assertThrows(InternalException.class, () -> compute(wrongType));
    assertEquals("Expect 0-th output is of type int32 but get float", e.rawMessage());
    ScriptedContext variant = whileContext(0);
    variant.functions.put("c", a -> List.of(TensorList.reserve(DType.FLOAT32, Shape.scalar(), 0)
        .toTensor()));
    e = assertThrows(InvalidArgumentException.class, () -> compute(variant));
    assertEquals("variant cannot be converted to a boolean", e.rawMessage());
  }

  @Test
  void anErrorInsideTheBodyNamesTheBodyNode() {
    Graph g = new Graph();
    TensorArray ta = TensorArray.create(g, DType.FLOAT32, 2, Shape.scalar());
    List<Output> r;
    try (var s = g.withNameScope("rnn")) {
      r = ControlFlow.whileLoop(g, (tf, v) -> constant(tf.graph(), Tensor.of(true)),
          (tf, v) -> List.of(ta.withHandle(v.get(0)).write(constant(tf.graph(), 7),
              constant(tf.graph(), 1f)).handle()), List.of(ta.handle()));
    }
    try (Session s = session(g, ExecutorKind.THREADED)) {
      StatusException e = assertThrows(InvalidArgumentException.class, () -> s.run(r.get(0)));
      assertEquals("rnn/while/TensorArrayV2Write/TensorListSetItem", e.nodeName());
      assertEquals("Trying to modify element 7 in a list with 2 elements.", e.rawMessage());
    }
  }

  /** Issue 4: a run past its timeout stops inside a long loop, soon after the deadline. */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void aTimeoutStopsALongLoop(ExecutorKind kind) {
    Graph g = new Graph();
    Output x = placeholder(g, "x", DType.INT32, Shape.scalar());
    Output r = ControlFlow.whileLoop(g, (tf, v) -> constant(tf.graph(), Tensor.of(true)),
        (tf, v) -> List.of(add(tf.graph(), v.get(0), constant(tf.graph(), 1))), List.of(x))
        .get(0);
    try (Session s = session(g, kind)) {
      long t0 = System.nanoTime();
      assertThrows(DeadlineExceededException.class,
          () -> s.run(r, Map.of(x, Tensor.of(0)), RunOptions.timeout(200), null));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 190 && ms < 200 + 400, "stopped after " + ms + " ms");
    }
  }
}
