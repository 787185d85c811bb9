package org.tensorgraph.rnn.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.CellOutput;
import org.tensorgraph.rnn.LayerRnnCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnResult;
import org.tensorgraph.session.Session;

/** A cell written outside the package, as LayerRnnCell's javadoc shows, runs in dynamicRnn. */
class CustomCellTest {
  static final class MinCell extends LayerRnnCell {
    private Variable w;

    MinCell() {
      super(null, null);
    }

    @Override
    public Object stateSize() {
      return 2;
    }

    @Override
    public int outputSize() {
      return 2;
    }

    @Override
    protected String tfClassName() {
      return "MinCell";
    }

    @Override
    protected void build(Graph g, long depth) {
      w = addVariable(g, "w", Shape.of(depth, 2), Initializers.ones());
    }

    @Override
    protected CellOutput compute(Output x, Object h) {
      Ops tf = Ops.create(x.graph());
      Output y = tf.minimum((Output) h, tf.matmul(x, w.value()));
      return new CellOutput(y, y);
    }
  }

  @Test
  void minCellRuns() {
    Graph g = new Graph();
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(1, 3, 2));
    RnnResult r = Rnn.dynamicRnn(new MinCell(), x,
        org.tensorgraph.rnn.RnnOptions.defaults().initialState(
            Ops.create(g).constant(new float[][] {{10, 10}})));
    assertEquals(Shape.of(2, 2), Variables.globalVariables(g).get(0).shape());
    assertEquals("rnn/min_cell/w", Variables.globalVariables(g).get(0).name());
    try (Session s = new Session(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Tensor out = s.run(r.outputs(), Map.of(x, Tensor.of(new float[][][] {{{3, 4}, {1, 1},
          {5, 5}}})));
      assertEquals(Tensor.of(new float[][][] {{{7, 7}, {2, 2}, {2, 2}}}), out);
    }
  }
}
