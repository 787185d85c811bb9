package org.tensorgraph.core.io;

import java.util.List;
import java.util.stream.IntStream;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.InferenceContext;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.core.op.ShapeRule;

/**
 * OpDefs with exactly TF 1.15's signatures (tensorflow/core/ops/*.cc) and no kernels, so
 * graph-core tests can load GraphDefs without graph-ops. Shape rules are stubs (unknown shapes)
 * except where a test needs them: Const, Placeholder, MatMul's inner dimension.
 */
final class GraphDefTestOps {
  private GraphDefTestOps() {}

  private static final ShapeRule UNKNOWN = c -> IntStream.range(0, c.numOutputs())
      .mapToObj(i -> Shape.unknown()).toList();
  private static final String NUMBER = "{half, float, double, int32, int64}";

  static OpRegistry registry() {
    OpRegistry r = new OpRegistry();
    r.register(OpDef.builder("Const").output("output: dtype").attr("value: tensor")
        .attr("dtype: type").shape(GraphDefTestOps::constShape).build());
    r.register(OpDef.builder("Placeholder").output("output: dtype").attr("dtype: type")
        .attr("shape: shape = { unknown_rank: true }")
        .shape(c -> List.of(c.attrShape("shape"))).build());
    r.register(OpDef.builder("NoOp").shape(UNKNOWN).build());
    r.register(OpDef.builder("Identity").input("input: T").output("output: T").attr("T: type")
        .shape(c -> List.of(c.inputShape(0))).build());
    r.register(OpDef.builder("AddV2").input("x: T").input("y: T").output("z: T")
        .attr("T: " + NUMBER).shape(UNKNOWN).build());
    r.register(OpDef.builder("MatMul").input("a: T").input("b: T").output("product: T")
        .attr("transpose_a: bool = false").attr("transpose_b: bool = false")
        .attr("T: " + NUMBER).shape(GraphDefTestOps::matMulShape).build());
    r.register(OpDef.builder("BiasAdd").input("value: T").input("bias: T").output("output: T")
        .attr("T: " + NUMBER).attr("data_format: {'NHWC', 'NCHW'} = 'NHWC'")
        .shape(c -> List.of(c.inputShape(0))).build());
    r.register(OpDef.builder("Tanh").input("x: T").output("y: T").attr("T: {half, float, double}")
        .shape(c -> List.of(c.inputShape(0))).build());
    r.register(OpDef.builder("RandomUniform").input("shape: T").output("output: dtype")
        .attr("seed: int = 0").attr("seed2: int = 0").attr("dtype: {half, float, double}")
        .attr("T: {int32, int64}").stateful().shape(UNKNOWN).build());
    r.register(OpDef.builder("Less").input("x: T").input("y: T").output("z: bool")
        .attr("T: " + NUMBER).shape(UNKNOWN).build());
    r.register(OpDef.builder("AddN").input("inputs: N * T").output("sum: T")
        .attr("N: int >= 1").attr("T: " + NUMBER).shape(UNKNOWN).build());
    r.register(OpDef.builder("IdentityN").input("input: T").output("output: T")
        .attr("T: list(type) >= 1").shape(UNKNOWN).build());
    r.register(OpDef.builder("Unpack").input("value: T").output("output: num * T")
        .attr("num: int >= 0").attr("T: type").attr("axis: int = 0").shape(UNKNOWN).build());
    r.register(OpDef.builder("VariableV2").output("ref: Ref(dtype)").attr("shape: shape")
        .attr("dtype: type").attr("container: string = \"\"")
        .attr("shared_name: string = \"\"").stateful()
        .shape(c -> List.of(c.attrShape("shape"))).build());
    r.register(OpDef.builder("Assign").input("ref: Ref(T)").input("value: T")
        .output("output_ref: Ref(T)").attr("T: type").attr("validate_shape: bool = true")
        .attr("use_locking: bool = true").shape(UNKNOWN).build());
    registerArrayOps(r);
    registerControlFlow(r);
    return r;
  }

  private static void registerArrayOps(OpRegistry r) {
    r.register(OpDef.builder("Transpose").input("x: T").input("perm: Tperm").output("y: T")
        .attr("T: type").attr("Tperm: {int32, int64} = DT_INT32").shape(UNKNOWN).build());
    r.register(OpDef.builder("Shape").input("input: T").output("output: out_type")
        .attr("T: type").attr("out_type: {int32, int64} = DT_INT32").shape(UNKNOWN).build());
    r.register(OpDef.builder("StridedSlice").input("input: T").input("begin: Index")
        .input("end: Index").input("strides: Index").output("output: T").attr("T: type")
        .attr("Index: {int32, int64}").attr("begin_mask: int = 0").attr("end_mask: int = 0")
        .attr("ellipsis_mask: int = 0").attr("new_axis_mask: int = 0")
        .attr("shrink_axis_mask: int = 0").shape(UNKNOWN).build());
    r.register(OpDef.builder("Pack").input("values: N * T").output("output: T")
        .attr("N: int >= 1").attr("T: type").attr("axis: int = 0").shape(UNKNOWN).build());
    r.register(OpDef.builder("Fill").input("dims: index_type").input("value: T")
        .output("output: T").attr("T: type").attr("index_type: {int32, int64} = DT_INT32")
        .shape(UNKNOWN).build());
    r.register(OpDef.builder("ConcatV2").input("values: N * T").input("axis: Tidx")
        .output("output: T").attr("N: int >= 2").attr("T: type")
        .attr("Tidx: {int32, int64} = DT_INT32").shape(UNKNOWN).build());
  }

  private static void registerControlFlow(OpRegistry r) {
    r.register(OpDef.builder("_Arg").output("output: T").attr("T: type")
        .attr("index: int >= 0").shape(UNKNOWN).build());
    r.register(OpDef.builder("While").input("input: T").output("output: T")
        .attr("T: list(type) >= 0").attr("cond: func").attr("body: func")
        .attr("output_shapes: list(shape) = []").attr("parallel_iterations: int = 10")
        .stateful().shape(UNKNOWN).build());
    r.register(OpDef.builder("TensorListFromTensor").input("tensor: element_dtype")
        .input("element_shape: shape_type").output("output_handle: variant")
        .attr("element_dtype: type").attr("shape_type: {int32, int64}").shape(UNKNOWN).build());
    r.register(OpDef.builder("TensorListReserve").input("element_shape: shape_type")
        .input("num_elements: int32").output("handle: variant").attr("element_dtype: type")
        .attr("shape_type: {int32, int64}").shape(UNKNOWN).build());
    r.register(OpDef.builder("TensorListGetItem").input("input_handle: variant")
        .input("index: int32").input("element_shape: int32").output("item: element_dtype")
        .attr("element_dtype: type").shape(UNKNOWN).build());
    r.register(OpDef.builder("TensorListSetItem").input("input_handle: variant")
        .input("index: int32").input("item: element_dtype").output("output_handle: variant")
        .attr("element_dtype: type").shape(UNKNOWN).build());
    r.register(OpDef.builder("TensorListStack").input("input_handle: variant")
        .input("element_shape: int32").output("tensor: element_dtype")
        .attr("element_dtype: type").attr("num_elements: int = -1").shape(UNKNOWN).build());
  }

  /** TF checks this in the Const kernel; doing it here lets a test see a dtype mismatch. */
  private static List<Shape> constShape(InferenceContext c) {
    Tensor v = (Tensor) c.attr("value");
    if (v.dtype() != c.attrType("dtype")) {
      throw new IllegalArgumentException("Type mismatch between value (" + v.dtype().tfName()
          + ") and dtype (" + c.attrType("dtype").tfName() + ")");
    }
    return List.of(v.shape());
  }

  private static List<Shape> matMulShape(InferenceContext c) {
    Shape a = c.inputShape(0);
    Shape b = c.inputShape(1);
    if (a.rank() == 2 && b.rank() == 2) {
      long inner = c.attrBool("transpose_a") ? a.dim(0) : a.dim(1);
      long innerB = c.attrBool("transpose_b") ? b.dim(1) : b.dim(0);
      if (inner >= 0 && innerB >= 0 && inner != innerB) {
        throw new IllegalArgumentException("Dimensions must be equal, but are " + inner + " and "
            + innerB);
      }
    }
    return List.of(Shape.unknownDims(2));
  }
}
