package org.tensorgraph.ops;

import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.ops.controlflow.ControlFlow;
import org.tensorgraph.ops.controlflow.WhileOptions;
import org.tensorgraph.ops.variables.Initializer;
import org.tensorgraph.ops.variables.Initializers;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.VariableScope;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;

/**
 * The builder facade: TF Python's {@code tf.*} names in Java style, each adding the same nodes,
 * with the same names, as TF 1.15's Python does.
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Ops tf = Ops.create(g);
 * Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
 * Output y = tf.add(x, tf.constant(1f));            // "Add"
 * try (Scope s = tf.withNameScope("layer")) {
 *   tf.mul(y, y);                                    // "layer/mul"
 * }
 * }</pre>
 */
public final class Ops extends OpsArray {
  private Ops(Graph graph, String nextName) {
    super(graph, nextName);
  }

  /** A facade adding ops to {@code graph}. */
  public static Ops create(Graph graph) {
    return new Ops(graph, null);
  }

  @Override
  public Ops withName(String name) {
    return new Ops(graph, name);
  }

  // ---------------------------------------------------------------- constants and feeds

  /** {@code tf.constant(value)}: a {@code Const} node named "Const". */
  public Output constant(Tensor value) {
    return out(node("Const", "Const").setAttr("value", value).setAttr("dtype", value.dtype()));
  }

  /** A float32 scalar constant. */
  public Output constant(float value) {
    return constant(Tensor.of(value));
  }

  /** A float64 scalar constant. */
  public Output constant(double value) {
    return constant(Tensor.of(value));
  }

  /** An int32 scalar constant. */
  public Output constant(int value) {
    return constant(Tensor.of(value));
  }

  /** An int64 scalar constant. */
  public Output constant(long value) {
    return constant(Tensor.of(value));
  }

  /** A constant from a Java array of any rank: {@code tf.constant(new float[][] {{1, 2}})}. */
  public Output constant(Object javaArray) {
    return constant(Tensor.of(javaArray));
  }

  /** {@code tf.placeholder(dtype, shape)}: {@code Shape.unknown()} for any shape. */
  public Output placeholder(DType dtype, Shape shape) {
    return out(node("Placeholder", "Placeholder").setAttr("dtype", dtype).setAttr("shape", shape));
  }

  /**
   * {@code tf.placeholder(dtype, shape, name=name)}: {@code tf.placeholder(FLOAT32, Shape.of(-1, 2,
   * 3), "X")}.
   */
  public Output placeholder(DType dtype, Shape shape, String name) {
    return withName(name).placeholder(dtype, shape);
  }

  /** {@code tf.placeholder_with_default(input, shape)}. */
  public Output placeholderWithDefault(Output input, Shape shape) {
    return out(node("PlaceholderWithDefault", "PlaceholderWithDefault").addInput(input)
        .setAttr("shape", shape));
  }

  /** {@code tf.identity(x)}. */
  public Output identity(Output x) {
    return out(node("Identity", "Identity").addInput(x));
  }

  /** {@code tf.no_op()}. */
  public Operation noOp() {
    return node("NoOp", "NoOp").build();
  }

  /** {@code tf.group(*ops)}: a {@code NoOp} with a control input on each. */
  public Operation group(List<Operation> ops) {
    OpBuilder b = node("NoOp", "group_deps");
    ops.forEach(b::addControlInput);
    return b.build();
  }

  // ---------------------------------------------------------------- fill, zeros, nn

  /** {@code tf.nn}: activations, bias_add, softmax and cross-entropy. */
  public Nn nn() {
    return new Nn(this);
  }

  /** A one-input op named as its type (for {@link Nn}). */
  Output unaryOp(String type, Output x) {
    return unary(type, x);
  }

  /** A two-input op (for {@link Nn}). */
  Output binaryOp(String type, String defaultName, Output x, Output y) {
    return binary(type, defaultName, x, y);
  }

  /** {@code tf.fill(dims, value)}. */
  public Output fill(Output dims, Output value) {
    return out(node("Fill", "Fill").addInput(dims).addInput(value));
  }

  /**
   * {@code tf.zeros(shape, dtype)}: a {@code Const} named "zeros" below 1000 elements, else {@code
   * Fill} of {@code zeros/shape_as_tensor} and {@code zeros/Const}, as TF builds it.
   */
  public Output zeros(Shape shape, DType dtype) {
    return filled(shape, dtype, "zeros", 0);
  }

  /** {@code tf.ones(shape, dtype)}, built as {@link #zeros} is. */
  public Output ones(Shape shape, DType dtype) {
    return filled(shape, dtype, "ones", 1);
  }

  private Output filled(Shape shape, DType dtype, String defaultName, int value) {
    try (Scope s = graph.withNameScope(defaultName)) {
      Ops inScope = withName(s.absoluteName());
      if (shape.numElements() < 1000) {
        return inScope.constant(Constants.filled(dtype, shape, value));
      }
      Output dims = Ops.create(graph).withName("shape_as_tensor")
          .constant(Tensor.of(shape.intDims()));
      Output v = Ops.create(graph).withName("Const").constant(Constants.filled(dtype,
          Shape.scalar(), value));
      return inScope.fill(dims, v);
    }
  }

  // ---------------------------------------------------------------- random

  /** {@code tf.set_random_seed(seed)}: the graph-level seed. */
  public void setRandomSeed(long seed) {
    graph.setSeed(seed);
  }

  /**
   * {@code tf.random_uniform(shape, minval, maxval, dtype, seed)} for float dtypes: {@code
   * RandomUniform * (max - min) + min} under name scope "random_uniform", bit-exact with TF.
   */
  public Output randomUniform(Shape shape, double minval, double maxval, DType dtype, Long seed) {
    try (Scope s = graph.withNameScope(defaultScopeName("random_uniform"))) {
      Ops plain = Ops.create(graph);
      Output shapeT = plain.withName("shape").constant(Tensor.of(shape.intDims()));
      Output min = plain.withName("min").constant(Constants.scalar(dtype, minval));
      Output max = plain.withName("max").constant(Constants.scalar(dtype, maxval));
      long[] seeds = Seeds.get(graph, seed);
      Output rnd = out(graph.opBuilder("RandomUniform", null).addInput(shapeT)
          .setAttr("dtype", dtype).setAttr("seed", seeds[0]).setAttr("seed2", seeds[1]));
      Output scaled = plain.mul(rnd, plain.sub(max, min));
      return plain.withName(s.absoluteName()).add(scaled, min);
    }
  }

  /** {@code tf.random_normal(shape, mean, stddev, dtype, seed)}. */
  public Output randomNormal(Shape shape, double mean, double stddev, DType dtype, Long seed) {
    return normal("random_normal", "RandomStandardNormal", shape, mean, stddev, dtype, seed);
  }

  /** {@code tf.truncated_normal(shape, mean, stddev, dtype, seed)}: values within 2 stddev. */
  public Output truncatedNormal(Shape shape, double mean, double stddev, DType dtype, Long seed) {
    return normal("truncated_normal", "TruncatedNormal", shape, mean, stddev, dtype, seed);
  }

  private Output normal(String scope, String op, Shape shape, double mean, double stddev,
      DType dtype, Long seed) {
    try (Scope s = graph.withNameScope(defaultScopeName(scope))) {
      Ops plain = Ops.create(graph);
      Output shapeT = plain.withName("shape").constant(Tensor.of(shape.intDims()));
      Output meanT = plain.withName("mean").constant(Constants.scalar(dtype, mean));
      Output stdT = plain.withName("stddev").constant(Constants.scalar(dtype, stddev));
      long[] seeds = Seeds.get(graph, seed);
      Output rnd = out(graph.opBuilder(op, null).addInput(shapeT).setAttr("dtype", dtype)
          .setAttr("seed", seeds[0]).setAttr("seed2", seeds[1]));
      return plain.withName(s.absoluteName()).add(plain.mul(rnd, stdT), meanT);
    }
  }

  /** The scope a Python op function opens: {@code name=} if given, else its default name. */
  private String defaultScopeName(String defaultName) {
    return nextName() != null ? nextName() : defaultName;
  }

  // ---------------------------------------------------------------- control flow

  /**
   * {@code tf.while_loop(cond, body, loop_vars)}: one {@code While} node whose cond and body are
   * functions; the lambdas get an {@code Ops} bound to the function being built.
   */
  public List<Output> whileLoop(ControlFlow.Cond cond, ControlFlow.Body body,
      List<Output> loopVars) {
    return whileLoop(cond, body, loopVars, WhileOptions.defaults());
  }

  /**
   * {@code tf.while_loop(..., shape_invariants, parallel_iterations, maximum_iterations, name)};
   * a name given by {@link #withName} wins over the options'.
   */
  public List<Output> whileLoop(ControlFlow.Cond cond, ControlFlow.Body body,
      List<Output> loopVars, WhileOptions options) {
    WhileOptions o = nextName() != null ? options.name(nextName()) : options;
    return ControlFlow.whileLoop(graph, cond, body, loopVars, o);
  }

  /** {@code tf.cond(pred, true_fn, false_fn)}: one {@code If} node whose branches are functions. */
  public List<Output> cond(Output pred, ControlFlow.Branch trueFn, ControlFlow.Branch falseFn) {
    return ControlFlow.cond(graph, pred, trueFn, falseFn, nextName());
  }

  // ---------------------------------------------------------------- variables

  /** {@code with tf.variable_scope(name)}. */
  public VariableScopeHandle variableScope(String name) {
    return Variables.variableScope(graph, name);
  }

  /** {@code with tf.variable_scope(name, reuse=reuse, initializer=initializer)}. */
  public VariableScopeHandle variableScope(String name, Reuse reuse, Initializer initializer) {
    return Variables.variableScope(graph, name, reuse, initializer);
  }

  /** {@code with tf.variable_scope(scope, reuse=reuse)} with a scope object. */
  public VariableScopeHandle variableScope(VariableScope scope, Reuse reuse) {
    return Variables.variableScope(graph, scope, reuse, true);
  }

  /** {@code tf.get_variable(name, shape, dtype, initializer)}, trainable. */
  public Variable getVariable(String name, Shape shape, DType dtype, Initializer initializer) {
    return Variables.getVariable(graph, name, shape, dtype, initializer, true);
  }

  /** {@code tf.get_variable(..., trainable=trainable)}. */
  public Variable getVariable(String name, Shape shape, DType dtype, Initializer initializer,
      boolean trainable) {
    return Variables.getVariable(graph, name, shape, dtype, initializer, trainable);
  }

  /** {@code tf.Variable(initial_value, name=name)}: never reused; names are made unique. */
  public Variable variable(Tensor initialValue, String name) {
    return Variables.variable(graph, Initializers.constant(initialValue),
        null, initialValue.dtype(), name, true);
  }

  /** {@code tf.global_variables_initializer()}: the {@code NoOp} "init". */
  public Operation globalVariablesInitializer() {
    return Variables.globalVariablesInitializer(graph);
  }

  /** {@code tf.global_variables()}. */
  public List<Variable> globalVariables() {
    return Variables.globalVariables(graph);
  }

  /** {@code tf.trainable_variables()}. */
  public List<Variable> trainableVariables() {
    return Variables.trainableVariables(graph);
  }
}
