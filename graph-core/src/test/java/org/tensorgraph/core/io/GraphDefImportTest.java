package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.core.op.OpRegistry;

/** {@code GraphDefJson.importInto} against tf.import_graph_def's behaviour. */
class GraphDefImportTest {
  private static final OpRegistry OPS = GraphDefTestOps.registry();

  /** x (float [?,2]) -> y = x + c; init NoOp with a control input on y. */
  private static String source() {
    Graph g = new Graph(OPS);
    Output x = GraphDefSamples.placeholder(g, "x", DType.FLOAT32, Shape.of(-1, 2));
    Output c = GraphDefSamples.constant(g, "c", Tensor.of(new float[] {1, 2}));
    Operation y = g.opBuilder("AddV2", "y").addInput(x).addInput(c).build();
    g.opBuilder("NoOp", "init").addControlInput(y).build();
    return GraphDefJson.write(g);
  }

  private static List<Object> imp(Graph target, String json, String prefix,
      Map<String, Output> map, List<String> ret) throws GraphDefFormatException {
    return GraphDefJson.importInto(target, json, "src.json", prefix, map, ret);
  }

  @Test
  void defaultPrefixIsImportAndIsMadeUnique() throws Exception {
    Graph g = new Graph(OPS);
    imp(g, source(), null, null, null);
    imp(g, source(), null, null, null);
    assertEquals(List.of("import/x", "import/c", "import/y", "import/init", "import_1/x",
        "import_1/c", "import_1/y", "import_1/init"), g.operations().stream()
        .map(Operation::name).toList());
    assertEquals(List.of("import_1/x:0", "import_1/c:0"), g.operation("import_1/y").inputs()
        .stream().map(Output::name).toList());
    assertEquals("import_1/y", g.operation("import_1/init").controlInputs().get(0).name());
  }

  @Test
  void emptyPrefixKeepsNamesAndNestedScopesApply() throws Exception {
    Graph g = new Graph(OPS);
    imp(g, source(), "", null, null);
    assertEquals("x", g.operations().get(0).name());
    try (Scope s = g.withNameScope("outer")) {
      imp(g, source(), "net", null, null);
    }
    assertEquals("outer/net/y", g.operations().get(6).name());
  }

  @Test
  void inputMapReplacesTensorsAndReturnElementsAreFound() throws Exception {
    Graph g = new Graph(OPS);
    Output feed = GraphDefSamples.placeholder(g, "feed", DType.FLOAT32, Shape.of(3, 2));
    List<Object> r = imp(g, source(), "m", Map.of("x", feed), List.of("y:0", "init", "x"));
    Output y = (Output) r.get(0);
    assertEquals("m/y:0", y.name());
    assertSame(feed, y.op().input(0), "x:0 replaced by the mapped tensor");
    assertEquals("m/init", ((Operation) r.get(1)).name());
    assertEquals("m/x", ((Operation) r.get(2)).name(), "mapped nodes are still imported");
  }

  @Test
  void inputMapKeysMustBeInTheGraphDef() {
    Graph g = new Graph(OPS);
    Output feed = GraphDefSamples.placeholder(g, "feed", DType.FLOAT32, Shape.of(3, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imp(g, source(), null, Map.of("ghost:0", feed), null));
    assertEquals("Attempted to map inputs that were not found in graph_def: [ghost:0]",
        e.getMessage());
    assertEquals(1, g.operations().size(), "nothing imported");
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> imp(g, source(), null, Map.of("x:4", feed), null));
    assertEquals("Attempted to map inputs that were not found in graph_def: [x:4]",
        e2.getMessage());
  }

  @Test
  void returnElementsMustBeInTheGraphDef() {
    Graph g = new Graph(OPS);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imp(g, source(), null, null, List.of("ghost")));
    assertEquals("Requested return node 'ghost' not found in graph def", e.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> imp(g, source(), null, null, List.of("y:3")));
    assertEquals("Requested return tensor 'y:3' not found in graph def", e2.getMessage());
  }

  @Test
  void mappedTensorOfTheWrongDtypeFailsNamingTheNode() {
    Graph g = new Graph(OPS);
    Output feed = GraphDefSamples.placeholder(g, "feed", DType.INT32, Shape.of(3, 2));
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> imp(g, source(), null, Map.of("x:0", feed), null));
    assertEquals("src.json: node 'y' (AddV2): Input 'x' of 'AddV2' Op has type int32 that does "
        + "not match expected type of float32 (node 'import/y').", e.getMessage());
  }

  @Test
  void nameClashWithoutPrefixFailsBeforeAnythingIsAdded() throws Exception {
    Graph g = new Graph(OPS);
    GraphDefSamples.placeholder(g, "y", DType.FLOAT32, Shape.scalar());
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> imp(g, source(), "", null, null));
    assertEquals("src.json: node 'y' (AddV2): the target graph already has a node named 'y'",
        e.getMessage());
    assertEquals(1, g.operations().size());
  }

  @Test
  void inputMapValuesMustBelongToTheTarget() {
    Graph other = new Graph(OPS);
    Output feed = GraphDefSamples.placeholder(other, "feed", DType.FLOAT32, Shape.of(3, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> imp(new Graph(OPS), source(), null, Map.of("x:0", feed), null));
    assertEquals("input_map value for 'x:0' must be a tensor of the graph being imported into",
        e.getMessage());
  }

  @Test
  void identicalFunctionsAreSharedAndDifferentOnesRefused() throws Exception {
    Graph src = new Graph(OPS);
    GraphDefSamples.addCounterFunctions(src);
    Output i0 = GraphDefSamples.constant(src, "i0", Tensor.of(0));
    src.opBuilder("While", "w").addInputList(List.of(i0)).setAttr("T", List.of(DType.INT32))
        .setAttr("cond", FuncAttr.of("while_cond")).setAttr("body", FuncAttr.of("while_body"))
        .build();
    String json = GraphDefJson.write(src);
    Graph g = new Graph(OPS);
    imp(g, json, null, null, null);
    imp(g, json, null, null, null);
    assertEquals(2, g.functions().size());
    assertEquals("while_cond", g.operation("import_1/w").attrFunc("cond").name());

    Graph clash = new Graph(OPS);
    GraphDefSamples.addCounterFunctions(clash);
    String other = json.replace("\"intVal\": [\n                    10", "\"intVal\": [\n"
        + "                    11");
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> imp(clash, other, null, null, null));
    assertEquals("src.json: function 'while_cond': the target graph already has a different "
        + "function of this name", e.getMessage());
  }
}
