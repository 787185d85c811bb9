package org.tensorgraph.cli;

import java.nio.file.Path;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.Rnn;

/** The article's one-layer graph (X [?,2,3], BasicRNNCell(4), dynamic_rnn, init), for tests. */
final class RnnGraphs {
  private RnnGraphs() {}

  static Graph articleOneLayer() {
    Graph g = new Graph();
    g.setSeed(7);
    Ops tf = Ops.create(g);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
    Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32);
    tf.globalVariablesInitializer();
    return g;
  }

  static Path write(Graph g, Path file) throws Exception {
    GraphDefJson.write(g, file);
    return file;
  }
}
