package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The error bounds that {@link Activations} states, over 2^24 evenly spaced floats in [-20, 20],
 * a bit-pattern sweep of [2^-100, 8] for tanh's relative error, and the special values. The
 * array loops (vectorized by C2) must give exactly the scalar results.
 */
class ActivationsTest {
  private static final int N = 1 << 24;

  @Test
  void tanhWithin3e7AbsoluteOnADenseGrid() {
    float[] x = grid();
    float[] y = new float[N + 1];
    Activations.tanh(x, y, x.length);
    double worst = 0;
    for (int i = 0; i <= N; i++) {
      double err = Math.abs(y[i] - Math.tanh(x[i]));
      worst = Math.max(worst, err);
    }
    assertTrue(worst <= 3e-7, "max |tanh error| " + worst);
  }

  @Test
  void tanhRelativelyAccurateDownToTinyInputs() {
    double worst = 0;
    float at = 0;
    for (int bits = Float.floatToIntBits(0x1p-100f); bits <= Float.floatToIntBits(8f); bits += 257) {
      float x = Float.intBitsToFloat(bits);
      double t = Math.tanh(x);
      double rel = Math.abs(Activations.tanh(x) - t) / t;
      if (rel > worst) {
        worst = rel;
        at = x;
      }
      if (Activations.tanh(-x) != -Activations.tanh(x)) {
        fail("tanh is not odd at " + x);
      }
    }
    assertTrue(worst <= 3e-7, "max relative tanh error " + worst + " at " + at);
  }

  @Test
  void sigmoidWithin2e7AbsoluteOnADenseGrid() {
    float[] x = grid();
    float[] y = new float[N + 1];
    Activations.sigmoid(x, y, x.length);
    double worst = 0;
    for (int i = 0; i <= N; i++) {
      double exact = ElementwiseUnary.sigmoid(x[i]);
      worst = Math.max(worst, Math.abs(y[i] - exact));
      assertTrue(y[i] >= 0 && y[i] <= 1, "sigmoid in [0, 1] at " + x[i]);
    }
    assertTrue(worst <= 2e-7, "max |sigmoid error| " + worst);
  }

  @Test
  void specialValues() {
    assertTrue(Float.isNaN(Activations.tanh(Float.NaN)));
    assertTrue(Float.isNaN(Activations.sigmoid(Float.NaN)));
    assertEquals(1f, Activations.tanh(Float.POSITIVE_INFINITY));
    assertEquals(-1f, Activations.tanh(Float.NEGATIVE_INFINITY));
    assertEquals(1f, Activations.tanh(Float.MAX_VALUE));
    assertEquals(1f, Activations.sigmoid(Float.POSITIVE_INFINITY));
    assertEquals(0f, Activations.sigmoid(Float.NEGATIVE_INFINITY), 1e-7f);
    assertEquals(0.5f, Activations.sigmoid(0f));
    assertEquals(0.5f, Activations.sigmoid(-0f));
    assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Activations.tanh(0f)));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Activations.tanh(-0f)));
    assertEquals(1e-30f, Activations.tanh(1e-30f), 1e-36f);
    assertEquals(0.46211717f, Activations.tanh(0.5f));
    assertEquals(0.11920292f, Activations.sigmoid(-2f), 1e-7f);
  }

  @Test
  void arrayLoopsGiveTheScalarResults() {
    float[] x = new float[4099];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i - 2049) * 0.0123f;
    }
    x[7] = Float.NaN;
    x[8] = Float.NEGATIVE_INFINITY;
    float[] t = new float[x.length];
    float[] s = new float[x.length];
    for (int rep = 0; rep < 200; rep++) { // long enough for C2 to compile the loops
      Activations.tanh(x, t, x.length);
      Activations.sigmoid(x, s, x.length);
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(Activations.tanh(x[i]), t[i], 0f, "tanh at " + x[i]);
      assertEquals(Activations.sigmoid(x[i]), s[i], 0f, "sigmoid at " + x[i]);
    }
  }

  @Test
  void fusedBiasAddEqualsBiasAddThenActivation() {
    float[] v = new float[6 * 37];
    float[] bias = new float[37];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(i) * 5;
    }
    for (int j = 0; j < bias.length; j++) {
      bias[j] = j * 0.1f - 1.7f;
    }
    float[] want = new float[v.length];
    float[] wantS = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      want[i] = Activations.tanh(v[i] + bias[i % 37]);
      wantS[i] = Activations.sigmoid(v[i] + bias[i % 37]);
    }
    float[] got = new float[v.length];
    Activations.biasAddTanh(v, bias, got);
    assertArrayEquals(want, got);
    Activations.biasAddSigmoid(v, bias, got);
    assertArrayEquals(wantS, got);
  }

  private static float[] grid() {
    float[] x = new float[N + 1];
    for (int i = 0; i <= N; i++) {
      x[i] = (float) (-20 + 40.0 * i / N);
    }
    return x;
  }
}
