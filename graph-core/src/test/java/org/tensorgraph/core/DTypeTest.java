package org.tensorgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DTypeTest {
  @ParameterizedTest
  @CsvSource({
      "FLOAT32, float, DT_FLOAT, 1, <f4, float32, 4",
      "FLOAT64, double, DT_DOUBLE, 2, <f8, float64, 8",
      "INT32, int32, DT_INT32, 3, <i4, int32, 4",
      "INT64, int64, DT_INT64, 9, <i8, int64, 8",
      "BOOL, bool, DT_BOOL, 10, |b1, bool, 1"})
  void namesMatchTfAndNumpy(DType t, String tf, String proto, int num, String descr, String np,
      int size) {
    assertEquals(tf, t.tfName());
    assertEquals(proto, t.protoName());
    assertEquals(num, t.protoEnum());
    assertEquals(descr, t.numpyDescr());
    assertEquals(np, t.numpyName());
    assertEquals(size, t.byteSize());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyNameRoundTrips(DType t) {
    assertSame(t, DType.fromName(t.tfName()));
    assertSame(t, DType.fromName(t.protoName()));
    assertSame(t, DType.fromProtoEnum(t.protoEnum()));
  }

  @ParameterizedTest
  @CsvSource({"complex64", "DT_STRING", "half", "''"})
  void unsupportedNamesAreRejected(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DType.fromName(name));
    assertEquals("Unsupported dtype '" + name + "'; expected one of float, double, int32, int64, "
        + "bool (or DT_FLOAT ..., float32 ...)", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = "VARIANT", mode = EnumSource.Mode.EXCLUDE)
  void newArraysHoldZeroedElementsOfTheType(DType t) {
    Object a = t.newArray(3);
    assertEquals(3, java.lang.reflect.Array.getLength(a));
    assertEquals(t, Tensor.wrap(Shape.of(3), a).dtype());
    assertEquals(Tensor.zeros(t, Shape.of(3)), Tensor.wrap(Shape.of(3), a));
  }

  @org.junit.jupiter.api.Test
  void variantsHaveNoDenseArray() {
    assertThrows(IllegalArgumentException.class, () -> DType.VARIANT.newArray(1));
  }
}
