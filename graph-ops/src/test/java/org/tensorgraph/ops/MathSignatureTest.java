package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.op.ArgDef;
import org.tensorgraph.core.op.AttrDef;
import org.tensorgraph.core.op.OpDef;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Every op of the math/matmul/reduction/nn libraries has TF 1.15's argument names (they appear in
 * FunctionDef tensor names such as {@code MatMul:product:0}) and attr names, kinds and defaults,
 * as written in tensorflow/core/ops/math_ops.cc and nn_ops.cc.
 */
class MathSignatureTest {
  record Sig(String op, String inputs, String outputs, String attrs) {}

  static Stream<Sig> signatures() {
    String bin = "x:T,y:T";
    return Stream.of(
        new Sig("Add", bin, "z:T", "T:type"), new Sig("AddV2", bin, "z:T", "T:type"),
        new Sig("Sub", bin, "z:T", "T:type"), new Sig("Mul", bin, "z:T", "T:type"),
        new Sig("RealDiv", bin, "z:T", "T:type"), new Sig("Div", bin, "z:T", "T:type"),
        new Sig("FloorDiv", bin, "z:T", "T:type"), new Sig("FloorMod", bin, "z:T", "T:type"),
        new Sig("Maximum", bin, "z:T", "T:type"), new Sig("Minimum", bin, "z:T", "T:type"),
        new Sig("Pow", bin, "z:T", "T:type"),
        new Sig("AddN", "inputs:N*T", "sum:T", "N:int,T:type"),
        new Sig("Neg", "x:T", "y:T", "T:type"), new Sig("Abs", "x:T", "y:T", "T:type"),
        new Sig("Sign", "x:T", "y:T", "T:type"), new Sig("Square", "x:T", "y:T", "T:type"),
        new Sig("Sqrt", "x:T", "y:T", "T:type"), new Sig("Rsqrt", "x:T", "y:T", "T:type"),
        new Sig("Exp", "x:T", "y:T", "T:type"), new Sig("Log", "x:T", "y:T", "T:type"),
        new Sig("Log1p", "x:T", "y:T", "T:type"), new Sig("Tanh", "x:T", "y:T", "T:type"),
        new Sig("Sigmoid", "x:T", "y:T", "T:type"),
        new Sig("Cast", "x:SrcT", "y:DstT", "SrcT:type,DstT:type,Truncate:bool=false"),
        new Sig("Equal", bin, "z:bool", "T:type,incompatible_shape_error:bool=true"),
        new Sig("NotEqual", bin, "z:bool", "T:type,incompatible_shape_error:bool=true"),
        new Sig("Less", bin, "z:bool", "T:type"), new Sig("LessEqual", bin, "z:bool", "T:type"),
        new Sig("Greater", bin, "z:bool", "T:type"),
        new Sig("GreaterEqual", bin, "z:bool", "T:type"),
        new Sig("LogicalAnd", "x:bool,y:bool", "z:bool", ""),
        new Sig("LogicalOr", "x:bool,y:bool", "z:bool", ""),
        new Sig("LogicalNot", "x:bool", "y:bool", ""),
        new Sig("Select", "condition:bool,t:T,e:T", "output:T", "T:type"),
        new Sig("SelectV2", "condition:bool,t:T,e:T", "output:T", "T:type"),
        new Sig("ClipByValue", "t:T,clip_value_min:T,clip_value_max:T", "output:T", "T:type"),
        new Sig("MatMul", "a:T,b:T", "product:T",
            "transpose_a:bool=false,transpose_b:bool=false,T:type"),
        new Sig("BatchMatMulV2", "x:T,y:T", "output:T", "T:type,adj_x:bool=false,adj_y:bool=false"),
        new Sig("BiasAdd", "value:T,bias:T", "output:T", "T:type,data_format:string=NHWC"),
        new Sig("Sum", "input:T,reduction_indices:Tidx", "output:T",
            "keep_dims:bool=false,T:type,Tidx:type=int32"),
        new Sig("Mean", "input:T,reduction_indices:Tidx", "output:T",
            "keep_dims:bool=false,T:type,Tidx:type=int32"),
        new Sig("Prod", "input:T,reduction_indices:Tidx", "output:T",
            "keep_dims:bool=false,T:type,Tidx:type=int32"),
        new Sig("Max", "input:T,reduction_indices:Tidx", "output:T",
            "keep_dims:bool=false,T:type,Tidx:type=int32"),
        new Sig("Min", "input:T,reduction_indices:Tidx", "output:T",
            "keep_dims:bool=false,T:type,Tidx:type=int32"),
        new Sig("All", "input:bool,reduction_indices:Tidx", "output:bool",
            "keep_dims:bool=false,Tidx:type=int32"),
        new Sig("Any", "input:bool,reduction_indices:Tidx", "output:bool",
            "keep_dims:bool=false,Tidx:type=int32"),
        new Sig("ArgMax", "input:T,dimension:Tidx", "output:output_type",
            "T:type,Tidx:type=int32,output_type:type=int64"),
        new Sig("ArgMin", "input:T,dimension:Tidx", "output:output_type",
            "T:type,Tidx:type=int32,output_type:type=int64"),
        new Sig("Relu", "features:T", "activations:T", "T:type"),
        new Sig("Relu6", "features:T", "activations:T", "T:type"),
        new Sig("Elu", "features:T", "activations:T", "T:type"),
        new Sig("Softplus", "features:T", "activations:T", "T:type"),
        new Sig("Softmax", "logits:T", "softmax:T", "T:type"),
        new Sig("LogSoftmax", "logits:T", "logsoftmax:T", "T:type"),
        new Sig("SoftmaxCrossEntropyWithLogits", "features:T,labels:T", "loss:T,backprop:T",
            "T:type"),
        new Sig("SparseSoftmaxCrossEntropyWithLogits", "features:T,labels:Tlabels",
            "loss:T,backprop:T", "T:type,Tlabels:type=int64"));
  }

  @ParameterizedTest
  @MethodSource("signatures")
  void matchesTensorFlow(Sig s) {
    OpDef d = OpRegistry.standard().get(s.op());
    assertEquals(s.inputs(), d.inputs().stream().map(MathSignatureTest::arg)
        .collect(Collectors.joining(",")), "inputs");
    assertEquals(s.outputs(), d.outputs().stream().map(MathSignatureTest::arg)
        .collect(Collectors.joining(",")), "outputs");
    assertEquals(s.attrs(), d.attrs().values().stream().map(MathSignatureTest::attr)
        .collect(Collectors.joining(",")), "attrs");
  }

  private static String arg(ArgDef a) {
    String t = a.fixedType() != null ? a.fixedType().tfName() : a.typeAttr();
    return a.name() + ":" + (a.numberAttr() != null ? a.numberAttr() + "*" : "") + t;
  }

  private static String attr(AttrDef a) {
    Object d = a.defaultValue();
    String shown = d instanceof org.tensorgraph.core.DType ? ((org.tensorgraph.core.DType) d)
        .tfName() : String.valueOf(d);
    return a.name() + ":" + a.type().spelling() + (d == null ? "" : "=" + shown);
  }
}
