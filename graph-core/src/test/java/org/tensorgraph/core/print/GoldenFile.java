package org.tensorgraph.core.print;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/** Reads the case blocks that make_golden.py writes (format in its docstring). */
final class GoldenFile {
  private GoldenFile() {}

  /** One array and numpy's texts for it. */
  record Case(String name, Tensor tensor, String str, String repr) {
    @Override
    public String toString() {
      return name; // the JUnit display name
    }
  }

  static List<Case> read(InputStream in) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("case ")) {
          cases.add(readCase(line.substring(5), r));
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          throw new IOException("Unexpected line outside a case: " + line);
        }
      }
    }
    return cases;
  }

  private static Case readCase(String name, BufferedReader r) throws IOException {
    DType dtype = DType.fromName(field(r, "dtype"));
    String dimsText = field(r, "shape");
    int[] dims = dimsText.isBlank() ? new int[0]
        : Arrays.stream(dimsText.trim().split(",")).mapToInt(Integer::parseInt).toArray();
    Shape shape = Shape.of(dims);
    String data = field(r, "data");
    int n = Tensor.checkedElementCount(shape);
    Object values = data.equals("arange") ? arange(dtype, n) : fromHex(dtype, data, n);
    String str = text(r, "str");
    String repr = text(r, "repr");
    if (!"end".equals(r.readLine())) {
      throw new IOException("Case " + name + " does not end with 'end'");
    }
    return new Case(name, Tensor.wrap(shape, values), str, repr);
  }

  private static String field(BufferedReader r, String key) throws IOException {
    String line = r.readLine();
    if (line == null || !(line.equals(key) || line.startsWith(key + " "))) {
      throw new IOException("Expected '" + key + "' but got: " + line);
    }
    return line.substring(Math.min(line.length(), key.length() + 1));
  }

  private static String text(BufferedReader r, String key) throws IOException {
    int lines = Integer.parseInt(field(r, key));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append(i > 0 ? "\n" : "").append(r.readLine());
    }
    return sb.toString();
  }

  /** Element i equals i, as numpy's {@code np.arange(n).astype(dtype)}. */
  private static Object arange(DType dtype, int n) {
    Object a = Tensor.zeros(dtype, Shape.of(n)).toJavaArray();
    for (int i = 0; i < n; i++) {
      switch (dtype) {
        case FLOAT32: ((float[]) a)[i] = i; break;
        case FLOAT64: ((double[]) a)[i] = i; break;
        case INT32: ((int[]) a)[i] = i; break;
        case INT64: ((long[]) a)[i] = i; break;
        default: throw new IllegalArgumentException("No arange for " + dtype);
      }
    }
    return a;
  }

  /** The raw little-endian bytes numpy's {@code tobytes()} gave, bit for bit. */
  private static Object fromHex(DType dtype, String data, int n) throws IOException {
    if (!data.startsWith("hex")) {
      throw new IOException("Unknown data encoding: " + data);
    }
    String hex = data.substring(Math.min(data.length(), 4));
    if (hex.length() != 2 * n * dtype.byteSize()) {
      throw new IOException("Expected " + n + " elements of " + dtype + ", got " + hex.length()
          + " hex digits");
    }
    ByteBuffer b = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < hex.length(); i += 2) {
      b.put((byte) Integer.parseInt(hex.substring(i, i + 2), 16));
    }
    Object a = Tensor.zeros(dtype, Shape.of(n)).toJavaArray();
    for (int i = 0; i < n; i++) {
      switch (dtype) {
        case FLOAT32: ((float[]) a)[i] = Float.intBitsToFloat(b.getInt(4 * i)); break;
        case FLOAT64: ((double[]) a)[i] = Double.longBitsToDouble(b.getLong(8 * i)); break;
        case INT32: ((int[]) a)[i] = b.getInt(4 * i); break;
        case INT64: ((long[]) a)[i] = b.getLong(8 * i); break;
        default: ((boolean[]) a)[i] = b.get(i) != 0; break;
      }
    }
    return a;
  }
}
