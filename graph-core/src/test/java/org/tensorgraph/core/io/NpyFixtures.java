package org.tensorgraph.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** Shared test data: the fixture formulas of make_npy_fixtures.py, and .npy byte builders. */
final class NpyFixtures {
  static final String[] DTYPES = {"f4", "f8", "i4", "i8", "b1"};
  static final int[][] SHAPES = {{}, {5}, {2, 3}, {2, 3, 4}, {2, 1, 3, 2}};
  static final int[][] EMPTY_SHAPES = {{0}, {2, 0}, {0, 3, 4}};

  private NpyFixtures() {}

  /** The array make_npy_fixtures.py saves for a dtype code and shape (see its docstring). */
  static Tensor formula(String dt, int... shape) {
    Shape s = Shape.of(shape);
    int n = Tensor.checkedElementCount(s);
    switch (dt) {
      case "f4": {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = ((float) i - 2.5f) / 7f;
        }
        return Tensor.wrap(s, v);
      }
      case "f8": {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = ((double) i - 2.5) / 3.0;
        }
        return Tensor.wrap(s, v);
      }
      case "i4": {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = 7 * i - 10;
        }
        return Tensor.wrap(s, v);
      }
      case "i8": {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = 1_000_000_007L * i - 5_000_000_000_000L;
        }
        return Tensor.wrap(s, v);
      }
      case "b1": {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
          v[i] = i % 3 == 0;
        }
        return Tensor.wrap(s, v);
      }
      default:
        throw new IllegalArgumentException(dt);
    }
  }

  /** The file-name form of a shape: "scalar", "5", "2x3". */
  static String shapeName(int... shape) {
    if (shape.length == 0) {
      return "scalar";
    }
    return String.join("x", Arrays.stream(shape).mapToObj(Integer::toString)
        .toArray(String[]::new));
  }

  /** A committed fixture's bytes. */
  static byte[] fixture(String name) {
    try (InputStream in = NpyFixtures.class.getResourceAsStream("npy/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A version 1.0 file with this header text (a newline is added if missing) and data. */
  static byte[] npy(String header, byte[] data) {
    String h = header.endsWith("\n") ? header : header + "\n";
    return npy(1, 0, h.getBytes(StandardCharsets.ISO_8859_1), data);
  }

  /** A file with the given version, raw header bytes (used as they are) and data. */
  static byte[] npy(int major, int minor, byte[] header, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major,
        (byte) minor});
    int len = header.length;
    out.write(len);
    out.write(len >>> 8);
    if (major >= 2) {
      out.write(len >>> 16);
      out.write(len >>> 24);
    }
    out.writeBytes(header);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** The little-endian data bytes of a tensor, as np.save writes them. */
  static byte[] data(Tensor t) {
    byte[] all = Npy.toBytes(t);
    int headerEnd = 10 + ((all[8] & 0xFF) | (all[9] & 0xFF) << 8);
    return Arrays.copyOfRange(all, headerEnd, all.length);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
