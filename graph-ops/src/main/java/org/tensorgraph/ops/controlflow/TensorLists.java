package org.tensorgraph.ops.controlflow;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;

/**
 * Builders for the TensorList ops, named as TF's generated wrappers name them: a name scope
 * ({@code name}, or the op type when null) holding the constant inputs (named after the input
 * arguments: {@code TensorListReserve/element_shape}) and the node itself, named as the scope.
 *
 * <pre>{@code
 * Output l = TensorLists.reserve(g, Shape.of(-1, 4), 3, DType.FLOAT32, null);
 * l = TensorLists.setItem(g, l, TensorLists.intConst(g, "i", 0), row, null);
 * Output s = TensorLists.stack(g, l, DType.FLOAT32, Shape.of(-1, 4), -1, null);  // [?,?,4]
 * }</pre>
 */
public final class TensorLists {
  private TensorLists() {}

  /** {@code TensorListReserve(element_shape, num_elements)}: {@code n} unset items. */
  public static Output reserve(Graph g, Shape elementShape, Output numElements, DType dtype,
      String name) {
    try (Scope s = g.withNameScope(name == null ? "TensorListReserve" : name)) {
      return g.opBuilder("TensorListReserve", s.absoluteName())
          .addInput(shapeConst(g, elementShape)).addInput(numElements)
          .setAttr("element_dtype", dtype).build().output(0);
    }
  }

  /** {@link #reserve(Graph, Shape, Output, DType, String)} with a constant size. */
  public static Output reserve(Graph g, Shape elementShape, int numElements, DType dtype,
      String name) {
    try (Scope s = g.withNameScope(name == null ? "TensorListReserve" : name)) {
      return g.opBuilder("TensorListReserve", s.absoluteName())
          .addInput(shapeConst(g, elementShape)).addInput(intConst(g, "num_elements", numElements))
          .setAttr("element_dtype", dtype).build().output(0);
    }
  }

  /** {@code TensorListFromTensor(tensor, element_shape)}: the rows of {@code tensor}. */
  public static Output fromTensor(Graph g, Output tensor, Shape elementShape, String name) {
    return node(g, "TensorListFromTensor", name, b -> b.addInput(tensor)
        .addInput(shapeConst(g, elementShape)));
  }

  /** {@code TensorListGetItem(input_handle, index, element_shape)}. */
  public static Output getItem(Graph g, Output handle, Output index, DType dtype,
      Shape elementShape, String name) {
    return node(g, "TensorListGetItem", name, b -> b.addInput(handle).addInput(index)
        .addInput(shapeConst(g, elementShape)).setAttr("element_dtype", dtype));
  }

  /** {@code TensorListSetItem(input_handle, index, item)}: the updated list. */
  public static Output setItem(Graph g, Output handle, Output index, Output item, String name) {
    return node(g, "TensorListSetItem", name, b -> b.addInput(handle).addInput(index)
        .addInput(item).setAttr("element_dtype", item.dtype()));
  }

  /** {@code TensorListStack(input_handle, element_shape)}, {@code num_elements} -1 if unknown. */
  public static Output stack(Graph g, Output handle, DType dtype, Shape elementShape,
      long numElements, String name) {
    return node(g, "TensorListStack", name, b -> b.addInput(handle)
        .addInput(shapeConst(g, elementShape)).setAttr("element_dtype", dtype)
        .setAttr("num_elements", numElements));
  }

  /** {@code TensorListLength(input_handle)}: an int32 scalar. */
  public static Output length(Graph g, Output handle, String name) {
    return node(g, "TensorListLength", name, b -> b.addInput(handle));
  }

  /** {@code TensorListPushBack(input_handle, tensor)}: the longer list. */
  public static Output pushBack(Graph g, Output handle, Output item, String name) {
    return node(g, "TensorListPushBack", name, b -> b.addInput(handle).addInput(item)
        .setAttr("element_dtype", item.dtype()));
  }

  /** {@code TensorListPopBack(input_handle, element_shape)}: {@code [output_handle, tensor]}. */
  public static List<Output> popBack(Graph g, Output handle, DType dtype, Shape elementShape,
      String name) {
    try (Scope s = g.withNameScope(name == null ? "TensorListPopBack" : name)) {
      Operation op = g.opBuilder("TensorListPopBack", s.absoluteName()).addInput(handle)
          .addInput(shapeConst(g, elementShape)).setAttr("element_dtype", dtype).build();
      return op.outputs();
    }
  }

  /** {@code TensorListElementShape(input_handle)}: -1, or the shape with -1 for unknown dims. */
  public static Output elementShape(Graph g, Output handle, DType shapeType, String name) {
    return node(g, "TensorListElementShape", name, b -> b.addInput(handle)
        .setAttr("shape_type", shapeType));
  }

  /** An int32 scalar {@code Const} named {@code name} in the current scope. */
  public static Output intConst(Graph g, String name, int value) {
    return g.opBuilder("Const", name).setAttr("value", Tensor.of(value))
        .setAttr("dtype", DType.INT32).build().output(0);
  }

  /** The {@code element_shape} input TF's Python builds for {@code shape}: -1 for no rank. */
  static Output shapeConst(Graph g, Shape shape) {
    Tensor v = ListShapes.toTensor(shape);
    return g.opBuilder("Const", "element_shape").setAttr("value", v)
        .setAttr("dtype", DType.INT32).build().output(0);
  }

  private static Output node(Graph g, String type, String name,
      java.util.function.UnaryOperator<OpBuilder> inputs) {
    try (Scope s = g.withNameScope(name == null ? type : name)) {
      return inputs.apply(g.opBuilder(type, s.absoluteName())).build().output(0);
    }
  }
}
