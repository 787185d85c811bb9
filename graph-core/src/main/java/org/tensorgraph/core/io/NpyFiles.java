package org.tensorgraph.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Atomic file replacement for the writers: the target is either the old file or the new one. */
final class NpyFiles {
  /** The body of a write. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private NpyFiles() {}

  /**
   * Writes a temporary file beside {@code file}, forces it to disk, then renames it over {@code
   * file} with {@code ATOMIC_MOVE}. On any failure the temporary file is deleted and the target
   * is untouched. (A fresh file, not Files.createTempFile, so the result gets the usual umask
   * permissions rather than owner-only ones.)
   */
  static void writeAtomically(Path file, Body body) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    String name = target.getFileName().toString();
    String stem = name.length() > 100 ? name.substring(0, 100) : name;
    Path tmp = dir.resolve("." + stem + "." + Long.toHexString(ThreadLocalRandom.current()
        .nextLong() >>> 1) + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    syncDirectory(dir);
  }

  /** Makes the rename itself durable where the platform allows it (Linux, macOS). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; the rename is still atomic, only maybe not yet durable.
    }
  }
}
