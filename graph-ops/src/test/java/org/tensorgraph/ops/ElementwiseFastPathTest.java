package org.tensorgraph.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;

/**
 * The shortcuts of {@link ElementwiseBinary#apply} and {@link ElementwiseCompare#apply} (equal
 * shapes, a scalar, a repeated row) against a per-element reference over {@link
 * Broadcast#indexMap}: same values, shape, dtype and errors as the general broadcast walk.
 */
class ElementwiseFastPathTest {
  record Pair(Shape x, Shape y) {}

  /** Shape pairs that take each shortcut, from both sides, and some that must not. */
  static List<Pair> pairs() {
    return List.of(new Pair(Shape.scalar(), Shape.scalar()), new Pair(Shape.of(3), Shape.scalar()),
        new Pair(Shape.scalar(), Shape.of(3)), new Pair(Shape.of(2, 3), Shape.of(3)),
        new Pair(Shape.of(3), Shape.of(2, 3)), new Pair(Shape.of(2, 3), Shape.of(1, 3)),
        new Pair(Shape.of(1, 3), Shape.of(4, 3)), new Pair(Shape.of(4, 2, 3), Shape.of(2, 3)),
        new Pair(Shape.of(2, 3), Shape.of(2, 3)), new Pair(Shape.of(1), Shape.scalar()),
        new Pair(Shape.of(1, 1), Shape.of(3)), new Pair(Shape.of(3), Shape.of(1, 1)),
        new Pair(Shape.of(5, 1), Shape.of(1)), new Pair(Shape.of(0, 3), Shape.of(3)),
        new Pair(Shape.of(3), Shape.of(0, 3)), new Pair(Shape.of(2, 0), Shape.of(0)),
        new Pair(Shape.of(2, 1), Shape.of(2, 3)), new Pair(Shape.of(2, 3), Shape.of(1, 1, 3)),
        new Pair(Shape.of(3, 1), Shape.of(1, 4)), new Pair(Shape.of(2, 1, 3), Shape.of(1, 3)));
  }

  record BinCase(int op, DType dtype, Pair shapes) {}

  static Stream<BinCase> binaryCases() {
    List<BinCase> r = new ArrayList<>();
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64)) {
      for (int op = ElementwiseBinary.ADD; op <= ElementwiseBinary.POW; op++) {
        for (Pair p : pairs()) {
          r.add(new BinCase(op, t, p));
        }
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("binaryCases")
  void binaryShortcutsMatchThePerElementReference(BinCase c) {
    Tensor x = values(c.dtype(), c.shapes().x(), -3);
    Tensor y = values(c.dtype(), c.shapes().y(), 1); // from 1 up: no integer division by zero
    Tensor z = ElementwiseBinary.apply(c.op(), x, y);
    assertEquals(reference(c.op(), x, y), z);
  }

  record CmpCase(int op, DType dtype, Pair shapes) {}

  static Stream<CmpCase> compareCases() {
    List<CmpCase> r = new ArrayList<>();
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL)) {
      int[] ops = t == DType.BOOL
          ? new int[] {ElementwiseCompare.EQUAL, ElementwiseCompare.NOT_EQUAL,
              ElementwiseCompare.AND, ElementwiseCompare.OR}
          : new int[] {ElementwiseCompare.EQUAL, ElementwiseCompare.NOT_EQUAL,
              ElementwiseCompare.LESS, ElementwiseCompare.LESS_EQUAL, ElementwiseCompare.GREATER,
              ElementwiseCompare.GREATER_EQUAL};
      for (int op : ops) {
        for (Pair p : pairs()) {
          r.add(new CmpCase(op, t, p));
        }
      }
    }
    return r.stream();
  }

  @ParameterizedTest
  @MethodSource("compareCases")
  void compareShortcutsMatchThePerElementReference(CmpCase c) {
    Tensor x = values(c.dtype(), c.shapes().x(), -2);
    Tensor y = values(c.dtype(), c.shapes().y(), 0);
    Tensor z = ElementwiseCompare.apply(c.op(), x, y);
    assertEquals(compareReference(c.op(), x, y), z);
  }

  @Test
  void aScalarDividesFloatsAsTheBroadcastWalkDoes() {
    // NaN and signed zeros must come through every shortcut unchanged.
    Tensor x = Tensor.of(Shape.of(2, 2), new float[] {0f, -0f, Float.NaN, 1f});
    Tensor zero = Tensor.of(0f);
    assertEquals(Tensor.of(Shape.of(2, 2), new float[] {Float.NaN, Float.NaN, Float.NaN,
        Float.POSITIVE_INFINITY}), ElementwiseBinary.apply(ElementwiseBinary.DIV, x, zero));
    assertEquals(Tensor.of(Shape.of(2, 2), new float[] {-0f, -0f, Float.NaN, -0f}),
        ElementwiseBinary.apply(ElementwiseBinary.MAX, Tensor.of(Shape.of(2, 2),
            new float[] {-0f, -0f, Float.NaN, -1f}), Tensor.of(Shape.of(2), new float[] {0f, -0f})));
  }

  @Test
  void shortcutsFailWithTheBroadcastPathsTexts() {
    Tensor rows = Tensor.of(Shape.of(2, 2), new int[] {1, 2, 3, 4});
    Tensor row = Tensor.of(Shape.of(2), new int[] {1, 0});
    for (int op : new int[] {ElementwiseBinary.DIV, ElementwiseBinary.FLOOR_DIV,
        ElementwiseBinary.FLOOR_MOD}) {
      assertEquals("Integer division by zero", assertThrows(InvalidArgumentException.class,
          () -> ElementwiseBinary.apply(op, rows, row)).getMessage());
      assertEquals("Integer division by zero", assertThrows(InvalidArgumentException.class,
          () -> ElementwiseBinary.apply(op, rows, Tensor.of(0))).getMessage());
    }
    assertEquals("Integers to negative integer powers are not allowed",
        assertThrows(InvalidArgumentException.class, () -> ElementwiseBinary.apply(
            ElementwiseBinary.POW, rows, Tensor.of(-1))).getMessage());
    Tensor three = Tensor.of(Shape.of(3), new int[] {1, 2, 3});
    assertEquals("Incompatible shapes: [2,2] vs. [3]", assertThrows(
        InvalidArgumentException.class, () -> ElementwiseBinary.apply(ElementwiseBinary.ADD,
            rows, three)).getMessage());
    assertEquals("Incompatible shapes: [3] vs. [2,2]", assertThrows(
        InvalidArgumentException.class, () -> ElementwiseCompare.apply(ElementwiseCompare.LESS,
            three, rows)).getMessage());
  }

  @Test
  void repeatsAlongRowsIsTrueOnlyForAWholeRow() {
    assertTrue(Broadcast.repeatsAlongRows(Shape.of(64), Shape.of(8, 64)));
    assertTrue(Broadcast.repeatsAlongRows(Shape.of(1, 64), Shape.of(8, 64)));
    assertTrue(Broadcast.repeatsAlongRows(Shape.scalar(), Shape.of(8, 64)));
    assertTrue(Broadcast.repeatsAlongRows(Shape.of(1), Shape.of(3)));
    assertFalse(Broadcast.repeatsAlongRows(Shape.of(1, 1), Shape.of(3)), "the output is [1,3]");
    assertFalse(Broadcast.repeatsAlongRows(Shape.of(1, 1, 3), Shape.of(2, 3)), "higher rank");
    assertFalse(Broadcast.repeatsAlongRows(Shape.of(2, 1), Shape.of(2, 3)), "a column");
    assertFalse(Broadcast.repeatsAlongRows(Shape.of(3), Shape.of(3, 1)));
    assertFalse(Broadcast.repeatsAlongRows(Shape.of(8, 64), Shape.of(64)));
  }

  // ---------------------------------------------------------------- references

  /** {@code 0, 1, 2, ...} shifted by {@code from}, as {@code dtype} (bools alternate). */
  private static Tensor values(DType dtype, Shape shape, int from) {
    int n = (int) shape.numElements();
    Object data = ElementwiseBinary.allocate(dtype, n);
    for (int i = 0; i < n; i++) {
      int v = from + (i * 7) % 11; // mixed signs and repeats, so compares go both ways
      switch (dtype) {
        case FLOAT32 -> ((float[]) data)[i] = v * 0.5f;
        case FLOAT64 -> ((double[]) data)[i] = v * 0.25;
        case INT32 -> ((int[]) data)[i] = v;
        case INT64 -> ((long[]) data)[i] = v;
        default -> ((boolean[]) data)[i] = (v & 1) == 0;
      }
    }
    return Tensor.wrap(shape, data);
  }

  private static Tensor reference(int op, Tensor x, Tensor y) {
    Shape out = Broadcast.shape(x.shape(), y.shape());
    int[] xi = Broadcast.indexMap(x.shape(), out);
    int[] yi = Broadcast.indexMap(y.shape(), out);
    int n = (int) out.numElements();
    Object z = ElementwiseBinary.allocate(x.dtype(), n);
    for (int i = 0; i < n; i++) {
      switch (x.dtype()) {
        case FLOAT32 -> ((float[]) z)[i] = ElementwiseBinary.applyF(op,
            ((float[]) x.rawData())[xi[i]], ((float[]) y.rawData())[yi[i]]);
        case FLOAT64 -> ((double[]) z)[i] = ElementwiseBinary.applyD(op,
            ((double[]) x.rawData())[xi[i]], ((double[]) y.rawData())[yi[i]]);
        case INT32 -> ((int[]) z)[i] = ElementwiseBinary.applyI(op,
            ((int[]) x.rawData())[xi[i]], ((int[]) y.rawData())[yi[i]]);
        default -> ((long[]) z)[i] = ElementwiseBinary.applyL(op,
            ((long[]) x.rawData())[xi[i]], ((long[]) y.rawData())[yi[i]]);
      }
    }
    return Tensor.wrap(out, z);
  }

  private static Tensor compareReference(int op, Tensor x, Tensor y) {
    Shape out = Broadcast.shape(x.shape(), y.shape());
    int[] xi = Broadcast.indexMap(x.shape(), out);
    int[] yi = Broadcast.indexMap(y.shape(), out);
    boolean[] z = new boolean[(int) out.numElements()];
    for (int i = 0; i < z.length; i++) {
      if (x.dtype() == DType.BOOL) {
        boolean a = ((boolean[]) x.rawData())[xi[i]];
        boolean b = ((boolean[]) y.rawData())[yi[i]];
        z[i] = switch (op) {
          case ElementwiseCompare.EQUAL -> a == b;
          case ElementwiseCompare.NOT_EQUAL -> a != b;
          case ElementwiseCompare.AND -> a && b;
          default -> a || b;
        };
      } else {
        double a = x.getAsDouble(xi[i]);
        double b = y.getAsDouble(yi[i]);
        z[i] = switch (op) {
          case ElementwiseCompare.EQUAL -> a == b;
          case ElementwiseCompare.NOT_EQUAL -> a != b;
          case ElementwiseCompare.LESS -> a < b;
          case ElementwiseCompare.LESS_EQUAL -> a <= b;
          case ElementwiseCompare.GREATER -> a > b;
          default -> a >= b;
        };
      }
    }
    return Tensor.wrap(out, z);
  }
}
