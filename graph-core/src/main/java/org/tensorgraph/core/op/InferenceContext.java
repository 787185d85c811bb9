package org.tensorgraph.core.op;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** What a {@link ShapeRule} sees of the node being added. */
public interface InferenceContext {
  /** The node's name, for messages. */
  String opName();

  int numInputs();

  Shape inputShape(int i);

  DType inputDType(int i);

  /**
   * Input {@code i}'s value when it is known while building, else null: a {@code Const}, or a small
   * stateless computation from constants (a {@code Pack} of constants, the {@code Shape} of a fully
   * known tensor), as TF's shape refiner evaluates them. Rules such as Reshape's use it, as TF's
   * {@code input_tensor(i)}.
   */
  Tensor inputConstant(int i);

  int numOutputs();

  /** Output {@code i}'s dtype, already derived from the signature and attrs. */
  DType outputDType(int i);

  /** An attr's value (defaults filled in), or null when absent. */
  Object attr(String name);

  default long attrLong(String name) {
    return (Long) attr(name);
  }

  default boolean attrBool(String name) {
    return (Boolean) attr(name);
  }

  default DType attrType(String name) {
    return (DType) attr(name);
  }

  default Shape attrShape(String name) {
    return (Shape) attr(name);
  }
}
