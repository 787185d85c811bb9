package org.tensorgraph.benchmarks;

import java.util.SplittableRandom;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.rnn.BasicLstmCell;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.GruCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnCell;
import java.util.List;
import java.util.Map;

/**
 * One row of the RNN table: cell, batch, time, input depth, units, written {@code
 * lstm-32-100-64-128} (cell {@code basic}, {@code lstm} or {@code gru}).
 *
 * <pre>{@code
 * RnnCase c = RnnCase.parse("lstm-32-100-64-128");
 * c.label();   // "BasicLSTM 32, 100, 64, 128"
 * }</pre>
 *
 * @param cell basic, lstm or gru
 * @param batch examples per run
 * @param time steps
 * @param input depth of each step's input
 * @param units the cell's units
 */
public record RnnCase(String cell, int batch, int time, int input, int units) {
  /** Parses {@code cell-batch-time-input-units}. */
  public static RnnCase parse(String s) {
    String[] p = s.split("-");
    if (p.length != 5 || !List.of("basic", "lstm", "gru").contains(p[0])) {
      throw new IllegalArgumentException("An RNN case is cell-batch-time-input-units with cell"
          + " basic, lstm or gru, like lstm-32-100-64-128; got " + s);
    }
    return new RnnCase(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]),
        Integer.parseInt(p[3]), Integer.parseInt(p[4]));
  }

  /** The notation: {@code BasicLSTM 32, 100, 64, 128}. */
  public String label() {
    String name = switch (cell) {
      case "basic" -> "BasicRNN";
      case "lstm" -> "BasicLSTM";
      default -> "GRU";
    };
    return name + " " + batch + ", " + time + ", " + input + ", " + units;
  }

  /** {@code tf.nn.dynamic_rnn(cell, X, dtype=tf.float32)} on {@code X} of [?, time, input]. */
  public BenchGraph build() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.setRandomSeed(SideBySide.SEED);
    Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, time, input));
    Output outputs = Rnn.dynamicRnn(newCell(), x, DType.FLOAT32).outputs();
    return new BenchGraph(g, tf.globalVariablesInitializer(), List.of(outputs),
        Map.of(x, inputs()), true);
  }

  private RnnCell newCell() {
    return switch (cell) {
      case "basic" -> new BasicRnnCell(units);
      case "lstm" -> new BasicLstmCell(units);
      default -> new GruCell(units);
    };
  }

  /** X: uniform in [-1, 1), the same on every side and run. */
  private Tensor inputs() {
    SplittableRandom r = new SplittableRandom(SideBySide.SEED);
    float[] v = new float[batch * time * input];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Tensor.of(Shape.of(batch, time, input), v);
  }
}
