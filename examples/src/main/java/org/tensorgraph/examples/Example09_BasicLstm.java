package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.print.PythonFormat;
import org.tensorgraph.rnn.BasicLstmCell;
import org.tensorgraph.rnn.LstmStateTuple;
import org.tensorgraph.rnn.Rnn;

/**
 * The article's remark on LSTMs, run: with {@code BasicLSTMCell} the state has two parts, the
 * cell state {@code c} and the hidden state {@code h} ({@code LSTMStateTuple(c=..., h=...)}), and
 * the output at each step is {@code h}.
 *
 * <pre>
 * lstm_cell = tf.nn.rnn_cell.BasicLSTMCell(num_units=4)
 * outputs, states = tf.nn.dynamic_rnn(lstm_cell, X, dtype=tf.float32)
 * </pre>
 */
public final class Example09_BasicLstm {
  private Example09_BasicLstm() {}

  public static void main(String[] args) {
    run(DemoOptions.none(), System.out);
  }

  /** Runs a BasicLSTMCell over the article's X and prints outputs, states and the lessons. */
  public static void run(DemoOptions options, PrintStream out) {
    print(program(options).run(options, 0), out);
  }

  /** The graph: X, a BasicLSTMCell, dynamic_rnn. */
  static RnnProgram program(DemoOptions options) {
    int units = RnnProgram.unitsFrom(options, "rnn/basic_lstm_cell/kernel", 4, 4);
    return new RnnProgram(RnnProgram.articleBatch(), options)
        .model((tf, x) -> Rnn.dynamicRnn(new BasicLstmCell(units), x, DType.FLOAT32));
  }

  /** Outputs and the LSTMStateTuple, then the lessons. */
  static void print(List<Object> v, PrintStream out) {
    Tensor outputs = (Tensor) v.get(0);
    LstmStateTuple<?> states = (LstmStateTuple<?>) v.get(1);
    out.println("outputs: " + PythonFormat.str(outputs));
    out.println("states: " + PythonFormat.str(states));
    Tensor h = (Tensor) states.h();
    out.println("outputs.shape = " + outputs.shape().toPythonString()
        + "  # [batch_size, max_time, cell.output_size]");
    out.println("states.c.shape = " + ((Tensor) states.c()).shape().toPythonString()
        + ", states.h.shape = " + h.shape().toPythonString() + "  # the 2 of [2, batch, units]");
    out.println("states.h == outputs[:, -1, :]: " + Example07_ArticleOneLayer.pyBool(
        h.equals(RnnProgram.step(outputs, (int) outputs.shape().dim(1) - 1))));
  }
}
