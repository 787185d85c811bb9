package org.tensorgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.Npy;
import org.tensorgraph.core.io.Npz;

class ShowCommandTest {
  @TempDir Path dir;

  static Stream<Tensor> tensors() {
    return Stream.of(
        Tensor.of(new float[][] {{0.5f, 1, 2}, {3, -4.25f, 0.1f}}),
        Tensor.of(Shape.of(2, 2, 2), new double[] {1e-9, 2, 3, 4, 5, 6, 7, 1e9}),
        Tensor.of(new int[] {1, -20, 300}),
        Tensor.of(new long[][] {{7}}),
        Tensor.of(new boolean[] {true, false}),
        Tensor.of(2.5f));
  }

  @ParameterizedTest
  @MethodSource("tensors")
  void npyPrintsAsTensorToString(Tensor t) throws IOException {
    Path f = dir.resolve("t.npy");
    Npy.write(f, t);
    CliRun r = CliRun.of("show", f.toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(t.toString() + "\n", r.out());
    assertEquals("", r.err());
  }

  @ParameterizedTest
  @MethodSource("tensors")
  void npyWithReprPrintsTensorRepr(Tensor t) throws IOException {
    Path f = dir.resolve("t.npy");
    Npy.write(f, t);
    CliRun r = CliRun.of("show", "--repr", f.toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(t.repr() + "\n", r.out());
  }

  @ParameterizedTest(name = "compressed={0}")
  @ValueSource(booleans = {false, true})
  void npzPrintsEachEntryInArchiveOrder(boolean compressed) throws IOException {
    Map<String, Tensor> arrays = new LinkedHashMap<>();
    tensors().forEach(t -> arrays.put("t" + (9 - arrays.size()), t)); // t9, t8, ...: not sorted
    Path f = dir.resolve("arrays.npz");
    Npz.write(f, arrays, compressed);
    StringBuilder str = new StringBuilder();
    StringBuilder repr = new StringBuilder();
    arrays.forEach((k, t) -> {
      str.append(k).append(":\n").append(t).append('\n');
      repr.append(k).append(":\n").append(t.repr()).append('\n');
    });
    assertEquals(new CliRun(Main.OK, str.toString(), ""), CliRun.of("show", f.toString()));
    assertEquals(new CliRun(Main.OK, repr.toString(), ""),
        CliRun.of("show", f.toString(), "--repr"));
  }

  @Test
  void contentNotNameDecidesTheFormatAsNpLoadDoes() throws IOException {
    Tensor t = Tensor.of(new int[] {1, 2});
    Path npyNamedNpz = dir.resolve("really-npy.npz");
    Npy.write(npyNamedNpz, t);
    assertEquals(t + "\n", CliRun.of("show", npyNamedNpz.toString()).out());
    Path npzNamedNpy = dir.resolve("really-npz.npy");
    Npz.write(npzNamedNpy, Map.of("a", t), false);
    assertEquals("a:\n" + t + "\n", CliRun.of("show", npzNamedNpy.toString()).out());
  }

  @Test
  void badEntryInNpzNamesArchiveAndEntry() throws IOException {
    Path f = dir.resolve("bad.npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
      zip.putNextEntry(new ZipEntry("w.npy"));
      zip.write("garbage!".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
    }
    CliRun r = CliRun.of("show", f.toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("tensorgraph: " + f + ", entry 'w.npy': bad magic string"),
        r.err());
  }

  static Stream<Arguments> numpyFixtures() {
    return Stream.of(
        Arguments.of("small.npy", false, "small.npy.str.txt"),
        Arguments.of("small.npy", true, "small.npy.repr.txt"),
        Arguments.of("mixed.npz", false, "mixed.npz.str.txt"),
        Arguments.of("mixed.npz", true, "mixed.npz.repr.txt"));
  }

  /** Files and texts written by numpy itself (fixtures/make_fixtures.py), byte for byte. */
  @ParameterizedTest(name = "{0} repr={1}")
  @MethodSource("numpyFixtures")
  void numpyFilesPrintAsNumpyPrintsThem(String file, boolean repr, String expected)
      throws Exception {
    String path = fixture(file).toString();
    CliRun r = repr ? CliRun.of("show", "--repr", path) : CliRun.of("show", path);
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(Files.readString(fixture(expected), StandardCharsets.UTF_8), r.out());
    assertEquals("", r.err());
  }

  @Test
  void npzIsRecognisedByContentUnderAnotherName() throws Exception {
    Path renamed = dir.resolve("weights.bin");
    Files.copy(fixture("mixed.npz"), renamed);
    CliRun r = CliRun.of("show", renamed.toString());
    assertEquals(Main.OK, r.code(), r.err());
    assertEquals(Files.readString(fixture("mixed.npz.str.txt")), r.out());
  }

  @Test
  void malformedFileFailsWithOneLineAndNoStackTrace() throws IOException {
    Path f = dir.resolve("x.npy");
    Files.write(f, "not numpy at all, just text".getBytes(StandardCharsets.US_ASCII));
    CliRun r = CliRun.of("show", f.toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals("", r.out());
    String[] lines = r.errLines();
    assertEquals(1, lines.length, r.err());
    assertTrue(lines[0].startsWith("tensorgraph: " + f + ": "), lines[0]);
    assertTrue(lines[0].toLowerCase().contains("magic"), lines[0]);
    assertFalse(lines[0].contains("Exception"), lines[0]);
  }

  @Test
  void truncatedNpzFailsWithOneLine() throws Exception {
    byte[] whole = Files.readAllBytes(fixture("mixed.npz"));
    Path f = dir.resolve("cut.npz");
    Files.write(f, Arrays.copyOf(whole, whole.length / 2));
    CliRun r = CliRun.of("show", f.toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("tensorgraph: " + f + ": "), r.err());
  }

  @Test
  void missingFileFailsWithOneLine() {
    Path f = dir.resolve("absent.npy");
    CliRun r = CliRun.of("show", f.toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals("tensorgraph: " + f + ": no such file", r.err().strip());
    assertEquals(1, r.errLines().length);
  }

  @Test
  void directoryFailsWithOneLine() {
    CliRun r = CliRun.of("show", dir.toString());
    assertEquals(Main.FAILURE, r.code());
    assertEquals("tensorgraph: " + dir + ": is a directory", r.err().strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"after", "before"})
  void verboseAddsTheStackTrace(String where) throws IOException {
    Path f = dir.resolve("x.npy");
    Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    CliRun r = where.equals("after")
        ? CliRun.of("show", f.toString(), "--verbose")
        : CliRun.of("--verbose", "show", f.toString());
    assertEquals(Main.FAILURE, r.code());
    String[] lines = r.errLines();
    assertTrue(lines[0].startsWith("tensorgraph: " + f + ": "), lines[0]);
    assertTrue(lines.length > 2, r.err());
    assertTrue(r.err().contains("NpyFormatException"), r.err());
    assertTrue(r.err().contains("\tat org.tensorgraph.core.io."), r.err());
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ShowCommandTest.class.getResource("/fixtures/" + name).toURI());
  }
}
