package org.tensorgraph.benchmarks;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.framework.AttrValue;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.NodeDef;
import org.tensorflow.framework.TensorProto;
import org.tensorflow.framework.TensorShapeProto;
import org.tensorflow.framework.VersionDef;

/**
 * A TF {@link GraphDef} written node by node, as Python's graph construction writes it: each node
 * names its op, its inputs ({@code "node"}, {@code "node:1"}, {@code "^node"} for a control
 * input) and its attrs. Inputs may name nodes added later, which is how a loop's back edge
 * ({@code NextIteration} into {@code Merge}) is written.
 *
 * <pre>{@code
 * TfNodes g = new TfNodes();
 * String x = g.placeholder("X", 2, 3);
 * g.add("Tanh", "y", x).type("T", DataType.DT_FLOAT);
 * GraphDef def = g.build();   // nodes X and y
 * }</pre>
 */
final class TfNodes {
  /** TF 1.15's {@code TF_GRAPH_DEF_VERSION}, as our own GraphDef JSON writes it. */
  static final int PRODUCER = 134;

  private final GraphDef.Builder graph = GraphDef.newBuilder()
      .setVersions(VersionDef.newBuilder().setProducer(PRODUCER));

  /** One node being written; its attr setters chain. */
  static final class Node {
    private final NodeDef.Builder b;

    private Node(NodeDef.Builder b) {
      this.b = b;
    }

    Node type(String attr, DataType t) {
      return attr(attr, AttrValue.newBuilder().setType(t));
    }

    Node i(String attr, long v) {
      return attr(attr, AttrValue.newBuilder().setI(v));
    }

    Node bool(String attr, boolean v) {
      return attr(attr, AttrValue.newBuilder().setB(v));
    }

    Node str(String attr, String v) {
      return attr(attr, AttrValue.newBuilder().setS(ByteString.copyFromUtf8(v)));
    }

    /** A shape attr; -1 is an unknown dimension. */
    Node shape(String attr, long... dims) {
      return attr(attr, AttrValue.newBuilder().setShape(shapeProto(dims)));
    }

    Node tensor(String attr, TensorProto t) {
      return attr(attr, AttrValue.newBuilder().setTensor(t));
    }

    /** The node's first output, as inputs name it. */
    String name() {
      return b.getName();
    }

    /** Output {@code i}, as inputs name it ({@code "node:1"}). */
    String out(int i) {
      return i == 0 ? b.getName() : b.getName() + ":" + i;
    }

    private Node attr(String name, AttrValue.Builder v) {
      b.putAttr(name, v.build());
      return this;
    }
  }

  /** Adds node {@code name} running {@code op} on {@code inputs}. */
  Node add(String op, String name, String... inputs) {
    NodeDef.Builder b = graph.addNodeBuilder().setOp(op).setName(name);
    for (String in : inputs) {
      b.addInput(in);
    }
    return new Node(b);
  }

  /** A float32 placeholder of the given shape (-1: fed at run time). */
  String placeholder(String name, long... dims) {
    return add("Placeholder", name).type("dtype", DataType.DT_FLOAT).shape("shape", dims).name();
  }

  /** An int32 constant, a scalar when {@code dims} is empty. */
  String constInt(String name, int[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_INT32)
        .setTensorShape(shapeProto(dims));
    for (int v : values) {
      t.addIntVal(v);
    }
    return constant(name, t.build(), DataType.DT_INT32);
  }

  /** An int32 scalar constant. */
  String scalar(String name, int value) {
    return constInt(name, new int[] {value});
  }

  /** A float32 constant; its values go in {@code tensor_content}, little-endian as TF reads it. */
  String constFloat(String name, float[] values, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
        .setTensorShape(shapeProto(dims)).setTensorContent(ByteString.copyFrom(bytes)).build();
    return constant(name, t, DataType.DT_FLOAT);
  }

  private String constant(String name, TensorProto t, DataType dtype) {
    return add("Const", name).type("dtype", dtype).tensor("value", t).name();
  }

  GraphDef build() {
    return graph.build();
  }

  static TensorShapeProto shapeProto(long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return s.build();
  }
}
