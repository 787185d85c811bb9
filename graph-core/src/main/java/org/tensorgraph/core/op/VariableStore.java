package org.tensorgraph.core.op;

import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;

/** A session's variables by name; {@code VariableV2} kernels look theirs up here. */
public interface VariableStore {
  /**
   * The slot for {@code name}, created uninitialized on first use.
   *
   * @throws org.tensorgraph.core.errors.InvalidArgumentException if a slot of that name exists with
   *     another dtype
   */
  VariableSlot slot(String name, DType dtype, Shape shape);

  /** A snapshot of every slot by name. */
  Map<String, VariableSlot> slots();
}
