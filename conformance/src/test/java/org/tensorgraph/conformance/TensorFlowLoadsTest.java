package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;

/** The oracle itself: TF 1.15's native runtime loads here and runs a graph. */
@ExtendWith(TensorFlowAvailable.class)
class TensorFlowLoadsTest {
  @Test
  void isVersion115() {
    assertEquals("1.15.0", TensorFlow.version());
  }

  @Test
  void runsConstAddInASession() {
    try (TfGraph tf = new TfGraph();
        Session session = tf.session()) {
      Output<?> x = tf.constant(Tensor.create(new float[] {1.5f, -2f}));
      Output<?> y = tf.constant(Tensor.create(new float[] {0.25f, 4f}));
      Output<?> sum = tf.binary("Add", x, y);
      float[] result = (float[]) tf.run(session, List.of(sum)).get(0);
      assertArrayEquals(new float[] {1.75f, 2f}, result);
    }
  }
}
