package org.tensorgraph.core.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.Tensor;

class PythonFormatTest {
  record LstmStateTuple<T>(T c, T h) {}

  private static final Tensor A = Tensor.of(new float[][] {{-0.71645427f, -0.0585744f}});
  private static final Tensor B = Tensor.of(new float[] {1, 2});

  @Test
  void tuplesPrintTheirArraysByRepr() {
    assertEquals("(" + A.repr() + ", " + B.repr() + ")", PythonFormat.str(List.of(A, B)));
    assertEquals("(" + B.repr() + ",)", PythonFormat.str(List.of(B)));
    assertEquals("()", PythonFormat.str(List.of()));
  }

  @Test
  void aBareArrayPrintsByStr() {
    assertEquals(B.toString(), PythonFormat.str(B));
    assertEquals("[1. 2.]", PythonFormat.str(B));
  }

  @Test
  void namedTuplesAndDicts() {
    assertEquals("LSTMStateTuple(c=" + A.repr() + ", h=" + B.repr() + ")",
        PythonFormat.str(new LstmStateTuple<>(A, B)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", B);
    m.put("n", null);
    assertEquals("{'x': " + B.repr() + ", 'n': None}", PythonFormat.str(m));
    assertEquals("((" + B.repr() + ", True),)", PythonFormat.str(List.of(List.of(B, true))));
  }

  @Test
  void theArticlesTwoLayerStateLayout() {
    // print("states:", states_val) for a 2-tuple of float32 [1,2] arrays
    String s = PythonFormat.str(List.of(A, A));
    assertEquals("(array([[-0.71645427, -0.0585744 ]], dtype=float32), "
        + "array([[-0.71645427, -0.0585744 ]], dtype=float32))", s);
  }
}
