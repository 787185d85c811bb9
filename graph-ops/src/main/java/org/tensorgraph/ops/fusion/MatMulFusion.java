package org.tensorgraph.ops.fusion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;

/**
 * Finds the RNN cell's step, {@code [ConcatV2] -> MatMul -> [BiasAdd] -> [Tanh | Sigmoid]} in
 * float32, and fuses it into one {@link FusedMatMul}: BasicRNNCell's {@code Tanh}, BasicLSTMCell's
 * {@code BiasAdd} (its Split reads it), GRUCell's gate {@code Sigmoid} and candidate {@code Tanh}.
 * A lone MatMul is left alone: there is nothing to fuse, and fusing it would only move its errors.
 *
 * <pre>{@code
 * registry.registerFusion(new MatMulFusion());
 * }</pre>
 *
 * <p>When the concatenation's first input is a {@code TensorListGetItem} (dynamic_rnn's read of
 * the step's input), the list and index become extra inputs so that the kernel can use the
 * projection of the whole list, hoisted out of the loop.
 */
public final class MatMulFusion implements Fusion {
  @Override
  public Group match(Operation root, Scope scope) {
    List<Operation> chain = new ArrayList<>(); // root first
    Operation cur = root;
    FusedMatMul.Activation act = activation(root);
    if (act != FusedMatMul.Activation.NONE) {
      if (!privateInput(cur, 0, scope)) {
        return null;
      }
      chain.add(cur);
      cur = cur.inputs().get(0).op();
    }
    boolean bias = cur.type().equals("BiasAdd");
    if (bias) {
      if (!isFloat(cur, "T") || !"NHWC".equals(cur.attrString("data_format"))
          || !privateInput(cur, 0, scope)) {
        return null;
      }
      chain.add(cur);
      cur = cur.inputs().get(0).op();
    }
    if (!cur.type().equals("MatMul") || !isFloat(cur, "T") || cur.attrBool("transpose_a")) {
      return null;
    }
    Operation matMul = cur;
    chain.add(matMul);
    Operation concat = matMul.inputs().get(0).op();
    boolean isConcat = isPairConcat(concat) && !matMul.attrBool("transpose_b")
        && privateInput(matMul, 0, scope);
    if (isConcat) {
      chain.add(concat);
    } else if (!bias && act == FusedMatMul.Activation.NONE) {
      return null;
    }
    return group(chain, matMul, isConcat ? concat : null, bias, act);
  }

  private static Group group(List<Operation> chain, Operation matMul, Operation concat,
      boolean bias, FusedMatMul.Activation act) {
    List<Output> inputs = new ArrayList<>();
    boolean hoist = false;
    if (concat != null) {
      inputs.addAll(concat.inputs()); // x, h, axis
    } else {
      inputs.add(matMul.inputs().get(0));
    }
    inputs.add(matMul.inputs().get(1));
    if (bias) {
      inputs.add(chain.get(act == FusedMatMul.Activation.NONE ? 0 : 1).inputs().get(1));
    }
    if (concat != null) {
      Operation read = concat.inputs().get(0).op();
      hoist = read.type().equals("TensorListGetItem");
      if (hoist) {
        inputs.add(read.inputs().get(0)); // the list
        inputs.add(read.inputs().get(1)); // the index
      }
    }
    List<Operation> ordered = new ArrayList<>(chain);
    Collections.reverse(ordered);
    FusedMatMul kernel = new FusedMatMul(ordered, inputs, concat != null, hoist, bias,
        matMul.attrBool("transpose_b"), act);
    return new Group(chain.subList(1, chain.size()), inputs, kernel);
  }

  private static FusedMatMul.Activation activation(Operation op) {
    if (!isFloat(op, "T")) {
      return FusedMatMul.Activation.NONE;
    }
    return switch (op.type()) {
      case "Tanh" -> FusedMatMul.Activation.TANH;
      case "Sigmoid" -> FusedMatMul.Activation.SIGMOID;
      default -> FusedMatMul.Activation.NONE;
    };
  }

  /** ConcatV2 of two float32 values: {@code concat([x, h], axis)}. */
  private static boolean isPairConcat(Operation op) {
    return op.type().equals("ConcatV2") && op.inputs().size() == 3 && isFloat(op, "T");
  }

  private static boolean privateInput(Operation op, int i, Scope scope) {
    return scope.isPrivate(op.inputs().get(i));
  }

  private static boolean isFloat(Operation op, String attr) {
    return op.attr(attr) == DType.FLOAT32;
  }
}
