package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorgraph.core.io.NpyFixtures.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * Hostile inputs read in a separate JVM with a 16 MiB heap: lying headers, an array larger than
 * the heap, a zip bomb. Each must end in an NpyFormatException, never an OutOfMemoryError.
 */
class NpyLowHeapTest {
  private static final List<String> CASES = List.of("lie-file", "lie-stream", "lie12-file",
      "lie12-stream", "big-file", "big-stream", "bomb-default-limit", "bomb-no-limit");

  @TempDir Path tmp;

  @Test
  void hostileInputsFailCleanlyWithASmallHeap() throws IOException, InterruptedException {
    Files.write(tmp.resolve("lie.npy"), npy("{'descr': '<f8', 'fortran_order': False, "
        + "'shape': (20000, 20000), }", new byte[10])); // claims 3.2 GB
    Files.write(tmp.resolve("lie12.npy"), npy("{'descr': '<f8', 'fortran_order': False, "
        + "'shape': (1500, 1000), }", new byte[10])); // claims 12 MB: passes the heap check
    byte[] bigHeader = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4000000,), }",
        new byte[0]);
    try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("big.npy").toFile(), "rw")) {
      f.write(bigHeader);
      f.setLength(bigHeader.length + 32_000_000L); // really 32 MB of data (sparse zeros)
    }
    Npz.write(tmp.resolve("bomb.npz"),
        Map.of("z", Tensor.zeros(DType.BOOL, Shape.of(32 << 20))), true);

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx16m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), NpyLowHeapTest.class.getName(), tmp.toString())
        .redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
    assertEquals(0, p.exitValue(), out);
    for (String c : CASES) {
      assertTrue(out.contains("ok " + c + ": "), c + " missing in:\n" + out);
    }
    assertTrue(out.contains("ok big-file: ") && out.contains("larger than the Java heap"), out);
    assertTrue(out.contains("exceeds the read limit"), out);
    assertTrue(out.contains("ok lie12-stream: lie12.npy: truncated data: header says 12000000 "
        + "bytes of <f8 for shape (1500, 1000), file has 10"), out);
  }

  /** The probe that runs in the small heap. */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    boolean failed = false;
    for (String c : CASES) {
      try {
        run(c, dir);
        System.out.println("FAIL " + c + ": the read succeeded");
        failed = true;
      } catch (NpyFormatException e) {
        System.out.println("ok " + c + ": " + e.getMessage());
      } catch (Throwable t) {
        System.out.println("FAIL " + c + ": " + t);
        failed = true;
      }
    }
    System.exit(failed ? 1 : 0);
  }

  private static void run(String c, Path dir) throws IOException {
    switch (c) {
      case "lie-file": Npy.read(dir.resolve("lie.npy")); break;
      case "lie12-file": Npy.read(dir.resolve("lie12.npy")); break;
      case "big-file": Npy.read(dir.resolve("big.npy")); break;
      case "bomb-default-limit": Npz.read(dir.resolve("bomb.npz")); break;
      case "bomb-no-limit": Npz.read(dir.resolve("bomb.npz"), Long.MAX_VALUE); break;
      default:
        String file = c.substring(0, c.indexOf('-')) + ".npy";
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
          Npy.read(in, file, Long.MAX_VALUE);
        }
    }
  }
}
