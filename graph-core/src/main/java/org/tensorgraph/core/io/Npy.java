package org.tensorgraph.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.tensorgraph.core.Tensor;

/**
 * numpy's {@code .npy} format: one array per file, readable and writable by {@code np.load} /
 * {@code np.save}.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[][] {{0, 1, 2}, {3, 4, 5}});
 * Npy.write(Path.of("x.npy"), x);
 * // python: np.load("x.npy") -> array([[0., 1., 2.], [3., 4., 5.]], dtype=float32)
 * Npy.read(Path.of("x.npy")).equals(x);   // true
 * Npy.toBytes(x).length;                  // 152: a 128-byte header, then 6 float32s
 * }</pre>
 *
 * <p><b>Writing</b> produces exactly the bytes {@code np.save} (numpy 2.4) writes for the same
 * array: a version 1.0 header {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}
 * padded with spaces and a newline to a multiple of 64 bytes (with numpy's room for the first
 * dimension to grow), then the little-endian data in C order.
 *
 * <p><b>Reading</b> accepts format versions 1.0, 2.0 and 3.0; dtypes {@code <f4 <f8 <i4 <i8} and
 * their big-endian forms {@code >f4 >f8 >i4 >i8} (converted), and bool as {@code |b1} (or any
 * other spelling numpy accepts for it: {@code <b1 >b1 =b1 b1 ?}); C or Fortran order (Fortran
 * data is reordered to row-major). It refuses, with an {@link NpyFormatException} naming the file
 * and the problem, everything else: other dtypes (pickled objects {@code |O}, complex, strings,
 * structured, native-order {@code =f4}), headers that are not a strict dict of exactly {@code
 * descr}, {@code fortran_order} and {@code shape}, headers over 10,000 bytes (numpy's default
 * limit), ranks over 64, shapes whose element count exceeds {@link Tensor#MAX_ELEMENTS}, bool
 * bytes other than 0 and 1, and data shorter or longer than the header says (numpy ignores bytes
 * after the data; a file here holds exactly one array). Sizes are checked before anything large
 * is allocated, so a lying header fails fast and cheaply.
 */
public final class Npy {
  private Npy() {}

  /**
   * Reads a {@code .npy} file.
   *
   * @throws NpyFormatException if the content is malformed or unsupported (see the class doc)
   * @throws IOException if the file cannot be read, e.g. {@link java.nio.file.NoSuchFileException}
   */
  public static Tensor read(Path file) throws IOException {
    String source = file.toString();
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    // A regular file's size is known and trusted; a pipe or device is read like a stream.
    long length = attrs.isRegularFile() ? attrs.size() : -1;
    try (InputStream in = Files.newInputStream(file)) {
      return NpyReader.read(in, source, Long.MAX_VALUE, length);
    }
  }

  /**
   * Reads one {@code .npy} array from a stream, to its end; bytes after the array are an error.
   * The stream is not closed.
   *
   * <pre>{@code
   * try (InputStream in = System.in) {
   *   Tensor t = Npy.read(in, "<stdin>", 1L << 30);   // at most 1 GiB
   * }
   * }</pre>
   *
   * @param sourceName what messages call the input, such as its file name
   * @param maxBytes the most bytes to accept from the stream, header included; a header that
   *     claims more fails before the data is read
   * @throws NpyFormatException if the content is malformed, unsupported or over {@code maxBytes}
   */
  public static Tensor read(InputStream in, String sourceName, long maxBytes) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    return NpyReader.read(in, sourceName, maxBytes, -1);
  }

  /**
   * Writes {@code t} as {@code np.save} would, atomically: the bytes go to a temporary file in
   * the same directory, which then replaces {@code file} in one rename, so a crash leaves either
   * the old file or the complete new one.
   *
   * @throws IllegalArgumentException if {@code t} is a variant tensor or has rank above 64
   */
  public static void write(Path file, Tensor t) throws IOException {
    Objects.requireNonNull(file, "file");
    NpyWriter.checkWritable(t, "The tensor");
    NpyFiles.writeAtomically(file, out -> NpyWriter.write(t, out));
  }

  /**
   * The bytes of the {@code .npy} file {@link #write} would write.
   *
   * <pre>{@code
   * byte[] b = Npy.toBytes(Tensor.of(1.5f));
   * b.length;   // 132: "\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False,
   *             //        'shape': (), }" + spaces + "\n", then 00 00 c0 3f
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code t} cannot be written or needs more than 2 GiB
   */
  public static byte[] toBytes(Tensor t) {
    NpyWriter.checkWritable(t, "The tensor");
    return NpyWriter.toBytes(t);
  }
}
