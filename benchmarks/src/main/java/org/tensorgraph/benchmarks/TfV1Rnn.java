package org.tensorgraph.benchmarks;

import static org.tensorflow.framework.DataType.DT_FLOAT;
import static org.tensorflow.framework.DataType.DT_INT32;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.framework.DataType;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.TensorProto;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.session.ExecutorKind;

/**
 * The GraphDef that TF 1.15's own {@code tf.nn.dynamic_rnn(cell, X, dtype=tf.float32)} builds in
 * a TF1 program, with v1 control flow, written node by node as {@code rnn.py}'s {@code
 * _dynamic_rnn_loop} and {@code control_flow_ops.while_loop} write it: {@code X} transposed to
 * time-major, scattered into a {@code TensorArrayV3}; a {@code rnn/while} frame of {@code
 * Enter}/{@code Merge}/{@code Less}/{@code LoopCond}/{@code Switch}/{@code Identity}, the cell,
 * {@code NextIteration} and {@code Exit} (with the iteration counter that {@code
 * maximum_iterations=time_steps} adds); one {@code TensorArrayReadV3} and {@code
 * TensorArrayWriteV3} per step; {@code TensorArrayGatherV3} after the loop, transposed back to
 * batch-major. The cell's variables are {@code VariableV2}s that {@code init} assigns from
 * constants holding the given weights, read through {@code <var>/read} as Python's variables are.
 *
 * <pre>{@code
 * GraphDef def = TfV1Rnn.graphDef(RnnCase.parse("lstm-4-2-3-4"), TfV1Rnn.weightsOf(benchGraph));
 * org.tensorflow.Graph g = TfBridge.importGraphDef(def);
 * // feed "X" [4, 2, 3], run "init" once, fetch "rnn/transpose_1" [4, 2, 4]
 * }</pre>
 *
 * <p>Node names are Python's, and the feed, fetch and init names are those of {@link
 * RnnCase#build()}'s graph, so one {@link TfRun} runs either graph with the same feeds. Nodes
 * Python builds but nothing fetched depends on (the unused zero output, shape assertions) are
 * left out: a TF session prunes them before running.
 */
public final class TfV1Rnn {
  /** The loop's frame: {@code WhileContext}'s name, unique-named in scope {@code rnn/while/}. */
  public static final String FRAME = "rnn/while/while_context";
  /** {@code dynamic_rnn}'s default {@code parallel_iterations}. */
  static final int PARALLEL_ITERATIONS = 32;
  private static final String W = "rnn/while/";

  private final TfNodes g = new TfNodes();
  private final RnnCase c;
  private final Map<String, Tensor> weights;
  /** The body's control pivot, {@code rnn/while/Identity}: constants in the loop hang off it. */
  private String pivot;

  private TfV1Rnn(RnnCase c, Map<String, Tensor> weights) {
    this.c = c;
    this.weights = weights;
  }

  /**
   * The v1 graph of {@code c}'s RNN, its variables initialized to {@code weights} (by variable
   * name, e.g. {@code rnn/basic_lstm_cell/kernel}; see {@link #variableNames}).
   */
  public static GraphDef graphDef(RnnCase c, Map<String, Tensor> weights) {
    return new TfV1Rnn(c, weights).build();
  }

  /** The variables {@code c}'s cell creates, by TF's names. */
  public static List<String> variableNames(RnnCase c) {
    List<String> names = new ArrayList<>();
    for (String layer : layers(c)) {
      names.add(layer + "/kernel");
      names.add(layer + "/bias");
    }
    return names;
  }

  /**
   * The values {@code g.init()} gives {@code g}'s variables, by name: a direct-executor session
   * of ours runs the init and fetches each variable, then closes.
   */
  public static Map<String, Tensor> weightsOf(BenchGraph g) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    try (OursRun ours = OursRun.start(g, ExecutorKind.DIRECT)) {
      for (Operation op : g.graph().operations()) {
        if (op.type().equals("VariableV2")) {
          values.put(op.name(), ours.fetch(op.output(0)));
        }
      }
    }
    return values;
  }

  private static List<String> layers(RnnCase c) {
    return switch (c.cell()) {
      case "basic" -> List.of("rnn/basic_rnn_cell");
      case "lstm" -> List.of("rnn/basic_lstm_cell");
      default -> List.of("rnn/gru_cell/gates", "rnn/gru_cell/candidate");
    };
  }

  private GraphDef build() {
    String x = transposeBatchTime(g.placeholder("X", -1, c.time(), c.input()), "", "");
    Map<String, String> reads = variables();
    String batch = firstDim("rnn/Shape", "rnn/strided_slice", x, 1);
    List<String> state = zeroState(batch);
    String timeSteps = firstDim("rnn/Shape_1", "rnn/strided_slice_1", x, 0);
    String outputTa = tensorArray("rnn/TensorArray", timeSteps, "output_0", c.units());
    String inputTa = tensorArray("rnn/TensorArray_1", timeSteps, "input_0", c.input());
    String inputFlow = unstack(inputTa, x);
    String loopBound = add2("Minimum", "rnn/Minimum", DT_INT32, timeSteps, add2("Maximum",
        "rnn/Maximum", DT_INT32, g.scalar("rnn/Maximum/x", 1), timeSteps));
    List<String> exits = loop(new Loop(timeSteps, loopBound, inputTa, inputFlow, outputTa,
        g.scalar("rnn/time", 0), state, reads));
    // Exits in loop-variable order: counter, time, the output TensorArray's flow, the state.
    String stacked = stack(outputTa, exits.get(2));
    g.add("NoOp", "init", reads.keySet().stream().map(v -> "^" + v + "/Assign")
        .toArray(String[]::new));
    transposeBatchTime(stacked, "_1", "_2");
    return g.build();
  }

  /**
   * {@code rnn.py}'s {@code _transpose_batch_time}: {@code transpose(x, concat([1, 0], range(2,
   * rank)))}, naming its nodes {@code rnn/range<r>}, {@code rnn/concat<k>}, {@code
   * rnn/transpose<r>}.
   */
  private String transposeBatchTime(String x, String r, String k) {
    String range = g.add("Range", "rnn/range" + r, g.scalar("rnn/range" + r + "/start", 2),
        g.scalar("rnn/Rank" + r, 3), g.scalar("rnn/range" + r + "/delta", 1))
        .type("Tidx", DT_INT32).name();
    String perm = concat("rnn/concat" + k, DT_INT32, g.constInt("rnn/concat" + k + "/values_0",
        new int[] {1, 0}, 2), range);
    return g.add("Transpose", "rnn/transpose" + r, x, perm).type("T", DT_FLOAT)
        .type("Tperm", DT_INT32).name();
  }

  /**
   * Each variable as Python's {@code tf.get_variable} leaves it: {@code VariableV2}, its {@code
   * Assign} from the initial value, and the {@code read} snapshot that its users take. Returns
   * variable name to read.
   */
  private Map<String, String> variables() {
    Map<String, String> reads = new LinkedHashMap<>();
    for (String name : variableNames(c)) {
      Tensor w = weights.get(name);
      if (w == null) {
        throw new IllegalArgumentException("No value for variable " + name + " of " + c
            + "; weights hold " + weights.keySet());
      }
      long[] dims = w.shape().dims();
      float[] values = (float[]) w.rawData();
      g.add("VariableV2", name).type("dtype", DT_FLOAT).shape("shape", dims)
          .str("container", "").str("shared_name", "");
      String initial = g.constFloat(name + "/Initializer/Const", values, dims);
      g.add("Assign", name + "/Assign", name, initial).type("T", DT_FLOAT)
          .bool("validate_shape", true).bool("use_locking", true);
      reads.put(name, g.add("Identity", name + "/read", name).type("T", DT_FLOAT).name());
    }
    return reads;
  }

  /** {@code shape(x)[dim]} as {@code Shape} and {@code StridedSlice} nodes. */
  private String firstDim(String shapeName, String sliceName, String x, int dim) {
    String shape = g.add("Shape", shapeName, x).type("T", DT_FLOAT).type("out_type", DT_INT32)
        .name();
    return g.add("StridedSlice", sliceName, shape,
            g.constInt(sliceName + "/stack", new int[] {dim}, 1),
            g.constInt(sliceName + "/stack_1", new int[] {dim + 1}, 1),
            g.constInt(sliceName + "/stack_2", new int[] {1}, 1))
        .type("T", DT_INT32).type("Index", DT_INT32).i("shrink_axis_mask", 1).name();
  }

  /** {@code cell.zero_state(batch, tf.float32)}: one {@code Fill} per state tensor. */
  private List<String> zeroState(String batch) {
    String scope = "rnn/" + switch (c.cell()) {
      case "basic" -> "BasicRNNCell";
      case "lstm" -> "BasicLSTMCell";
      default -> "GRUCell";
    } + "ZeroState/";
    List<String> zeros = new ArrayList<>();
    for (int k = 0; k < (c.cell().equals("lstm") ? 2 : 1); k++) {
      String s = k == 0 ? "" : "_" + k;
      String dims = concat(scope + "concat" + s, DT_INT32,
          g.add("ExpandDims", scope + "ExpandDims" + s, batch, g.scalar(scope + "ExpandDims"
              + s + "/dim", 0)).type("T", DT_INT32).type("Tdim", DT_INT32).name(),
          g.constInt(scope + "Const" + s, new int[] {c.units()}, 1));
      zeros.add(g.add("Fill", scope + "zeros" + s, dims, g.constFloat(scope + "zeros" + s
          + "/Const", new float[] {0f})).type("T", DT_FLOAT).type("index_type", DT_INT32)
          .name());
    }
    return zeros;
  }

  /**
   * {@code TensorArray(dtype=float32, size=time_steps, element_shape=[?, depth])}: {@code
   * TensorArrayV3}, whose output 0 is the handle and output 1 the flow.
   */
  private String tensorArray(String name, String size, String taName, int depth) {
    return g.add("TensorArrayV3", name, size).type("dtype", DT_FLOAT)
        .shape("element_shape", -1, depth).bool("dynamic_size", false)
        .bool("clear_after_read", true).bool("identical_element_shapes", true)
        .str("tensor_array_name", "rnn/dynamic_rnn/" + taName).name();
  }

  /** {@code input_ta.unstack(x)}: scatters {@code x[t]} to index t; returns the flow. */
  private String unstack(String ta, String x) {
    String s = "rnn/TensorArrayUnstack/";
    String n = firstDim(s + "Shape", s + "strided_slice", x, 0);
    String range = range(s + "range", n);
    return g.add("TensorArrayScatterV3", s + "TensorArrayScatter/TensorArrayScatterV3", ta,
        range, x, ta + ":1").type("T", DT_FLOAT).name();
  }

  /** {@code output_ta.stack()}: gathers indices {@code 0..size-1} after the loop. */
  private String stack(String ta, String flow) {
    String s = "rnn/TensorArrayStack/";
    String size = g.add("TensorArraySizeV3", s + "TensorArraySizeV3", ta, flow).name();
    return g.add("TensorArrayGatherV3", s + "TensorArrayGatherV3", ta, range(s + "range", size),
        flow).type("dtype", DT_FLOAT).shape("element_shape", -1, c.units()).name();
  }

  private String range(String name, String limit) {
    return g.add("Range", name, g.scalar(name + "/start", 0), limit,
        g.scalar(name + "/delta", 1)).type("Tidx", DT_INT32).name();
  }

  /**
   * What the loop needs from outside: the counter's bound ({@code maximum_iterations}), {@code
   * time}'s bound, both TensorArrays (handle and flow), the initial {@code time} and state, and
   * the variables' reads.
   */
  private record Loop(String maxIterations, String loopBound, String inputTa, String inputFlow,
      String outputTa, String time, List<String> state, Map<String, String> reads) {}

  /**
   * {@code while_loop(cond=lambda i, time, *_: logical_and(i < time_steps, time < loop_bound),
   * body, (iteration_counter, time, output_ta, state))}: the loop variables enter the frame, merge
   * with their next iteration, switch on {@code LoopCond} into the body or out through {@code
   * Exit}. Returns the exits, in loop-variable order.
   */
  private List<String> loop(Loop l) {
    List<String> vars = new ArrayList<>(List.of(g.scalar(W + "iteration_counter", 0), l.time(),
        l.outputTa() + ":1"));
    vars.addAll(l.state());
    List<DataType> types = new ArrayList<>(List.of(DT_INT32, DT_INT32, DT_FLOAT));
    l.state().forEach(s -> types.add(DT_FLOAT));
    List<String> merges = new ArrayList<>();
    for (int k = 0; k < vars.size(); k++) {
      String enter = enter(suffix(W + "Enter", k), vars.get(k), types.get(k), false);
      merges.add(g.add("Merge", suffix(W + "Merge", k), enter, suffix(W + "NextIteration", k))
          .type("T", types.get(k)).i("N", 2).name());
    }
    String pred = condition(merges, l);
    List<String> body = new ArrayList<>();
    List<String> exits = new ArrayList<>();
    for (int k = 0; k < vars.size(); k++) {
      String sw = g.add("Switch", suffix(W + "Switch", k), merges.get(k), pred)
          .type("T", types.get(k)).name();
      body.add(g.add("Identity", suffix(W + "Identity", k), sw + ":1").type("T", types.get(k))
          .name());
      exits.add(g.add("Exit", suffix(W + "Exit", k), sw).type("T", types.get(k)).name());
    }
    pivot = body.get(0);
    List<String> next = body(body, l);
    for (int k = 0; k < vars.size(); k++) {
      g.add("NextIteration", suffix(W + "NextIteration", k), next.get(k))
          .type("T", types.get(k));
    }
    return exits;
  }

  /** {@code logical_and(i < maximum_iterations, time < loop_bound)} into {@code LoopCond}. */
  private String condition(List<String> merges, Loop l) {
    String counterOk = g.add("Less", W + "Less", merges.get(0),
        enter(W + "Less/Enter", l.maxIterations(), DT_INT32, true)).type("T", DT_INT32).name();
    String timeOk = g.add("Less", W + "Less_1", merges.get(1),
        enter(W + "Less_1/Enter", l.loopBound(), DT_INT32, true)).type("T", DT_INT32).name();
    String both = g.add("LogicalAnd", W + "LogicalAnd", counterOk, timeOk).name();
    return g.add("LoopCond", W + "LoopCond", both).name();
  }

  /**
   * {@code (i + 1, (time + 1, output_ta.write(time, output), new_state))} with {@code (output,
   * new_state) = cell(input_ta.read(time), state)}.
   */
  private List<String> body(List<String> vars, Loop l) {
    String counter = add2("AddV2", W + "add", DT_INT32, vars.get(0), constant(W + "add/y", 1));
    String x = g.add("TensorArrayReadV3", W + "TensorArrayReadV3",
        enter(W + "TensorArrayReadV3/Enter", l.inputTa(), DataType.DT_RESOURCE, true),
        vars.get(1), enter(W + "TensorArrayReadV3/Enter_1", l.inputFlow(), DT_FLOAT, true))
        .type("dtype", DT_FLOAT).name();
    List<String> state = vars.subList(3, vars.size());
    Step step = switch (c.cell()) {
      case "basic" -> basicRnn(x, state.get(0), l.reads());
      case "lstm" -> basicLstm(x, state.get(0), state.get(1), l.reads());
      default -> gru(x, state.get(0), l.reads());
    };
    String s = W + "TensorArrayWrite/TensorArrayWriteV3";
    String flow = g.add("TensorArrayWriteV3", s, enter(s + "/Enter", l.outputTa(),
        DataType.DT_RESOURCE, true), vars.get(1), step.output(), vars.get(2))
        .type("T", DT_FLOAT).name();
    String time = add2("AddV2", W + "add_1", DT_INT32, vars.get(1), constant(W + "add_1/y", 1));
    List<String> next = new ArrayList<>(List.of(counter, time, flow));
    next.addAll(step.state());
    return next;
  }

  /** A cell's output and new state (one tensor, or LSTM's c and h). */
  private record Step(String output, List<String> state) {}

  /** {@code BasicRNNCell}: {@code h' = tanh(concat([x, h]) · kernel + bias)}. */
  private Step basicRnn(String x, String h, Map<String, String> reads) {
    String s = W + "basic_rnn_cell/";
    String out = unary("Tanh", s + "Tanh", linear(s, "", x, h, reads, "rnn/basic_rnn_cell"));
    return new Step(out, List.of(out));
  }

  /**
   * {@code BasicLSTMCell(forget_bias=1.0)}: {@code i, j, f, o = split(concat([x, h]) · kernel +
   * bias, 4, axis=1)}; {@code c' = c·σ(f + 1) + σ(i)·tanh(j)}; {@code h' = tanh(c')·σ(o)}.
   */
  private Step basicLstm(String x, String c0, String h, Map<String, String> reads) {
    String s = W + "basic_lstm_cell/";
    String one = constant(s + "Const", 1);
    String gates = linear(s, "", x, h, reads, "rnn/basic_lstm_cell");
    String split = g.add("Split", s + "split", one, gates).type("T", DT_FLOAT)
        .i("num_split", 4).name();
    String forgetBias = constant(s + "Const_1", 1f);
    String keep = add2("Mul", s + "Mul", DT_FLOAT, c0, unary("Sigmoid", s + "Sigmoid",
        add2("Add", s + "Add", DT_FLOAT, split + ":2", forgetBias)));
    String write = add2("Mul", s + "Mul_1", DT_FLOAT, unary("Sigmoid", s + "Sigmoid_1", split),
        unary("Tanh", s + "Tanh", split + ":1"));
    String newC = add2("Add", s + "Add_1", DT_FLOAT, keep, write);
    String newH = add2("Mul", s + "Mul_2", DT_FLOAT, unary("Tanh", s + "Tanh_1", newC),
        unary("Sigmoid", s + "Sigmoid_2", split + ":3"));
    return new Step(newH, List.of(newC, newH));
  }

  /**
   * {@code GRUCell}: {@code r, u = split(σ(concat([x, h]) · gates/kernel + gates/bias), 2)};
   * {@code c = tanh(concat([x, r·h]) · candidate/kernel + candidate/bias)}; {@code h' = u·h +
   * (1 - u)·c}.
   */
  private Step gru(String x, String h, Map<String, String> reads) {
    String s = W + "gru_cell/";
    String value = unary("Sigmoid", s + "Sigmoid", linear(s, "", x, h, reads,
        "rnn/gru_cell/gates"));
    String split = g.add("Split", s + "split", constant(s + "split/split_dim", 1), value)
        .type("T", DT_FLOAT).i("num_split", 2).name();
    String rState = add2("Mul", s + "mul", DT_FLOAT, split, h);
    String cand = unary("Tanh", s + "Tanh", linear(s, "_1", x, rState, reads,
        "rnn/gru_cell/candidate"));
    String keep = add2("Mul", s + "mul_1", DT_FLOAT, split + ":1", h);
    String oneMinusU = add2("Sub", s + "sub", DT_FLOAT, constant(s + "sub/x", 1f), split + ":1");
    String newH = add2("AddV2", s + "add", DT_FLOAT, keep,
        add2("Mul", s + "mul_2", DT_FLOAT, oneMinusU, cand));
    return new Step(newH, List.of(newH));
  }

  /**
   * {@code bias_add(matmul(concat([x, h], 1), kernel), bias)} in scope {@code s}, names suffixed
   * {@code k}; the variables' reads enter the frame as loop constants.
   */
  private String linear(String s, String k, String x, String h, Map<String, String> reads,
      String layer) {
    String concat = g.add("ConcatV2", s + "concat" + k, x, h, constant(s + "concat" + k
        + "/axis", 1)).type("T", DT_FLOAT).type("Tidx", DT_INT32).i("N", 2).name();
    String mm = g.add("MatMul", s + "MatMul" + k, concat, enter(s + "MatMul" + k + "/Enter",
            reads.get(layer + "/kernel"), DT_FLOAT, true))
        .type("T", DT_FLOAT).bool("transpose_a", false).bool("transpose_b", false).name();
    return g.add("BiasAdd", s + "BiasAdd" + k, mm, enter(s + "BiasAdd" + k + "/Enter",
        reads.get(layer + "/bias"), DT_FLOAT, true))
        .type("T", DT_FLOAT).str("data_format", "NHWC").name();
  }

  /**
   * {@code Enter} into the frame; a loop constant ({@code is_constant}) is the same tensor in
   * every iteration, as weights and TensorArray handles are.
   */
  private String enter(String name, String value, DataType t, boolean constant) {
    return g.add("Enter", name, value).type("T", t).str("frame_name", FRAME)
        .bool("is_constant", constant).i("parallel_iterations", PARALLEL_ITERATIONS).name();
  }

  /**
   * An int32 scalar constant in the body: {@code WhileContext} gives ops without inputs a control
   * edge from the pivot, which puts them in the frame (an op's inputs must share its frame).
   */
  private String constant(String name, int value) {
    return g.add("Const", name, "^" + pivot).type("dtype", DT_INT32).tensor("value",
        TensorProto.newBuilder().setDtype(DT_INT32).setTensorShape(TfNodes.shapeProto())
            .addIntVal(value).build()).name();
  }

  /** A float32 scalar constant in the body, as {@link #constant(String, int)}. */
  private String constant(String name, float value) {
    return g.add("Const", name, "^" + pivot).type("dtype", DT_FLOAT).tensor("value",
        TensorProto.newBuilder().setDtype(DT_FLOAT).setTensorShape(TfNodes.shapeProto())
            .addFloatVal(value).build()).name();
  }

  private String concat(String name, DataType t, String a, String b) {
    return g.add("ConcatV2", name, a, b, g.scalar(name + "/axis", 0)).type("T", t)
        .type("Tidx", DT_INT32).i("N", 2).name();
  }

  private String unary(String op, String name, String x) {
    return g.add(op, name, x).type("T", DT_FLOAT).name();
  }

  private String add2(String op, String name, DataType t, String x, String y) {
    return g.add(op, name, x, y).type("T", t).name();
  }

  private static String suffix(String name, int k) {
    return k == 0 ? name : name + "_" + k;
  }
}
