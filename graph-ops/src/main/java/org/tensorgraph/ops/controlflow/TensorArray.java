package org.tensorgraph.ops.controlflow;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.Ops;

/**
 * {@code tf.TensorArray} as TF 1.15 builds it with control flow v2 ({@code _GraphTensorArrayV2}):
 * an immutable value holding a TensorList handle (TF's {@code flow}), the element dtype and the
 * element shape known so far. {@link #write} and {@link #unstack} return a new TensorArray.
 *
 * <pre>{@code
 * TensorArray in = TensorArray.create(g, DType.FLOAT32, steps, Shape.of(-1, 3)).unstack(x);
 * TensorArray out = TensorArray.create(g, DType.FLOAT32, steps, Shape.of(-1, 4));
 * List<Output> r = ControlFlow.whileLoop(g, cond, (tf, v) -> {
 *   Output xt = in.in(tf).read(v.get(0));                 // captured, read in the body
 *   TensorArray o = out.withHandle(v.get(1)).write(v.get(0), f(xt));
 *   return List.of(next(v.get(0)), o.handle());
 * }, List.of(time0, out.handle()));
 * Output outputs = out.withHandle(r.get(1)).stack();     // [steps,?,4]
 * }</pre>
 *
 * <p>Inside a loop body, an array that is a loop variable is rebuilt from the body's parameter
 * with {@link #withHandle}; an outer array that the body only reads is used through {@link
 * #in(Ops)}, which builds its ops in the body (the handle is then captured).
 */
public final class TensorArray {
  private final Graph graph;
  private final DType dtype;
  private final Shape elementShape;
  private final Output handle;

  private TensorArray(Graph graph, DType dtype, Shape elementShape, Output handle) {
    this.graph = graph;
    this.dtype = dtype;
    this.elementShape = elementShape;
    this.handle = handle;
  }

  /** {@code tf.TensorArray(dtype, size, element_shape=...)}: {@code size} unset elements. */
  public static TensorArray create(Graph g, DType dtype, Output size, Shape elementShape) {
    Output h = TensorLists.reserve(g, elementShape, size, dtype, "TensorArrayV2");
    return new TensorArray(g, dtype, elementShape, h);
  }

  /** {@link #create(Graph, DType, Output, Shape)} with a constant size. */
  public static TensorArray create(Graph g, DType dtype, int size, Shape elementShape) {
    Output h = TensorLists.reserve(g, elementShape, size, dtype, "TensorArrayV2");
    return new TensorArray(g, dtype, elementShape, h);
  }

  /** An array over an existing TensorList {@code handle} (a loop body's parameter, say). */
  public static TensorArray fromHandle(Output handle, DType dtype, Shape elementShape) {
    return new TensorArray(handle.graph(), dtype, elementShape, handle);
  }

  /**
   * This array's dtype and element shape over another handle (TF's {@code
   * build_ta_with_new_flow}).
   */
  public TensorArray withHandle(Output newHandle) {
    return new TensorArray(newHandle.graph(), dtype, elementShape, newHandle);
  }

  /** This array, building its ops in {@code tf}'s graph (a loop body reading an outer array). */
  public TensorArray in(Ops tf) {
    return new TensorArray(tf.graph(), dtype, elementShape, handle);
  }

  /** {@code ta.read(index)}: element {@code index} (zeros if never written and shape known). */
  public Output read(Output index) {
    try (Scope s = graph.withNameScope("TensorArrayV2Read")) {
      Output r = TensorLists.getItem(graph, handle, index, dtype, elementShape, null);
      return r;
    }
  }

  /** {@link #read(Output)} at a constant index. */
  public Output read(int index) {
    try (Scope s = graph.withNameScope("TensorArrayV2Read")) {
      return TensorLists.getItem(graph, handle, TensorLists.intConst(graph, "index", index), dtype,
          elementShape, null);
    }
  }

  /**
   * {@code ta.write(index, value)}: a new array whose element {@code index} is {@code value}.
   *
   * @throws IllegalArgumentException when {@code value}'s dtype or static shape does not fit
   */
  public TensorArray write(Output index, Output value) {
    Shape merged = mergeElementShape(value);
    try (Scope s = graph.withNameScope("TensorArrayV2Write")) {
      Output h = TensorLists.setItem(graph, handle, index, value, null);
      return new TensorArray(graph, dtype, merged, h);
    }
  }

  /** {@link #write(Output, Output)} at a constant index. */
  public TensorArray write(int index, Output value) {
    Shape merged = mergeElementShape(value);
    try (Scope s = graph.withNameScope("TensorArrayV2Write")) {
      Output h = TensorLists.setItem(graph, handle, TensorLists.intConst(graph, "index", index),
          value, null);
      return new TensorArray(graph, dtype, merged, h);
    }
  }

  /** {@code ta.stack()}: every element along a new first dimension. */
  public Output stack() {
    try (Scope s = graph.withNameScope("TensorArrayV2Stack")) {
      return TensorLists.stack(graph, handle, dtype, elementShape, -1, null);
    }
  }

  /** {@code ta.unstack(value)}: a new array whose elements are the rows of {@code value}. */
  public TensorArray unstack(Output value) {
    Shape v = value.shape();
    Shape rows = v.hasRank() && v.rank() >= 1 ? v.subShape(1, v.rank()) : Shape.unknown();
    Shape merged = mergeElementShape(value.dtype(), rows);
    try (Scope s = graph.withNameScope("TensorArrayUnstack")) {
      Output h = TensorLists.fromTensor(graph, value, rows, null);
      return new TensorArray(graph, dtype, merged, h);
    }
  }

  /** {@code ta.size()}: the number of elements, an int32 scalar. */
  public Output size() {
    return TensorLists.length(graph, handle, null);
  }

  /** The TensorList handle (TF's {@code flow}): pass it as a loop variable. */
  public Output handle() {
    return handle;
  }

  public DType dtype() {
    return dtype;
  }

  /** The element shape known so far (merged from writes and unstacks). */
  public Shape elementShape() {
    return elementShape;
  }

  private Shape mergeElementShape(Output value) {
    return mergeElementShape(value.dtype(), value.shape());
  }

  /** TF's {@code _check_dtypes} and {@code _merge_element_shape}, with their texts. */
  private Shape mergeElementShape(DType valueType, Shape shape) {
    if (valueType != dtype) {
      throw new IllegalArgumentException("TensorArray dtype is " + dtype.numpyName()
          + " but Op is trying to write dtype " + valueType.numpyName() + ".");
    }
    if (!elementShape.isCompatibleWith(shape)) {
      throw new IllegalArgumentException("Inconsistent shapes: saw " + shape.toPythonString()
          + " but expected " + elementShape.toPythonString());
    }
    return elementShape.mergeWith(shape);
  }
}
