package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.OpRegistry;

/**
 * GraphDef JSON in the form TensorFlow's MessageToJson writes, including the reference
 * functional-While files that TF 1.15 imports, loaded against stub OpDefs of TF's signatures.
 */
class GraphDefTfJsonTest {
  private static final OpRegistry OPS = GraphDefTestOps.registry();

  static String resource(String name) throws IOException {
    try (InputStream in = GraphDefTfJsonTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Graph load(String name) throws IOException {
    return GraphDefJson.read(resource(name), name, OPS, LoadLimits.defaults());
  }

  @Test
  void denseLayerWrittenOutOfOrderLoadsInTopologicalOrder() throws Exception {
    Graph g = load("tf_dense_layer.graph.json");
    List<String> order = g.operations().stream().map(Operation::name).toList();
    assertEquals(9, order.size());
    assertTrue(order.indexOf("x") < order.indexOf("dense/MatMul"));
    assertTrue(order.indexOf("dense/BiasAdd") < order.indexOf("dense/Tanh"));
    assertEquals("x", order.get(0), "file order is kept where inputs allow");
    Operation mm = g.operation("dense/MatMul");
    assertEquals(List.of("x:0", "dense/kernel:0"), mm.inputs().stream().map(Output::name)
        .toList());
    assertEquals(Tensor.of(new float[][] {{0.5f, -1}, {2, 0.25f}, {1.5f, -0.75f}}),
        g.operation("dense/kernel").attrTensor("value"));
    assertEquals(Tensor.of(Shape.of(2), new float[] {0.125f, 0.125f}),
        g.operation("dense/bias").attrTensor("value"), "floatVal splat fills the shape");
    assertEquals("NHWC", g.operation("dense/BiasAdd").attrString("data_format"));
    Operation r = g.operation("noise/RandomUniform");
    assertEquals(87654321L, r.attrLong("seed"));
    assertEquals(7L, r.attrLong("seed2"));
    assertEquals(List.of("dense/Tanh"), g.operation("init").controlInputs().stream()
        .map(Operation::name).toList());
    assertEquals(Shape.of(-1, 3), g.operation("x").output(0).shape());
  }

  @Test
  void whileCounterLoads() throws Exception {
    Graph g = load("while_counter.graph.json");
    Operation w = g.operation("while");
    assertEquals(List.of(DType.INT32), w.attrList("T", DType.class));
    assertEquals(FuncAttr.of("while_cond"), w.attrFunc("cond"));
    assertEquals(10L, w.attrLong("parallel_iterations"));
    GraphFunction cond = g.function("while_cond");
    assertEquals(List.of("i"), cond.args().stream().map(Operation::name).toList());
    assertEquals(0L, cond.args().get(0).attrLong("index"));
    assertEquals("Less:0", cond.results().get(0).name());
    assertEquals(List.of("i:0", "limit:0"), cond.body().operation("Less").inputs().stream()
        .map(Output::name).toList());
    assertEquals(DType.BOOL, cond.resultTypes().get(0));
    assertEquals(List.of("i_next"), g.function("while_body").resultNames());
  }

  @Test
  void tensorListRnnLoads() throws Exception {
    Graph g = load("while_tensorlist_rnn.graph.json");
    Operation w = g.operation("rnn/while");
    assertEquals(7, w.numInputs());
    assertEquals(List.of(DType.INT32, DType.INT32, DType.FLOAT32, DType.VARIANT, DType.VARIANT,
        DType.FLOAT32, DType.FLOAT32), w.attrList("T", DType.class));
    assertEquals(List.of(Shape.scalar(), Shape.scalar(), Shape.of(-1, 4), Shape.scalar(),
        Shape.scalar(), Shape.of(7, 4), Shape.of(4)), w.attrList("output_shapes", Shape.class));
    assertEquals("rnn/while:3", g.operation("rnn/stack").input(0).name());
    assertEquals(-1L, g.operation("rnn/stack").attrLong("num_elements"), "default filled in");
    GraphFunction body = g.function("rnn_while_body");
    assertEquals(7, body.args().size());
    assertEquals(List.of("add:0", "n_steps:0", "Tanh:0", "out_list_next:0", "in_list:0",
        "kernel:0", "bias:0"), body.results().stream().map(Output::name).toList());
    Operation concat = body.body().operation("concat");
    assertEquals(List.of("x_t:0", "h:0", "concat/axis:0"), concat.inputs().stream()
        .map(Output::name).toList());
    assertEquals(2L, concat.attrLong("N"));
    assertEquals(false, body.body().operation("MatMul").attrBool("transpose_a"),
        "attrs with defaults may be omitted inside functions");
  }

  @Test
  void referenceFilesSurviveARoundTrip() throws Exception {
    for (String name : List.of("while_counter.graph.json", "while_tensorlist_rnn.graph.json",
        "tf_dense_layer.graph.json")) {
      Graph g = load(name);
      String json = GraphDefJson.write(g);
      Graph back = GraphDefJson.read(json, name, OPS, LoadLimits.defaults());
      GraphDefSamples.assertSameGraph(g, back);
      assertEquals(json, GraphDefJson.write(back), name);
    }
  }

  @Test
  void acceptsProtoFieldNamesNumbersForInt64EnumNumbersAndNulls() throws Exception {
    String json = """
        {"node": [
          {"name": "c", "op": "Const", "device": null, "attr": {
            "dtype": {"type": 9},
            "value": {"tensor": {"dtype": "DT_INT64", "tensor_shape": {"dim": [{"size": 3}]},
                                 "int64_val": [5, "-6"], "version_number": 0}}}},
          {"name": "p", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"}}}
        ], "versions": {"producer": "134", "bad_consumers": []}, "library": null}""";
    Graph g = GraphDefJson.read(json, "proto-names.json", OPS, LoadLimits.defaults());
    assertEquals(Tensor.of(new long[] {5, -6, -6}), g.operation("c").attrTensor("value"),
        "fewer values than elements repeat the last (TF's rule)");
    assertEquals(Shape.unknown(), g.operation("p").output(0).shape(), "default shape attr");
  }

  @Test
  void floatsAcceptNanInfinityAndNumeralStrings() throws Exception {
    String json = """
        {"node": [{"name": "c", "op": "Const", "attr": {
            "dtype": {"type": "DT_FLOAT"},
            "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "4"}]},
                                 "floatVal": ["NaN", "-Infinity", "2.5e0", 1e-3]}}}}]}""";
    Tensor t = GraphDefJson.read(json, "f.json", OPS, LoadLimits.defaults()).operation("c")
        .attrTensor("value");
    assertEquals(Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 2.5f, 1e-3f}), t);
  }

  @Test
  void functionAndArgumentNamesMayStartWithAnUnderscore() throws Exception {
    String json = """
        {"node": [{"name": "n", "op": "NoOp",
                   "attr": {"_f": {"func": {"name": "__inference_f_12"}}}}],
         "library": {"function": [{"signature": {"name": "__inference_f_12",
             "inputArg": [{"name": "_x", "type": "DT_FLOAT"}],
             "outputArg": [{"name": "y", "type": "DT_FLOAT"}]},
           "nodeDef": [{"name": "id", "op": "Identity", "input": ["_x"],
                        "attr": {"T": {"type": "DT_FLOAT"}}}],
           "ret": {"y": "id:output:0"}}]}}""";
    Graph g = GraphDefJson.read(json, "u.json", OPS, LoadLimits.defaults());
    assertEquals("_x:0", g.function("__inference_f_12").body().operation("id").input(0).name());
  }

  /** function.proto's other input forms: "arg:0", "node:out" (a whole output argument). */
  @Test
  void functionInputsMayNameWholeArgumentsAndArgumentElements() throws Exception {
    String json = """
        {"library": {"function": [{"signature": {"name": "f",
             "inputArg": [{"name": "m", "type": "DT_FLOAT"}],
             "outputArg": [{"name": "y", "type": "DT_FLOAT"}, {"name": "z", "type": "DT_FLOAT"}]},
           "nodeDef": [
             {"name": "split", "op": "Unpack", "input": ["m:0"],
              "attr": {"T": {"type": "DT_FLOAT"}, "num": {"i": "3"}}},
             {"name": "sum", "op": "AddN", "input": ["split:output"],
              "attr": {"T": {"type": "DT_FLOAT"}, "N": {"i": "3"}}}],
           "ret": {"y": "sum:sum", "z": "split:output:2"}}]}}""";
    GraphFunction f = GraphDefJson.read(json, "w.json", OPS, LoadLimits.defaults())
        .function("f");
    assertEquals(List.of("split:0", "split:1", "split:2"), f.body().operation("sum").inputs()
        .stream().map(Output::name).toList());
    assertEquals("m:0", f.body().operation("split").input(0).name());
    assertEquals(List.of("sum:0", "split:2"), f.results().stream().map(Output::name).toList());
  }

  @Test
  void privateAttrsAndDeviceAreAcceptedOnGraphNodes() throws Exception {
    String json = """
        {"node": [{"name": "n", "op": "NoOp", "device": "/job:localhost",
           "attr": {"_lower_using_switch_merge": {"b": true}}}]}""";
    Operation n = GraphDefJson.read(json, "p.json", OPS, LoadLimits.defaults()).operation("n");
    assertEquals(Map.of("_lower_using_switch_merge", true), n.attrs());
  }
}
