package org.tensorgraph.core.graph;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpRegistry;

/** A small registry of TF-shaped ops, so graph-core tests do not need graph-ops. */
final class TestOps {
  private TestOps() {}

  static OpRegistry registry() {
    OpRegistry r = new OpRegistry();
    r.register(OpDef.builder("Const").output("output: dtype").attr("value: tensor")
        .attr("dtype: type").shape(c -> List.of(((Tensor) c.attr("value")).shape())).build());
    r.register(OpDef.builder("Placeholder").output("output: dtype").attr("dtype: type")
        .attr("shape: shape = { unknown_rank: true }")
        .shape(c -> List.of(c.attrShape("shape"))).build());
    r.register(OpDef.builder("NoOp").shape(c -> List.of()).build());
    r.register(OpDef.builder("AddV2").input("x: T").input("y: T").output("z: T")
        .attr("T: {half, float, double, int32, int64}")
        .shape(c -> List.of(c.inputShape(0))).build());
    r.register(OpDef.builder("MatMul").input("a: T").input("b: T").output("product: T")
        .attr("transpose_a: bool = false").attr("transpose_b: bool = false")
        .attr("T: {float, double, int32}").shape(TestOps::matMulShape).build());
    r.register(OpDef.builder("AddN").input("inputs: N * T").output("sum: T")
        .attr("N: int >= 1").attr("T: {float, int32}")
        .shape(c -> List.of(c.inputShape(0))).build());
    r.register(OpDef.builder("IdentityN").input("input: T").output("output: T")
        .attr("T: list(type) >= 1")
        .shape(c -> java.util.stream.IntStream.range(0, c.numInputs())
            .mapToObj(c::inputShape).toList()).build());
    r.register(OpDef.builder("Shape").input("input: T").output("output: out_type")
        .attr("T: type").attr("out_type: {int32, int64} = DT_INT32")
        .shape(c -> List.of(Shape.of(c.inputShape(0).rank()))).build());
    r.register(OpDef.builder("VariableV2").output("ref: Ref(dtype)").attr("shape: shape")
        .attr("dtype: type").attr("container: string = \"\"")
        .attr("shared_name: string = \"\"").stateful()
        .shape(c -> List.of(c.attrShape("shape"))).build());
    r.register(OpDef.builder("Assign").input("ref: Ref(T)").input("value: T")
        .output("output_ref: Ref(T)").attr("T: type").attr("validate_shape: bool = true")
        .attr("use_locking: bool = true").shape(c -> List.of(c.inputShape(0))).build());
    return r;
  }

  static Output constant(Graph g, String name, Tensor value) {
    return g.opBuilder("Const", name).setAttr("value", value).setAttr("dtype", value.dtype())
        .build().output(0);
  }

  static Output placeholder(Graph g, String name, DType dtype, Shape shape) {
    return g.opBuilder("Placeholder", name).setAttr("dtype", dtype).setAttr("shape", shape)
        .build().output(0);
  }

  private static List<Shape> matMulShape(org.tensorgraph.core.op.InferenceContext c) {
    Shape a = c.inputShape(0);
    Shape b = c.inputShape(1);
    if (a.rank() != 2) {
      throw new IllegalArgumentException("Shape must be rank 2 but is rank " + a.rank());
    }
    long inner = c.attrBool("transpose_a") ? a.dim(0) : a.dim(1);
    long innerB = c.attrBool("transpose_b") ? b.dim(1) : b.dim(0);
    if (inner >= 0 && innerB >= 0 && inner != innerB) {
      throw new IllegalArgumentException("Dimensions must be equal, but are " + inner + " and "
          + innerB);
    }
    return List.of(Shape.of(c.attrBool("transpose_a") ? a.dim(1) : a.dim(0),
        c.attrBool("transpose_b") ? b.dim(0) : b.dim(1)));
  }
}
