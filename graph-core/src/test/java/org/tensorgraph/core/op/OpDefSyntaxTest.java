package org.tensorgraph.core.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;

class OpDefSyntaxTest {
  record AttrCase(String spec, String name, AttrType type, Object def, List<Object> allowed,
      long min) {}

  static Stream<AttrCase> attrs() {
    return Stream.of(
        new AttrCase("T: {half, float, double, int32}", "T", AttrType.TYPE, null,
            List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32), Long.MIN_VALUE),
        new AttrCase("transpose_a: bool = false", "transpose_a", AttrType.BOOL, false, List.of(),
            Long.MIN_VALUE),
        new AttrCase("N: int >= 2", "N", AttrType.INT, null, List.of(), 2),
        new AttrCase("seed: int = 0", "seed", AttrType.INT, 0L, List.of(), Long.MIN_VALUE),
        new AttrCase("Tidx: {int32, int64} = DT_INT32", "Tidx", AttrType.TYPE, DType.INT32,
            List.of(DType.INT32, DType.INT64), Long.MIN_VALUE),
        new AttrCase("shape: shape = { unknown_rank: true }", "shape", AttrType.SHAPE,
            Shape.unknown(), List.of(), Long.MIN_VALUE),
        new AttrCase("T: list(type) >= 0", "T", AttrType.LIST_TYPE, null, List.of(), 0),
        new AttrCase("output_shapes: list(shape) = []", "output_shapes", AttrType.LIST_SHAPE,
            List.of(), List.of(), Long.MIN_VALUE),
        new AttrCase("shared_name: string = \"\"", "shared_name", AttrType.STRING, "", List.of(),
            Long.MIN_VALUE),
        new AttrCase("padding: {'SAME', 'VALID'}", "padding", AttrType.STRING, null,
            List.of("SAME", "VALID"), Long.MIN_VALUE),
        new AttrCase("squeeze_dims: list(int) = []", "squeeze_dims", AttrType.LIST_INT, List.of(),
            List.of(), Long.MIN_VALUE),
        new AttrCase("alpha: float = 0.2", "alpha", AttrType.FLOAT, 0.2f, List.of(),
            Long.MIN_VALUE),
        new AttrCase("body: func", "body", AttrType.FUNC, null, List.of(), Long.MIN_VALUE),
        new AttrCase("value: tensor", "value", AttrType.TENSOR, null, List.of(), Long.MIN_VALUE));
  }

  @ParameterizedTest
  @MethodSource("attrs")
  void parsesTfAttrSpecs(AttrCase c) {
    AttrDef a = OpDefSyntax.parseAttr("Op", c.spec());
    assertEquals(c.name(), a.name());
    assertEquals(c.type(), a.type());
    assertEquals(c.def(), a.defaultValue());
    assertEquals(c.allowed(), a.allowedValues());
    assertEquals(c.min(), a.minimum());
  }

  @Test
  void parsesArgumentKinds() {
    OpDef d = OpDef.builder("X")
        .attr("T: type").attr("N: int >= 1").attr("Tlist: list(type)")
        .input("a: T").input("values: N * T").input("args: Tlist").input("ref: Ref(T)")
        .input("idx: int32").output("out: float")
        .shape(c -> List.of()).build();
    ArgDef a = d.inputs().get(0);
    assertEquals("T", a.typeAttr());
    assertFalse(a.isList());
    ArgDef values = d.inputs().get(1);
    assertEquals("N", values.numberAttr());
    assertEquals("T", values.typeAttr());
    assertTrue(values.isList());
    assertEquals("Tlist", d.inputs().get(2).typeListAttr());
    assertTrue(d.inputs().get(3).isRef());
    assertEquals(DType.INT32, d.inputs().get(4).fixedType());
    assertNull(d.inputs().get(4).typeAttr());
    assertEquals(DType.FLOAT32, d.outputs().get(0).fixedType());
  }

  @Test
  void argumentsMustNameDeclaredAttrs() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpDef.builder("X").input("a: T").shape(c -> List.of()).build());
    assertTrue(e.getMessage().contains("neither a dtype nor a type attr"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> OpDef.builder("X").attr("T: type").input("a: N * T").shape(c -> List.of()).build());
  }

  @Test
  void malformedSpecsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> OpDefSyntax.parseAttr("X", "no colon"));
    assertThrows(IllegalArgumentException.class, () -> OpDefSyntax.parseAttr("X", "a: nosuch"));
    assertThrows(IllegalArgumentException.class,
        () -> OpDef.builder("X").attr("T: type").attr("T: type"));
    assertThrows(IllegalStateException.class, () -> OpDef.builder("X").build());
  }

  @Test
  void registryRejectsDuplicatesAndNamesUnknownOps() {
    OpRegistry r = new OpRegistry();
    OpDef d = OpDef.builder("Foo").shape(c -> List.of()).build();
    r.register(d);
    assertThrows(IllegalArgumentException.class, () -> r.register(d));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("Bar"));
    assertEquals("Op type not registered 'Bar'", e.getMessage());
    assertEquals(d, r.get("Foo"));
  }

  @Test
  void listLengthAttrsGetTfsImplicitMinimumOfOne() {
    OpDef d = OpDef.builder("X").attr("T: list(type)").attr("N: int").attr("U: type")
        .attr("Tw: list(type) >= 0").input("a: T").input("b: N * U").input("c: Tw")
        .shape(c -> List.of()).build();
    assertEquals(1, d.attr("T").minimum());
    assertEquals(1, d.attr("N").minimum());
    assertEquals(0, d.attr("Tw").minimum(), "an explicit minimum stays");
    assertEquals(Long.MIN_VALUE, d.attr("U").minimum());
  }
}
