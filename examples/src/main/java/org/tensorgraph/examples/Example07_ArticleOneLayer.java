package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.print.PythonFormat;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.Rnn;

/**
 * The article, part 1: one {@code BasicRNNCell} of 4 units run by {@code tf.nn.dynamic_rnn} over
 * X of shape [4, 2, 3]. Line by line:
 *
 * <pre>
 * n_steps = 2; n_inputs = 3; n_nerve = 4
 * X = tf.placeholder(tf.float32, [None, n_steps, n_inputs])
 * basic_cell = tf.nn.rnn_cell.BasicRNNCell(num_units=n_nerve)
 * outputs, states = tf.nn.dynamic_rnn(basic_cell, X, dtype=tf.float32)
 * init = tf.global_variables_initializer()
 * ...
 * outputs_val, states_val = sess.run([outputs, states], feed_dict={X: X_batch})
 * print("outputs:", outputs_val)
 * print("states:", states_val)
 * </pre>
 *
 * The lessons: outputs are [batch_size, max_time, cell.output_size], states [batch_size,
 * cell.output_size], and with one layer the state is the last step of the outputs.
 */
public final class Example07_ArticleOneLayer {
  private Example07_ArticleOneLayer() {}

  public static void main(String[] args) {
    run(DemoOptions.none(), System.out);
  }

  /** Runs the article's one-layer program and prints what it prints, then the lessons. */
  public static void run(DemoOptions options, PrintStream out) {
    run(options, out, 0);
  }

  static void run(DemoOptions options, PrintStream out, int programIndex) {
    print(program(options).run(options, programIndex), out);
  }

  /** The graph: X, the cell, dynamic_rnn. */
  static RnnProgram program(DemoOptions options) {
    int units = RnnProgram.unitsFrom(options, "rnn/basic_rnn_cell/kernel", 1, 4);
    return new RnnProgram(RnnProgram.articleBatch(), options)
        .model((tf, x) -> Rnn.dynamicRnn(new BasicRnnCell(units), x, DType.FLOAT32));
  }

  /** What the article prints, then the lessons. */
  static void print(List<Object> v, PrintStream out) {
    Tensor outputs = (Tensor) v.get(0);
    Tensor states = (Tensor) v.get(1);
    out.println("outputs: " + PythonFormat.str(outputs));
    out.println("states: " + PythonFormat.str(states));
    out.println("outputs.shape = " + outputs.shape().toPythonString()
        + "  # [batch_size, max_time, cell.output_size]");
    out.println("states.shape = " + states.shape().toPythonString()
        + "  # [batch_size, cell.output_size]");
    out.println("states == outputs[:, -1, :]: "
        + pyBool(states.equals(RnnProgram.step(outputs, (int) outputs.shape().dim(1) - 1))));
  }

  static String pyBool(boolean b) {
    return b ? "True" : "False";
  }
}
