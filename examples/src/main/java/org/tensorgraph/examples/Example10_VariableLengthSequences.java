package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.print.PythonFormat;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnOptions;

/**
 * {@code sequence_length}: sequences shorter than the batch's longest are padded, and {@code
 * dynamic_rnn} is told each one's length. Past its length a sequence's outputs are zero vectors
 * and its state is carried through unchanged, so the final state is the state after its last
 * real step (the textbook example: the second sequence has one step, then padding).
 *
 * <pre>
 * seq_length = tf.placeholder(tf.int32, [None])
 * basic_cell = tf.nn.rnn_cell.BasicRNNCell(num_units=5)
 * outputs, states = tf.nn.dynamic_rnn(basic_cell, X, dtype=tf.float32, sequence_length=seq_length)
 * X_batch = [[[0, 1, 2], [9, 8, 7]], [[3, 4, 5], [0, 0, 0]], [[6, 7, 8], [6, 5, 4]], [[9, 0, 1], [3, 2, 1]]]
 * seq_length_batch = [2, 1, 2, 2]
 * </pre>
 */
public final class Example10_VariableLengthSequences {
  private Example10_VariableLengthSequences() {}

  public static void main(String[] args) {
    run(DemoOptions.none(), System.out);
  }

  /** Runs the padded batch with its lengths and prints outputs, states and the lessons. */
  public static void run(DemoOptions options, PrintStream out) {
    print(program(options).run(options, 0), out);
  }

  /** The graph: X, seq_length, the cell, dynamic_rnn with sequence_length. */
  static RnnProgram program(DemoOptions options) {
    float[][][] xBatch = {
        {{0, 1, 2}, {9, 8, 7}},
        {{3, 4, 5}, {0, 0, 0}},
        {{6, 7, 8}, {6, 5, 4}},
        {{9, 0, 1}, {3, 2, 1}}};
    int units = RnnProgram.unitsFrom(options, "rnn/basic_rnn_cell/kernel", 1, 5);
    RnnProgram p = new RnnProgram(xBatch, options);
    Output seqLength = p.tf.placeholder(DType.INT32, Shape.of(-1));
    p.feed(seqLength, Tensor.of(new int[] {2, 1, 2, 2}));
    return p.model((tf, x) -> Rnn.dynamicRnn(new BasicRnnCell(units), x,
        RnnOptions.dtype(DType.FLOAT32).sequenceLength(seqLength)));
  }

  /** Outputs and states, then the lessons. */
  static void print(List<Object> v, PrintStream out) {
    Tensor outputs = (Tensor) v.get(0);
    Tensor states = (Tensor) v.get(1);
    out.println("outputs: " + PythonFormat.str(outputs));
    out.println("states: " + PythonFormat.str(states));
    Tensor padded = RnnProgram.row(RnnProgram.step(outputs, 1), 1);
    out.println("outputs[1, 1] is all zeros (past the length): "
        + Example07_ArticleOneLayer.pyBool(padded.equals(Tensor.zeros(DType.FLOAT32,
            padded.shape()))));
    out.println("states[1] == outputs[1, 0] (the last real step): "
        + Example07_ArticleOneLayer.pyBool(RnnProgram.row(states, 1).equals(
            RnnProgram.row(RnnProgram.step(outputs, 0), 1))));
  }
}
