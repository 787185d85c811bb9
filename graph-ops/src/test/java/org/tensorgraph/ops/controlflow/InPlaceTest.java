package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.ops.controlflow.CfTesting.add;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;
import static org.tensorgraph.ops.controlflow.CfTesting.less;
import static org.tensorgraph.ops.controlflow.CfTesting.mul;
import static org.tensorgraph.ops.controlflow.CfTesting.placeholder;
import static org.tensorgraph.ops.controlflow.CfTesting.session;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorKind;
import org.tensorgraph.session.Session;

/**
 * The in-place rule of {@link ListOwnership}: a loop copies a written list once, not once per
 * step, and never lets a write show through another reference.
 */
class InPlaceTest {
  private static final DType F = DType.FLOAT32;

  /** Runs {@code fetch} and returns how many lists were copied during the run. */
  private static long copiesDuring(Session s, Output fetch, Map<Output, Tensor> feeds,
      Tensor[] result) {
    long before = TensorList.COPIES.get();
    result[0] = s.run(fetch, feeds);
    return TensorList.COPIES.get() - before;
  }

  /** out[t] = 2 * in[t] for 1000 steps: one copy (the first write), 1000 writes in place. */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void aThousandStepLoopCopiesItsOutputListOnce(ExecutorKind kind) {
    int steps = 1000;
    Graph g = new Graph();
    Output x = placeholder(g, "x", F, Shape.of(-1, 2));
    TensorArray in = TensorArray.create(g, F, steps, Shape.of(2)).unstack(x);
    TensorArray out = TensorArray.create(g, F, steps, Shape.of(2));
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), steps)),
        (tf, v) -> {
          Graph b = tf.graph();
          Output xt = in.in(tf).read(v.get(0));
          TensorArray o = out.withHandle(v.get(1)).write(v.get(0), mul(b, xt, constant(b, 2f)));
          return List.of(add(b, v.get(0), constant(b, 1)), o.handle());
        },
        List.of(constant(g, 0), out.handle()));
    Output stacked = out.withHandle(r.get(1)).stack();
    float[] data = new float[steps * 2];
    float[] expected = new float[steps * 2];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.5f;
      expected[i] = data[i] * 2f;
    }
    Tensor[] result = new Tensor[1];
    try (Session s = session(g, kind)) {
      long copies = copiesDuring(s, stacked, Map.of(x, Tensor.of(Shape.of(steps, 2), data)),
          result);
      assertEquals(1, copies);
    }
    assertEquals(Tensor.of(Shape.of(steps, 2), expected), result[0]);
  }

  /** A list another node of the body reads is copied on every write; the reads see the old one. */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void aListWithTwoReadersIsCopiedOnEveryWrite(ExecutorKind kind) {
    int steps = 50;
    Graph g = new Graph();
    TensorArray out = TensorArray.create(g, F, steps, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), steps)),
        (tf, v) -> {
          Graph b = tf.graph();
          TensorArray o = out.withHandle(v.get(1));
          Output fi = b.opBuilder("Cast", null).addInput(v.get(0)).setAttr("DstT", F).build()
              .output(0);
          TensorArray w = o.write(v.get(0), add(b, fi, constant(b, 1f)));
          Output before = o.read(v.get(0)); // built after the write: runs after it in order
          return List.of(add(b, v.get(0), constant(b, 1)), w.handle(),
              add(b, v.get(2), before));
        },
        List.of(constant(g, 0), out.handle(), constant(g, 0f)));
    Tensor[] result = new Tensor[1];
    try (Session s = session(g, kind)) {
      assertEquals(steps, copiesDuring(s, r.get(2), Map.of(), result));
      assertEquals(Tensor.of(0f), result[0], "every read saw the unwritten item");
      float[] expected = new float[steps];
      for (int i = 0; i < steps; i++) {
        expected[i] = i + 1;
      }
      assertEquals(Tensor.of(Shape.of(steps), expected), s.run(out.withHandle(r.get(1)).stack()));
    }
  }

  /** Two loop variables that start as the same list stay independent. */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void twoLoopVariablesFromOneListStayApart(ExecutorKind kind) {
    Graph g = new Graph();
    TensorArray ta = TensorArray.create(g, F, 3, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 3)),
        (tf, v) -> List.of(add(tf.graph(), v.get(0), constant(tf.graph(), 1)),
            ta.withHandle(v.get(1)).write(v.get(0), constant(tf.graph(), 5f)).handle(),
            v.get(2)),
        List.of(constant(g, 0), ta.handle(), ta.handle()));
    try (Session s = session(g, kind)) {
      List<Tensor> out = s.run(List.of(ta.withHandle(r.get(1)).stack(),
          ta.withHandle(r.get(2)).stack(), ta.stack()), Map.of(), null, null);
      assertEquals(List.of(Tensor.of(new float[] {5, 5, 5}), Tensor.zeros(F, Shape.of(3)),
          Tensor.zeros(F, Shape.of(3))), out);
    }
  }

  /** An inner loop writing the outer body's list takes it over: still one copy in all. */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void nestedLoopsHandTheListDown(ExecutorKind kind) {
    Graph g = new Graph();
    TensorArray ta = TensorArray.create(g, F, 12, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 3)),
        (tf, v) -> {
          Graph b = tf.graph();
          Output i = v.get(0);
          List<Output> inner = ControlFlow.whileLoop(b,
              (t2, w) -> less(t2.graph(), w.get(0), constant(t2.graph(), 4)),
              (t2, w) -> {
                Graph c = t2.graph();
                Output k = add(c, mul(c, i, constant(c, 4)), w.get(0));
                Output fk = c.opBuilder("Cast", null).addInput(k).setAttr("DstT", F).build()
                    .output(0);
                return List.of(add(c, w.get(0), constant(c, 1)),
                    ta.withHandle(w.get(1)).write(k, fk).handle());
              },
              List.of(constant(b, 0), v.get(1)));
          return List.of(add(b, i, constant(b, 1)), inner.get(1));
        },
        List.of(constant(g, 0), ta.handle()));
    float[] expected = new float[12];
    for (int i = 0; i < 12; i++) {
      expected[i] = i;
    }
    Tensor[] result = new Tensor[1];
    try (Session s = session(g, kind)) {
      assertEquals(1, copiesDuring(s, ta.withHandle(r.get(1)).stack(), Map.of(), result));
    }
    assertEquals(Tensor.of(Shape.of(12), expected), result[0]);
  }

  /**
   * A view an inner loop hands out (its input had another use) must not alias the list it views
   * once both are loop variables of the outer loop: b reads the previous a, never this step's
   * write.
   */
  @ParameterizedTest
  @EnumSource(ExecutorKind.class)
  void aViewLeavingAnInnerLoopDoesNotSeeLaterWrites(ExecutorKind kind) {
    Graph g = new Graph();
    TensorArray ta = TensorArray.create(g, F, 3, Shape.scalar());
    List<Output> r = ControlFlow.whileLoop(g,
        (tf, v) -> less(tf.graph(), v.get(0), constant(tf.graph(), 3)),
        (tf, v) -> {
          Graph b = tf.graph();
          Output i = v.get(0);
          TensorArray a = ta.withHandle(v.get(1)).write(i, constant(b, 1f));
          Output seen = ta.withHandle(v.get(2)).read(i); // unset in the previous a: 0
          Output passed = ControlFlow.whileLoop(b,
              (t2, w) -> constant(t2.graph(), Tensor.of(false)), (t2, w) -> w,
              List.of(a.handle())).get(0);
          return List.of(add(b, i, constant(b, 1)), a.handle(), passed,
              add(b, v.get(3), seen));
        },
        List.of(constant(g, 0), ta.handle(), ta.handle(), constant(g, 0f)));
    try (Session s = session(g, kind)) {
      assertEquals(Tensor.of(0f), s.run(r.get(3)));
    }
  }
}
