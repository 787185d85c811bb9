package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.function.Executable;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Reuse;
import org.tensorgraph.ops.variables.VariableScopeHandle;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/** dynamicRnn's build-time errors with TF's texts, its run-time length check, and reuse. */
class RnnErrorsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private Output ph(DType dtype, long... dims) {
    return tf.placeholder(dtype, Shape.of(dims));
  }

  private static void fails(String message, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertEquals(message, ex.getMessage());
  }

  @Test
  void noInitialStateAndNoDtype() {
    Output x = ph(DType.FLOAT32, -1, 2, 3);
    fails("If there is no initial_state, you must give a dtype.",
        () -> Rnn.dynamicRnn(new BasicRnnCell(4), x, RnnOptions.defaults()));
  }

  @Test
  void sequenceLengthMustBeAVector() {
    Output x = ph(DType.FLOAT32, -1, 2, 3);
    Output len = ph(DType.INT32, 4, 1);
    fails("sequence_length must be a vector of length batch_size, but saw shape: (4, 1)",
        () -> Rnn.dynamicRnn(new BasicRnnCell(4), x,
            RnnOptions.dtype(DType.FLOAT32).sequenceLength(len)));
  }

  @Test
  void inputRankBelowTwo() {
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(3));
    fails("Expected input tensor Tensor(\"X:0\", shape=(3,), dtype=float32) to have rank at "
        + "least 2", () -> Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32));
  }

  @Test
  void inputRankTwo() {
    Output x = ph(DType.FLOAT32, 4, 3);
    fails("Shape (3, 4) must have rank at least 3",
        () -> Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32));
  }

  @Test
  void unknownDepth() {
    Output x = ph(DType.FLOAT32, 4, 2, -1);
    fails("Input size (depth of inputs) must be accessible via shape inference, but saw value "
        + "None.", () -> Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32));
    Output u = tf.placeholder(DType.FLOAT32, Shape.unknown());
    fails("Input size (depth of inputs) must be accessible via shape inference, but saw value "
        + "None.", () -> Rnn.dynamicRnn(new BasicRnnCell(4), u, DType.FLOAT32));
  }

  @Test
  void integerInputs() {
    Output x = ph(DType.INT32, 4, 2, 3);
    fails("RNN cell only supports floating point inputs, but saw dtype: <dtype: 'int32'>",
        () -> Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32));
  }

  @Test
  void stateDtypesMustAgreeWithoutDtype() {
    Output x = ph(DType.FLOAT32, 4, 2, 3);
    Object st = new LstmStateTuple<>(tf.zeros(Shape.of(4, 4), DType.FLOAT32),
        tf.zeros(Shape.of(4, 4), DType.FLOAT64));
    fails("State has tensors of different inferred_dtypes. Unable to infer a single "
        + "representative dtype.", () -> Rnn.dynamicRnn(new BasicLstmCell(4), x,
            RnnOptions.defaults().initialState(st)));
  }

  @Test
  void nullCellAndBadWrapperArguments() {
    Output x = ph(DType.FLOAT32, 4, 2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rnn.dynamicRnn(null, x, DType.FLOAT32));
    assertTrue(e.getMessage().startsWith("The argument 'cell' (None) is not an RNNCell: "));
    fails("Must specify at least one cell for MultiRNNCell.", () -> new MultiRnnCell(List.of()));
    fails("Some cells return tuples of states, but the flag state_is_tuple is not set.  State "
        + "sizes are: [LSTMStateTuple(c=3, h=3)]",
        () -> new MultiRnnCell(List.of(new BasicLstmCell(3)), false));
    fails("Parameter output_keep_prob must be between 0 and 1: 1",
        () -> DropoutWrapper.builder(new GruCell(2)).outputKeepProb(1.5).build());
    fails("Parameter input_keep_prob must be between 0 and 1: 0",
        () -> DropoutWrapper.builder(new GruCell(2)).inputKeepProb(-0.5).build());
    fails("When variational_recurrent=True, dtype must be provided",
        () -> DropoutWrapper.builder(new GruCell(2)).variationalRecurrent(true, 3, null).build());
    fails("When variational_recurrent=True and input_keep_prob < 1.0 or is unknown, input_size "
        + "must be provided", () -> DropoutWrapper.builder(new GruCell(2)).inputKeepProb(0.5)
            .variationalRecurrent(true, null, DType.FLOAT32).build());
  }

  @Test
  void multiRnnCellWantsATupleState() {
    Output x = ph(DType.FLOAT32, 4, 3);
    MultiRnnCell cell = new MultiRnnCell(List.of(new BasicRnnCell(2), new BasicRnnCell(2)));
    Output bad = tf.zeros(Shape.of(4, 2), DType.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cell.call(x, bad));
    assertTrue(e.getMessage().startsWith("Expected state to be a tuple of length 2, but "
        + "received: "), e.getMessage());
  }

  @Test
  void residualShapesMustMatch() {
    Output x = ph(DType.FLOAT32, -1, 3);
    ResidualWrapper cell = new ResidualWrapper(new BasicRnnCell(4));
    fails("Shapes (?, 3) and (2, 4) are incompatible",
        () -> cell.call(x, tf.zeros(Shape.of(2, 4), DType.FLOAT32)));
  }

  @Test
  void aSecondDynamicRnnInTheSameScopeFailsAsTf() {
    Output x = ph(DType.FLOAT32, -1, 2, 3);
    Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32));
    assertEquals("Variable rnn/basic_rnn_cell/kernel already exists, disallowed. Did you mean "
        + "to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?", e.getMessage());
  }

  @Test
  void reuseTrueSharesTheVariables() {
    Output x = ph(DType.FLOAT32, -1, 2, 3);
    BasicRnnCell first = new BasicRnnCell(4);
    RnnResult a = Rnn.dynamicRnn(first, x, DType.FLOAT32);
    BasicRnnCell second = new BasicRnnCell(4);
    RnnResult b;
    try (VariableScopeHandle h = Variables.variableScope(g, "rnn", Reuse.TRUE, null)) {
      b = Rnn.dynamicRnn(second, x, RnnOptions.dtype(DType.FLOAT32).scope(h.scope()));
    }
    assertSame(first.kernel(), second.kernel());
    assertEquals(2, Variables.globalVariables(g).size());
    // the same cell object used twice also shares (it reuses after its first call)
    RnnResult c = Rnn.dynamicRnn(first, x, RnnOptions.dtype(DType.FLOAT32).scope("again"));
    assertEquals(2, Variables.globalVariables(g).size());
    assertTrue(g.operation("rnn_1/rnn/transpose") != null); // TF's name scopes for scope objects
    assertTrue(g.operation("again/transpose") != null);
    try (Session s = new Session(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      Map<Output, Tensor> feed = Map.of(x, Tensor.of(DynamicRnnTest.ARTICLE));
      Tensor ta = s.run(a.outputs(), feed);
      assertEquals(ta, s.run(b.outputs(), feed));
      assertEquals(ta, s.run(c.outputs(), feed));
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void wrongLengthOfSequenceLengthFailsAtRunTime(ExecutorConfig exec) {
    Output x = ph(DType.FLOAT32, -1, 2, 3);
    Output len = tf.placeholder(DType.INT32, Shape.of(-1));
    RnnResult r = Rnn.dynamicRnn(new BasicRnnCell(4), x,
        RnnOptions.dtype(DType.FLOAT32).sequenceLength(len));
    try (Session s = exec.open(g)) {
      s.run(Variables.globalVariablesInitializer(g));
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> s.run(r.outputs(), Map.of(x, Tensor.of(DynamicRnnTest.ARTICLE), len,
              Tensor.of(new int[] {1, 2, 2}))));
      assertTrue(e.getMessage().contains("assertion failed"), e.getMessage());
      assertTrue(e.getMessage().contains("rnn/Assert/Assert"), e.getMessage());
    }
  }
}
