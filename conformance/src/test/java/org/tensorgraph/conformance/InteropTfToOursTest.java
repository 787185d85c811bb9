package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.DataType;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorgraph.conformance.InteropModels.Built;
import org.tensorgraph.conformance.InteropModels.Model;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.io.GraphDefFormatException;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.RnnWeights;
import org.tensorgraph.session.Session;

/**
 * Graphs exported by TensorFlow 1.15 run here with TF's outputs (issue 6 §7): a graph is built in
 * TF through its Java API, exported with {@code toGraphDef()} and printed by protobuf's {@code
 * JsonFormat} (what {@code MessageToJson} writes), read with {@link GraphDefJson#read(String,
 * String)}, and both runtimes run it with the same feeds. Random ops with explicit seeds give
 * TF's bits; float math is within 1e-6.
 *
 * <p>Also: TF's own re-export of each of our RNN files (functional {@code While}, TensorLists,
 * with the defaults TF fills in on import) loads and runs here; and a v1 {@code while_loop}
 * (Enter/Exit/Merge/Switch frames, DESIGN §4) is refused with our "unsupported ops" error.
 */
@ExtendWith(TensorFlowAvailable.class)
class InteropTfToOursTest {
  /**
   * A TF-built graph: feeds and fetches by tensor name, ops to run once first ({@code init}), and
   * how many of the first fetches must match bit for bit (random values, shapes, copies); the
   * rest are float math, within 1e-6.
   */
  record Run(Map<String, Tensor> feeds, List<String> fetches, List<String> targets,
      int exact) {}

  record Case(String name, Function<InteropTfGraph, Run> build) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("dense layer: MatMul, BiasAdd, Tanh, Sigmoid, Add, Mul, Softmax",
            InteropTfToOursTest::dense),
        new Case("array ops: ConcatV2, Reshape, Transpose, Sum, Mean, StridedSlice, Pack",
            InteropTfToOursTest::arrays),
        new Case("cross-entropy by hand: Max, Sub, Exp, Sum, Log, RealDiv, Relu, Sqrt, "
            + "Square, Maximum, ArgMax, Less, Select, Cast", InteropTfToOursTest::crossEntropy),
        new Case("a zero state from a dynamic batch: Shape, StridedSlice, Pack, Fill",
            InteropTfToOursTest::zeroState),
        new Case("seeded RandomUniform, RandomStandardNormal, TruncatedNormal",
            InteropTfToOursTest::random),
        new Case("a variable initialized by a seeded RandomUniform, then MatMul",
            InteropTfToOursTest::variable));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tfExportRunsHereWithTfsOutputs(Case c) throws Exception {
    String json;
    Run run;
    List<Tensor> tf;
    try (InteropTfGraph b = new InteropTfGraph()) {
      run = c.build().apply(b);
      json = InteropTf.toJson(b.graph());
      tf = runTf(b, run);
    }
    Graph g = GraphDefJson.read(json, "tf");
    List<Tensor> ours;
    try (Session s = new Session(g)) {
      run.targets().forEach(t -> s.run(g.operation(t)));
      ours = s.run(run.fetches(), run.feeds());
    }
    int n = run.exact();
    InteropCompare.assertSameBits(c.name(), run.fetches().subList(0, n), ours.subList(0, n),
        tf.subList(0, n));
    int all = run.fetches().size();
    if (n < all) {
      InteropCompare.assertClose(c.name() + ", TF's export", run.fetches().subList(n, all),
          ours.subList(n, all), tf.subList(n, all));
    }
  }

  private static List<Tensor> runTf(InteropTfGraph b, Run run) {
    List<org.tensorflow.Tensor<?>> in = new ArrayList<>();
    try (org.tensorflow.Session s = new org.tensorflow.Session(b.graph())) {
      for (String t : run.targets()) {
        s.runner().addTarget(t).run();
      }
      org.tensorflow.Session.Runner r = s.runner();
      run.feeds().forEach((name, v) -> {
        org.tensorflow.Tensor<?> t = TfTensors.toTf(v);
        in.add(t);
        r.feed(name, t);
      });
      run.fetches().forEach(r::fetch);
      List<Tensor> out = new ArrayList<>();
      for (org.tensorflow.Tensor<?> t : r.run()) {
        try (t) {
          out.add(TfTensors.fromTf(t));
        }
      }
      return out;
    } finally {
      in.forEach(org.tensorflow.Tensor::close);
    }
  }

  // ------------------------------------------------------------------ the TF graphs

  private static Run dense(InteropTfGraph b) {
    Output<?> x = b.placeholder("X", DataType.FLOAT, -1, 3);
    Output<?> w = b.constant("W", matrix(3, 4, 1));
    Output<?> w2 = b.constant("W2", matrix(2, 4, 2));
    Output<?> bias = b.constant("b", Tensor.of(new float[] {0.1f, -0.2f, 0.3f, 0f}));
    Output<?> mm = b.apply("MatMul", "dense/MatMul", x, w);
    Output<?> ba = b.apply("BiasAdd", "dense/BiasAdd", mm, bias);
    Output<?> h = b.apply("Tanh", "dense/Tanh", ba);
    Output<?> s = b.apply("Sigmoid", "dense/Sigmoid", ba);
    Output<?> m = b.apply("Mul", "mul", b.apply("Add", "add", h, s), h);
    Output<?> logits = b.op("MatMul", "logits").addInput(m).addInput(w2)
        .setAttr("transpose_b", true).build().output(0);
    b.apply("Softmax", "Softmax", logits);
    return new Run(Map.of("X:0", batch(5, 3)), List.of("dense/Tanh:0", "dense/Sigmoid:0",
        "mul:0", "logits:0", "Softmax:0"), List.of(), 0);
  }

  private static Run arrays(InteropTfGraph b) {
    Output<?> x = b.placeholder("X", DataType.FLOAT, -1, 3);
    Output<?> x2 = b.apply("Mul", "x2", x, b.constant("two", Tensor.of(2f)));
    b.op("ConcatV2", "concat").addInputList(new Output<?>[] {x, x2})
        .addInput(b.constant("concat/axis", Tensor.of(1))).build();
    Output<?> r = b.apply("Reshape", "Reshape", b.graph().operation("concat").output(0),
        b.constant("Reshape/shape", Tensor.of(new int[] {-1, 2, 3})));
    Output<?> t = b.apply("Transpose", "transpose", r,
        b.constant("transpose/perm", Tensor.of(new int[] {1, 0, 2})));
    b.op("Sum", "Sum").addInput(t).addInput(b.constant("Sum/axis", Tensor.of(new int[] {2})))
        .setAttr("keep_dims", true).build();
    b.apply("Mean", "Mean", t, b.constant("Mean/axes", Tensor.of(new int[] {0, 1})));
    b.op("StridedSlice", "strided_slice").addInput(r)
        .addInput(b.constant("ss/begin", Tensor.of(new int[] {0, 1, 0})))
        .addInput(b.constant("ss/end", Tensor.of(new int[] {0, 2, 3})))
        .addInput(b.constant("ss/strides", Tensor.of(new int[] {1, 1, 2})))
        .setAttr("begin_mask", 1L).setAttr("end_mask", 1L).setAttr("shrink_axis_mask", 2L)
        .build();
    b.op("Pack", "stack").addInputList(new Output<?>[] {x, x2}).setAttr("axis", 1L).build();
    return new Run(Map.of("X:0", batch(4, 3)), List.of("concat:0", "Reshape:0", "transpose:0",
        "Sum:0", "Mean:0", "strided_slice:0", "stack:0"), List.of(), 3);
  }

  /** A numerically stable softmax cross-entropy as a TF 1 user writes it, plus masks. */
  private static Run crossEntropy(InteropTfGraph b) {
    Output<?> logits = b.placeholder("logits", DataType.FLOAT, -1, 4);
    Output<?> labels = b.placeholder("labels", DataType.FLOAT, -1, 4);
    Output<?> axis = b.constant("axis", Tensor.of(new int[] {1}));
    Output<?> max = b.op("Max", "Max").addInput(logits).addInput(axis)
        .setAttr("keep_dims", true).build().output(0);
    Output<?> shifted = b.apply("Sub", "sub", logits, max);
    Output<?> sum = b.op("Sum", "Sum").addInput(b.apply("Exp", "Exp", shifted)).addInput(axis)
        .setAttr("keep_dims", true).build().output(0);
    Output<?> logp = b.apply("Sub", "log_softmax", shifted, b.apply("Log", "Log", sum));
    Output<?> xent = b.apply("Neg", "xent", b.apply("Sum", "xent/Sum",
        b.apply("Mul", "xent/mul", labels, logp), axis));
    Output<?> scale = b.apply("Sqrt", "Sqrt", b.apply("Maximum", "Maximum",
        b.apply("Square", "Square", logits), b.constant("eps", Tensor.of(1e-3f))));
    b.apply("RealDiv", "truediv", b.apply("Relu", "Relu", logits), scale);
    b.apply("ArgMax", "ArgMax", logits, b.constant("ArgMax/dimension", Tensor.of(1)));
    Output<?> neg = b.apply("Less", "Less", logits, b.constant("zero", Tensor.of(0f)));
    b.op("Cast", "Cast").addInput(neg).setAttr("DstT", DataType.FLOAT).build();
    b.apply("Select", "Select", neg, logits, b.apply("Square", "Square_1", logits));
    Tensor y = Tensor.of(Shape.of(5, 4), new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0,
        0, 1, 0.5f, 0.5f, 0, 0});
    return new Run(Map.of("logits:0", batch(5, 4), "labels:0", y), List.of("ArgMax:0", "Cast:0",
        "Max:0", "Select:0", "log_softmax:0", xent.op().name() + ":0", "truediv:0"), List.of(), 4);
  }

  /** What {@code cell.zero_state(tf.shape(X)[0], tf.float32)} emits in TF. */
  private static Run zeroState(InteropTfGraph b) {
    Output<?> x = b.placeholder("X", DataType.FLOAT, -1, -1, 3);
    Output<?> shape = b.apply("Shape", "Shape", x);
    Output<?> batch = b.op("StridedSlice", "strided_slice").addInput(shape)
        .addInput(b.constant("ss/begin", Tensor.of(new int[] {0})))
        .addInput(b.constant("ss/end", Tensor.of(new int[] {1})))
        .addInput(b.constant("ss/strides", Tensor.of(new int[] {1})))
        .setAttr("shrink_axis_mask", 1L).build().output(0);
    Output<?> dims = b.op("Pack", "zeros/packed")
        .addInputList(new Output<?>[] {batch, b.constant("units", Tensor.of(4))}).build()
        .output(0);
    b.apply("Fill", "zeros", dims, b.constant("zeros/Const", Tensor.of(0f)));
    Tensor in = Tensor.of(Shape.of(6, 2, 3), new float[36]);
    return new Run(Map.of("X:0", in), List.of("Shape:0", "strided_slice:0", "zeros/packed:0",
        "zeros:0"), List.of(), 4);
  }

  private static Run random(InteropTfGraph b) {
    Output<?> shape = b.constant("shape", Tensor.of(new int[] {3, 5}));
    Output<?> u = b.random("RandomUniform", "random_uniform/RandomUniform", shape, 7, 11);
    // tf.random_uniform(minval=-1, maxval=1): u * (max - min) + min
    Output<?> scaled = b.apply("Add", "random_uniform",
        b.apply("Mul", "random_uniform/mul", u, b.constant("random_uniform/sub", Tensor.of(2f))),
        b.constant("random_uniform/min", Tensor.of(-1f)));
    b.random("RandomStandardNormal", "random_normal", shape, 7, 12);
    b.random("TruncatedNormal", "truncated_normal", shape, 87654321, 13);
    return new Run(Map.of(), List.of(u.op().name() + ":0", scaled.op().name() + ":0",
        "random_normal:0", "truncated_normal:0"), List.of(), 4);
  }

  private static Run variable(InteropTfGraph b) {
    Output<?> shape = b.constant("W/Initializer/shape", Tensor.of(new int[] {3, 4}));
    Output<?> init = b.random("RandomUniform", "W/Initializer/RandomUniform", shape, 5, 6);
    Output<?>[] read = new Output<?>[1];
    Operation assign = b.variable("W", init, new long[] {3, 4}, read);
    b.op("NoOp", "init").addControlInput(assign).build();
    Output<?> x = b.placeholder("X", DataType.FLOAT, -1, 3);
    b.apply("MatMul", "MatMul", x, read[0]);
    return new Run(Map.of("X:0", batch(2, 3)), List.of("W/read:0", "MatMul:0"),
        List.of("init"), 1);
  }

  // ------------------------------------------------------------------ TF's re-export of ours

  static List<Model> models() {
    return InteropModels.all();
  }

  /**
   * Our RNN file imported into TF and exported back by {@code toGraphDef()}: TF has filled in
   * default attrs on the graph's nodes and kept the function library; the result reads here and
   * computes what TF computes.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void tfsReexportOfOurRnnGraphRunsHere(Model m) throws Exception {
    Graph g = new Graph();
    Built b = m.build().apply(g);
    Variables.globalVariablesInitializer(g);
    RnnWeights.Assignment load = RnnWeights.assignment(g, InteropModels.weights(g), true);
    Map<String, Tensor> loadFeeds = new LinkedHashMap<>();
    load.feeds().forEach((k, v) -> loadFeeds.put(k.name(), v));
    List<Tensor> tf;
    String reexported;
    try (InteropTf t = InteropTf.importJson(GraphDefJson.write(g))) {
      reexported = InteropTf.toJson(t.graph());
      t.run(List.of("init"), Map.of(), List.of());
      t.run(List.of(load.target().name()), loadFeeds, List.of());
      tf = t.run(List.of(), b.feedsByName(), b.fetchNames());
    }
    Graph back = GraphDefJson.read(reexported, "TF's re-export");
    List<Tensor> ours;
    try (Session s = new Session(back)) {
      s.run(back.operation("init"));
      s.run((Object) back.operation(load.target().name()), loadFeeds);
      ours = s.run(b.fetchNames(), b.feedsByName());
    }
    InteropCompare.assertClose(m.name() + ", TF's re-export", b.fetchNames(), ours, tf);
  }

  // ------------------------------------------------------------------ v1 control flow

  /**
   * TF's Java {@code Graph.whileLoop} builds v1 frames; DESIGN §4 leaves those out, and loading
   * says so in one message listing every such op, not a parse error at the first node.
   */
  @Test
  void tfV1WhileLoopIsRefusedListingItsFrameOps() throws Exception {
    String json;
    try (InteropTfGraph b = new InteropTfGraph()) {
      Output<?> i0 = b.placeholder("i0", DataType.INT32);
      Output<?>[] out = b.graph().whileLoop(new Output<?>[] {i0},
          (g, in, cond) -> cond[0] = g.opBuilder("Less", "Less").addInput(in[0])
              .addInput(constant(g, "ten", 10)).build().output(0),
          (g, in, next) -> next[0] = g.opBuilder("Add", "Add").addInput(in[0])
              .addInput(constant(g, "one", 1)).build().output(0),
          "while");
      json = InteropTf.toJson(b.graph());
      assertArrayEquals(new int[] {10}, runCounter(b, out[0]), "TF's loop counts 3 -> 10");
    }
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(json, "tf_while_v1.json"));
    System.out.println("interop TF v1 while_loop refused: " + e.getMessage());
    assertTrue(e.getMessage().contains("unsupported ops"), e.getMessage());
    for (String op : List.of("Enter", "Exit", "Merge", "Switch", "NextIteration", "LoopCond")) {
      assertTrue(e.getMessage().contains(op + " (node"), () -> op + " in: " + e.getMessage());
    }
  }

  private static Output<?> constant(org.tensorflow.Graph g, String name, int value) {
    try (org.tensorflow.Tensor<Integer> t = org.tensorflow.Tensor.create(value, Integer.class)) {
      return g.opBuilder("Const", name).setAttr("dtype", DataType.INT32).setAttr("value", t)
          .build().output(0);
    }
  }

  private static int[] runCounter(InteropTfGraph b, Output<?> result) {
    try (org.tensorflow.Session s = new org.tensorflow.Session(b.graph());
        org.tensorflow.Tensor<Integer> three = org.tensorflow.Tensor.create(3, Integer.class);
        org.tensorflow.Tensor<?> r = s.runner().feed("i0", three).fetch(result).run().get(0)) {
      return new int[] {r.intValue()};
    }
  }

  // ------------------------------------------------------------------ values

  private static Tensor matrix(int rows, int cols, int k) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (0.7 * Math.sin(1.3 * i + k));
    }
    return Tensor.of(Shape.of(rows, cols), v);
  }

  private static Tensor batch(int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (1.2 * Math.cos(0.8 * i + 0.1));
    }
    return Tensor.of(Shape.of(rows, cols), v);
  }
}
