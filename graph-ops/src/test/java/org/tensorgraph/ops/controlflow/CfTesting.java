package org.tensorgraph.ops.controlflow;

import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;
import org.tensorgraph.session.SessionOptions;

/** Small graph-building and running helpers for the control-flow tests (standard registry). */
final class CfTesting {
  private CfTesting() {}

  static Output constant(Graph g, Tensor v) {
    return g.opBuilder("Const", "Const").setAttr("value", v).setAttr("dtype", v.dtype()).build()
        .output(0);
  }

  static Output constant(Graph g, int v) {
    return constant(g, Tensor.of(v));
  }

  static Output constant(Graph g, float v) {
    return constant(g, Tensor.of(v));
  }

  static Output placeholder(Graph g, String name, DType dtype, Shape shape) {
    return g.opBuilder("Placeholder", name).setAttr("dtype", dtype).setAttr("shape", shape)
        .build().output(0);
  }

  static Output op(Graph g, String type, Output... inputs) {
    OpBuilder b = g.opBuilder(type, null);
    for (Output in : inputs) {
      b.addInput(in);
    }
    return b.build().output(0);
  }

  static Output add(Graph g, Output a, Output b) {
    return op(g, "AddV2", a, b);
  }

  static Output mul(Graph g, Output a, Output b) {
    return op(g, "Mul", a, b);
  }

  static Output less(Graph g, Output a, Output b) {
    return op(g, "Less", a, b);
  }

  static Session session(Graph g, ExecutorKind kind) {
    return new Session(g, SessionOptions.builder().executor(kind).build());
  }

  static Tensor run(Graph g, ExecutorKind kind, Output fetch, Map<Output, Tensor> feeds) {
    try (Session s = session(g, kind)) {
      return s.run(fetch, feeds);
    }
  }
}
