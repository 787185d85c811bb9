package org.tensorgraph.session;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.op.VariableSlot;
import org.tensorgraph.core.op.VariableStore;

/** One session's variables: a slot per variable name, created on first use. */
final class SessionVariables implements VariableStore {
  private final Map<String, VariableSlot> slots = new ConcurrentHashMap<>();

  @Override
  public VariableSlot slot(String name, DType dtype, Shape shape) {
    VariableSlot s = slots.computeIfAbsent(name, n -> new VariableSlot(n, dtype, shape));
    if (s.dtype() != dtype) {
      throw new InvalidArgumentException("Variable " + name + " exists with dtype "
          + s.dtype().tfName() + ", but a node asks for it as " + dtype.tfName());
    }
    return s;
  }

  /** The slot named {@code name}, or null if no node or restore has created it yet. */
  VariableSlot find(String name) {
    return slots.get(name);
  }

  @Override
  public Map<String, VariableSlot> slots() {
    return new TreeMap<>(slots);
  }
}
