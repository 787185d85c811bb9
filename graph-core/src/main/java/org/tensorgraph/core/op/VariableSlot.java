package org.tensorgraph.core.op;

import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;

/**
 * A TF1 reference variable's storage in one session: a name, the declared dtype and shape, and
 * the current value (absent until an initializer or a restore assigns it).
 *
 * <pre>{@code
 * VariableSlot v = new VariableSlot("w", DType.FLOAT32, Shape.of(2));
 * v.assign(Tensor.of(new float[] {1, 2}));
 * v.value();   // [1. 2.]
 * }</pre>
 *
 * Thread-safe: values are immutable tensors swapped atomically.
 */
public final class VariableSlot {
  private final String name;
  private final DType dtype;
  private final Shape shape;
  private volatile Tensor value;

  public VariableSlot(String name, DType dtype, Shape shape) {
    this.name = name;
    this.dtype = dtype;
    this.shape = shape;
  }

  public String name() {
    return name;
  }

  public DType dtype() {
    return dtype;
  }

  /** The declared shape (an {@code Assign} with {@code validate_shape=false} may change it). */
  public Shape shape() {
    return shape;
  }

  public boolean isInitialized() {
    return value != null;
  }

  /**
   * The current value.
   *
   * @throws FailedPreconditionException {@code Attempting to use uninitialized value NAME}
   */
  public Tensor value() {
    Tensor v = value;
    if (v == null) {
      throw new FailedPreconditionException("Attempting to use uninitialized value " + name);
    }
    return v;
  }

  /** The current value, or null when uninitialized. */
  public Tensor valueOrNull() {
    return value;
  }

  /** Replaces the value. Shape and dtype checks are the caller's (Assign's) business. */
  public void assign(Tensor newValue) {
    this.value = newValue;
  }

  /** Atomically replaces the value with {@code f(current)}, for AssignAdd and AssignSub. */
  public synchronized Tensor update(java.util.function.UnaryOperator<Tensor> f) {
    Tensor next = f.apply(value());
    this.value = next;
    return next;
  }
}
