package org.tensorgraph.core.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.tensorgraph.core.Tensor;

/**
 * numpy's {@code .npz} format: a zip archive of {@code NAME.npy} entries, as {@code np.savez}
 * (entries stored) and {@code np.savez_compressed} (entries deflated) write it and {@code
 * np.load} reads it. Checkpoints use it, keyed by variable name.
 *
 * <pre>{@code
 * Map<String, Tensor> vars = new LinkedHashMap<>();
 * vars.put("rnn/basic_rnn_cell/kernel", Tensor.zeros(DType.FLOAT32, Shape.of(7, 4)));
 * vars.put("rnn/basic_rnn_cell/bias", Tensor.zeros(DType.FLOAT32, Shape.of(4)));
 * Npz.write(Path.of("ckpt.npz"), vars, false);
 * // python: np.load("ckpt.npz").files -> ['rnn/basic_rnn_cell/kernel', 'rnn/basic_rnn_cell/bias']
 * Npz.read(Path.of("ckpt.npz")).keySet();   // [rnn/basic_rnn_cell/kernel, rnn/basic_rnn_cell/bias]
 * }</pre>
 *
 * <p>Keys are entry names without {@code .npy}, as numpy's {@code NpzFile} keys them; names with
 * slashes are plain keys (nothing is extracted to disk). Reading is strict, every problem an
 * {@link NpyFormatException} naming the archive (and entry):
 *
 * <ul>
 *   <li>a file that is not a readable zip, or an entry whose data is corrupt (CRC-32 and size are
 *       checked against the archive's records, as Python's zipfile does);
 *   <li>two entries with the same name (zip allows it; numpy would silently use one);
 *   <li>an entry whose name does not end in {@code .npy} (numpy would return its raw bytes; a
 *       map of tensors has no place for them, and dropping them silently would lose data);
 *   <li>any entry that {@link Npy} would refuse as a file;
 *   <li>more than {@code maxBytes} of uncompressed content in total, which stops zip bombs
 *       before they fill the heap.
 * </ul>
 */
public final class Npz {
  /** Zip's 16-bit name length field. */
  private static final int MAX_NAME_BYTES = 0xFFFF;
  /** A fixed entry time, so that writing the same arrays twice gives the same bytes. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private Npz() {}

  /**
   * The default cap on uncompressed bytes for {@link #read(Path)}: half the maximum heap (a
   * deflated entry briefly needs twice its size), and at most 4 GiB.
   */
  public static long defaultMaxBytes() {
    return Math.min(4L << 30, Runtime.getRuntime().maxMemory() / 2);
  }

  /**
   * Reads every array of an {@code .npz} file, in archive order, with at most {@link
   * #defaultMaxBytes()} of uncompressed content.
   *
   * @return a new {@link LinkedHashMap} from key (entry name without {@code .npy}) to array
   * @throws NpyFormatException if the archive or an entry is malformed (see the class doc)
   * @throws IOException if the file cannot be read, e.g. {@link java.nio.file.NoSuchFileException}
   */
  public static Map<String, Tensor> read(Path file) throws IOException {
    return read(file, defaultMaxBytes());
  }

  /**
   * As {@link #read(Path)}, with an explicit cap on the total uncompressed bytes read.
   *
   * @param maxBytes the most uncompressed bytes to read over all entries, headers included
   */
  public static Map<String, Tensor> read(Path file, long maxBytes) throws IOException {
    Objects.requireNonNull(file, "file");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    String source = file.toString();
    long fileSize = Files.size(file);
    try (ZipFile zip = open(file, source)) {
      List<ZipEntry> entries = entries(zip, source);
      Map<String, Tensor> out = new LinkedHashMap<>();
      long budget = maxBytes;
      for (ZipEntry e : entries) {
        String name = e.getName();
        EntryRead r = readEntry(zip, e, source, fileSize, budget);
        out.put(name.substring(0, name.length() - 4), r.tensor());
        budget -= r.bytes();
      }
      return out;
    }
  }

  private static ZipFile open(Path file, String source) throws IOException {
    try {
      return new ZipFile(file.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException | EOFException | RuntimeException e) {
      // The JDK reports damage as ZipException, as EOFException for offsets past the end, and
      // as IllegalArgumentException for names that are not UTF-8.
      throw new NpyFormatException(source, "not a valid zip archive (" + why(e) + ")", e);
    }
  }

  /** All entries, after checking names: each once, each {@code NAME.npy}. */
  private static List<ZipEntry> entries(ZipFile zip, String source) throws NpyFormatException {
    List<ZipEntry> list;
    try {
      list = new ArrayList<>(Collections.list(zip.entries()));
    } catch (RuntimeException e) { // IllegalArgumentException: a name that is not UTF-8
      throw new NpyFormatException(source, "corrupt zip directory (" + why(e) + ")", e);
    }
    Set<String> seen = new HashSet<>();
    for (ZipEntry e : list) {
      String name = e.getName();
      if (!seen.add(name)) {
        throw new NpyFormatException(source, "duplicate entry '" + name + "'");
      }
      if (!name.endsWith(".npy")) {
        throw new NpyFormatException(source, "entry '" + name + "' is not a .npy array "
            + "(an .npz holds only NAME.npy entries)");
      }
    }
    return list;
  }

  /** An entry's array and its uncompressed size, which counts against the budget. */
  private record EntryRead(Tensor tensor, long bytes) {}

  private static EntryRead readEntry(ZipFile zip, ZipEntry e, String archive, long fileSize,
      long budget) throws IOException {
    String source = archive + ", entry '" + e.getName() + "'";
    // A stored entry's size can be trusted for allocation once it fits in the archive; a
    // deflated entry's cannot (it is what a zip bomb lies about), so it is read in chunks.
    long size = e.getSize();
    boolean trusted = e.getMethod() == ZipEntry.STORED && size >= 0
        && size == e.getCompressedSize() && size <= fileSize;
    CRC32 crc = new CRC32();
    try (InputStream raw = zip.getInputStream(e);
        CountingInputStream in = new CountingInputStream(new CheckedInputStream(raw, crc))) {
      Tensor t = NpyReader.read(in, source, budget, trusted ? size : -1);
      if (size >= 0 && in.count != size) {
        throw new NpyFormatException(source, "corrupt entry: the archive says " + size
            + " bytes, the data has " + in.count);
      }
      if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
        throw new NpyFormatException(source, String.format("corrupt entry: CRC-32 is %08x, "
            + "the archive says %08x", crc.getValue(), e.getCrc()));
      }
      return new EntryRead(t, in.count);
    } catch (ZipException | EOFException ex) {
      throw new NpyFormatException(source, "corrupt zip data (" + why(ex) + ")", ex);
    }
  }

  private static String why(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * Writes {@code arrays} as an {@code .npz}, atomically (as {@link Npy#write}): each entry is
   * {@code KEY.npy} holding exactly what {@link Npy#toBytes} gives, in the map's order.
   *
   * @param compressed deflate the entries as {@code np.savez_compressed} does; otherwise store
   *     them as {@code np.savez} does
   * @throws IllegalArgumentException for a null key or array, a variant tensor, a rank above 64,
   *     or a name longer than zip allows; nothing is written then
   */
  public static void write(Path file, Map<String, Tensor> arrays, boolean compressed)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(arrays, "arrays");
    Map<String, Tensor> copy = new LinkedHashMap<>(); // checked once, immune to later changes
    for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
      String key = a.getKey();
      if (key == null) {
        throw new IllegalArgumentException("Npz.write: null key");
      }
      if ((key + ".npy").getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new IllegalArgumentException("Npz.write: key is longer than a zip entry name "
            + "may be: " + key.substring(0, 40) + "...");
      }
      NpyWriter.checkWritable(a.getValue(), "Array '" + key + "'");
      copy.put(key, a.getValue());
    }
    NpyFiles.writeAtomically(file, out -> writeZip(out, copy, compressed));
  }

  private static void writeZip(OutputStream out, Map<String, Tensor> arrays, boolean compressed)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
      Tensor t = a.getValue();
      ZipEntry e = new ZipEntry(a.getKey() + ".npy");
      e.setTimeLocal(ENTRY_TIME);
      if (compressed) {
        e.setMethod(ZipEntry.DEFLATED);
      } else {
        long size = NpyWriter.fileSize(t);
        e.setMethod(ZipEntry.STORED); // a stored entry declares its size and CRC up front
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(NpyWriter.crc32(t));
      }
      zip.putNextEntry(e);
      NpyWriter.write(t, zip);
      zip.closeEntry();
    }
    zip.finish(); // not close(): the caller owns and closes the file stream
  }

  /** Counts the bytes that pass, for the size check and the budget. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      count += k;
      return k;
    }
  }
}
