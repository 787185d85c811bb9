package org.tensorgraph.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.session.ExecutorKind;

/** The floor loop computes the session's outputs bit for bit, so the two measure equal work. */
class LstmFloorTest {
  @ParameterizedTest
  @ValueSource(strings = {"lstm-3-5-4-6", "lstm-4-2-3-4", "lstm-1-1000-32-64"})
  void equalsTheSessionBitForBit(String row) {
    RnnCase c = RnnCase.parse(row);
    BenchGraph g = c.build();
    Tensor x = g.feeds().values().iterator().next();
    float[] floor = LstmFloor.of(c, TfV1Rnn.weightsOf(g), x).run();
    try (OursRun ours = OursRun.start(g, ExecutorKind.THREADED)) {
      List<Tensor> out = ours.run();
      assertEquals(org.tensorgraph.core.Shape.of(c.batch(), c.time(), c.units()),
          out.get(0).shape());
      assertArrayEquals((float[]) out.get(0).rawData(), floor, row);
    }
  }

  @Test
  void rejectsOtherCellsAndMissingWeights() {
    RnnCase basic = RnnCase.parse("basic-1-2-3-4");
    Tensor x = basic.build().feeds().values().iterator().next();
    assertThrows(IllegalArgumentException.class, () -> LstmFloor.of(basic, Map.of(), x));
    RnnCase lstm = RnnCase.parse("lstm-1-2-3-4");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LstmFloor.of(lstm, Map.of(), x));
    assertEquals("LstmFloor needs a float32 kernel, got null", e.getMessage());
  }
}
