package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InternalException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpRegistry;

/**
 * {@link KernelContext#function} handles: one handle called many times (as a loop calls its body)
 * behaves as that many {@code callFunction}s. The plan executors reuse one value array per handle,
 * so these tests look for values that survive from one call into the next.
 */
class FunctionCallTest {
  private static final OpRegistry REGISTRY = new OpRegistry()
      .register(OpDef.builder("Const").output("output: dtype").attr("value: tensor")
          .attr("dtype: type").shape(c -> List.of(((Tensor) c.attr("value")).shape()))
          .kernel(ctx -> ctx.setOutput(0, ctx.op().attrTensor("value"))).build())
      .register(OpDef.builder("_Arg").output("output: T").attr("T: type")
          .attr("index: int >= 0").shape(c -> List.of(Shape.unknown())).build())
      .register(OpDef.builder("AddV2").input("x: float").input("y: float").output("z: float")
          .shape(c -> List.of(c.inputShape(0))).kernel(ctx -> ctx.setOutput(0,
              Tensor.of(ctx.input(0).floatValue() + ctx.input(1).floatValue()))).build())
      // Sets its output only for an input below 1: a kernel that forgets an output.
      .register(OpDef.builder("SetIfBelowOne").input("x: float").output("y: float")
          .shape(c -> List.of(c.inputShape(0))).kernel(ctx -> {
            if (ctx.input(0).floatValue() < 1) {
              ctx.setOutput(0, ctx.input(0));
            }
          }).build())
      // x + the number of times this node ran in the session (its kernel state).
      .register(OpDef.builder("Tick").input("x: float").output("y: float").stateful()
          .shape(c -> List.of(c.inputShape(0))).kernel(ctx -> ctx.setOutput(0, Tensor.of(
              ctx.input(0).floatValue() + ctx.kernelState(AtomicLong::new).incrementAndGet())))
          .build())
      // Calls f on x, then on each result, n times, through one handle.
      .register(OpDef.builder("Repeat").input("x: float").output("y: float").attr("f: func")
          .attr("n: int").shape(c -> List.of(c.inputShape(0))).kernel(FunctionCallTest::repeat)
          .build())
      // Calls f through two handles in turn: h1(h2(h1(x))).
      .register(OpDef.builder("Interleave").input("x: float").output("y: float")
          .attr("f: func").shape(c -> List.of(c.inputShape(0)))
          .kernel(FunctionCallTest::interleave).build());

  private static void repeat(KernelContext ctx) {
    KernelContext.FunctionCall f = ctx.function(ctx.op().attrFunc("f").name());
    Tensor[] x = {ctx.input(0)};
    for (long i = ctx.op().attrLong("n"); i > 0; i--) {
      x = f.call(x);
    }
    ctx.setOutput(0, x[0]);
  }

  private static void interleave(KernelContext ctx) {
    String f = ctx.op().attrFunc("f").name();
    KernelContext.FunctionCall h1 = ctx.function(f);
    KernelContext.FunctionCall h2 = ctx.function(f);
    Tensor[] x = {ctx.input(0)};
    ctx.setOutput(0, h1.call(h2.call(h1.call(x)))[0]);
  }

  /** Function {@code name}: {@code x -> x + c}, then {@code then} of that if not null. */
  private static void addFunction(Graph g, String name, float c, String then) {
    Graph body = g.newFunctionBody();
    Operation arg = body.opBuilder("_Arg", name + "/x").setAttr("T", DType.FLOAT32)
        .setAttr("index", 0L).build();
    Output y = body.opBuilder("AddV2", name + "/add").addInput(arg.output(0))
        .addInput(constant(body, name + "/c", c)).build().output(0);
    if (then != null) {
      y = body.opBuilder(then, name + "/y").addInput(y).build().output(0);
    }
    g.addFunction(new GraphFunction(name, body, List.of(arg), List.of(y), List.of("y")));
  }

  private static Output constant(Graph g, String name, float v) {
    return g.opBuilder("Const", name).setAttr("value", Tensor.of(v))
        .setAttr("dtype", DType.FLOAT32).build().output(0);
  }

  private static Output call(Graph g, String type, String name, String f, Output x, long n) {
    var b = g.opBuilder(type, name).addInput(x).setAttr("f", FuncAttr.of(f));
    return (n >= 0 ? b.setAttr("n", n) : b).build().output(0);
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void oneHandleCalledManyTimesComputesEachCallAfresh(ExecutorConfig exec) {
    Graph g = new Graph(REGISTRY);
    addFunction(g, "plus_half", 0.5f, null);
    Output y = call(g, "Repeat", "loop", "plus_half", constant(g, "x", 1), 7);
    Output z = call(g, "Interleave", "turns", "plus_half", constant(g, "w", 1), -1);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(4.5f), s.run(y));
      assertEquals(Tensor.of(2.5f), s.run(z));
      assertEquals(List.of(Tensor.of(4.5f), Tensor.of(2.5f)), s.run(List.of(y, z)));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void aBodyNodesKernelStateIsTheSessionsAcrossCallsAndRuns(ExecutorConfig exec) {
    Graph g = new Graph(REGISTRY);
    Graph body = g.newFunctionBody();
    Operation arg = body.opBuilder("_Arg", "x").setAttr("T", DType.FLOAT32)
        .setAttr("index", 0L).build();
    Output y = body.opBuilder("Tick", "tick").addInput(arg.output(0)).build().output(0);
    g.addFunction(new GraphFunction("ticker", body, List.of(arg), List.of(y), List.of("y")));
    Output r = call(g, "Repeat", "loop", "ticker", constant(g, "zero", 0), 3);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(6f), s.run(r), "0 + 1 + 2 + 3");
      assertEquals(Tensor.of(15f), s.run(r), "0 + 4 + 5 + 6: one counter for every run");
    }
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(6f), s.run(r), "a new session starts a new counter");
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void anOutputSetInOneCallIsNotSeenByTheNext(ExecutorConfig exec) {
    Graph g = new Graph(REGISTRY);
    addFunction(g, "forgetful", 0.75f, "SetIfBelowOne");
    Output once = call(g, "Repeat", "once", "forgetful", constant(g, "zero", 0), 1);
    Output twice = call(g, "Repeat", "twice", "forgetful", constant(g, "zero2", 0), 2);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(0.75f), s.run(once));
      // The second call's SetIfBelowOne (of 1.5) sets nothing; the first call's 0.75 must not
      // stand in for it.
      StatusException e = assertThrows(InternalException.class, () -> s.run(twice));
      assertEquals("Kernel of SetIfBelowOne did not set output 0", e.rawMessage());
      assertEquals("forgetful/y", e.nodeName());
    }
  }
}
