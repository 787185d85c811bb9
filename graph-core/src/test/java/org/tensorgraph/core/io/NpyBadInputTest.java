package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.core.io.NpyFixtures.concat;
import static org.tensorgraph.core.io.NpyFixtures.data;
import static org.tensorgraph.core.io.NpyFixtures.fixture;
import static org.tensorgraph.core.io.NpyFixtures.formula;
import static org.tensorgraph.core.io.NpyFixtures.npy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformation gets an NpyFormatException that names the file and the problem. */
class NpyBadInputTest {
  @TempDir Path tmp;

  private static final byte[] F23 = data(formula("f4", 2, 3)); // 24 bytes

  record Bad(String name, byte[] bytes, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String header(String descr, String fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape
        + ", }";
  }

  static byte[] f4(String shape, byte[] data) {
    return npy(header("<f4", "False", shape), data);
  }

  static byte[] withHeaderLength(byte[] file, int len) {
    byte[] b = file.clone();
    b[8] = (byte) len;
    b[9] = (byte) (len >>> 8);
    return b;
  }

  static Stream<Bad> bad() {
    byte[] good = fixture("f4_2x3.npy");
    byte[] badMagic = good.clone();
    badMagic[5] = 'Z';
    byte[] v40 = good.clone();
    v40[6] = 4;
    byte[] v11 = good.clone();
    v11[7] = 1;
    String dims65 = "(" + "1, ".repeat(65) + ")";
    return Stream.of(
        new Bad("empty file", new byte[0], "truncated header: the file has only 0 bytes"),
        new Bad("bad magic", badMagic, "bad magic string (expected \\x93NUMPY)"),
        new Bad("an npz given as npy", fixture("stored.npz"), "this is a zip archive"),
        new Bad("text file", "hello, world\n".getBytes(StandardCharsets.US_ASCII),
            "bad magic string"),
        new Bad("only magic and major", Arrays.copyOf(good, 7), "file has only 7 bytes"),
        new Bad("version 4.0", v40, "unsupported format version 4.0 (supported: 1.0, 2.0, 3.0)"),
        new Bad("version 1.1", v11, "unsupported format version 1.1"),
        new Bad("cut in the length field", Arrays.copyOf(good, 9),
            "ends inside the header length field"),
        new Bad("truncated header", Arrays.copyOf(good, 60),
            "truncated header: the length field says 118 bytes, the file has 50"),
        new Bad("header too long", withHeaderLength(good, 60_000),
            "header length 60000 exceeds the limit of 10000 bytes"),
        new Bad("v2 header length 4 GiB", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0,
            -1, -1, -1, -1}, "header length 4294967295 exceeds the limit"),
        new Bad("header without newline", npy(1, 0, header("<f4", "False", "(2, 3)")
            .getBytes(StandardCharsets.US_ASCII), F23), "does not end with a newline"),
        new Bad("missing key", npy("{'descr': '<f4', 'fortran_order': False, }", F23),
            "missing key 'shape'"),
        new Bad("extra key", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), "
            + "'extra': 1, }", F23), "unexpected key 'extra'"),
        new Bad("duplicate key", npy("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, "
            + "'shape': (2, 3), }", F23), "duplicate key 'descr'"),
        new Bad("negative dim", f4("(2, -3)", F23), "negative dimension -3 in shape"),
        new Bad("overflowing shape", f4("(4611686018427387904, 4611686018427387904)", F23),
            "overflows a 64-bit integer"),
        new Bad("shape too big for memory", npy(header("<f8", "False", "(100000, 100000)"),
            new byte[10]), "shape (100000, 100000) has 10000000000 elements; a tensor holds at "
            + "most 2147483639"),
        new Bad("lying shape, tiny data", npy(header("<f8", "False", "(10000, 10000)"),
            new byte[10]), "truncated data: header says 800000000 bytes of <f8 for shape "
            + "(10000, 10000), file has 10"),
        new Bad("huge dim beside a zero", f4("(0, 3000000000)", new byte[0]),
            "dimension 1 of shape (0, 3000000000) is above 2147483639"),
        new Bad("dim beyond 64 bits", f4("(99999999999999999999,)", F23),
            "dimension 99999999999999999999 in shape does not fit in 64 bits"),
        new Bad("data truncated", f4("(2, 3)", Arrays.copyOf(F23, 12)),
            "truncated data: header says 24 bytes of <f4 for shape (2, 3), file has 12"),
        new Bad("trailing data", f4("(2, 3)", Arrays.copyOf(F23, 30)),
            "trailing data: header says 24 bytes of <f4 for shape (2, 3), file has 30"),
        new Bad("complex dtype", npy(header("<c8", "False", "(3,)"), new byte[24]),
            "unsupported dtype '<c8'; supported: <f4 <f8 <i4 <i8 |b1 (and big-endian >f4 >f8 "
            + ">i4 >i8)"),
        new Bad("unicode dtype", npy(header("<U5", "False", "(1,)"), new byte[20]),
            "unsupported dtype '<U5'"),
        new Bad("pickled objects", npy(header("|O", "False", "(1,)"),
            new byte[] {(byte) 0x80, 4, (byte) 0x95, '.'}), "unsupported dtype '|O' (Python "
            + "objects, stored as a pickle, which is never loaded)"),
        new Bad("structured dtype", npy("{'descr': [('a', '<f4'), ('b', '<i4')], "
            + "'fortran_order': False, 'shape': (1,), }", new byte[8]),
            "unsupported dtype: a structured or subarray dtype (descr list)"),
        new Bad("native byte order", npy(header("=f4", "False", "(2, 3)"), F23),
            "unsupported dtype '=f4' (native byte order is ambiguous in a file"),
        new Bad("uint8", npy(header("|u1", "False", "(3,)"), new byte[3]),
            "unsupported dtype '|u1'"),
        new Bad("bool byte 2", npy(header("|b1", "False", "(3,)"), new byte[] {1, 2, 0}),
            "invalid bool at data byte 1: value 2 (a .npy bool is 0 or 1)"),
        new Bad("bool byte 255", npy(header("|b1", "False", "(3,)"), new byte[] {0, 0, -1}),
            "invalid bool at data byte 2: value 255"),
        new Bad("fortran_order 0", npy(header("<f4", "0", "(2, 3)"), F23),
            "fortran_order is not True or False"),
        new Bad("shape is a list", f4("[2, 3]", F23), "shape is not a tuple"),
        new Bad("shape is an int", f4("(6)", F23), "shape (6) is a number in parentheses"),
        new Bad("float dim", f4("(2.5,)", F23), "expected ',' or ')' in shape"),
        new Bad("leading zero", f4("(02, 3)", F23), "not a non-negative decimal integer"),
        new Bad("empty dim", f4("(2,, 3)", F23), "not a non-negative decimal integer"),
        new Bad("rank 65", f4(dims65, new byte[4]), "more than 64 dimensions"),
        new Bad("header not a dict", npy("[1, 2]", F23), "the header is not a dict"),
        new Bad("text after the dict", npy(header("<f4", "False", "(2, 3)") + " x", F23),
            "unexpected text after the header dict"),
        new Bad("descr not a string", npy("{'descr': 5, 'fortran_order': False, "
            + "'shape': (2, 3), }", F23), "expected descr to be a quoted dtype string"),
        new Bad("escape in a string", npy(header("<f\\x34", "False", "(2, 3)"), F23),
            "unsupported character in a string literal"),
        new Bad("unterminated string", npy("{'descr': '<f4", F23), "unterminated string"),
        new Bad("python 2 long in a v3 header", npy(3, 0, (header("<f4", "False", "(2L, 3L)")
            + "\n").getBytes(StandardCharsets.UTF_8), F23), "expected ',' or ')' in shape"),
        new Bad("v3 header not utf-8", npy(3, 0, concat(header("<f4", "False", "(2, 3)")
            .getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, '\n'}), F23),
            "a version 3.0 header is not valid UTF-8"),
        new Bad("v3 header with non-ascii descr", npy(3, 0, (header("<f\u00e9", "False",
            "(2, 3)") + "\n").getBytes(StandardCharsets.UTF_8), F23),
            "unsupported dtype '<f\u00e9'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void fileReadFailsNamingFileAndProblem(Bad c) throws IOException {
    Path p = tmp.resolve("x.npy");
    Files.write(p, c.bytes());
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(c.problem()), e.getMessage());
    assertEquals(p.toString(), e.source());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void streamReadFailsNamingSourceAndProblem(Bad c) {
    NpyFormatException e = assertThrows(NpyFormatException.class,
        () -> Npy.read(new ByteArrayInputStream(c.bytes()), "x.npy", 1L << 40));
    assertTrue(e.getMessage().startsWith("x.npy: "), e.getMessage());
    assertTrue(e.getMessage().contains(c.problem()), e.getMessage());
  }

  @Test
  void truncationMessageIsExact() {
    byte[] b = f4("(2, 3)", Arrays.copyOf(F23, 12));
    NpyFormatException e = assertThrows(NpyFormatException.class,
        () -> Npy.read(new ByteArrayInputStream(b), "x.npy", 1 << 20));
    assertEquals("x.npy: truncated data: header says 24 bytes of <f4 for shape (2, 3), "
        + "file has 12", e.getMessage());
    assertEquals("truncated data: header says 24 bytes of <f4 for shape (2, 3), file has 12",
        e.problem());
  }

  @Test
  void headerMessagesShowTheHeader() {
    byte[] b = npy("{'descr': '<f4', 'fortran_order': False, }", F23);
    NpyFormatException e = assertThrows(NpyFormatException.class,
        () -> Npy.read(new ByteArrayInputStream(b), "x.npy", b.length));
    assertEquals("x.npy: bad header: missing key 'shape' in "
        + "\"{'descr': '<f4', 'fortran_order': False, }\"", e.getMessage());
  }

  @Test
  void streamLimitIsEnforcedBeforeReadingData() {
    byte[] b = fixture("f8_2x3x4.npy"); // 128 + 192 bytes
    NpyFormatException e = assertThrows(NpyFormatException.class,
        () -> Npy.read(new ByteArrayInputStream(b), "x.npy", 200));
    assertEquals("x.npy: array data of 192 bytes of <f8 for shape (2, 3, 4) exceeds the read "
        + "limit of 72 bytes", e.getMessage());
  }

  @Test
  void trailingBytesOnAStreamAreCountedUpToTheLimit() {
    byte[] b = concat(fixture("i4_5.npy"), new byte[5000]);
    NpyFormatException e = assertThrows(NpyFormatException.class,
        () -> Npy.read(new ByteArrayInputStream(b), "x.npy", 1000));
    assertTrue(e.getMessage().contains("file has more than 872"), e.getMessage());
  }

  /** A header claiming 80 GB (or 800 MB) over 10 bytes fails at once and allocates little. */
  @Test
  void lyingHeaderFailsFastWithoutAllocating() throws IOException {
    com.sun.management.ThreadMXBean mx = threadMx();
    for (String shape : new String[] {"(100000, 100000)", "(10000, 10000)", "(20000, 20000)"}) {
      byte[] b = npy(header("<f8", "False", shape), new byte[10]);
      Path p = tmp.resolve("lie.npy");
      Files.write(p, b);
      for (boolean stream : new boolean[] {false, true}) {
        long before = mx.getCurrentThreadAllocatedBytes();
        NpyFormatException e = assertTimeout(Duration.ofSeconds(5),
            () -> assertThrows(NpyFormatException.class, () -> {
              if (stream) {
                Npy.read(new ByteArrayInputStream(b), "lie.npy", Long.MAX_VALUE);
              } else {
                Npy.read(p);
              }
            }));
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 2 << 20, shape + " allocated " + allocated + ": " + e);
      }
    }
  }

  static com.sun.management.ThreadMXBean threadMx() {
    Assumptions.assumeTrue(ManagementFactory.getThreadMXBean()
        instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
    mx.setThreadAllocatedMemoryEnabled(true);
    return mx;
  }
}
