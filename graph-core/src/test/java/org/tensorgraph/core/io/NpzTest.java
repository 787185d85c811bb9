package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.core.io.NpyFixtures.concat;
import static org.tensorgraph.core.io.NpyFixtures.fixture;
import static org.tensorgraph.core.io.NpyFixtures.formula;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** {@code .npz}: round trips, the zip layout numpy expects, and hostile archives. */
class NpzTest {
  @TempDir Path tmp;

  static Map<String, Tensor> sample() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("rnn/basic_rnn_cell/kernel", formula("f4", 7, 4));
    m.put("rnn/basic_rnn_cell/bias", formula("f8", 4));
    m.put("global_step", Tensor.of(42L));
    m.put("mask", formula("b1", 3, 5));
    m.put("empty", formula("i4", 0, 3));
    m.put("big", formula("f4", 300, 1000)); // 1.2 MB: several read chunks
    return m;
  }

  // ---------------------------------------------------------------- good archives

  @ParameterizedTest(name = "compressed={0}")
  @ValueSource(booleans = {false, true})
  void writeThenReadKeepsKeysOrderAndValues(boolean compressed) throws IOException {
    Path p = tmp.resolve("ckpt.npz");
    Map<String, Tensor> m = sample();
    Npz.write(p, m, compressed);
    Map<String, Tensor> back = Npz.read(p);
    assertEquals(new ArrayList<>(m.keySet()), new ArrayList<>(back.keySet()));
    assertEquals(m, back);
    assertTrue(back instanceof LinkedHashMap);
  }

  @ParameterizedTest(name = "compressed={0}")
  @ValueSource(booleans = {false, true})
  void entriesAreWhatNumpyWrites(boolean compressed) throws IOException {
    Path p = tmp.resolve("ckpt.npz");
    Map<String, Tensor> m = sample();
    Npz.write(p, m, compressed);
    try (ZipFile z = new ZipFile(p.toFile())) {
      List<String> names = new ArrayList<>();
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        names.add(e.getName());
        assertEquals(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED, e.getMethod());
        String key = e.getName().substring(0, e.getName().length() - 4);
        try (var in = z.getInputStream(e)) {
          assertArrayEquals(Npy.toBytes(m.get(key)), in.readAllBytes(), e.getName());
        }
      }
      assertEquals(List.of("rnn/basic_rnn_cell/kernel.npy", "rnn/basic_rnn_cell/bias.npy",
          "global_step.npy", "mask.npy", "empty.npy", "big.npy"), names);
    }
  }

  @Test
  void writingIsDeterministic() throws IOException {
    Path a = tmp.resolve("a.npz");
    Path b = tmp.resolve("b.npz");
    Npz.write(a, sample(), true);
    Npz.write(b, sample(), true);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void keysKeepANpySuffixOfTheirOwnAsNumpyDoes() throws IOException {
    Path p = tmp.resolve("k.npz");
    Npz.write(p, Map.of("x.npy", Tensor.of(1)), false);
    try (ZipFile z = new ZipFile(p.toFile())) {
      assertEquals("x.npy.npy", z.entries().nextElement().getName());
    }
    assertEquals(Map.of("x.npy", Tensor.of(1)), Npz.read(p));
  }

  @Test
  void emptyArchiveRoundTrips() throws IOException {
    Path p = tmp.resolve("e.npz");
    Npz.write(p, Map.of(), false);
    assertEquals(Map.of(), Npz.read(p));
  }

  @Test
  void invalidArraysAreRefusedBeforeWriting() {
    Path p = tmp.resolve("v.npz");
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("ok", Tensor.of(1));
    m.put("list", Tensor.variant(List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Npz.write(p, m, false));
    assertTrue(e.getMessage().startsWith("Array 'list' has dtype variant"), e.getMessage());
    Map<String, Tensor> nullKey = new java.util.HashMap<>();
    nullKey.put(null, Tensor.of(1));
    assertThrows(IllegalArgumentException.class, () -> Npz.write(p, nullKey, false));
    assertTrue(Files.notExists(p));
  }

  // ---------------------------------------------------------------- bad archives

  private Path file(String name, byte[] bytes) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static byte[] zip(Object... nameThenBytes) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bo)) {
      for (int i = 0; i < nameThenBytes.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
        z.write((byte[]) nameThenBytes[i + 1]);
        z.closeEntry();
      }
    }
    return bo.toByteArray();
  }

  private NpyFormatException fails(Path p, long maxBytes, String problem) {
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.read(p, maxBytes));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    return e;
  }

  private NpyFormatException fails(Path p, String problem) {
    return fails(p, Npz.defaultMaxBytes(), problem);
  }

  @Test
  void duplicateEntry() throws IOException {
    Path p = tmp.resolve("a.npz");
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("x", Tensor.of(1));
    m.put("y", Tensor.of(2));
    Npz.write(p, m, false);
    // Rename y.npy to x.npy in the local and central headers: zip allows it, we do not.
    byte[] b = Files.readAllBytes(p);
    String s = new String(b, StandardCharsets.ISO_8859_1).replace("y.npy", "x.npy");
    Files.write(p, s.getBytes(StandardCharsets.ISO_8859_1));
    NpyFormatException e = fails(p, "duplicate entry 'x.npy'");
    assertEquals(p + ": duplicate entry 'x.npy'", e.getMessage());
  }

  @Test
  void corruptZips() throws IOException {
    byte[] noise = new byte[1000];
    new Random(3).nextBytes(noise);
    fails(file("noise.npz", noise), "not a valid zip archive");
    byte[] stored = fixture("stored.npz");
    fails(file("half.npz", Arrays.copyOf(stored, stored.length / 2)), "not a valid zip archive");
    fails(file("empty.npz", new byte[0]), "not a valid zip archive (zip file is empty)");
    fails(file("x.npz", fixture("f4_2x3.npy")), "not a valid zip archive");
  }

  @Test
  void entriesThatAreNotArrays() throws IOException {
    byte[] npy = fixture("i4_5.npy");
    fails(file("a.npz", zip("x.npy", npy, "readme.txt", new byte[3])),
        "entry 'readme.txt' is not a .npy array (an .npz holds only NAME.npy entries)");
    fails(file("d.npz", zip("dir/", new byte[0], "dir/x.npy", npy)), "entry 'dir/' is not");
  }

  @Test
  void badArrayInsideNamesArchiveAndEntry() throws IOException {
    byte[] npy = fixture("f4_2x3.npy");
    Path p = file("a.npz", zip("x.npy", Arrays.copyOf(npy, npy.length - 12)));
    NpyFormatException e = fails(p, "truncated data: header says 24 bytes of <f4 for shape "
        + "(2, 3), file has 12");
    assertEquals(p + ", entry 'x.npy'", e.source());
  }

  @Test
  void flippedDataByteInAStoredEntryFailsTheCrc() throws IOException {
    Path p = tmp.resolve("a.npz");
    Npz.write(p, Map.of("x", formula("f4", 2, 3)), false);
    byte[] b = Files.readAllBytes(p);
    int magic = new String(b, StandardCharsets.ISO_8859_1).indexOf("\u0093NUMPY");
    b[magic + 128 + 23] ^= 1; // the last data byte: the array still parses
    Files.write(p, b);
    fails(p, "corrupt entry: CRC-32 is");
  }

  @Test
  void damagedDeflateStreamIsAFormatError() throws IOException {
    Path p = tmp.resolve("a.npz");
    Npz.write(p, Map.of("x", formula("f8", 50, 50)), true);
    byte[] b = Files.readAllBytes(p);
    for (int i = 60; i < 90; i++) {
      b[i] ^= 0x5A; // inside the compressed data, after the 35-byte local header
    }
    Files.write(p, b);
    fails(p, ", entry 'x.npy': ");
  }

  @Test
  void zipBombStopsAtTheLimitWithoutFillingTheHeap() throws IOException {
    Path p = tmp.resolve("bomb.npz");
    Npz.write(p, Map.of("z", Tensor.zeros(DType.BOOL, Shape.of(16 << 20))), true);
    assertTrue(Files.size(p) < 100_000, "16 MiB of zeros deflate to little");
    var mx = NpyBadInputTest.threadMx();
    long before = mx.getCurrentThreadAllocatedBytes();
    fails(p, 1 << 20, "exceeds the read limit of");
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 4 << 20, "allocated " + allocated);
    assertEquals(16 << 20, Npz.read(p).get("z").size(), "the default limit lets it through");
  }

  @Test
  void zerosAfterASmallArrayStopAtTheLimit() throws IOException {
    byte[] entry = concat(fixture("i4_5.npy"), new byte[8 << 20]);
    Path p = file("trail.npz", zip("x.npy", entry));
    fails(p, 1 << 20, "trailing data: header says 20 bytes of <i4 for shape (5,), file has more");
  }

  @Test
  void limitCoversAllEntriesTogether() throws IOException {
    Path p = tmp.resolve("two.npz");
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("a", Tensor.zeros(DType.BOOL, Shape.of(600_000)));
    m.put("b", Tensor.zeros(DType.BOOL, Shape.of(600_000)));
    Npz.write(p, m, true);
    NpyFormatException e = fails(p, 1 << 20, "exceeds the read limit");
    assertTrue(e.source().endsWith("entry 'b.npy'"), e.getMessage());
  }

  @Test
  void storedEntryFromAnotherZipWriterReads() throws IOException {
    byte[] npy = fixture("i4_5.npy");
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bo)) {
      ZipEntry e = new ZipEntry("x.npy");
      e.setMethod(ZipEntry.STORED);
      e.setSize(npy.length);
      e.setCompressedSize(npy.length);
      CRC32 crc = new CRC32();
      crc.update(npy);
      e.setCrc(crc.getValue());
      z.putNextEntry(e);
      z.write(npy);
      z.closeEntry();
    }
    byte[] b = bo.toByteArray();
    Path ok = file("ok.npz", b);
    assertEquals(formula("i4", 5), Npz.read(ok).get("x"));
  }
}
