package org.tensorgraph.core.op;

import org.tensorgraph.core.DType;

/**
 * One input or output argument of an op, as TF's registration declares it: a fixed type
 * ({@code "a: int32"}), a type attr ({@code "a: T"}), a homogeneous list ({@code "values: N *
 * T"}), a heterogeneous list ({@code "args: Targs"} with {@code Targs: list(type)}), possibly a
 * reference ({@code "ref: Ref(T)"}).
 *
 * @param name the argument's name, as used in FunctionDef tensor names ({@code MatMul:product:0})
 * @param fixedType the dtype when it is fixed, else null
 * @param typeAttr the name of the {@code type} attr giving the dtype, else null
 * @param numberAttr the name of the {@code int} attr giving the list length, else null
 * @param typeListAttr the name of the {@code list(type)} attr giving each dtype, else null
 * @param isRef true for {@code Ref(...)} arguments (TF1 reference variables)
 */
public record ArgDef(String name, DType fixedType, String typeAttr, String numberAttr,
    String typeListAttr, boolean isRef) {

  /** True if this argument stands for a list of tensors rather than one. */
  public boolean isList() {
    return numberAttr != null || typeListAttr != null;
  }
}
