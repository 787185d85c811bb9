package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.core.io.NpyFixtures.data;
import static org.tensorgraph.core.io.NpyFixtures.formula;
import static org.tensorgraph.core.io.NpyFixtures.npy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** Java write, Java read; atomic replacement; header spellings other writers use. */
class NpyRoundTripTest {
  @TempDir Path tmp;

  record Trip(String name, Tensor t) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Trip> trips() {
    Random r = new Random(7);
    float[] f = new float[100_000]; // 400 KB: more than one 256 KiB chunk
    double[] d = new double[70_001];
    long[] l = new long[40_000];
    boolean[] b = new boolean[300_000];
    for (int i = 0; i < f.length; i++) {
      f[i] = Float.intBitsToFloat(r.nextInt()); // any bits, NaN payloads included
    }
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextGaussian();
    }
    for (int i = 0; i < l.length; i++) {
      l[i] = r.nextLong();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextBoolean();
    }
    return Stream.of(
        new Trip("f4 scalar", Tensor.of(3.25f)),
        new Trip("f8 scalar", Tensor.of(-1e300)),
        new Trip("i4 scalar", Tensor.of(Integer.MIN_VALUE)),
        new Trip("i8 scalar", Tensor.of(Long.MAX_VALUE)),
        new Trip("b1 scalar", Tensor.of(false)),
        new Trip("i4 2x3", Tensor.of(new int[][] {{1, 2, 3}, {4, 5, 6}})),
        new Trip("f4 empty 0x7", Tensor.zeros(DType.FLOAT32, Shape.of(0, 7))),
        new Trip("f4 large random bits", Tensor.of(Shape.of(100, 1000), f)),
        new Trip("f8 large odd length", Tensor.of(Shape.of(70_001), d)),
        new Trip("i8 large", Tensor.of(Shape.of(2, 20_000), l)),
        new Trip("b1 large", Tensor.of(Shape.of(3, 100, 1000), b)),
        new Trip("rank 64", Tensor.of(Shape.of(ones(64)), new int[] {-7})),
        new Trip("dim 1000000000", Tensor.zeros(DType.BOOL, Shape.of(0, 1_000_000_000))));
  }

  private static int[] ones(int rank) {
    int[] d = new int[rank];
    java.util.Arrays.fill(d, 1);
    return d;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trips")
  void writeThenReadGivesTheSameTensor(Trip c) throws IOException {
    Path p = tmp.resolve("t.npy");
    Npy.write(p, c.t());
    assertEquals(c.t(), Npy.read(p));
    byte[] bytes = Npy.toBytes(c.t());
    assertArrayEquals(bytes, Files.readAllBytes(p), "write and toBytes agree");
    assertEquals(0, (10 + ((bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8)) % 64, "data aligned");
    assertEquals(c.t(), Npy.read(new ByteArrayInputStream(bytes), "t.npy", bytes.length));
  }

  @Test
  void rawFloatBitsSurvive() throws IOException {
    float odd = Float.intBitsToFloat(0x7fa00001); // a NaN with a payload
    Tensor t = Tensor.of(Shape.of(1), new float[] {odd});
    byte[] b = Npy.toBytes(t);
    Tensor back = Npy.read(new ByteArrayInputStream(b), "t", b.length);
    assertEquals(0x7fa00001, Float.floatToRawIntBits(((float[]) back.rawData())[0]));
  }

  @Test
  void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path p = tmp.resolve("x.npy");
    Files.writeString(p, "old content");
    Npy.write(p, Tensor.of(1));
    assertEquals(Tensor.of(1), Npy.read(p));
    assertEquals(List.of("x.npy"), listing());
  }

  @Test
  void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path p = tmp.resolve("x.npy");
    Npy.write(p, Tensor.of(1));
    byte[] before = Files.readAllBytes(p);
    IOException e = assertThrows(IOException.class, () -> NpyFiles.writeAtomically(p, out -> {
      out.write(new byte[100_000]); // part of a file...
      throw new IOException("disk full"); // ...then a crash
    }));
    assertEquals("disk full", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(p));
    assertEquals(List.of("x.npy"), listing());
  }

  @Test
  void unwritableTensorsFailBeforeTouchingTheDisk() {
    Path p = tmp.resolve("v.npy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Npy.write(p, Tensor.variant("list")));
    assertTrue(e.getMessage().contains("dtype variant"), e.getMessage());
    Tensor rank65 = Tensor.zeros(DType.FLOAT32, Shape.of(new int[65]));
    e = assertThrows(IllegalArgumentException.class, () -> Npy.write(p, rank65));
    assertTrue(e.getMessage().contains("rank 65"), e.getMessage());
    assertTrue(Files.notExists(p));
  }

  @Test
  void writeIntoAMissingDirectoryFails() {
    assertThrows(NoSuchFileException.class,
        () -> Npy.write(tmp.resolve("no/such/dir/x.npy"), Tensor.of(1)));
  }

  @Test
  void readOfAMissingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> Npy.read(tmp.resolve("missing.npy")));
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(q -> q.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  // ---------------------------------------------------------------- header versions

  @Test
  void hugeHeaderFallsBackToVersion2LikeNumpy() {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (), }" + " ".repeat(70_000);
    byte[] b = NpyHeader.wrap(dict);
    assertEquals(2, b[6]);
    long len = ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertEquals(b.length, 12 + len);
    assertEquals(0, b.length % 64);
    assertEquals('\n', b[b.length - 1]);
    assertEquals(1, NpyHeader.wrap("{}")[6], "a small header stays version 1.0");
  }

  @Test
  void alignedHeaderGetsAFullExtraBlockLikeNumpy() {
    // 10 + 53 + 1 = 64 is already aligned; numpy still pads 64 more (see pad64_f4.npy).
    byte[] b = NpyHeader.wrap("x".repeat(53));
    assertEquals(128, b.length);
  }

  // ---------------------------------------------------------------- header spellings

  record Spelling(String name, String header, Tensor expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Spelling> spellings() {
    Tensor f23 = formula("f4", 2, 3);
    Tensor b23 = formula("b1", 2, 3);
    return Stream.of(
        new Spelling("double quotes, no trailing comma",
            "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}", f23),
        new Spelling("keys in another order",
            "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}", f23),
        new Spelling("odd whitespace",
            "  { 'descr' :'<f4' ,\t'fortran_order':False,'shape':( 2 ,3 , ) , }  ", f23),
        new Spelling("newlines inside the dict",
            "{'descr': '<f4',\n 'fortran_order': False,\r\n 'shape': (2, 3),\n}", f23),
        new Spelling("python 2 long dims", "{'descr': '<f4', 'fortran_order': False, "
            + "'shape': (2L, 3L), }", f23),
        new Spelling("16-byte alignment of old numpy", "{'descr': '<f4', 'fortran_order': False, "
            + "'shape': (2, 3), }" + " ".repeat(10), f23),
        new Spelling("1-d shape", "{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}",
            Tensor.wrap(Shape.of(6), f23.toFloatArray())),
        new Spelling("bool <b1", "{'descr': '<b1', 'fortran_order': False, 'shape': (2, 3)}", b23),
        new Spelling("bool >b1", "{'descr': '>b1', 'fortran_order': False, 'shape': (2, 3)}", b23),
        new Spelling("bool =b1", "{'descr': '=b1', 'fortran_order': False, 'shape': (2, 3)}", b23),
        new Spelling("bool b1", "{'descr': 'b1', 'fortran_order': False, 'shape': (2, 3)}", b23),
        new Spelling("bool ?", "{'descr': '?', 'fortran_order': False, 'shape': (2, 3)}", b23),
        new Spelling("bool |?", "{'descr': '|?', 'fortran_order': False, 'shape': (2, 3)}", b23));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spellings")
  void acceptsHeaderSpellingsNumpyAccepts(Spelling s) throws IOException {
    byte[] file = npy(s.header(), data(s.expected()));
    assertEquals(s.expected(), Npy.read(new ByteArrayInputStream(file), "s.npy", file.length));
  }

  // ---------------------------------------------------------------- independent layout checks

  @Test
  void fortranAndBigEndianLayoutsOfLargerArrays() throws IOException {
    Random r = new Random(11);
    for (int trial = 0; trial < 40; trial++) {
      int[] dims = new int[2 + r.nextInt(3)];
      for (int k = 0; k < dims.length; k++) {
        dims[k] = 1 + r.nextInt(9);
      }
      Tensor t = formula("i4", dims);
      int[] rowMajor = t.toIntArray();
      ByteBuffer fortran = ByteBuffer.allocate(4 * rowMajor.length).order(ByteOrder.BIG_ENDIAN);
      for (int f = 0; f < rowMajor.length; f++) { // the file is column-major: index 0 fastest
        int rem = f;
        int[] idx = new int[dims.length];
        for (int k = 0; k < dims.length; k++) {
          idx[k] = rem % dims[k];
          rem /= dims[k];
        }
        int c = 0;
        for (int k = 0; k < dims.length; k++) {
          c = c * dims[k] + idx[k];
        }
        fortran.putInt(rowMajor[c]);
      }
      String header = "{'descr': '>i4', 'fortran_order': True, 'shape': "
          + NpyHeader.pyTuple(t.shape().dims()) + ", }";
      byte[] file = npy(header, fortran.array());
      assertEquals(t, Npy.read(new ByteArrayInputStream(file), "f.npy", file.length),
          () -> t.shape().toString());
    }
  }
}
