package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.graph.Scope;
import org.tensorgraph.session.Session;

/** The facade adds the nodes TF's Python adds, with TF's names, and they compute. */
class OpsFacadeTest {
  record Naming(String what, Function<Ops, Output> build, String name, String type) {
    @Override
    public String toString() {
      return what;
    }
  }

  private static Output m(Ops tf) {
    return tf.withName("m").constant(new float[][] {{1, -2}, {3, 4}});
  }

  static Stream<Naming> namings() {
    return Stream.of(
        new Naming("tf.add", tf -> tf.add(m(tf), m(tf)), "Add", "Add"),
        new Naming("x + y", tf -> tf.addV2(m(tf), m(tf)), "add", "AddV2"),
        new Naming("x - y", tf -> tf.sub(m(tf), m(tf)), "sub", "Sub"),
        new Naming("x * y", tf -> tf.mul(m(tf), m(tf)), "mul", "Mul"),
        new Naming("tf.multiply", tf -> tf.multiply(m(tf), m(tf)), "Mul", "Mul"),
        new Naming("x / y", tf -> tf.div(m(tf), m(tf)), "truediv", "RealDiv"),
        new Naming("tf.matmul", tf -> tf.matmul(m(tf), m(tf)), "MatMul", "MatMul"),
        new Naming("tf.tanh", tf -> tf.tanh(m(tf)), "Tanh", "Tanh"),
        new Naming("tf.sigmoid", tf -> tf.sigmoid(m(tf)), "Sigmoid", "Sigmoid"),
        new Naming("tf.concat", tf -> tf.concat(List.of(m(tf), m(tf)), 1), "concat", "ConcatV2"),
        new Naming("tf.transpose", tf -> tf.transpose(m(tf), 1, 0), "transpose", "Transpose"),
        new Naming("tf.reshape", tf -> tf.reshape(m(tf), 4), "Reshape", "Reshape"),
        new Naming("tf.stack", tf -> tf.stack(List.of(m(tf), m(tf)), 0), "stack", "Pack"),
        new Naming("tf.reduce_sum", tf -> tf.reduceSum(m(tf), new int[] {1}, false), "Sum", "Sum"),
        new Naming("tf.reduce_mean all", tf -> tf.reduceMean(m(tf), null, false), "Mean", "Mean"),
        new Naming("tf.argmax", tf -> tf.argMax(m(tf), 1), "ArgMax", "ArgMax"),
        new Naming("tf.expand_dims", tf -> tf.expandDims(m(tf), 0), "ExpandDims", "ExpandDims"),
        new Naming("tf.nn.bias_add", tf -> tf.nn().biasAdd(m(tf), tf.constant(new float[] {1, 2})),
            "BiasAdd", "BiasAdd"),
        new Naming("tf.nn.softmax", tf -> tf.nn().softmax(m(tf)), "Softmax", "Softmax"),
        new Naming("tf.nn.relu", tf -> tf.nn().relu(m(tf)), "Relu", "Relu"),
        new Naming("tf.clip_by_value", tf -> tf.clipByValue(m(tf), tf.constant(0f),
            tf.constant(2f)), "clip_by_value", "Maximum"),
        new Naming("x[0]", tf -> tf.index(m(tf), 0), "strided_slice", "StridedSlice"),
        new Naming("tf.cast", tf -> tf.cast(m(tf), DType.INT32), "Cast", "Cast"),
        new Naming("tf.zeros 2x2", tf -> tf.zeros(Shape.of(2, 2), DType.FLOAT32), "zeros",
            "Const"),
        new Naming("tf.shape known", tf -> tf.shape(m(tf)), "Shape", "Const"),
        new Naming("tf.range", tf -> tf.range(0, 5, 2), "range", "Range"));
  }

  @ParameterizedTest
  @MethodSource("namings")
  void nodesAreNamedAsTfNamesThem(Naming c) {
    Graph g = new Graph();
    Output o = c.build().apply(Ops.create(g));
    assertEquals(c.name(), o.op().name());
    assertEquals(c.type(), o.op().type());
    // the same call again gets TF's "_1" suffix
    Output again = c.build().apply(Ops.create(g));
    assertEquals(c.name() + "_1", again.op().name());
  }

  @Test
  void constantArgumentsLiveInTheOpsScope() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.concat(List.of(m(tf), m(tf)), 1);
    tf.concat(List.of(m(tf), m(tf)), 0);
    assertNotNull(g.operation("concat/axis"));
    assertNotNull(g.operation("concat_1/axis"));
    tf.transpose(m(tf), 1, 0);
    assertNotNull(g.operation("transpose/perm"));
    tf.index(m(tf), 1);
    assertNotNull(g.operation("strided_slice/stack"));
    assertNotNull(g.operation("strided_slice/stack_1"));
    assertNotNull(g.operation("strided_slice/stack_2"));
  }

  @Test
  void withNameAndScopes() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
    assertEquals("X", x.op().name());
    Output named = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 3), "X");
    assertEquals("X_1", named.op().name());
    assertEquals(Shape.of(-1, 2, 3), named.shape());
    try (Scope s = tf.withNameScope("layer")) {
      assertEquals("layer/Tanh", tf.tanh(x).op().name());
      assertEquals("layer/h", tf.withName("h").tanh(x).op().name());
    }
    Output c = tf.constant(1f);
    assertSame(c, tf.cast(c, DType.FLOAT32), "a cast to the same dtype adds nothing");
  }

  @Test
  void facadeGraphsComputeWhatTheyShould() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2));
    Output w = tf.constant(new float[][] {{1, 0, 2}, {0, 1, 3}});
    Output y = tf.nn().biasAdd(tf.matmul(x, w), tf.constant(new float[] {0.5f, 0, 0}));
    List<Output> parts = tf.split(y, 3, 1);
    Output sum = tf.reduceSum(tf.concat(List.of(parts.get(2), parts.get(0)), 1), null, false);
    float[][] in = {{1, 2}, {3, 4}};
    try (Session s = new Session(g)) {
      Tensor yv = s.run(y, java.util.Map.of(x, Tensor.of(in)));
      // naive reference: y = x @ w + b
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          float ref = in[i][0] * (j == 0 ? 1 : j == 1 ? 0 : 2) + in[i][1] * (j == 0 ? 0 : j == 1
              ? 1 : 3) + (j == 0 ? 0.5f : 0);
          assertEquals(ref, yv.getFloat(i, j), 0f);
        }
      }
      float expectedSum = yv.getFloat(0, 0) + yv.getFloat(1, 0) + yv.getFloat(0, 2)
          + yv.getFloat(1, 2);
      assertEquals(expectedSum, s.run(sum, java.util.Map.of(x, Tensor.of(in))).floatValue(), 0f);
    }
  }

  @Test
  void unstackNeedsAKnownDimension() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3));
    assertEquals(3, tf.unstack(x, 1).size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tf.unstack(x, 0));
    assertEquals("Cannot infer num from shape (?, 3)", e.getMessage());
  }

  @Test
  void whileLoopAndCondThroughTheFacade() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output n = tf.withName("n").placeholder(DType.INT32, Shape.scalar());
    List<Output> r = tf.withName("count").whileLoop(
        (t, v) -> t.less(v.get(0), n),
        (t, v) -> List.of(t.addV2(v.get(0), t.constant(2))),
        List.of(tf.constant(0)));
    assertEquals("count", r.get(0).op().name());
    assertEquals("While", r.get(0).op().type());
    Output picked = tf.cond(tf.greater(n, tf.constant(5)),
        t -> List.of(t.constant(1f)), t -> List.of(t.constant(-1f))).get(0);
    assertEquals("If", picked.op().type());
    try (Session s = new Session(g)) {
      assertEquals(Tensor.of(8), s.run(r.get(0), java.util.Map.of(n, Tensor.of(7))));
      assertEquals(Tensor.of(1f), s.run(picked, java.util.Map.of(n, Tensor.of(7))));
      assertEquals(Tensor.of(-1f), s.run(picked, java.util.Map.of(n, Tensor.of(3))));
    }
  }
}
