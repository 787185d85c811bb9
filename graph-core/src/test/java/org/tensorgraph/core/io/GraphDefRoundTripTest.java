package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.op.OpRegistry;

class GraphDefRoundTripTest {
  private static final OpRegistry OPS = GraphDefTestOps.registry();

  private static Graph read(String json) throws GraphDefFormatException {
    return GraphDefJson.read(json, "test.json", OPS, LoadLimits.defaults());
  }

  @Test
  void everyFeatureSurvivesWriteThenRead() throws Exception {
    Graph g = GraphDefSamples.everything();
    String json = GraphDefJson.write(g);
    Graph back = read(json);
    GraphDefSamples.assertSameGraph(g, back);
    assertEquals(json, GraphDefJson.write(back), "re-serializing gives the same text");
  }

  @Test
  void fileRoundTripIsAtomicAndIdentical(@TempDir Path dir) throws Exception {
    Graph g = GraphDefSamples.everything();
    Path f = dir.resolve("g.graph.json");
    Files.writeString(f, "old");
    GraphDefJson.write(g, f);
    Graph back = GraphDefJson.read(f, OPS, LoadLimits.defaults());
    GraphDefSamples.assertSameGraph(g, back);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void writesMessageToJsonForms() throws Exception {
    JsonNode root = new ObjectMapper().readTree(GraphDefJson.write(GraphDefSamples.everything()));
    JsonNode nodes = root.get("node");
    JsonNode w = find(nodes, "w").get("attr").get("value").get("tensor");
    assertEquals("DT_FLOAT", w.get("dtype").asText());
    assertEquals("3", w.get("tensorShape").get("dim").get(0).get("size").asText());
    assertTrue(w.get("tensorShape").get("dim").get(0).get("size").isTextual(), "int64 as string");
    assertTrue(w.has("tensorContent"));
    JsonNode b = find(nodes, "b").get("attr").get("value").get("tensor");
    assertEquals(1, b.get("floatVal").size(), "equal elements are written as one splat value");
    JsonNode empty = find(nodes, "c_empty").get("attr").get("value").get("tensor");
    assertEquals("{}", empty.get("tensorShape").get("dim").get(0).toString(), "size 0 omitted");
    assertFalse(empty.has("floatVal") || empty.has("tensorContent"));
    JsonNode bools = find(nodes, "c_bool").get("attr").get("value").get("tensor");
    assertEquals("[true,false,true]", bools.get("boolVal").toString());
    JsonNode ph = find(nodes, "anything").get("attr").get("shape").get("shape");
    assertEquals("{\"unknownRank\":true}", ph.toString());
    assertEquals("{}", find(nodes, "scalar").get("attr").get("shape").get("shape").toString());
    JsonNode mm = find(nodes, "mm").get("attr");
    assertEquals("{\"b\":false}", mm.get("transpose_a").toString(), "defaults written");
    JsonNode idn = find(nodes, "idn");
    assertEquals("[\"unpack:2\",\"rand/shape\"]", idn.get("input").toString());
    JsonNode init = find(nodes, "init");
    assertEquals("[\"^v/Assign\",\"^idn\"]", init.get("input").toString());
    assertEquals("{\"list\":{}}", init.get("attr").get("_empty").toString());
    assertEquals("{\"f\":\"NaN\"}", init.get("attr").get("_nan").toString());
    assertEquals("{\"s\":\"\"}", init.get("attr").get("_s").toString());
    assertEquals("{\"list\":{\"i\":[\"1\",\"2\"]}}", init.get("attr").get("_ints").toString());
    assertEquals(134, root.get("versions").get("producer").asInt());
  }

  @Test
  void writesFunctionsInFunctionDefSyntax() throws Exception {
    JsonNode root = new ObjectMapper().readTree(GraphDefJson.write(GraphDefSamples.everything()));
    JsonNode fns = root.get("library").get("function");
    JsonNode rows = fns.get(2);
    assertEquals("rows", rows.get("signature").get("name").asText());
    assertEquals("[{\"name\":\"m\",\"type\":\"DT_FLOAT\"}]",
        rows.get("signature").get("inputArg").toString());
    assertEquals("[\"split:output:1\",\"split:output:0\"]",
        find(rows.get("nodeDef"), "sum").get("input").toString());
    assertEquals("[\"^split\"]", find(rows.get("nodeDef"), "side").get("input").toString());
    assertEquals("{\"total\":\"sum:sum:0\",\"same\":\"m\",\"second\":\"split:output:1\"}",
        rows.get("ret").toString());
    assertEquals("{\"0\":{\"attr\":{\"_output_shapes\":{\"list\":{\"shape\":[{\"dim\":"
        + "[{\"size\":\"2\"},{\"size\":\"3\"}]}]}}}}}", rows.get("argAttr").toString());
    JsonNode cond = fns.get(0);
    assertEquals("[\"i\",\"limit:output:0\"]", find(cond.get("nodeDef"), "Less").get("input")
        .toString());
  }

  @Test
  void layoutIsPythonJsonDumpsIndent2() {
    Graph g = new Graph(OPS);
    GraphDefSamples.placeholder(g, "x", DType.FLOAT32, Shape.scalar());
    String want = String.join("\n", "{", "  \"node\": [", "    {", "      \"name\": \"x\",",
        "      \"op\": \"Placeholder\",", "      \"attr\": {", "        \"dtype\": {",
        "          \"type\": \"DT_FLOAT\"", "        },", "        \"shape\": {",
        "          \"shape\": {}", "        }", "      }", "    }", "  ],", "  \"versions\": {",
        "    \"producer\": 134", "  }", "}");
    assertEquals(want, GraphDefJson.write(g));
  }

  @Test
  void tensorsOfEveryDtypeInBothFormsReadBack() throws Exception {
    List<Tensor> values = List.of(Tensor.of(new float[] {1.5f, -0f, Float.MIN_VALUE}),
        Tensor.of(Shape.of(4), new float[] {7, 7, 7, 7}), Tensor.of(new double[] {0.1, 0.2}),
        Tensor.of(Shape.of(3), new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY}), Tensor.of(new int[][] {{1, 2}, {3, 4}}),
        Tensor.of(Shape.of(2, 2), new int[] {-9, -9, -9, -9}), Tensor.of(new long[] {1L << 40, 2}),
        Tensor.of(Shape.of(1, 1), new long[] {Long.MIN_VALUE}), Tensor.of(false),
        Tensor.of(Shape.of(0), new long[0]));
    Graph g = new Graph(OPS);
    for (int i = 0; i < values.size(); i++) {
      GraphDefSamples.constant(g, "c" + i, values.get(i));
    }
    Graph back = read(GraphDefJson.write(g));
    for (int i = 0; i < values.size(); i++) {
      Operation c = back.operation("c" + i);
      assertEquals(values.get(i), c.attrTensor("value"), "c" + i);
      assertEquals(values.get(i).dtype(), c.output(0).dtype());
    }
  }

  private static JsonNode find(JsonNode nodes, String name) {
    for (JsonNode n : nodes) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no node " + name);
  }
}
