package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.core.io.NpyFixtures.fixture;
import static org.tensorgraph.core.io.NpyFixtures.formula;
import static org.tensorgraph.core.io.NpyFixtures.shapeName;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Reads the numpy-written fixtures (see make_npy_fixtures.py beside them) and checks values and
 * numpy's exact bytes for what we write.
 */
class NpyGoldenTest {
  @TempDir Path tmp;

  /**
   * One fixture: the tensor it must read as, whether our writer must reproduce its bytes (only C
   * order, little-endian, version 1.0 files), and a header fragment proving the fixture really
   * exercises its feature.
   */
  record Golden(String file, Tensor expected, boolean sameBytes, String headerHas, int version) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Golden> goldens() {
    List<Golden> g = new ArrayList<>();
    for (String dt : NpyFixtures.DTYPES) {
      for (int[][] shapes : new int[][][] {NpyFixtures.SHAPES, NpyFixtures.EMPTY_SHAPES}) {
        for (int[] s : shapes) {
          g.add(new Golden(dt + "_" + shapeName(s) + ".npy", formula(dt, s), true,
              "'fortran_order': False", 1));
        }
      }
    }
    // The header that needs a whole extra 64-byte block of padding.
    g.add(new Golden("pad64_f4.npy", formula("f4", 0, 10, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        true, "(0, 10, 10, 1,", 1));
    g.add(new Golden("special_f4.npy", specialF4(), true, "(10,)", 1));
    g.add(new Golden("special_f8.npy", specialF8(), true, "(10,)", 1));
    for (String dt : new String[] {"f4", "f8", "i4", "i8"}) {
      g.add(new Golden("be_" + dt + "_2x3.npy", formula(dt, 2, 3), false, "'>" + dt + "'", 1));
    }
    g.add(new Golden("fortran_f4_2x3x4.npy", formula("f4", 2, 3, 4), false, "True", 1));
    g.add(new Golden("fortran_i8_3x2.npy", formula("i8", 3, 2), false, "True", 1));
    g.add(new Golden("fortran_b1_2x3.npy", formula("b1", 2, 3), false, "True", 1));
    g.add(new Golden("fortran_f8_2x1x3x2.npy", formula("f8", 2, 1, 3, 2), false, "True", 1));
    g.add(new Golden("fortran_be_i4_2x3.npy", formula("i4", 2, 3), false, "'>i4', "
        + "'fortran_order': True", 1));
    for (int v : new int[] {2, 3}) {
      g.add(new Golden("v" + v + "_f8_2x3.npy", formula("f8", 2, 3), false, "(2, 3)", v));
      g.add(new Golden("v" + v + "_i4_5.npy", formula("i4", 5), false, "(5,)", v));
      g.add(new Golden("v" + v + "_b1_scalar.npy", formula("b1"), false, "()", v));
    }
    return g.stream();
  }

  static Tensor specialF4() {
    return Tensor.of(Shape.of(10), new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, -0.0f, 0.0f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.MIN_NORMAL, Float.MIN_VALUE, (float) (1.0 / 3.0)});
  }

  static Tensor specialF8() {
    return Tensor.of(Shape.of(10), new double[] {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_NORMAL, Double.MIN_VALUE, 1.0 / 3.0});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void fixtureIsWhatItClaims(Golden g) {
    byte[] b = fixture(g.file());
    assertEquals(g.version(), b[6], "format version byte");
    String text = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1);
    assertTrue(text.contains(g.headerHas()), () -> "header of " + g.file() + ": " + text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void readsNumpyFileFromPath(Golden g) throws IOException {
    Path p = tmp.resolve(g.file());
    Files.write(p, fixture(g.file()));
    Tensor t = Npy.read(p);
    assertEquals(g.expected(), t);
    assertEquals(g.expected().shape(), t.shape());
    assertEquals(g.expected().dtype(), t.dtype());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void readsNumpyFileFromStream(Golden g) throws IOException {
    byte[] b = fixture(g.file());
    Tensor t = Npy.read(new ByteArrayInputStream(b), g.file(), b.length);
    assertEquals(g.expected(), t);
  }

  /** The fixtures np.save wrote from a C-order little-endian array, as our writer writes. */
  static Stream<Golden> numpyWritable() {
    return goldens().filter(Golden::sameBytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numpyWritable")
  void writesNumpysExactBytes(Golden g) throws IOException {
    byte[] numpy = fixture(g.file());
    assertArrayEquals(numpy, Npy.toBytes(g.expected()), "toBytes vs np.save");
    Path p = tmp.resolve("java_" + g.file());
    Npy.write(p, g.expected());
    assertArrayEquals(numpy, Files.readAllBytes(p), "Npy.write vs np.save");
  }

  @Test
  void specialValuesKeepTheirExactBits() throws IOException {
    Tensor t = Npy.read(new ByteArrayInputStream(fixture("special_f4.npy")), "s", 1 << 20);
    float[] f = (float[]) t.rawData();
    assertEquals(0x7fc00000, Float.floatToRawIntBits(f[0]), "numpy's NaN");
    assertEquals(0x80000000, Float.floatToRawIntBits(f[3]), "-0.0");
    assertEquals(1, Float.floatToRawIntBits(f[8]), "smallest subnormal");
  }

  @Test
  void fortranFileIsReorderedNotJustReshaped() throws IOException {
    byte[] b = fixture("fortran_i8_3x2.npy");
    Tensor t = Npy.read(new ByteArrayInputStream(b), "f", b.length);
    // In the file the data is column-major: 0, 2, 4, 1, 3, 5 (times the formula).
    assertEquals(formula("i8", 3, 2).getLong(0, 1), t.getLong(0, 1));
    assertEquals(-4998999999993L, t.getLong(0, 1));
  }

  @Test
  void npzGoldensReadInArchiveOrder() throws IOException {
    for (String name : new String[] {"stored.npz", "compressed.npz"}) {
      Path p = tmp.resolve(name);
      Files.write(p, fixture(name));
      var m = Npz.read(p);
      assertEquals(List.of("a", "b/c", "flag", "empty"), new ArrayList<>(m.keySet()), name);
      assertEquals(formula("f4", 2, 3), m.get("a"), name);
      assertEquals(formula("i8", 5), m.get("b/c"), name);
      assertEquals(formula("b1"), m.get("flag"), name);
      assertEquals(formula("f8", 0, 3), m.get("empty"), name);
    }
  }
}
