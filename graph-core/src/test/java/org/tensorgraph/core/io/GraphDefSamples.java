package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/** Graphs that use every GraphDef feature, and a structural comparison of graphs. */
final class GraphDefSamples {
  private GraphDefSamples() {}

  static Output constant(Graph g, String name, Tensor value) {
    return g.opBuilder("Const", name).setAttr("value", value).setAttr("dtype", value.dtype())
        .build().output(0);
  }

  static Output placeholder(Graph g, String name, DType dtype, Shape shape) {
    return g.opBuilder("Placeholder", name).setAttr("dtype", dtype).setAttr("shape", shape)
        .build().output(0);
  }

  /** cond(i) = i < 10, body(i) = i + 1, as in while_counter.graph.json. */
  static void addCounterFunctions(Graph g) {
    Graph cond = g.newFunctionBody();
    Operation i = cond.opBuilder("_Arg", "i/").setAttr("T", DType.INT32).setAttr("index", 0L)
        .build();
    Output limit = constant(cond, "limit", Tensor.of(10));
    Output less = cond.opBuilder("Less", "Less").addInput(i.output(0)).addInput(limit).build()
        .output(0);
    g.addFunction(new GraphFunction("while_cond", cond, List.of(i), List.of(less),
        List.of("output")));
    Graph body = g.newFunctionBody();
    Operation j = body.opBuilder("_Arg", "i/").setAttr("T", DType.INT32).setAttr("index", 0L)
        .build();
    Output one = constant(body, "one", Tensor.of(1));
    Output add = body.opBuilder("AddV2", "add").addInput(j.output(0)).addInput(one).build()
        .output(0);
    g.addFunction(new GraphFunction("while_body", body, List.of(j), List.of(add),
        List.of("i_next")));
  }

  /** A graph with every attr kind, list inputs and outputs, refs, control inputs, functions. */
  static Graph everything() {
    Graph g = new Graph(GraphDefTestOps.registry());
    Output x = placeholder(g, "x", DType.FLOAT32, Shape.of(-1, 3));
    placeholder(g, "anything", DType.INT64, Shape.unknown());
    placeholder(g, "scalar", DType.BOOL, Shape.scalar());
    Output w = constant(g, "w", Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6.5f}}));
    Output b = constant(g, "b", Tensor.of(Shape.of(2), new float[] {0.25f, 0.25f}));
    constant(g, "c_f64", Tensor.of(new double[] {1e-300, -2.5, Double.NaN}));
    constant(g, "c_i32", Tensor.of(new int[] {Integer.MIN_VALUE, 0, 7}));
    constant(g, "c_i64", Tensor.of(new long[] {Long.MAX_VALUE, -1}));
    constant(g, "c_bool", Tensor.of(new boolean[] {true, false, true}));
    constant(g, "c_bool_splat", Tensor.of(Shape.of(2, 2), new boolean[] {true, true, true, true}));
    constant(g, "c_empty", Tensor.of(Shape.of(0, 3), new float[0]));
    constant(g, "c_scalar64", Tensor.of(-3L));
    constant(g, "c_inf", Tensor.of(Shape.of(2), new float[] {Float.POSITIVE_INFINITY, -0f}));
    Output mm = g.opBuilder("MatMul", "mm").addInput(x).addInput(w).build().output(0);
    Output ba = g.opBuilder("BiasAdd", "layer/bias_add").addInput(mm).addInput(b).build()
        .output(0);
    Output t = g.opBuilder("Tanh", "layer/Tanh").addInput(ba).build().output(0);
    g.opBuilder("AddN", "sum").addInputList(List.of(t, t, ba)).build();
    Output shape = constant(g, "rand/shape", Tensor.of(new int[] {2, 3}));
    g.opBuilder("RandomUniform", "rand").addInput(shape).setAttr("dtype", DType.FLOAT32)
        .setAttr("seed", 87654321L).setAttr("seed2", 5L).build();
    Operation un = g.opBuilder("Unpack", "unpack").addInput(w).setAttr("num", 3L).build();
    Operation idn = g.opBuilder("IdentityN", "idn").addInputList(List.of(un.output(2), shape))
        .build();
    Operation v = g.opBuilder("VariableV2", "v").setAttr("shape", Shape.of(3, 2))
        .setAttr("dtype", DType.FLOAT32).build();
    Operation assign = g.opBuilder("Assign", "v/Assign").addInput(v.output(0)).addInput(w)
        .build();
    addCounterFunctions(g);
    Output i0 = constant(g, "i0", Tensor.of(3));
    g.opBuilder("While", "while").addInputList(List.of(i0)).setAttr("T", List.of(DType.INT32))
        .setAttr("cond", FuncAttr.of("while_cond")).setAttr("body", FuncAttr.of("while_body"))
        .setAttr("output_shapes", List.of(Shape.scalar())).build();
    g.opBuilder("NoOp", "init").addControlInput(assign).addControlInput(idn)
        .setAttr("_class", List.of("loc:@v", "ünïcode"))
        .setAttr("_f", 0.1f).setAttr("_nan", Float.NaN).setAttr("_i", -5L).setAttr("_b", false)
        .setAttr("_s", "").setAttr("_shape", Shape.unknown())
        .setAttr("_shapes", List.of(Shape.of(0, -1), Shape.scalar()))
        .setAttr("_types", List.of(DType.VARIANT, DType.INT64)).setAttr("_empty", List.of())
        .setAttr("_func", new FuncAttr("while_cond", Map.of("T", DType.INT32, "n", 2L)))
        .setAttr("_tensors", List.of(Tensor.of(1.5), Tensor.of(true)))
        .setAttr("_floats", List.of(1f, -2.5f)).setAttr("_ints", List.of(1L, 2L))
        .setAttr("_bools", List.of(true)).build();
    addListFunction(g);
    return g;
  }

  /** A function whose body has a list output (Unpack) and returns an argument directly. */
  private static void addListFunction(Graph g) {
    Graph body = g.newFunctionBody();
    Operation a = body.opBuilder("_Arg", "m/").setAttr("T", DType.FLOAT32).setAttr("index", 0L)
        .setAttr("_output_shapes", List.of(Shape.of(2, 3))).build();
    Operation un = body.opBuilder("Unpack", "split").addInput(a.output(0)).setAttr("num", 2L)
        .build();
    Output sum = body.opBuilder("AddN", "sum").addInputList(List.of(un.output(1), un.output(0)))
        .build().output(0);
    body.opBuilder("NoOp", "side").addControlInput(un).build();
    g.addFunction(new GraphFunction("rows", body, List.of(a), List.of(sum, a.output(0),
        un.output(1)), List.of("total", "same", "second")));
  }

  // ---------------------------------------------------------------- comparison

  static void assertSameGraph(Graph want, Graph got) {
    assertSameOps(want, got);
    assertEquals(names(want.functions()), names(got.functions()));
    for (GraphFunction f : want.functions()) {
      GraphFunction h = got.function(f.name());
      assertEquals(f.resultNames(), h.resultNames(), f.name());
      assertEquals(f.args().stream().map(Operation::name).toList(),
          h.args().stream().map(Operation::name).toList(), f.name());
      assertEquals(f.argTypes(), h.argTypes(), f.name());
      assertEquals(f.results().stream().map(Output::name).toList(),
          h.results().stream().map(Output::name).toList(), f.name());
      assertSameOps(f.body(), h.body());
    }
  }

  private static List<String> names(java.util.Collection<GraphFunction> fns) {
    return fns.stream().map(GraphFunction::name).collect(Collectors.toList());
  }

  private static void assertSameOps(Graph want, Graph got) {
    assertEquals(want.operations().stream().map(Operation::name).toList(),
        got.operations().stream().map(Operation::name).toList());
    for (Operation o : want.operations()) {
      Operation p = got.operation(o.name());
      assertEquals(o.type(), p.type(), o.name());
      assertEquals(o.attrs(), p.attrs(), o.name());
      assertEquals(o.inputs().stream().map(Output::name).toList(),
          p.inputs().stream().map(Output::name).toList(), o.name());
      assertEquals(o.controlInputs().stream().map(Operation::name).toList(),
          p.controlInputs().stream().map(Operation::name).toList(), o.name());
      for (int i = 0; i < o.numOutputs(); i++) {
        assertEquals(o.output(i).dtype(), p.output(i).dtype(), o.name());
        assertEquals(o.output(i).shape(), p.output(i).shape(), o.name());
      }
    }
  }
}
