package org.tensorgraph.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TensorTest {
  record FromArray(Object array, DType dtype, Shape shape) {}

  static Stream<FromArray> javaArrays() {
    return Stream.of(
        new FromArray(new float[4][2][3], DType.FLOAT32, Shape.of(4, 2, 3)),
        new FromArray(new double[] {1, 2}, DType.FLOAT64, Shape.of(2)),
        new FromArray(new int[2][0], DType.INT32, Shape.of(2, 0)),
        new FromArray(new long[0][5], DType.INT64, Shape.of(0, 0)),
        new FromArray(new boolean[1][1][1][1], DType.BOOL, Shape.of(1, 1, 1, 1)));
  }

  @ParameterizedTest
  @MethodSource("javaArrays")
  void shapeAndDTypeComeFromTheJavaArray(FromArray c) {
    Tensor t = Tensor.of(c.array());
    assertEquals(c.dtype(), t.dtype());
    assertEquals(c.shape(), t.shape());
    assertEquals(c.shape().numElements(), t.size());
  }

  @Test
  void elementsAreRowMajor() {
    float[][][] x = new float[4][2][3];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 3; k++) {
          x[i][j][k] = i * 100 + j * 10 + k;
        }
      }
    }
    Tensor t = Tensor.of(x);
    assertEquals(x[3][1][2], t.getFloat(3, 1, 2));
    float[] flat = t.toFloatArray();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(x[i][j][k], flat[(i * 2 + j) * 3 + k]);
        }
      }
    }
    float[][][] back = t.copyTo(new float[4][2][3]);
    assertTrue(java.util.Arrays.deepEquals(x, back));
    assertTrue(java.util.Arrays.deepEquals(x, (Object[]) t.toJavaArray()));
  }

  @Test
  void flatFactoriesCopyAndCheckLength() {
    float[] data = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.of(Shape.of(2, 3), data);
    data[0] = 99;
    assertEquals(1f, t.getFloat(0, 0), "the factory copies its input");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(Shape.of(2, 2), new int[3]));
    assertEquals("Shape [2,2] holds 4 elements but the data has 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(Shape.of(-1), new int[3]));
  }

  @Test
  void accessorsAreCopies() {
    Tensor t = Tensor.of(new int[] {1, 2});
    int[] a = t.toIntArray();
    a[0] = 7;
    assertEquals(1, t.getInt(0));
  }

  @Test
  void scalarsAndTheirAccessors() {
    assertEquals(0.5f, Tensor.of(0.5f).floatValue());
    assertEquals(0.25, Tensor.of(0.25).doubleValue());
    assertEquals(7, Tensor.of(7).intValue());
    assertEquals(1L << 40, Tensor.of(1L << 40).longValue());
    assertTrue(Tensor.of(true).booleanValue());
    assertEquals(Shape.scalar(), Tensor.of(3).shape());
    assertEquals(3, Tensor.of(3).toJavaArray());
  }

  @Test
  void wrongDTypeAccessIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(1).floatValue());
    assertEquals("floatValue() needs a tensor of dtype float, but this tensor is int32 with "
        + "shape []", e.getMessage());
    IllegalArgumentException nonScalar = assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(new float[] {1, 2}).floatValue());
    assertTrue(nonScalar.getMessage().startsWith("floatValue() needs a scalar, but the tensor "
        + "has shape [2]"), nonScalar.getMessage());
  }

  @Test
  void raggedArraysAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(new float[][] {{1, 2}, {3}}));
    assertEquals("Ragged Java array: dimension 1 has length 1 where an earlier sub-array had 2",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1}, null}));
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new String[] {"a"}));
    assertThrows(IllegalArgumentException.class, () -> Tensor.of((Object) "not an array"));
  }

  @Test
  void oversizedShapesAreRejectedBeforeAllocating() {
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(DType.FLOAT32, Shape.of(1L << 20, 1L << 20)));
    assertTrue(big.getMessage().contains("at most " + Tensor.MAX_ELEMENTS), big.getMessage());
    IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(DType.FLOAT32, Shape.of(1L << 40, 1L << 40)));
    assertTrue(overflow.getMessage().contains("more than"), overflow.getMessage());
  }

  @Test
  void indexesAreBoundsChecked() {
    Tensor t = Tensor.of(new float[2][3]);
    assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(0, -1));
    assertThrows(IllegalArgumentException.class, () -> t.getFloat(0));
  }

  @Test
  void copyToChecksTheDestination() {
    Tensor t = Tensor.of(new float[2][3]);
    assertThrows(IllegalArgumentException.class, () -> t.copyTo(new float[3][2]));
    assertThrows(IllegalArgumentException.class, () -> t.copyTo(new double[2][3]));
    assertThrows(IllegalArgumentException.class, () -> t.copyTo(new float[6]));
  }

  @Test
  void equalityIsByDTypeShapeAndBits() {
    Tensor a = Tensor.of(new float[] {1, Float.NaN});
    assertEquals(a, Tensor.of(new float[] {1, Float.NaN}));
    assertEquals(a.hashCode(), Tensor.of(new float[] {1, Float.NaN}).hashCode());
    assertNotEquals(Tensor.of(new float[] {0f}), Tensor.of(new float[] {-0f}));
    assertNotEquals(Tensor.of(new float[] {1}), Tensor.of(new double[] {1}));
    assertNotEquals(Tensor.of(Shape.of(2, 1), new int[] {1, 2}), Tensor.of(new int[] {1, 2}));
  }

  @Test
  void wrapHandsOverWithoutCopying() {
    long[] data = {1, 2, 3};
    Tensor t = Tensor.wrap(Shape.of(3), data);
    assertEquals(DType.INT64, t.dtype());
    assertArrayEquals(data, (long[]) t.rawData());
    assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(Shape.of(2), data));
  }

  @Test
  void variantsHoldHostObjects() {
    Object list = new Object();
    Tensor v = Tensor.variant(list);
    assertEquals(DType.VARIANT, v.dtype());
    assertEquals(list, v.variantValue());
    assertThrows(IllegalArgumentException.class, v::rawData);
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(DType.VARIANT, Shape.of(1)));
  }
}
