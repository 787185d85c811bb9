package org.tensorgraph.core.io;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} input that this package refuses: malformed, truncated, hostile,
 * of an unsupported dtype, or too large for its limit. The message names the source (file, or
 * archive and entry) and the problem:
 *
 * <pre>{@code
 * try {
 *   Npy.read(Path.of("x.npy"));
 * } catch (NpyFormatException e) {
 *   e.getMessage();  // "x.npy: truncated data: header says 24 bytes of <f4 for shape (2, 3), file has 12"
 *   e.source();      // "x.npy"
 *   e.problem();     // "truncated data: header says 24 bytes of <f4 for shape (2, 3), file has 12"
 * }
 * }</pre>
 *
 * <p>It is the only exception the readers throw for bad content; other {@link IOException}s mean
 * the file could not be read at all ({@link java.nio.file.NoSuchFileException}, a disk error).
 */
public class NpyFormatException extends IOException {
  private final String source;
  private final String problem;

  /** An exception whose message is {@code source + ": " + problem}. */
  public NpyFormatException(String source, String problem) {
    this(source, problem, null);
  }

  /** As {@link #NpyFormatException(String, String)}, keeping the low-level cause. */
  public NpyFormatException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.problem = problem;
  }

  /** The file (or {@code "a.npz, entry 'x.npy'"}) that was being read. */
  public String source() {
    return source;
  }

  /** What was wrong with it, without the source. */
  public String problem() {
    return problem;
  }
}
