package org.tensorgraph.core.io;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * The meaning of a {@code .npy} header dict (dtype and byte order, Fortran flag, shape), checked
 * against what a {@link Tensor} can hold; and the exact header bytes numpy's {@code np.save}
 * writes for a tensor.
 */
final class NpyHeader {
  /** numpy's {@code NPY_MAXDIMS}: numpy itself cannot load an array of higher rank. */
  static final int MAX_RANK = 64;
  /** The supported descr strings, as error messages list them. */
  static final String SUPPORTED = "<f4 <f8 <i4 <i8 |b1 (and big-endian >f4 >f8 >i4 >i8)";

  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** numpy's ARRAY_ALIGN: magic, length field and header together fill a multiple of 64 bytes. */
  private static final int ALIGN = 64;
  /** numpy's GROWTH_AXIS_MAX_DIGITS: spare spaces so the first dimension can grow in place. */
  private static final int GROWTH_DIGITS = 21;

  private record Descr(DType dtype, ByteOrder order) {}

  private static final Map<String, Descr> DESCRS = new HashMap<>();

  static {
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64}) {
      String kindSize = t.numpyDescr().substring(1);
      DESCRS.put("<" + kindSize, new Descr(t, ByteOrder.LITTLE_ENDIAN));
      DESCRS.put(">" + kindSize, new Descr(t, ByteOrder.BIG_ENDIAN));
    }
    // A one-byte bool has no byte order, so every spelling numpy accepts is unambiguous.
    for (String order : new String[] {"|", "<", ">", "=", ""}) {
      DESCRS.put(order + "b1", new Descr(DType.BOOL, ByteOrder.LITTLE_ENDIAN));
      DESCRS.put(order + "?", new Descr(DType.BOOL, ByteOrder.LITTLE_ENDIAN));
    }
  }

  final String descr;
  final DType dtype;
  final ByteOrder order;
  final boolean fortranOrder;
  final long[] dims;
  final int elementCount;

  private NpyHeader(String descr, Descr d, boolean fortranOrder, long[] dims, int elementCount) {
    this.descr = descr;
    this.dtype = d.dtype();
    this.order = d.order();
    this.fortranOrder = fortranOrder;
    this.dims = dims;
    this.elementCount = elementCount;
  }

  /** Checks the parsed values: a supported dtype and a shape whose elements fit one Java array. */
  static NpyHeader of(String source, String descr, boolean fortranOrder, long[] dims)
      throws NpyFormatException {
    Descr d = DESCRS.get(descr);
    if (d == null) {
      throw new NpyFormatException(source, unsupported(descr));
    }
    return new NpyHeader(descr, d, fortranOrder, dims, checkedCount(source, dims));
  }

  private static String unsupported(String descr) {
    String why = "";
    if (descr.contains("O")) {
      why = " (Python objects, stored as a pickle, which is never loaded)";
    } else if (descr.matches("[=|]?[fi][48]")) {
      why = " (native byte order is ambiguous in a file; numpy writes '<' or '>')";
    }
    return "unsupported dtype '" + descr + "'" + why + "; supported: " + SUPPORTED;
  }

  private static int checkedCount(String source, long[] dims) throws NpyFormatException {
    long n = 1;
    try {
      for (long d : dims) {
        n = Math.multiplyExact(n, d);
      }
    } catch (ArithmeticException e) {
      throw new NpyFormatException(source, "shape " + pyTuple(dims)
          + " is too large: its element count overflows a 64-bit integer");
    }
    if (n > Tensor.MAX_ELEMENTS) {
      throw new NpyFormatException(source, "shape " + pyTuple(dims) + " has " + n
          + " elements; a tensor holds at most " + Tensor.MAX_ELEMENTS);
    }
    for (int i = 0; i < dims.length; i++) {
      // Only reachable beside a 0 dimension; such a dim could never be indexed by a Java int.
      if (dims[i] > Tensor.MAX_ELEMENTS) {
        throw new NpyFormatException(source, "dimension " + i + " of shape " + pyTuple(dims)
            + " is above " + Tensor.MAX_ELEMENTS);
      }
    }
    return (int) n;
  }

  Shape shape() {
    return Shape.of(dims);
  }

  long dataBytes() {
    return (long) elementCount * dtype.byteSize();
  }

  /** {@code "24 bytes of <f4 for shape (2, 3)"}, as truncation messages say it. */
  String describe() {
    return dataBytes() + " bytes of " + descr + " for shape " + pyTuple(dims);
  }

  /** Python's repr of a shape tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
  static String pyTuple(long[] dims) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? ", " : "").append(dims[i]);
    }
    return sb.append(dims.length == 1 ? ",)" : ")").toString();
  }

  // ---------------------------------------------------------------- writing

  /** The magic, version, length field and padded header dict np.save writes for this tensor. */
  static byte[] preamble(DType dtype, long[] dims) {
    String dict = "{'descr': '" + dtype.numpyDescr() + "', 'fortran_order': False, 'shape': "
        + pyTuple(dims) + ", }";
    if (dims.length > 0) {
      dict += " ".repeat(Math.max(0, GROWTH_DIGITS - Long.toString(dims[0]).length()));
    }
    return wrap(dict);
  }

  /**
   * numpy's {@code _wrap_header_guess_version}: version 1.0 unless the padded header overflows its
   * uint16 length field, then 2.0. (Never 3.0: our headers are ASCII.) With shapes of rank at most
   * 64 the header stays under 2 KB, so 2.0 is only reached by a synthetic dict in a test.
   */
  static byte[] wrap(String dict) {
    byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
    int major = 1;
    int lenBytes = 2;
    int padded = paddedLength(text.length, lenBytes);
    if (padded > 0xFFFF) {
      major = 2;
      lenBytes = 4;
      padded = paddedLength(text.length, lenBytes);
    }
    byte[] out = new byte[MAGIC.length + 2 + lenBytes + padded];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = (byte) major;
    out[7] = 0;
    for (int i = 0; i < lenBytes; i++) {
      out[8 + i] = (byte) (padded >>> (8 * i)); // little-endian
    }
    int start = 8 + lenBytes;
    System.arraycopy(text, 0, out, start, text.length);
    for (int i = start + text.length; i < out.length - 1; i++) {
      out[i] = ' ';
    }
    out[out.length - 1] = '\n';
    return out;
  }

  /** Header length after numpy's padding; note that numpy pads a full 64 when already aligned. */
  private static int paddedLength(int textLength, int lenBytes) {
    int hlen = textLength + 1; // the final newline
    int pad = ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ALIGN);
    return hlen + pad;
  }
}
