package org.tensorgraph.ops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.session.Session;

/** {@code graph.importGraphDef} is tf.import_graph_def: prefix, input_map, return_elements. */
class ImportGraphDefTest {
  @Test
  void importsUnderAPrefixWithInputsReplaced() throws Exception {
    Graph src = new Graph();
    Ops s = Ops.create(src);
    Output x = s.withName("X").placeholder(DType.FLOAT32, Shape.of(-1));
    s.withName("out").mul(x, s.constant(3f));
    String json = GraphDefJson.write(src);

    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output mine = tf.withName("mine").constant(new float[] {1, 2});
    List<Object> r = g.importGraphDef(json, null, Map.of("X:0", mine), List.of("out:0", "out"));
    Output out = (Output) r.get(0);
    assertEquals("import/out:0", out.name());
    assertEquals(out.op(), r.get(1));
    List<Object> again = g.importGraphDef(json, null, Map.of("X:0", mine), List.of("out:0"));
    assertEquals("import_1/out:0", ((Output) again.get(0)).name());
    try (Session sess = new Session(g)) {
      assertEquals(Tensor.of(new float[] {3, 6}), sess.run(out));
    }
  }
}
