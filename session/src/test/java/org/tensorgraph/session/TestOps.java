package org.tensorgraph.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.core.op.ShapeRule;
import org.tensorgraph.core.op.VariableSlot;

/**
 * TF-shaped test ops with small kernels, so that session tests need no graph-ops: values are
 * float32, elementwise ops take equal shapes or a scalar.
 */
final class TestOps {
  private TestOps() {}

  /** Kernel invocations of {@code Count} nodes, by node name. */
  static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  /** Spin kernels that have started (tests wait for them before closing). */
  static final AtomicInteger SPINNING = new AtomicInteger();

  private static final ShapeRule SAME = c -> List.of(c.inputShape(0));

  static final OpRegistry REGISTRY = registry();

  private static OpRegistry registry() {
    OpRegistry r = new OpRegistry();
    r.register(OpDef.builder("Const").output("output: dtype").attr("value: tensor")
        .attr("dtype: type").shape(c -> List.of(((Tensor) c.attr("value")).shape()))
        .kernel(ctx -> ctx.setOutput(0, ctx.op().attrTensor("value"))).build());
    r.register(OpDef.builder("Placeholder").output("output: dtype").attr("dtype: type")
        .attr("shape: shape = { unknown_rank: true }")
        .shape(c -> List.of(c.attrShape("shape"))).kernel(TestOps::placeholder).build());
    r.register(OpDef.builder("_Arg").output("output: T").attr("T: type").attr("index: int >= 0")
        .shape(c -> List.of(Shape.unknown())).build());
    r.register(OpDef.builder("NoOp").shape(c -> List.of()).kernel(ctx -> { }).build());
    r.register(binary("AddV2", Float::sum, false));
    r.register(binary("Mul", (a, b) -> a * b, false));
    r.register(binary("Sub", (a, b) -> a - b, false));
    r.register(binary("ExpensiveAdd", Float::sum, true));
    r.register(unary("Neg").kernel(ctx -> ctx.setOutput(0, map(ctx.input(0), x -> -x))).build());
    r.register(unary("Identity").kernel(ctx -> ctx.setOutput(0, ctx.input(0))).build());
    r.register(unary("Count").stateful().kernel(ctx -> {
      CALLS.computeIfAbsent(ctx.op().name(), k -> new AtomicInteger()).incrementAndGet();
      ctx.setOutput(0, ctx.input(0));
    }).build());
    r.register(unary("Sleep").attr("millis: int").expensive().kernel(TestOps::sleep).build());
    r.register(unary("Spin").kernel(TestOps::spin).build());
    r.register(OpDef.builder("Pair").input("x: float").output("a: float").output("b: float")
        .shape(c -> List.of(c.inputShape(0), c.inputShape(0))).kernel(ctx -> {
          ctx.setOutput(0, ctx.input(0));
          ctx.setOutput(1, map(ctx.input(0), x -> x + 1));
        }).build());
    r.register(OpDef.builder("Raise").output("output: float").attr("code: string")
        .attr("message: string").shape(c -> List.of(Shape.scalar())).kernel(ctx -> {
          throw StatusException.create(StatusException.Code.valueOf(ctx.op().attrString("code")),
              ctx.op().attrString("message"), null, null, null);
        }).build());
    r.register(OpDef.builder("Broken").output("output: float").shape(c -> List.of(Shape.scalar()))
        .kernel(ctx -> {
          throw new IllegalStateException("bug");
        }).build());
    r.register(OpDef.builder("BrokenError").output("output: float")
        .shape(c -> List.of(Shape.scalar())).kernel(ctx -> {
          throw new AssertionError("oops");
        }).build());
    r.register(OpDef.builder("Silent").output("output: float").shape(c -> List.of(Shape.scalar()))
        .kernel(ctx -> { }).build());
    r.register(OpDef.builder("Counter").output("count: int64").stateful()
        .shape(c -> List.of(Shape.scalar()))
        .kernel(ctx -> ctx.setOutput(0, Tensor.of(ctx.kernelState(AtomicLong::new)
            .incrementAndGet()))).build());
    r.register(OpDef.builder("Call").input("x: float").output("y: float").attr("f: func")
        .attr("n: int = 1").shape(SAME).kernel(TestOps::call).build());
    r.register(OpDef.builder("Intra").output("parallelism: float")
        .shape(c -> List.of(Shape.scalar())).kernel(TestOps::intra).build());
    registerVariables(r);
    return r;
  }

  private static void registerVariables(OpRegistry r) {
    r.register(OpDef.builder("VariableV2").output("ref: Ref(dtype)").attr("shape: shape")
        .attr("dtype: type").attr("container: string = \"\"")
        .attr("shared_name: string = \"\"").stateful()
        .shape(c -> List.of(c.attrShape("shape"))).kernel(ctx -> {
          Operation op = ctx.op();
          ctx.setRefOutput(0, ctx.variables().slot(op.name(), op.attrType("dtype"),
              op.attrShape("shape")));
        }).build());
    r.register(OpDef.builder("Assign").input("ref: Ref(T)").input("value: T")
        .output("output_ref: Ref(T)").attr("T: type").attr("validate_shape: bool = true")
        .attr("use_locking: bool = true").shape(SAME).kernel(ctx -> {
          VariableSlot v = ctx.refInput(0);
          Tensor value = ctx.input(1);
          if (ctx.op().attrBool("validate_shape") && !v.shape().equals(value.shape())) {
            throw new InvalidArgumentException("Assign requires shapes of both tensors to match. "
                + "lhs shape= " + v.shape() + " rhs shape= " + value.shape());
          }
          v.assign(value);
          ctx.setRefOutput(0, v);
        }).build());
  }

  private static OpDef.Builder unary(String name) {
    return OpDef.builder(name).input("input: T").output("output: T").attr("T: type").shape(SAME);
  }

  private static OpDef binary(String name, BinaryOperator<Float> f, boolean expensive) {
    OpDef.Builder b = OpDef.builder(name).input("x: T").input("y: T").output("z: T")
        .attr("T: {float}").shape(TestOps::binaryShape)
        .kernel(ctx -> ctx.setOutput(0, zip(ctx.input(0), ctx.input(1), f)));
    return (expensive ? b.expensive() : b).build();
  }

  private static List<Shape> binaryShape(org.tensorgraph.core.op.InferenceContext c) {
    Shape a = c.inputShape(0);
    return List.of(a.hasRank() && a.rank() == 0 ? c.inputShape(1) : a);
  }

  static Tensor map(Tensor t, java.util.function.UnaryOperator<Float> f) {
    float[] a = t.toFloatArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = f.apply(a[i]);
    }
    return Tensor.of(t.shape(), a);
  }

  static Tensor zip(Tensor x, Tensor y, BinaryOperator<Float> f) {
    float[] a = x.toFloatArray();
    float[] b = y.toFloatArray();
    Shape s = a.length >= b.length ? x.shape() : y.shape();
    float[] r = new float[Math.max(a.length, b.length)];
    for (int i = 0; i < r.length; i++) {
      r[i] = f.apply(a[a.length == 1 ? 0 : i], b[b.length == 1 ? 0 : i]);
    }
    return Tensor.of(s, r);
  }

  private static void placeholder(KernelContext ctx) {
    Operation op = ctx.op();
    Shape s = op.attrShape("shape");
    throw new InvalidArgumentException("You must feed a value for placeholder tensor '"
        + op.name() + "' with dtype " + op.attrType("dtype").tfName()
        + (s.hasRank() ? " and shape " + s : ""));
  }

  /** Sleep kernels running now. */
  static final AtomicInteger SLEEPING = new AtomicInteger();

  /** Sleeps {@code millis} in 1 ms steps, checking for cancellation, then passes its input on. */
  private static void sleep(KernelContext ctx) {
    SLEEPING.incrementAndGet();
    try {
      long end = System.nanoTime() + ctx.op().attrLong("millis") * 1_000_000L;
      while (System.nanoTime() < end) {
        ctx.checkCancelled();
        pause();
      }
      ctx.setOutput(0, ctx.input(0));
    } finally {
      SLEEPING.decrementAndGet();
    }
  }

  /** Loops until the run is cancelled. */
  private static void spin(KernelContext ctx) {
    SPINNING.incrementAndGet();
    while (true) {
      ctx.checkCancelled();
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.tensorgraph.core.errors.CancelledException("interrupted");
    }
  }

  /** The thread that ran the last {@code Intra} piece. */
  static volatile String intraThread;

  /** Runs one piece on the intra-op executor and outputs the intra-op parallelism. */
  private static void intra(KernelContext ctx) {
    var piece = new java.util.concurrent.CompletableFuture<Void>();
    ctx.intraOpExecutor().execute(() -> {
      intraThread = Thread.currentThread().getName();
      piece.complete(null);
    });
    piece.join();
    ctx.setOutput(0, Tensor.of((float) ctx.intraOpParallelism()));
  }

  /** Applies function {@code f} {@code n} times, as a While loop would. */
  private static void call(KernelContext ctx) {
    Tensor x = ctx.input(0);
    String f = ctx.op().attrFunc("f").name();
    for (long i = ctx.op().attrLong("n"); i > 0; i--) {
      ctx.checkCancelled();
      x = ctx.callFunction(f, List.of(x)).get(0);
    }
    ctx.setOutput(0, x);
  }

  // ---------------------------------------------------------------- graph building helpers

  static Graph graph() {
    return new Graph(REGISTRY);
  }

  static Output constant(Graph g, String name, float... values) {
    Tensor t = values.length == 1 ? Tensor.of(values[0]) : Tensor.of(Shape.of(values.length),
        values);
    return g.opBuilder("Const", name).setAttr("value", t).setAttr("dtype", t.dtype()).build()
        .output(0);
  }

  static Output placeholder(Graph g, String name, Shape shape) {
    return g.opBuilder("Placeholder", name).setAttr("dtype", DType.FLOAT32)
        .setAttr("shape", shape).build().output(0);
  }

  static Output op(Graph g, String type, String name, Output... inputs) {
    var b = g.opBuilder(type, name);
    for (Output in : inputs) {
      b.addInput(in);
    }
    return b.build().output(0);
  }

  static Output sleep(Graph g, String name, Output x, long millis) {
    return g.opBuilder("Sleep", name).addInput(x).setAttr("millis", millis).build().output(0);
  }

  static Output raise(Graph g, String name, String code, String message) {
    return g.opBuilder("Raise", name).setAttr("code", code).setAttr("message", message).build()
        .output(0);
  }

  /** A ref variable with its initializer, as TF's {@code tf.Variable}: [var, assign, read]. */
  static Operation[] variable(Graph g, String name, Tensor init) {
    Output v = g.opBuilder("VariableV2", name).setAttr("shape", init.shape())
        .setAttr("dtype", init.dtype()).build().output(0);
    Output value = g.opBuilder("Const", name + "/initial_value").setAttr("value", init)
        .setAttr("dtype", init.dtype()).build().output(0);
    Operation assign = g.opBuilder("Assign", name + "/Assign").addInput(v).addInput(value)
        .build();
    Operation read = g.opBuilder("Identity", name + "/read").addInput(v).build();
    return new Operation[] {v.op(), assign, read};
  }

  /** Adds function {@code name}: {@code x -> op(x, c)} with a body of {@code extra} ops. */
  static void addFunction(Graph g, String name, float c, String bodyOp) {
    Graph body = g.newFunctionBody();
    Operation arg = body.opBuilder("_Arg", name + "/x").setAttr("T", DType.FLOAT32)
        .setAttr("index", 0L).build();
    Output k = constant(body, name + "/c", c);
    Output y = op(body, bodyOp, name + "/y", arg.output(0), k);
    g.addFunction(new GraphFunction(name, body, List.of(arg), List.of(y), List.of("y")));
  }

  static Output call(Graph g, String name, String f, Output x, long n) {
    return g.opBuilder("Call", name).addInput(x).setAttr("f", FuncAttr.of(f)).setAttr("n", n)
        .build().output(0);
  }
}
