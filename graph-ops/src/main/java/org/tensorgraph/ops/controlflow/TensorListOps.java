package org.tensorgraph.ops.controlflow;

import java.lang.reflect.Array;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpLibrary;
import org.tensorgraph.core.op.OpRegistry;

/**
 * TF 1.15's TensorList ops ({@code tensorflow/core/ops/list_ops.cc}, kernels from {@code
 * list_kernels.{h,cc}}) on a {@code DT_VARIANT} handle holding a {@link TensorList}: same
 * signatures, attrs, shape functions and error texts.
 *
 * <pre>{@code
 * Output l = g.opBuilder("TensorListReserve", null).addInput(elementShape).addInput(n)
 *     .setAttr("element_dtype", DType.FLOAT32).build().output(0);
 * }</pre>
 *
 * <p>Writers ({@code SetItem}, {@code PushBack}, {@code PopBack}) update the list in place when
 * {@link ListOwnership} allows it and copy it otherwise. Static shapes come from the constant
 * {@code element_shape} inputs; the element shape a handle carries (TF's handle data) is tracked
 * by the builders ({@link TensorLists}, {@link TensorArray}).
 */
public final class TensorListOps implements OpLibrary {
  @Override
  public void register(OpRegistry r) {
    r.register(OpDef.builder("TensorListReserve").input("element_shape: shape_type")
        .input("num_elements: int32").output("handle: variant").attr("element_dtype: type")
        .attr("shape_type: {int32, int64}").shape(TensorListOps::handleShape)
        .kernel(TensorListOps::reserve).build());
    r.register(OpDef.builder("TensorListFromTensor").input("tensor: element_dtype")
        .input("element_shape: shape_type").output("output_handle: variant")
        .attr("element_dtype: type").attr("shape_type: {int32, int64}")
        .shape(TensorListOps::fromTensorShape).kernel(TensorListOps::fromTensor).build());
    r.register(OpDef.builder("TensorListGetItem").input("input_handle: variant")
        .input("index: int32").input("element_shape: int32").output("item: element_dtype")
        .attr("element_dtype: type").shape(c -> List.of(ListShapes.staticShape(c, 2)))
        .kernel(TensorListOps::getItem).build());
    r.register(OpDef.builder("TensorListSetItem").input("input_handle: variant")
        .input("index: int32").input("item: element_dtype").output("output_handle: variant")
        .attr("element_dtype: type").shape(c -> List.of(Shape.scalar()))
        .kernel(TensorListOps::setItem).build());
    r.register(OpDef.builder("TensorListStack").input("input_handle: variant")
        .input("element_shape: int32").output("tensor: element_dtype")
        .attr("element_dtype: type").attr("num_elements: int = -1")
        .shape(TensorListOps::stackShape).kernel(TensorListOps::stack).build());
    r.register(OpDef.builder("TensorListLength").input("input_handle: variant")
        .output("length: int32").shape(c -> List.of(Shape.scalar()))
        .kernel(ctx -> ctx.setOutput(0, Tensor.of(TensorList.of(ctx.input(0)).size()))).build());
    r.register(OpDef.builder("TensorListPushBack").input("input_handle: variant")
        .input("tensor: element_dtype").output("output_handle: variant")
        .attr("element_dtype: type").shape(c -> List.of(Shape.scalar()))
        .kernel(TensorListOps::pushBack).build());
    r.register(OpDef.builder("TensorListPopBack").input("input_handle: variant")
        .input("element_shape: int32").output("output_handle: variant")
        .output("tensor: element_dtype").attr("element_dtype: type")
        .shape(c -> List.of(Shape.scalar(), ListShapes.staticShape(c, 1)))
        .kernel(TensorListOps::popBack).build());
    r.register(OpDef.builder("TensorListElementShape").input("input_handle: variant")
        .output("element_shape: shape_type").attr("shape_type: {int32, int64}")
        .shape(c -> List.of(Shape.unknown())).kernel(TensorListOps::elementShape).build());
  }

  // ---------------------------------------------------------------- shape functions

  private static List<Shape> handleShape(InferenceContext c) {
    ListShapes.staticShape(c, 0); // checks the rank of element_shape
    return List.of(Shape.scalar());
  }

  private static List<Shape> fromTensorShape(InferenceContext c) {
    Shape t = c.inputShape(0);
    if (t.hasRank() && t.rank() < 1) {
      throw new IllegalArgumentException("Shape must be at least rank 1 but is rank 0");
    }
    Shape rest = t.hasRank() ? t.subShape(1, t.rank()) : Shape.unknown();
    ListShapes.mergeStatic(rest, ListShapes.staticShape(c, 1));
    return List.of(Shape.scalar());
  }

  private static List<Shape> stackShape(InferenceContext c) {
    long n = c.attrLong("num_elements");
    Shape element = ListShapes.staticShape(c, 1);
    return List.of(Shape.of(n == -1 ? Shape.UNKNOWN : n).concatenate(element));
  }

  // ---------------------------------------------------------------- kernels

  private static void reserve(KernelContext ctx) {
    Shape element = ListShapes.fromTensor(ctx.input(0));
    int n = scalarInt(ctx, 1, "num_elements");
    if (n < 0) {
      throw new InvalidArgumentException("The num_elements to reserve must be a non negative "
          + "number, but got " + n);
    }
    DType dtype = ctx.op().attrType("element_dtype");
    ctx.setOutput(0, TensorList.reserve(dtype, element, n).toTensor());
  }

  private static void fromTensor(KernelContext ctx) {
    Tensor t = ctx.input(0);
    Shape element = ListShapes.fromTensor(ctx.input(1));
    if (t.rank() < 1) {
      throw new InvalidArgumentException("Tensor must be at least a vector, but saw shape: "
          + t.shape());
    }
    Shape rowShape = t.shape().subShape(1, t.rank());
    if (!element.isCompatibleWith(rowShape)) {
      throw new InvalidArgumentException("Specified a list with shape " + element
          + " from a tensor with shape " + rowShape);
    }
    checkDense(t.dtype());
    // why no copies: TF slices the rows out at once; here they stay in t (immutable) and an item
    // becomes a tensor when it is read, so a fused loop reads them all where they are
    ctx.setOutput(0, TensorList.of(t.dtype(), element, ListRows.timeMajor(t, rowShape))
        .toTensor());
  }

  private static void getItem(KernelContext ctx) {
    TensorList l = checkedList(ctx);
    int index = scalarInt(ctx, 1, "index");
    if (index < 0 || index >= l.size()) {
      throw new InvalidArgumentException("Trying to access element " + index + " in a list with "
          + l.size() + " elements.");
    }
    Tensor item = l.get(index);
    if (item == null) {
      Shape s = ListShapes.mergeRuntime(ListShapes.fromTensor(ctx.input(2)), l.elementShape());
      item = zeros(l, inferFromItems(l, s), " and no list element is set.");
    }
    ctx.setOutput(0, item);
  }

  private static void setItem(KernelContext ctx) {
    TensorList in = checkedList(ctx);
    int index = scalarInt(ctx, 1, "index");
    if (index < 0 || index >= in.size()) {
      throw new InvalidArgumentException("Trying to modify element " + index + " in a list with "
          + in.size() + " elements.");
    }
    Tensor value = ctx.input(2);
    if (!in.elementShape().isCompatibleWith(value.shape())) {
      throw new InvalidArgumentException("Tried to set a tensor with incompatible shape at a list "
          + "index. Item element shape: " + value.shape() + " list shape: " + in.elementShape());
    }
    TensorList out = ListOwnership.forWrite(ctx, 0);
    out.set(index, value);
    ctx.setOutput(0, out.toTensor());
  }

  private static void pushBack(KernelContext ctx) {
    Tensor value = ctx.input(1);
    DType dtype = ctx.op().attrType("element_dtype");
    if (value.dtype() != dtype) {
      throw new InvalidArgumentException("Invalid data types; list elements " + dtype.tfName()
          + " but tried to append " + value.dtype().tfName());
    }
    TensorList in = TensorList.of(ctx.input(0));
    if (!in.elementShape().isCompatibleWith(value.shape())) {
      throw new InvalidArgumentException("Tried to append a tensor with incompatible shape to a "
          + "list. Op element shape: " + value.shape() + " list shape: " + in.elementShape());
    }
    checkedList(ctx);
    TensorList out = ListOwnership.forWrite(ctx, 0);
    out.push(value);
    ctx.setOutput(0, out.toTensor());
  }

  private static void popBack(KernelContext ctx) {
    TensorList in = checkedList(ctx);
    if (in.size() == 0) {
      throw new InvalidArgumentException("Trying to pop from an empty list.");
    }
    Tensor item = in.get(in.size() - 1);
    if (item == null) {
      Shape s = ListShapes.mergeRuntime(ListShapes.fromTensor(ctx.input(1)), in.elementShape());
      item = zeros(in, s, "");
    }
    TensorList out = ListOwnership.forWrite(ctx, 0);
    out.pop();
    ctx.setOutput(0, out.toTensor());
    ctx.setOutput(1, item);
  }

  private static void stack(KernelContext ctx) {
    TensorList l = checkedList(ctx.op(), ctx.input(0));
    ctx.setOutput(0, stackRows(l, stackShape(ctx.op(), l, ctx.input(1)), false));
  }

  /**
   * TensorListStack's checks on {@code l} (from node {@code op}, its element_shape input {@code
   * elementShape}): the element shape its result stacks, or TF's error. For fused kernels that
   * stack a list themselves.
   *
   * <pre>{@code
   * TensorList l = TensorListOps.checkedList(stackOp, handle);
   * Tensor y = TensorListOps.stackRows(l, TensorListOps.stackShape(stackOp, l, shape), true);
   * }</pre>
   */
  public static Shape stackShape(Operation op, TensorList l, Tensor elementShape) {
    long expected = op.attrLong("num_elements");
    if (expected != -1 && l.size() != expected) {
      throw new InvalidArgumentException("Operation expected a list with " + expected
          + " elements but got a list with " + l.size() + " elements.");
    }
    Shape s = ListShapes.mergeRuntime(ListShapes.fromTensor(elementShape), l.elementShape());
    if (!s.isFullyDefined() && l.size() == 0) {
      throw new InvalidArgumentException("Tried to stack elements of an empty list with "
          + "non-fully-defined element_shape: " + s);
    }
    if (!l.elementShape().isFullyDefined()) {
      s = inferFromItems(l, s);
    }
    if (!s.isFullyDefined()) {
      throw new InvalidArgumentException("Tried to stack list which only contains uninitialized "
          + "tensors and has a non-fully-defined element_shape: " + s);
    }
    return s;
  }

  private static void elementShape(KernelContext ctx) {
    Shape s = TensorList.of(ctx.input(0)).elementShape();
    boolean int64 = ctx.op().attrType("shape_type") == DType.INT64;
    long[] d = s.hasRank() ? s.dims() : null;
    if (d == null) {
      ctx.setOutput(0, int64 ? Tensor.of(-1L) : Tensor.of(-1));
    } else if (int64) {
      ctx.setOutput(0, Tensor.of(Shape.of(d.length), d));
    } else {
      int[] r = new int[d.length];
      for (int i = 0; i < d.length; i++) {
        r[i] = (int) d[i];
      }
      ctx.setOutput(0, Tensor.of(Shape.of(r.length), r));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Input 0's list, after TF's element_dtype check. */
  private static TensorList checkedList(KernelContext ctx) {
    return checkedList(ctx.op(), ctx.input(0));
  }

  /** The list {@code handle} holds, after TF's element_dtype check against {@code op}'s attr. */
  public static TensorList checkedList(Operation op, Tensor handle) {
    TensorList l = TensorList.of(handle);
    DType want = op.attrType("element_dtype");
    if (want != l.elementDtype()) {
      throw new InvalidArgumentException("Invalid data types; op elements " + want.tfName()
          + " but list elements " + l.elementDtype().tfName());
    }
    return l;
  }

  /** An int32 scalar input; TF 1.15 would crash on another shape, we say what is wrong. */
  private static int scalarInt(KernelContext ctx, int i, String what) {
    Tensor t = ctx.input(i);
    if (t.rank() != 0) {
      throw new InvalidArgumentException(what + " must be a scalar, but got shape " + t.shape());
    }
    return t.intValue();
  }

  /** Merges the shapes of every set item into {@code s}, as TF does before reading unset ones. */
  private static Shape inferFromItems(TensorList l, Shape s) {
    Shape r = s;
    Shape merged = null; // why: merging a shape again changes nothing, and a loop's outputs
    // (a thousand items of one shape) cost ~100 ns each to merge
    for (int i = 0; i < l.size(); i++) {
      Shape item = l.shapeOf(i);
      if (item != null && !item.equals(merged)) {
        r = ListShapes.mergeRuntime(r, item);
        merged = item;
      }
    }
    return r;
  }

  private static Tensor zeros(TensorList l, Shape s, String suffix) {
    if (!s.isFullyDefined()) {
      String where = suffix.isEmpty() ? "." + s : ": " + s + suffix; // TF's two texts differ
      throw new InvalidArgumentException("Trying to read an uninitialized tensor but "
          + "element_shape is not fully defined" + where);
    }
    return Tensor.zeros(l.elementDtype(), s);
  }

  /**
   * TensorListStack's output, every item (zeros for unset ones) one after another: {@code [n,
   * element...]}; or, {@code batchMajor}, that output with its first two axes swapped, {@code
   * [element[0], n, element[1:]...]}, built in one pass (dynamic_rnn's stack and transpose).
   */
  public static Tensor stackRows(TensorList l, Shape element, boolean batchMajor) {
    checkDense(l.elementDtype());
    Shape out = Shape.of(l.size()).concatenate(element);
    int len = Tensor.checkedElementCount(element);
    Tensor.checkedElementCount(out);
    if (batchMajor) {
      long[] d = out.dims();
      d[0] = element.dim(0);
      d[1] = l.size();
      out = Shape.of(d);
    }
    Object kept = l.stackedData(element, batchMajor);
    if (kept != null) { // the items are already in this layout: a fused loop wrote them so
      return Tensor.wrap(out, kept);
    }
    int rows = batchMajor ? (int) element.dim(0) : 1; // each item's rows go n rows apart
    int run = rows == 0 ? 0 : len / rows;
    Object zeros = Tensor.zeros(l.elementDtype(), Shape.scalar()).rawData();
    Object data = Array.newInstance(zeros.getClass().getComponentType(), l.size() * len);
    for (int i = 0; i < l.size(); i++) {
      Shape item = l.shapeOf(i);
      if (item != null) {
        if (!item.equals(element)) {
          throw new InvalidArgumentException("Incompatible shapes during merge: " + element
              + " vs. " + item);
        }
        for (int r = 0; r < rows; r++) { // row r of item i lands at [r, i]
          l.copyItem(i, r * run, data, (r * l.size() + i) * run, run);
        }
      }
    }
    return Tensor.wrap(out, data);
  }

  private static void checkDense(DType d) {
    if (d == DType.VARIANT) {
      throw new InvalidArgumentException("TensorLists of variant elements cannot be stacked or "
          + "built from a tensor here");
    }
  }
}
