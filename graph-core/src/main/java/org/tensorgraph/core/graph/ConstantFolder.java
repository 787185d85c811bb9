package org.tensorgraph.core.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.core.op.VariableSlot;
import org.tensorgraph.core.op.VariableStore;

/**
 * The value of a tensor while building, when it follows from constants alone: TF's shape refiner
 * ({@code EvaluateConstantTensor}) lets shape functions see a {@code Pack} of constants, a {@code
 * Shape} of a fully known tensor or a small {@code ConcatV2}/{@code Range} of constants, so static
 * shapes come out as precise as TF's. Anything stateful, fed, large or failing is simply unknown.
 */
final class ConstantFolder {
  /** Nodes one evaluation may run; TF's refiner also stops at small subgraphs. */
  private static final int MAX_NODES = 32;
  /** Largest tensor folded, in elements (TF's kMaxTensorSize is of this order). */
  private static final int MAX_ELEMENTS = 1024;

  private int budget = MAX_NODES;

  private ConstantFolder() {}

  /** The value of {@code o}, or null when it is not a small function of constants. */
  static Tensor valueOf(Output o) {
    try {
      return new ConstantFolder().evaluate(o);
    } catch (RuntimeException e) { // a kernel rejecting its inputs just means "unknown" here
      return null;
    }
  }

  private Tensor evaluate(Output o) {
    Operation op = o.op();
    if (op.type().equals("Const")) {
      return op.attrTensor("value");
    }
    Tensor shapeValue = fromStaticShape(op);
    if (shapeValue != null) {
      return shapeValue;
    }
    if (!foldable(op) || --budget < 0) {
      return null;
    }
    List<Tensor> inputs = new ArrayList<>();
    for (Output in : op.inputs()) {
      Tensor v = evaluate(in);
      if (v == null || v.size() > MAX_ELEMENTS) {
        return null;
      }
      inputs.add(v);
    }
    Tensor[] outs = new Tensor[op.numOutputs()];
    op.opDef().kernel().compute(new FoldContext(op, inputs, outs));
    Tensor r = outs[o.index()];
    return r != null && r.dtype() != DType.VARIANT && r.size() <= MAX_ELEMENTS ? r : null;
  }

  private static boolean foldable(Operation op) {
    if (op.opDef().kernel() == null || op.opDef().isStateful() || op.type().startsWith("Placeholder")
        || op.type().startsWith("_")) {
      return false;
    }
    for (int i = 0; i < op.numOutputs(); i++) {
      if (op.isRefOutput(i) || op.outputType(i) == DType.VARIANT) {
        return false;
      }
    }
    for (Output in : op.inputs()) {
      if (in.isRef() || in.dtype() == DType.VARIANT) {
        return false;
      }
    }
    return true;
  }

  /** {@code Shape}, {@code Size} and {@code Rank} need only their input's static shape. */
  private static Tensor fromStaticShape(Operation op) {
    if (op.numInputs() != 1 || !(op.type().equals("Shape") || op.type().equals("Size")
        || op.type().equals("Rank"))) {
      return null;
    }
    Shape s = op.input(0).shape();
    if (op.type().equals("Rank")) {
      return s.hasRank() ? Tensor.of(s.rank()) : null;
    }
    if (!s.isFullyDefined()) {
      return null;
    }
    boolean int64 = op.attr("out_type") == DType.INT64;
    if (op.type().equals("Size")) {
      long n = s.numElements();
      return int64 ? Tensor.of(n) : n <= Integer.MAX_VALUE ? Tensor.of((int) n) : null;
    }
    long[] dims = s.dims();
    if (int64) {
      return Tensor.of(Shape.of(dims.length), dims);
    }
    int[] d = new int[dims.length];
    for (int i = 0; i < d.length; i++) {
      if (dims[i] > Integer.MAX_VALUE) {
        return null;
      }
      d[i] = (int) dims[i];
    }
    return Tensor.of(Shape.of(d.length), d);
  }

  /** A kernel context with inputs and outputs only: folding never touches session state. */
  private static final class FoldContext implements KernelContext {
    private final Operation op;
    private final List<Tensor> inputs;
    private final Tensor[] outputs;

    FoldContext(Operation op, List<Tensor> inputs, Tensor[] outputs) {
      this.op = op;
      this.inputs = inputs;
      this.outputs = outputs;
    }

    @Override
    public Operation op() {
      return op;
    }

    @Override
    public int numInputs() {
      return inputs.size();
    }

    @Override
    public Tensor input(int i) {
      return inputs.get(i);
    }

    @Override
    public VariableSlot refInput(int i) {
      throw new IllegalStateException("no variables while folding constants");
    }

    @Override
    public void setOutput(int i, Tensor value) {
      outputs[i] = value;
    }

    @Override
    public void setRefOutput(int i, VariableSlot slot) {
      throw new IllegalStateException("no variables while folding constants");
    }

    @Override
    public VariableStore variables() {
      throw new IllegalStateException("no variables while folding constants");
    }

    @Override
    public <T> T kernelState(Supplier<T> init) {
      throw new IllegalStateException("no kernel state while folding constants");
    }

    @Override
    public List<Tensor> callFunction(String name, List<Tensor> args) {
      throw new IllegalStateException("no functions while folding constants");
    }

    @Override
    public void checkCancelled() {}
  }
}
