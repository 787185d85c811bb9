package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the readers: thousands of damaged copies of the numpy fixtures (bit flips,
 * byte overwrites, truncations, insertions, deletions, header-length and header-token changes),
 * each of which must either read or fail with an {@link NpyFormatException}, and must not
 * allocate much more than its own size. Deterministic (fixed seed); a failure prints the case.
 * For a longer local hunt: {@code -Dnpy.fuzz.seed=N -Dnpy.fuzz.iterations=M}.
 */
class NpyFuzzTest {
  private static final long SEED = Long.getLong("npy.fuzz.seed", 0x6e70795f66757a7aL);
  private static final int ITERATIONS = Integer.getInteger("npy.fuzz.iterations", 10_000);
  /** What a read may allocate beyond a few times the input: one chunk, zip buffers, slack. */
  private static final long ALLOCATION_SLACK = 4 << 20;
  private static final String[] TOKENS = {"-1", "99999999999", "9223372036854775808", "0",
      "True", "False", "None", "'<c8'", "'|O'", "'>f8'", "'|b1'", "(", ")", ",", ", ", "L",
      "\\", "'", "\"", "[", "]", "{", "}", ":", "\n", "'shape': ()", "'descr'", "(2**62, 2**62)",
      "(100000, 100000)", "\u00e9"};
  private static final int[] LENGTHS = {0, 1, 9, 10, 63, 117, 118, 119, 127, 9_999, 10_000,
      10_001, 65_535};

  @TempDir Path tmp;

  private record Fixture(String name, byte[] bytes) {}

  private final Random rnd = new Random(SEED);

  @Test
  void mutatedInputsReadOrFailCleanly() throws IOException, URISyntaxException {
    List<Fixture> npy = fixtures(".npy");
    List<Fixture> npz = fixtures(".npz");
    com.sun.management.ThreadMXBean mx = allocationCounter();
    int read = 0;
    int rejected = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      // A quarter of the runs go to the two archives, which have the most structure to break.
      List<Fixture> pool = rnd.nextInt(4) == 0 ? npz : npy;
      Fixture f = pool.get(rnd.nextInt(pool.size()));
      byte[] m = f.bytes().clone();
      int mutations = 1 + rnd.nextInt(3);
      for (int k = 0; k < mutations; k++) {
        m = mutate(m);
      }
      long before = mx == null ? 0 : mx.getCurrentThreadAllocatedBytes();
      try {
        readOnce(f.name(), m, i);
        read++;
      } catch (NpyFormatException e) {
        rejected++;
      } catch (Throwable t) {
        fail(report(i, f, m, t));
      }
      if (mx != null) {
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        if (allocated > 4L * m.length + ALLOCATION_SLACK) {
          fail(report(i, f, m, new AssertionError("allocated " + allocated + " bytes")));
        }
      }
    }
    // Both outcomes must really occur, or the mutations are too weak (or too strong).
    assertTrue(read > ITERATIONS / 100, "reads that succeeded: " + read);
    assertTrue(rejected > ITERATIONS / 2, "reads rejected: " + rejected);
  }

  private void readOnce(String name, byte[] m, int i) throws IOException {
    if (name.endsWith(".npz")) {
      Path p = tmp.resolve("m" + i + ".npz"); // a fresh name: ZipFile caches by file
      Files.write(p, m);
      try {
        Npz.read(p, 16 << 20);
      } finally {
        Files.delete(p);
      }
    } else if (i % 4 == 0) {
      Path p = tmp.resolve("m.npy");
      Files.write(p, m);
      Npy.read(p);
    } else {
      Npy.read(new ByteArrayInputStream(m), "m.npy", 1 << 20);
    }
  }

  private byte[] mutate(byte[] b) {
    if (b.length == 0) {
      return new byte[] {(byte) rnd.nextInt(256)};
    }
    switch (rnd.nextInt(9)) {
      case 0: // bit flip, mostly in the header
        b[pos(b)] ^= (byte) (1 << rnd.nextInt(8));
        return b;
      case 1: // byte overwrite
        b[pos(b)] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256)
            : "\u0000\u00ff\n ( ),-9'{}L".charAt(rnd.nextInt(14)));
        return b;
      case 2: // truncation
        return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      case 3: { // insertion of random bytes
        byte[] ins = new byte[1 + rnd.nextInt(16)];
        rnd.nextBytes(ins);
        return splice(b, pos(b), 0, ins);
      }
      case 4: // deletion
        return splice(b, pos(b), 1 + rnd.nextInt(16), new byte[0]);
      case 5:
        return changeHeaderLength(b);
      case 6: { // a header token in place of some header bytes
        byte[] tok = TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
        int at = pos(b);
        return splice(b, at, Math.min(rnd.nextInt(4), b.length - at), tok);
      }
      case 7: { // bytes after the end
        byte[] tail = new byte[1 + rnd.nextInt(64)];
        rnd.nextBytes(tail);
        return splice(b, b.length, 0, tail);
      }
      default: { // a 32-bit field (a zip size or offset, a v2 length) set to an extreme
        int at = rnd.nextInt(Math.max(1, b.length - 3));
        int v = new int[] {0, -1, 0x7fffffff, rnd.nextInt()}[rnd.nextInt(4)];
        for (int k = 0; k < 4 && at + k < b.length; k++) {
          b[at + k] = (byte) (v >>> (8 * k));
        }
        return b;
      }
    }
  }

  /** A position biased toward the first 200 bytes, where the headers are. */
  private int pos(byte[] b) {
    int limit = rnd.nextInt(10) < 7 ? Math.min(b.length, 200) : b.length;
    return rnd.nextInt(limit);
  }

  /** Sets the length field of some embedded .npy (the file itself, or an npz entry). */
  private byte[] changeHeaderLength(byte[] b) {
    List<Integer> magics = new ArrayList<>();
    String s = new String(b, StandardCharsets.ISO_8859_1);
    for (int at = s.indexOf("\u0093NUMPY"); at >= 0; at = s.indexOf("\u0093NUMPY", at + 1)) {
      magics.add(at);
    }
    if (magics.isEmpty()) {
      return b;
    }
    int field = magics.get(rnd.nextInt(magics.size())) + 8;
    if (field + 1 >= b.length) {
      return b;
    }
    int old = (b[field] & 0xFF) | (b[field + 1] & 0xFF) << 8;
    int v = rnd.nextBoolean() ? LENGTHS[rnd.nextInt(LENGTHS.length)]
        : old + rnd.nextInt(129) - 64;
    b[field] = (byte) v;
    b[field + 1] = (byte) (v >>> 8);
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    int r = Math.min(remove, b.length - at);
    byte[] out = new byte[b.length - r + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + r, out, at + insert.length, b.length - at - r);
    return out;
  }

  private static List<Fixture> fixtures(String suffix) throws IOException, URISyntaxException {
    Path dir = Path.of(NpyFuzzTest.class.getResource("npy/f4_2x3.npy").toURI()).getParent();
    List<Fixture> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String n = p.getFileName().toString();
        if (n.endsWith(suffix)) {
          out.add(new Fixture(n, Files.readAllBytes(p)));
        }
      }
    }
    assertTrue(out.size() >= 2, suffix + " fixtures found: " + out.size());
    return out;
  }

  private static com.sun.management.ThreadMXBean allocationCounter() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean) {
      var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      if (mx.isThreadAllocatedMemorySupported()) {
        mx.setThreadAllocatedMemoryEnabled(true);
        return mx;
      }
    }
    return null; // not HotSpot: the outcome oracle still runs
  }

  private static String report(int i, Fixture f, byte[] m, Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String hex = HexFormat.of().formatHex(m, 0, Math.min(m.length, 256));
    return "iteration " + i + " (seed " + SEED + ") on a mutation of " + f.name() + ", "
        + m.length + " bytes, starting " + hex + "\n" + w;
  }
}
