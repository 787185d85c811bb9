package org.tensorgraph.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;

/**
 * Reads one {@code .npy} array from a stream: preamble, header, data, nothing after.
 *
 * <p>Memory is bounded by what is really there. With a trusted length (a regular file's size, a
 * stored zip entry checked against the archive size) the header's claim is compared with it
 * before anything is allocated, and the array is filled straight from the stream. Without one,
 * the data is read in chunks of at most {@link #CHUNK} bytes and the array is allocated only
 * once all of it has arrived, so a lying header costs at most one chunk.
 */
final class NpyReader {
  /**
   * numpy's default {@code max_header_size}: numpy refuses longer headers unless told to trust
   * the file. A header of a supported dtype with numpy's maximum rank of 64 fits in under 2 KB,
   * so nothing legitimate is lost; and a 10,000-byte cap on what we buffer needs no other
   * justification.
   */
  static final int MAX_HEADER_LEN = 10_000;
  /** numpy's BUFFER_SIZE; a multiple of every item size. */
  static final int CHUNK = 1 << 18;

  private NpyReader() {}

  /**
   * Reads one array.
   *
   * @param maxBytes the most bytes this array may take from the stream, header included
   * @param knownLength the stream's exact length if trusted, else -1
   */
  static Tensor read(InputStream in, String source, long maxBytes, long knownLength)
      throws IOException {
    int major = readMagicAndVersion(in, source);
    int prefix = major == 1 ? 10 : 12;
    long headerLen = readHeaderLength(in, source, prefix - 8);
    if (headerLen > MAX_HEADER_LEN) {
      throw new NpyFormatException(source, "header length " + headerLen + " exceeds the limit of "
          + MAX_HEADER_LEN + " bytes (numpy's default max_header_size)");
    }
    if (prefix + headerLen > maxBytes) {
      throw new NpyFormatException(source, "header of " + headerLen
          + " bytes exceeds the read limit of " + maxBytes + " bytes");
    }
    byte[] raw = in.readNBytes((int) headerLen);
    if (raw.length < headerLen) {
      throw new NpyFormatException(source, "truncated header: the length field says "
          + headerLen + " bytes, the file has " + raw.length);
    }
    NpyHeader h = NpyHeaderParser.parse(decodeHeader(raw, major, source), source, major);
    long offset = prefix + headerLen;
    checkDataSize(h, source, maxBytes - offset, knownLength < 0 ? -1 : knownLength - offset);
    Object data = knownLength >= 0 ? readTrusted(in, h, source) : readChunked(in, h, source);
    expectEnd(in, h, source, maxBytes - offset - h.dataBytes());
    if (h.fortranOrder && h.dims.length > 1) {
      data = NpyData.fortranToRowMajor(data, h.dtype, h.shape().intDims());
    }
    return Tensor.wrap(h.shape(), data);
  }

  private static int readMagicAndVersion(InputStream in, String source) throws IOException {
    byte[] b = in.readNBytes(8);
    for (int i = 0; i < Math.min(b.length, NpyHeader.MAGIC.length); i++) {
      if (b[i] != NpyHeader.MAGIC[i]) {
        String hint = b.length >= 2 && b[0] == 'P' && b[1] == 'K'
            ? " (this is a zip archive; read an .npz with Npz.read)" : "";
        throw new NpyFormatException(source, "bad magic string (expected \\x93NUMPY)" + hint);
      }
    }
    if (b.length < 8) {
      throw new NpyFormatException(source, "truncated header: the file has only " + b.length
          + " bytes");
    }
    int major = b[6] & 0xFF;
    int minor = b[7] & 0xFF;
    if (minor != 0 || major < 1 || major > 3) {
      throw new NpyFormatException(source, "unsupported format version " + major + "." + minor
          + " (supported: 1.0, 2.0, 3.0)");
    }
    return major;
  }

  private static long readHeaderLength(InputStream in, String source, int size)
      throws IOException {
    byte[] b = in.readNBytes(size);
    if (b.length < size) {
      throw new NpyFormatException(source, "truncated header: the file ends inside the "
          + "header length field");
    }
    long len = 0;
    for (int i = size - 1; i >= 0; i--) {
      len = (len << 8) | (b[i] & 0xFF); // little-endian, unsigned
    }
    return len;
  }

  /** Latin-1 for versions 1.0 and 2.0, strict UTF-8 for 3.0 (as numpy's _header_size_info). */
  private static String decodeHeader(byte[] raw, int major, String source)
      throws NpyFormatException {
    if (major < 3) {
      return new String(raw, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      throw new NpyFormatException(source, "bad header: a version 3.0 header is not valid UTF-8",
          e);
    }
  }

  /** Every size check that can be made before the data is read. */
  private static void checkDataSize(NpyHeader h, String source, long budget, long available)
      throws NpyFormatException {
    long bytes = h.dataBytes();
    if (available >= 0 && available < bytes) {
      throw truncated(h, source, available);
    }
    if (available > bytes) {
      throw new NpyFormatException(source, "trailing data: header says " + h.describe()
          + ", file has " + available + " (a .npy file holds exactly one array)");
    }
    if (bytes > budget) {
      throw new NpyFormatException(source, "array data of " + h.describe()
          + " exceeds the read limit of " + Math.max(budget, 0) + " bytes");
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap) {
      throw new NpyFormatException(source, "array data of " + h.describe()
          + " is larger than the Java heap (" + heap + " bytes); run java with a larger -Xmx");
    }
  }

  static NpyFormatException truncated(NpyHeader h, String source, long has) {
    return new NpyFormatException(source, "truncated data: header says " + h.describe()
        + ", file has " + has);
  }

  /** The length was checked, so the array can be allocated first and filled as bytes arrive. */
  private static Object readTrusted(InputStream in, NpyHeader h, String source)
      throws IOException {
    Object dst = NpyData.allocate(h.dtype, h.elementCount);
    long total = h.dataBytes();
    byte[] buf = new byte[(int) Math.min(CHUNK, total)];
    long done = 0;
    while (done < total) {
      int want = (int) Math.min(buf.length, total - done);
      int got = in.readNBytes(buf, 0, want);
      if (got < want) {
        throw truncated(h, source, done + got); // the file shrank after we measured it
      }
      NpyData.decode(buf, want, h, dst, (int) (done / h.dtype.byteSize()), source);
      done += want;
    }
    return dst;
  }

  /** Nothing was checked: collect bounded chunks, and allocate the array only when all came. */
  private static Object readChunked(InputStream in, NpyHeader h, String source)
      throws IOException {
    long total = h.dataBytes();
    List<byte[]> chunks = new ArrayList<>();
    long done = 0;
    while (done < total) {
      byte[] c = new byte[(int) Math.min(CHUNK, total - done)];
      int got = in.readNBytes(c, 0, c.length);
      done += got;
      if (got < c.length) {
        throw truncated(h, source, done);
      }
      chunks.add(c);
    }
    Object dst = NpyData.allocate(h.dtype, h.elementCount);
    int element = 0;
    for (int i = 0; i < chunks.size(); i++) {
      byte[] c = chunks.get(i);
      chunks.set(i, null); // let each chunk go once decoded
      NpyData.decode(c, c.length, h, dst, element, source);
      element += c.length / h.dtype.byteSize();
    }
    return dst;
  }

  /**
   * numpy ignores bytes after the data (np.load can read several arrays saved one after another
   * into one file handle). We read a {@code .npy} as exactly one array, so extra bytes mean a
   * damaged or concatenated file and are an error.
   */
  private static void expectEnd(InputStream in, NpyHeader h, String source, long budget)
      throws IOException {
    if (in.read() < 0) {
      return;
    }
    long extra = 1;
    byte[] scratch = new byte[8192];
    int got;
    while (extra <= budget && (got = in.read(scratch)) > 0) {
      extra += got;
    }
    String has = extra > budget ? "more than " + (h.dataBytes() + budget)
        : Long.toString(h.dataBytes() + extra);
    throw new NpyFormatException(source, "trailing data: header says " + h.describe()
        + ", file has " + has + " (a .npy file holds exactly one array)");
  }
}
