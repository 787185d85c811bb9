package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tensorgraph.ops.controlflow.CfTesting.add;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.less;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;
import static org.tensorgraph.ops.controlflow.CfTesting.session;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;

/** {@link TensorArray}: read, write, stack, unstack, size, and an RNN-shaped loop over them. */
class TensorArrayTest {
  private static final DType F = DType.FLOAT32;

  @Test
  void readsWritesStacksAndCounts() {
    Graph g = new Graph();
    Output size = placeholder(g, "n", DType.INT32, Shape.scalar());
    TensorArray ta = TensorArray.create(g, F, size, Shape.of(-1));
    TensorArray w = ta.write(1, constant(g, Tensor.of(new float[] {1, 2})))
        .write(constant(g, 0), constant(g, Tensor.of(new float[] {3, 4})));
    assertEquals(Shape.of(2), w.elementShape(), "writes refine the element shape");
    assertEquals(Shape.of(-1), ta.elementShape(), "a TensorArray is immutable");
    Output read = w.read(1);
    assertEquals(Shape.of(2), read.shape());
    Output stacked = w.stack();
    assertEquals(Shape.of(-1, 2), stacked.shape());
    TensorArray u = TensorArray.create(g, F, 0, Shape.unknown())
        .unstack(constant(g, Tensor.of(new float[][] {{5, 6}, {7, 8}, {9, 10}})));
    assertEquals(Shape.of(2), u.elementShape());
    try (Session s = session(g, ExecutorKind.DIRECT)) {
      Map<Output, Tensor> feeds = Map.of(size, Tensor.of(3));
      List<Tensor> r = s.run(List.of(read, stacked, w.size(), u.read(2), u.size(), u.stack()),
          feeds, null, null);
      assertEquals(List.of(Tensor.of(new float[] {1, 2}),
          Tensor.of(new float[][] {{3, 4}, {1, 2}, {0, 0}}), Tensor.of(3),
          Tensor.of(new float[] {9, 10}), Tensor.of(3),
          Tensor.of(new float[][] {{5, 6}, {7, 8}, {9, 10}})), r);
    }
    assertEquals("TensorArrayV2", ta.handle().op().name());
    assertEquals("TensorArrayV2Write_1/TensorListSetItem", w.handle().op().name());
  }

  @Test
  void rejectsWritesThatDoNotFit() {
    Graph g = new Graph();
    TensorArray ta = TensorArray.create(g, F, 2, Shape.of(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ta.write(0, constant(g, Tensor.of(new float[] {1, 2}))));
    assertEquals("Inconsistent shapes: saw (2,) but expected (3,)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ta.write(0, constant(g, 1)));
    assertEquals("TensorArray dtype is float32 but Op is trying to write dtype int32.",
        e.getMessage());
  }

  /**
   * dynamic_rnn's loop with a tanh cell, h = tanh(x_t W + h), over TensorArrays: inputs unstacked
   * outside and read in the body, outputs written in the body and stacked after it.
   */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void runsAnRnnShapedLoopAsANaiveJavaLoopDoes(ExecutorKind kind) {
    int steps = 6;
    int batch = 2;
    int in = 3;
    int units = 4;
    Random rnd = new Random(42);
    float[] x = new float[steps * batch * in];
    float[] w = new float[in * units];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextFloat() - 0.5f;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = rnd.nextFloat() - 0.5f;
    }
    Graph g = new Graph();
    Output xs = placeholder(g, "x", F, Shape.of(-1, batch, in));
    Output kernel = constant(g, Tensor.of(Shape.of(in, units), w));
    Output time = TensorLists.intConst(g, "time", 0);
    TensorArray inTa = TensorArray.create(g, F, steps, Shape.of(batch, in)).unstack(xs);
    TensorArray outTa = TensorArray.create(g, F, steps, Shape.of(batch, units));
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), steps)),
        (tf, v) -> {
          Graph b = tf.graph();
          Output xt = inTa.in(tf).read(v.get(0));
          Output mm = b.opBuilder("MatMul", null).addInput(xt).addInput(kernel).build().output(0);
          Output h = b.opBuilder("Tanh", null).addInput(add(b, mm, v.get(1))).build().output(0);
          TensorArray o = outTa.withHandle(v.get(2)).write(v.get(0), h);
          return List.of(add(b, v.get(0), constant(b, 1)), h, o.handle());
        },
        List.of(time, constant(g, Tensor.zeros(F, Shape.of(batch, units))), outTa.handle()));
    Output outputs = outTa.withHandle(r.get(2)).stack();
    assertEquals(Shape.of(-1, batch, units), outputs.shape());
    assertEquals(Shape.of(batch, units), r.get(1).shape());
    float[] expected = naiveRnn(x, w, steps, batch, in, units);
    try (Session s = session(g, kind)) {
      List<Tensor> res = s.run(List.of(outputs, r.get(1)),
          Map.of(xs, Tensor.of(Shape.of(steps, batch, in), x)), null, null);
      assertArrayEquals(expected, res.get(0).toFloatArray(), 1e-6f);
      float[] last = new float[batch * units];
      System.arraycopy(expected, (steps - 1) * batch * units, last, 0, last.length);
      assertArrayEquals(last, res.get(1).toFloatArray(), 1e-6f);
    }
  }

  private static float[] naiveRnn(float[] x, float[] w, int steps, int batch, int in, int units) {
    float[] out = new float[steps * batch * units];
    float[] h = new float[batch * units];
    for (int t = 0; t < steps; t++) {
      float[] next = new float[batch * units];
      for (int b = 0; b < batch; b++) {
        for (int u = 0; u < units; u++) {
          float s = 0;
          for (int k = 0; k < in; k++) {
            s += x[(t * batch + b) * in + k] * w[k * units + u];
          }
          next[b * units + u] = (float) Math.tanh(s + h[b * units + u]);
        }
      }
      h = next;
      System.arraycopy(h, 0, out, t * batch * units, h.length);
    }
    return out;
  }
}
