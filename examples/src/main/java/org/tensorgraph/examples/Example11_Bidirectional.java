package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.print.PythonFormat;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.BidirectionalRnnResult;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnOptions;

/**
 * {@code bidirectional_dynamic_rnn}: one cell reads the sequence forwards, another backwards; the
 * outputs are returned as a pair (not concatenated), the backward ones put back in time order,
 * so the backward cell's final state is its output at step 0.
 *
 * <pre>
 * cell_fw = tf.nn.rnn_cell.BasicRNNCell(4); cell_bw = tf.nn.rnn_cell.BasicRNNCell(4)
 * (out_fw, out_bw), (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(
 *     cell_fw, cell_bw, X, dtype=tf.float32)
 * </pre>
 */
public final class Example11_Bidirectional {
  private Example11_Bidirectional() {}

  public static void main(String[] args) {
    run(DemoOptions.none(), System.out);
  }

  /** Runs both directions over the article's X and prints the pairs and the lessons. */
  public static void run(DemoOptions options, PrintStream out) {
    print(program(options).run(options, 0), out);
  }

  /** The graph: X, two cells, bidirectional_dynamic_rnn. */
  static RnnProgram program(DemoOptions options) {
    String scope = "bidirectional_rnn/";
    int fwUnits = RnnProgram.unitsFrom(options, scope + "fw/basic_rnn_cell/kernel", 1, 4);
    int bwUnits = RnnProgram.unitsFrom(options, scope + "bw/basic_rnn_cell/kernel", 1, 4);
    RnnProgram p = new RnnProgram(RnnProgram.articleBatch(), options);
    BidirectionalRnnResult r = Rnn.bidirectionalDynamicRnn(new BasicRnnCell(fwUnits),
        new BasicRnnCell(bwUnits), p.x(), RnnOptions.dtype(DType.FLOAT32));
    return p.fetching(List.of(List.of(r.outputFw(), r.outputBw()),
        List.of(r.stateFw(), r.stateBw())));
  }

  /** The output pair and the state pair, then the lessons. */
  static void print(List<Object> v, PrintStream out) {
    List<?> outputs = (List<?>) v.get(0);
    List<?> states = (List<?>) v.get(1);
    out.println("outputs: " + PythonFormat.str(outputs));
    out.println("states: " + PythonFormat.str(states));
    Tensor outFw = (Tensor) outputs.get(0);
    Tensor outBw = (Tensor) outputs.get(1);
    int last = (int) outFw.shape().dim(1) - 1;
    out.println("state_fw == out_fw[:, -1, :]: " + Example07_ArticleOneLayer.pyBool(
        states.get(0).equals(RnnProgram.step(outFw, last))));
    out.println("state_bw == out_bw[:, 0, :]: " + Example07_ArticleOneLayer.pyBool(
        states.get(1).equals(RnnProgram.step(outBw, 0))));
  }
}
