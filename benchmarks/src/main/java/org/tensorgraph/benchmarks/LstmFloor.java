package org.tensorgraph.benchmarks;

import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.ops.EigenFloat;
import org.tensorgraph.ops.gemm.Gemm;

/**
 * The floor under the BasicLSTM rows: {@code dynamic_rnn}'s forward pass (zero initial state, no
 * sequence lengths, batch-major in and out) as one plain Java loop over the kernels that the
 * session's fused graph calls: the hoisted input projection, one packed product per step, the
 * bias, and the cell's Sigmoid/Tanh by {@link EigenFloat}. No graph, no session, no TensorList,
 * one thread, buffers reused across steps. Its outputs have the session's bits (tested), so
 * {@code RnnFloorBench} measures the same work, and the ratio of a row's {@code ours} time to
 * this one is what the graph machinery, fresh per-step arrays and hand-offs cost.
 *
 * <pre>{@code
 * BenchGraph g = RnnCase.parse("lstm-1-1000-32-64").build();
 * LstmFloor floor = LstmFloor.of(RnnCase.parse("lstm-1-1000-32-64"), TfV1Rnn.weightsOf(g),
 *     g.feeds().values().iterator().next());
 * float[] outputs = floor.run();  // [1, 1000, 64], as the session's rnn/transpose_1
 * }</pre>
 */
public final class LstmFloor {
  /** BasicLSTMCell's default {@code forget_bias}. */
  private static final float FORGET_BIAS = 1f;

  private final int batch;
  private final int time;
  private final int input;
  private final int units;
  private final float[] x;
  private final float[] bias;
  private final Gemm.Packed top;
  private final Gemm.Packed bottom;

  private LstmFloor(RnnCase c, float[] kernel, float[] bias, float[] x) {
    this.batch = c.batch();
    this.time = c.time();
    this.input = c.input();
    this.units = c.units();
    this.x = x;
    this.bias = bias;
    int n = 4 * units;
    this.top = Gemm.pack(false, input, n, kernel, 0);
    this.bottom = Gemm.pack(false, units, n, kernel, input * n);
  }

  /**
   * The floor of an {@code lstm} row, with the weights of {@link TfV1Rnn#weightsOf} and the
   * row's X.
   *
   * @throws IllegalArgumentException if the row is not an {@code lstm} one, or a weight or X is
   *     missing or not float32
   */
  public static LstmFloor of(RnnCase c, Map<String, Tensor> weights, Tensor x) {
    if (!c.cell().equals("lstm")) {
      throw new IllegalArgumentException("LstmFloor runs lstm rows, not " + c.label());
    }
    return new LstmFloor(c, floats(weights.get("rnn/basic_lstm_cell/kernel"), "kernel"),
        floats(weights.get("rnn/basic_lstm_cell/bias"), "bias"), floats(x, "X"));
  }

  private static float[] floats(Tensor t, String what) {
    if (t == null || t.dtype() != DType.FLOAT32) {
      throw new IllegalArgumentException("LstmFloor needs a float32 " + what + ", got " + t);
    }
    return (float[]) t.rawData();
  }

  /** The outputs, {@code [batch, time, units]} row-major. */
  public float[] run() {
    int n = 4 * units;
    int bu = batch * units;
    // dynamic_rnn's transpose to time-major, then x_t W_top for every step at once
    float[] xt = new float[time * batch * input];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < time; t++) {
        System.arraycopy(x, (b * time + t) * input, xt, (t * batch + b) * input, input);
      }
    }
    float[] proj = new float[time * batch * n];
    Gemm.sgemm(false, time * batch, xt, 0, top, proj, 0, false, Runnable::run, 1);
    float[] out = new float[batch * time * units];
    float[] gates = new float[batch * n];
    float[][] part = new float[4][bu];
    float[] c = new float[bu];
    float[] h = new float[bu];
    float[] tc = new float[bu];
    for (int t = 0; t < time; t++) {
      System.arraycopy(proj, t * batch * n, gates, 0, batch * n);
      Gemm.sgemm(false, batch, h, 0, bottom, gates, 0, true, Runnable::run, 1);
      for (int r = 0; r < batch; r++) {
        for (int k = 0; k < n; k++) {
          gates[r * n + k] += bias[k]; // BiasAdd
        }
        for (int p = 0; p < 4; p++) { // Split: i, j, f, o
          System.arraycopy(gates, r * n + p * units, part[p], r * units, units);
        }
      }
      step(part, c, h, tc);
      for (int r = 0; r < batch; r++) {
        System.arraycopy(h, r * units, out, (r * time + t) * units, units);
      }
    }
    return out;
  }

  /**
   * BasicLSTMCell's arithmetic in its order, each op over the whole [batch, units] array (so
   * Sigmoid's packet/tail split falls where the graph's does); c and h updated in place.
   */
  private static void step(float[][] part, float[] c, float[] h, float[] tc) {
    int bu = c.length;
    float[] i = part[0];
    float[] j = part[1];
    float[] f = part[2];
    float[] o = part[3];
    for (int k = 0; k < bu; k++) {
      f[k] += FORGET_BIAS;
    }
    EigenFloat.logistic(f, f, bu);
    EigenFloat.logistic(i, i, bu);
    EigenFloat.tanh(j, j, bu);
    for (int k = 0; k < bu; k++) {
      c[k] = c[k] * f[k] + i[k] * j[k]; // Java rounds each op to float: no contraction
    }
    EigenFloat.tanh(c, tc, bu);
    EigenFloat.logistic(o, o, bu);
    for (int k = 0; k < bu; k++) {
      h[k] = tc[k] * o[k];
    }
  }
}
