package org.tensorgraph.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code checkpoint} state file beside a {@link Saver}'s checkpoints, in TF's text format
 * (a {@code CheckpointState} proto), so that a person or a script reads it at a glance:
 *
 * <pre>
 * model_checkpoint_path: "model-3.npz"
 * all_model_checkpoint_paths: "model-2.npz"
 * all_model_checkpoint_paths: "model-3.npz"
 * </pre>
 *
 * <p>Paths are relative to the state file's directory when the checkpoint lies in it, as TF
 * writes them. The file is replaced atomically (a temporary file, fsync, rename), so a crash
 * leaves the previous state.
 *
 * @param latest the newest checkpoint
 * @param all every checkpoint still kept, oldest first (the newest last)
 */
record SaverState(String latest, List<String> all) {
  /** The state file's name, as TF's. */
  static final String FILE_NAME = "checkpoint";
  /** A state file is a few lines; a bigger one is not ours. */
  private static final long MAX_BYTES = 1 << 20;

  SaverState {
    all = List.copyOf(all);
  }

  /** The text proto. */
  String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("model_checkpoint_path: ").append(quote(latest)).append('\n');
    for (String p : all) {
      sb.append("all_model_checkpoint_paths: ").append(quote(p)).append('\n');
    }
    return sb.toString();
  }

  /**
   * Reads {@code dir/checkpoint}.
   *
   * @return the state, or null when the file does not exist
   * @throws IOException naming the file and line when it is not a state file
   */
  static SaverState read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(file + ": not a checkpoint state file (larger than 1 MiB)");
    }
    String latest = null;
    List<String> all = new ArrayList<>();
    List<String> lines = decode(file, Files.readAllBytes(file)).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? line : line.substring(0, colon).strip();
      String value = colon < 0 ? null : unquote(line.substring(colon + 1).strip());
      if (value == null || !(key.equals("model_checkpoint_path")
          || key.equals("all_model_checkpoint_paths"))) {
        throw new IOException(file + ": line " + (i + 1) + ": expected model_checkpoint_path: "
            + "\"...\" or all_model_checkpoint_paths: \"...\", got: " + shorten(line));
      }
      if (key.equals("model_checkpoint_path")) {
        latest = value;
      } else {
        all.add(value);
      }
    }
    if (latest == null) {
      throw new IOException(file + ": not a checkpoint state file (no model_checkpoint_path)");
    }
    return new SaverState(latest, all);
  }

  /** Writes {@code dir/checkpoint} atomically. */
  void write(Path dir) throws IOException {
    writeAtomically(dir.resolve(FILE_NAME), toText().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a temporary file beside {@code file}, forces it to disk, then renames it over {@code
   * file}: readers see the old content or the new, never a part. The temporary file is removed on
   * failure.
   */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- text-proto strings

  private static String decode(Path file, byte[] bytes) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a checkpoint state file (not UTF-8 text)", e);
    }
  }

  /** A text-format string literal: quotes, backslashes and control characters escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\%03o", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * The string a text-format literal ({@code "..."} or {@code '...'}) stands for, with C escapes
   * and octal bytes (protobuf writes non-ASCII paths as {@code \303\251}); null if malformed.
   */
  static String unquote(String lit) {
    if (lit.length() < 2 || lit.charAt(0) != lit.charAt(lit.length() - 1)
        || (lit.charAt(0) != '"' && lit.charAt(0) != '\'')) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String body = lit.substring(1, lit.length() - 1);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == lit.charAt(0)) {
        return null; // an unescaped quote inside
      }
      if (c != '\\') {
        int end = Character.isHighSurrogate(c) && i + 1 < body.length() ? i + 2 : i + 1;
        out.writeBytes(body.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
        continue;
      }
      if (++i == body.length()) {
        return null;
      }
      int used = unescape(body, i, out);
      if (used < 0) {
        return null;
      }
      i += used - 1;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the escape starting at {@code body[i]} (after the backslash); its length, or -1. */
  private static int unescape(String body, int i, ByteArrayOutputStream out) {
    char e = body.charAt(i);
    switch (e) {
      case 'n' -> out.write('\n');
      case 'r' -> out.write('\r');
      case 't' -> out.write('\t');
      case '"', '\'', '\\' -> out.write(e);
      default -> {
        int n = 0;
        int v = 0;
        while (n < 3 && i + n < body.length() && body.charAt(i + n) >= '0'
            && body.charAt(i + n) <= '7') {
          v = v * 8 + body.charAt(i + n) - '0';
          n++;
        }
        if (n == 0 || v > 0xFF) {
          return -1;
        }
        out.write(v);
        return n;
      }
    }
    return 1;
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
