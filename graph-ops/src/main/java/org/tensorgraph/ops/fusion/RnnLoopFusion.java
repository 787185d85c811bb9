package org.tensorgraph.ops.fusion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;

/**
 * Fuses {@code dynamic_rnn}'s whole loop over a {@code BasicLSTMCell} or a tanh {@code
 * BasicRNNCell} (no sequence lengths) into one {@link FusedRnnLoop}: the {@code While} node keeps
 * its inputs and outputs, and its kernel runs every step as plain Java over the same kernels
 * (cuDNN's persistent-loop idea, on a CPU). Why: a step of batch 1 is ~1.4 us of arithmetic for
 * the LSTM, and the generic loop (a cond and a body call, 25 nodes, fresh arrays for every value)
 * cost another ~1 us on top.
 *
 * <pre>{@code
 * // body: x = TensorListGetItem(inputs, time); gates = BiasAdd(MatMul(concat([x, h], 1), kernel),
 * //   bias); LSTM: i, j, f, o = split(gates, 4, 1); new_c = c * sigmoid(f + forget_bias)
 * //   + sigmoid(i) * tanh(j); new_h = tanh(new_c) * sigmoid(o); basic RNN: new_h = tanh(gates);
 * //   outputs = TensorListSetItem(outputs, time, new_h); time + 1; counter + 1
 * // cond: counter < maximum_iterations && time < steps
 * }</pre>
 *
 * <p>The match is structural and exact: every node of both functions must be one of these, with
 * these operands (either order for the commutative ones) and float32/int32 types, and nothing
 * else; a loop that differs in any way (sequence lengths, another cell, an extra op) stays a
 * plain {@code While}. A fused loop shows in {@code RunMetadata} as its one {@code While} node.
 * Registered first in {@link FusionLibrary}. The system property {@code
 * tensorgraph.loopfusion=false} turns it off (for comparisons).
 */
public final class RnnLoopFusion implements Fusion {
  static final boolean ENABLED = !"false".equals(System.getProperty("tensorgraph.loopfusion"));

  @Override
  public Group match(Operation root, Scope scope) {
    if (!ENABLED || !root.type().equals("While")) {
      return null;
    }
    Roles roles = recognize(root);
    return roles == null ? null : new Group(List.of(), root.inputs(), new FusedRnnLoop(roles));
  }

  /**
   * Which loop variable is which (indexes into the While's inputs and outputs; {@code c} is -1
   * for the basic RNN, which has no c), and the LSTM's forget bias.
   */
  record Roles(int counter, int maxIterations, int time, int steps, int outputs, int inputs,
      int c, int h, int kernel, int bias, float forgetBias) {
    boolean lstm() {
      return c >= 0;
    }

    /** Gate columns per unit: 4 for the LSTM's i, j, f, o; 1 for the basic RNN. */
    int gates() {
      return lstm() ? 4 : 1;
    }
  }

  /** The roles of {@code loop}'s variables, or null when it is not one of the fused loops. */
  static Roles recognize(Operation loop) {
    Graph g = loop.graph();
    GraphFunction body = g.function(loop.attrFunc("body").name());
    GraphFunction cond = g.function(loop.attrFunc("cond").name());
    int n = loop.inputs().size();
    if (body == null || cond == null || body.args().size() != n || cond.args().size() != n
        || body.results().size() != n || cond.results().size() != 1) {
      return null;
    }
    try {
      return new Matcher(body, cond).match();
    } catch (NoMatch e) {
      return null;
    }
  }

  /** Thrown inside {@link Matcher} at the first difference; never escapes. */
  private static final class NoMatch extends Exception {
    NoMatch() {
      super(null, null, false, false);
    }
  }

  /** One attempt at matching a body and a cond; collects the body nodes it accounts for. */
  private static final class Matcher {
    private final GraphFunction body;
    private final GraphFunction cond;
    private final Set<Operation> seen = new HashSet<>();

    Matcher(GraphFunction body, GraphFunction cond) {
      this.body = body;
      this.cond = cond;
    }

    Roles match() throws NoMatch {
      List<Output> r = body.results();
      int outputs = indexWhere(r, o -> o.op().type().equals("TensorListSetItem"));
      Operation set = op(r.get(outputs), "TensorListSetItem");
      int time = argIndex(body, set.inputs().get(1));
      require(set.inputs().get(0).equals(arg(body, outputs)) && isType(set, "element_dtype"));
      Output newH = set.inputs().get(2);
      int h = indexWhere(r, o -> o.equals(newH));
      int counter = increment(r, time);
      boolean lstm = newH.op().type().equals("Mul");
      int c = -1;
      Operation[] step;
      if (lstm) {
        Output newC = cellOutputs(newH);
        c = indexWhere(r, o -> o.equals(newC));
        step = gates(newC, newH);
        require(cArg.equals(arg(body, c)));
      } else { // BasicRNNCell: new_h = tanh(BiasAdd(MatMul(concat, kernel), bias))
        step = product(op(newH, "Tanh").inputs().get(0));
      }
      Operation concat = step[0];
      require(concat.inputs().get(1).equals(arg(body, h)));
      Operation read = op(concat.inputs().get(0), "TensorListGetItem");
      require(isType(read, "element_dtype") && read.inputs().get(1).equals(arg(body, time)));
      int inputs = argIndex(body, read.inputs().get(0));
      constant(read.inputs().get(2), null);
      int kernel = argIndex(body, step[1].inputs().get(1));
      int bias = argIndex(body, step[2].inputs().get(1));
      int[] bounds = condition(counter, time);
      int[] passed = {bounds[0], bounds[1], inputs, kernel, bias};
      Set<Integer> roles = new HashSet<>(List.of(counter, time, outputs, h));
      if (lstm) {
        require(roles.add(c));
      }
      for (int p : passed) {
        require(r.get(p).equals(arg(body, p)) && roles.add(p));
      }
      require(roles.size() == r.size()
          && seen.size() + r.size() == body.body().operations().size());
      return new Roles(counter, bounds[0], time, bounds[1], outputs, inputs, c, h, kernel, bias,
          forgetBias);
    }

    private float forgetBias;
    /** The c operand of {@code c * sigmoid(f + forget_bias)}. */
    private Output cArg;

    /** From {@code new_h = tanh(new_c) * sigmoid(o)}, the new_c it reads. */
    private Output cellOutputs(Output newH) throws NoMatch {
      Operation mul = op(newH, "Mul");
      Output[] pair = ordered(mul, "Tanh");
      return op(pair[0], "Tanh").inputs().get(0);
    }

    /**
     * {@code new_c = c * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j)} and new_h's {@code
     * sigmoid(o)}, all over one Split of {@code BiasAdd(MatMul(concat, kernel), bias)}: returns
     * the concat, MatMul and BiasAdd.
     */
    private Operation[] gates(Output newC, Output newH) throws NoMatch {
      Operation add = op(newC, "Add", "AddV2");
      Output[] terms = add.inputs().toArray(new Output[0]);
      if (!isForgetTerm(terms[0])) {
        terms = new Output[] {terms[1], terms[0]};
      }
      Operation forget = op(terms[0], "Mul");
      Output[] cf = ordered(forget, "Sigmoid");
      Operation fAdd = op(op(cf[0], "Sigmoid").inputs().get(0), "Add", "AddV2");
      Output[] fParts = fAdd.inputs().get(0).op().type().equals("Split")
          ? new Output[] {fAdd.inputs().get(0), fAdd.inputs().get(1)}
          : new Output[] {fAdd.inputs().get(1), fAdd.inputs().get(0)};
      forgetBias = constant(fParts[1], DType.FLOAT32).floatValue();
      Operation split = op(fParts[0], "Split");
      require(fParts[0].index() == 2 && split.numOutputs() == 4 && isType(split, "T"));
      int axis = constant(split.inputs().get(0), DType.INT32).intValue();
      require(axis == 1 || axis == -1);
      Operation input = op(terms[1], "Mul");
      Output[] ij = ordered(input, "Sigmoid");
      requirePart(op(ij[0], "Sigmoid").inputs().get(0), split, 0);
      requirePart(op(ij[1], "Tanh").inputs().get(0), split, 1);
      Output[] ho = ordered(newH.op(), "Tanh");
      requirePart(op(ho[1], "Sigmoid").inputs().get(0), split, 3);
      cArg = cf[1]; // the c loop variable: match() checks it against the results
      return product(split.inputs().get(1));
    }

    /** {@code BiasAdd(MatMul(concat, kernel), bias)}: returns the concat, MatMul and BiasAdd. */
    private Operation[] product(Output gates) throws NoMatch {
      Operation biasAdd = op(gates, "BiasAdd");
      require(isType(biasAdd, "T") && "NHWC".equals(biasAdd.attrString("data_format")));
      Operation matMul = op(biasAdd.inputs().get(0), "MatMul");
      require(isType(matMul, "T") && !matMul.attrBool("transpose_a")
          && !matMul.attrBool("transpose_b"));
      Operation concat = op(matMul.inputs().get(0), "ConcatV2");
      require(concat.inputs().size() == 3 && isType(concat, "T"));
      int cat = constant(concat.inputs().get(2), DType.INT32).intValue();
      require(cat == 1 || cat == -1);
      return new Operation[] {concat, matMul, biasAdd};
    }

    private boolean isForgetTerm(Output o) {
      if (!o.op().type().equals("Mul")) {
        return false;
      }
      for (Output in : o.op().inputs()) {
        if (in.op().type().equals("Sigmoid")
            && in.op().inputs().get(0).op().type().matches("Add(V2)?")) {
          return true;
        }
      }
      return false;
    }

    private void requirePart(Output o, Operation split, int part) throws NoMatch {
      require(o.op() == split && o.index() == part);
    }

    /** {@code r[i] = arg_i + 1} for the index i other than {@code time}: the counter. */
    private int increment(List<Output> r, int time) throws NoMatch {
      int counter = -1;
      for (int i = 0; i < r.size(); i++) {
        Operation add = r.get(i).op();
        if (!add.type().equals("AddV2") || add.attr("T") != DType.INT32) {
          continue;
        }
        require(add.inputs().get(0).equals(arg(body, i)));
        require(constant(add.inputs().get(1), DType.INT32).intValue() == 1);
        seen.add(add);
        if (i != time) {
          require(counter < 0);
          counter = i;
        }
      }
      require(counter >= 0 && seen.contains(r.get(time).op()));
      return counter;
    }

    /** The cond's {@code counter < max && time < steps}: returns {max, steps}. */
    private int[] condition(int counter, int time) throws NoMatch {
      Operation and = cond.results().get(0).op();
      require(and.type().equals("LogicalAnd"));
      int max = -1;
      int steps = -1;
      for (Output in : and.inputs()) {
        Operation less = in.op();
        require(less.type().equals("Less") && less.attr("T") == DType.INT32
            && less.controlInputs().isEmpty());
        int left = argIndex(cond, less.inputs().get(0));
        int right = argIndex(cond, less.inputs().get(1));
        if (left == counter) {
          max = right;
        } else {
          require(left == time);
          steps = right;
        }
      }
      require(max >= 0 && steps >= 0 && max != steps
          && cond.body().operations().size() == cond.args().size() + 3);
      return new int[] {max, steps};
    }

    private Operation op(Output o, String... types) throws NoMatch {
      Operation op = o.op();
      require(List.of(types).contains(op.type()) && op.controlInputs().isEmpty()
          && !op.type().equals("_Arg"));
      if (op.type().matches("Add|AddV2|Mul|Sigmoid|Tanh")) {
        require(op.attr("T") == DType.FLOAT32);
      }
      seen.add(op);
      return op;
    }

    /** The binary op's operands with the one produced by {@code type} first. */
    private Output[] ordered(Operation op, String type) throws NoMatch {
      Output a = op.inputs().get(0);
      Output b = op.inputs().get(1);
      if (a.op().type().equals(type)) {
        return new Output[] {a, b};
      }
      require(b.op().type().equals(type));
      return new Output[] {b, a};
    }

    /** A scalar Const's value (of {@code dtype} unless null), counted as a body node. */
    private Tensor constant(Output o, DType dtype) throws NoMatch {
      Operation c = o.op();
      require(c.type().equals("Const") && c.controlInputs().isEmpty()
          && c.attr("value") instanceof Tensor);
      Tensor v = (Tensor) c.attr("value");
      require(dtype == null || v.dtype() == dtype && v.rank() == 0);
      seen.add(c);
      return v;
    }

    private static boolean isType(Operation op, String attr) {
      return op.attr(attr) == DType.FLOAT32;
    }

    private static Output arg(GraphFunction f, int i) {
      return f.args().get(i).output(0);
    }

    private static int argIndex(GraphFunction f, Output o) throws NoMatch {
      for (int i = 0; i < f.args().size(); i++) {
        if (arg(f, i).equals(o)) {
          return i;
        }
      }
      throw new NoMatch();
    }

    private static int indexWhere(List<Output> r, java.util.function.Predicate<Output> p)
        throws NoMatch {
      int found = -1;
      for (int i = 0; i < r.size(); i++) {
        if (p.test(r.get(i))) {
          require(found < 0);
          found = i;
        }
      }
      require(found >= 0);
      return found;
    }

    private static void require(boolean ok) throws NoMatch {
      if (!ok) {
        throw new NoMatch();
      }
    }
  }
}
