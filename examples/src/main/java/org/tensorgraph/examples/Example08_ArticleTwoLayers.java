package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.print.PythonFormat;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.MultiRnnCell;
import org.tensorgraph.rnn.Rnn;

/**
 * The article, part 2: two {@code BasicRNNCell}s stacked by {@code MultiRNNCell}.
 *
 * <pre>
 * layers = [tf.nn.rnn_cell.BasicRNNCell(num_units=n_nerve) for i in range(2)]
 * multi_layer_cell = tf.contrib.rnn.MultiRNNCell(layers)
 * outputs, states = tf.nn.dynamic_rnn(multi_layer_cell, X, dtype=tf.float32)
 * </pre>
 *
 * The lessons: outputs keep their shape (the top layer's), while the state becomes a tuple with
 * one [batch_size, units] array per layer; the top layer's state is the last step of the outputs.
 */
public final class Example08_ArticleTwoLayers {
  private Example08_ArticleTwoLayers() {}

  public static void main(String[] args) {
    run(DemoOptions.none(), System.out);
  }

  /** Runs the article's two-layer program and prints what it prints, then the lessons. */
  public static void run(DemoOptions options, PrintStream out) {
    run(options, out, 0);
  }

  static void run(DemoOptions options, PrintStream out, int programIndex) {
    print(program(options).run(options, programIndex), out);
  }

  /** The graph: X, two stacked cells, dynamic_rnn. */
  static RnnProgram program(DemoOptions options) {
    String prefix = "rnn/multi_rnn_cell/cell_";
    int u0 = RnnProgram.unitsFrom(options, prefix + "0/basic_rnn_cell/kernel", 1, 4);
    int u1 = RnnProgram.unitsFrom(options, prefix + "1/basic_rnn_cell/kernel", 1, 4);
    return new RnnProgram(RnnProgram.articleBatch(), options)
        .model((tf, x) -> Rnn.dynamicRnn(
            new MultiRnnCell(List.of(new BasicRnnCell(u0), new BasicRnnCell(u1))), x,
            DType.FLOAT32));
  }

  /** What the article prints, then the lessons. */
  static void print(List<Object> v, PrintStream out) {
    Tensor outputs = (Tensor) v.get(0);
    List<?> states = (List<?>) v.get(1);
    out.println("outputs: " + PythonFormat.str(outputs));
    out.println("states: " + PythonFormat.str(states));
    out.println("outputs.shape = " + outputs.shape().toPythonString()
        + "  # the top layer's outputs: [batch_size, max_time, cell.output_size]");
    out.println("len(states) = " + states.size() + "  # one state per layer, each "
        + ((Tensor) states.get(0)).shape().toPythonString());
    Tensor top = (Tensor) states.get(states.size() - 1);
    out.println("states[-1] == outputs[:, -1, :]: " + Example07_ArticleOneLayer.pyBool(
        top.equals(RnnProgram.step(outputs, (int) outputs.shape().dim(1) - 1))));
  }
}
