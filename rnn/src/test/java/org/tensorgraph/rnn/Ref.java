package org.tensorgraph.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Naive reference math for the cells: plain loops in double over float inputs. Each cell's step
 * maps {@code (x [B][D], state...)} to new arrays; tests compare the graph's results against these
 * within {@link #TOL}.
 */
final class Ref {
  static final double TOL = 1e-5;

  private Ref() {}

  static float[][] m(Tensor t) {
    int r = (int) t.shape().dim(0);
    int c = (int) t.shape().dim(1);
    float[] d = t.toFloatArray();
    float[][] out = new float[r][c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(d, i * c, out[i], 0, c);
    }
    return out;
  }

  static float[] v(Tensor t) {
    return t.toFloatArray();
  }

  static Tensor t(float[][] a) {
    return Tensor.of(a);
  }

  static double sig(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** concat([a, b], 1) · w + bias. */
  static double[][] linear(float[][] a, float[][] b, float[][] w, float[] bias) {
    int batch = a.length;
    int n = w[0].length;
    double[][] out = new double[batch][n];
    for (int i = 0; i < batch; i++) {
      for (int j = 0; j < n; j++) {
        double s = bias[j];
        for (int k = 0; k < a[i].length; k++) {
          s += a[i][k] * (double) w[k][j];
        }
        for (int k = 0; k < b[i].length; k++) {
          s += b[i][k] * (double) w[a[i].length + k][j];
        }
        out[i][j] = s;
      }
    }
    return out;
  }

  static float[][] f(double[][] a) {
    float[][] r = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      r[i] = new float[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        r[i][j] = (float) a[i][j];
      }
    }
    return r;
  }

  /** BasicRNNCell: tanh(linear). */
  static float[][] rnn(float[][] x, float[][] h, float[][] w, float[] b) {
    double[][] z = linear(x, h, w, b);
    for (double[] row : z) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.tanh(row[j]);
      }
    }
    return f(z);
  }

  /** BasicLSTMCell / LSTMCell without extras: returns {c', h'}. */
  static float[][][] lstm(float[][] x, float[][] c, float[][] h, float[][] w, float[] b,
      double forgetBias) {
    double[][] z = linear(x, h, w, b);
    int u = c[0].length;
    float[][] nc = new float[x.length][u];
    float[][] nh = new float[x.length][u];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < u; j++) {
        double gi = z[i][j];
        double gj = z[i][u + j];
        double gf = z[i][2 * u + j];
        double go = z[i][3 * u + j];
        double cc = c[i][j] * sig(gf + forgetBias) + sig(gi) * Math.tanh(gj);
        nc[i][j] = (float) cc;
        nh[i][j] = (float) (Math.tanh(cc) * sig(go));
      }
    }
    return new float[][][] {nc, nh};
  }

  /** GRUCell. */
  static float[][] gru(float[][] x, float[][] h, float[][] wg, float[] bg, float[][] wc,
      float[] bc) {
    double[][] g = linear(x, h, wg, bg);
    int u = h[0].length;
    float[][] rh = new float[x.length][u];
    double[][] uu = new double[x.length][u];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < u; j++) {
        rh[i][j] = (float) (sig(g[i][j]) * h[i][j]);
        uu[i][j] = sig(g[i][u + j]);
      }
    }
    double[][] cand = linear(x, rh, wc, bc);
    float[][] out = new float[x.length][u];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < u; j++) {
        out[i][j] = (float) (uu[i][j] * h[i][j] + (1 - uu[i][j]) * Math.tanh(cand[i][j]));
      }
    }
    return out;
  }

  static void close(float[][] want, Tensor got) {
    assertEquals(Shape.of(want.length, want[0].length), got.shape());
    float[][] g = m(got);
    for (int i = 0; i < want.length; i++) {
      assertArrayEquals(want[i], g[i], (float) TOL, "row " + i);
    }
  }

  /** A deterministic pseudo-random [r][c] array in [-1, 1). */
  static float[][] rand(int r, int c, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    float[][] a = new float[r][c];
    for (float[] row : a) {
      for (int j = 0; j < c; j++) {
        row[j] = rnd.nextFloat() * 2 - 1;
      }
    }
    return a;
  }
}
