package org.tensorgraph.cli;

import java.util.ArrayList;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;

/**
 * A feed value written on the command line: a JSON number, {@code true}/{@code false}, or a
 * nested list of those, converted to the dtype of the tensor it feeds. Never evaluated as code
 * (saved_model_cli's {@code --input_exprs} used Python's {@code eval} and became a CVE): this is a
 * small recursive-descent parser of that subset of JSON, plus Python's {@code NaN} and
 * {@code Infinity}.
 *
 * <pre>{@code
 * JsonLiteral.parse("[[1, 2.5], [3, 4]]").toTensor(DType.FLOAT32);  // [[1.  2.5] [3.  4. ]]
 * JsonLiteral.parse("7").toTensor(DType.INT64);                     // 7, shape ()
 * JsonLiteral.parse("[1.5]").toTensor(DType.INT32);                 // IllegalArgumentException
 * }</pre>
 *
 * <p>Rules: integers fit any numeric dtype (in range); numbers with a fraction or exponent only
 * float32/float64 (numpy would truncate them silently; we say so instead); {@code true}/{@code
 * false} only bool. Lists must be rectangular: every element of one list is a list of the same
 * length, or every element is a scalar.
 */
final class JsonLiteral {
  /** Deeper than any tensor a user types; keeps hostile input from overflowing the stack. */
  private static final int MAX_DEPTH = 32;

  private final Shape shape;
  private final List<Object> leaves; // String (number text) or Boolean, row-major

  private JsonLiteral(Shape shape, List<Object> leaves) {
    this.shape = shape;
    this.leaves = leaves;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong and where (a 1-based column)
   */
  static JsonLiteral parse(String text) {
    Parser p = new Parser(text);
    Object tree = p.value(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("unexpected '" + text.charAt(p.pos) + "' after the value");
    }
    List<Long> dims = new ArrayList<>();
    for (Object t = tree; t instanceof List<?> l; t = l.isEmpty() ? null : l.get(0)) {
      dims.add((long) l.size());
    }
    List<Object> leaves = new ArrayList<>();
    flatten(tree, dims, 0, leaves);
    return new JsonLiteral(Shape.of(dims.stream().mapToLong(Long::longValue).toArray()), leaves);
  }

  private static void flatten(Object node, List<Long> dims, int depth, List<Object> out) {
    if (depth == dims.size()) {
      if (node instanceof List) {
        throw new IllegalArgumentException("ragged nested list: a list where the first row has "
            + "a number at depth " + depth);
      }
      out.add(node);
      return;
    }
    if (!(node instanceof List<?> l)) {
      throw new IllegalArgumentException("ragged nested list: a number where the first row has a"
          + " list at depth " + depth);
    }
    if (l.size() != dims.get(depth)) {
      throw new IllegalArgumentException("ragged nested list: a row of length " + l.size()
          + " at depth " + depth + " where the first has length " + dims.get(depth));
    }
    for (Object child : l) {
      flatten(child, dims, depth + 1, out);
    }
  }

  Shape shape() {
    return shape;
  }

  /**
   * The value as a tensor of {@code dtype}.
   *
   * @throws IllegalArgumentException when an element does not fit the dtype
   */
  Tensor toTensor(DType dtype) {
    int n = leaves.size();
    switch (dtype) {
      case FLOAT32 -> {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = Float.parseFloat(number(i, dtype));
        }
        return Tensor.of(shape, a);
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = Double.parseDouble(number(i, dtype));
        }
        return Tensor.of(shape, a);
      }
      case INT32 -> {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
          a[i] = Math.toIntExact(integer(i, dtype, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        return Tensor.of(shape, a);
      }
      case INT64 -> {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = integer(i, dtype, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return Tensor.of(shape, a);
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          if (!(leaves.get(i) instanceof Boolean b)) {
            throw new IllegalArgumentException("the number " + leaves.get(i) + " cannot be fed "
                + "to a bool tensor; write true or false");
          }
          a[i] = b;
        }
        return Tensor.of(shape, a);
      }
      default -> throw new IllegalArgumentException("a " + dtype.tfName() + " tensor (an opaque"
          + " value such as a TensorList) cannot be fed from the command line");
    }
  }

  private String number(int i, DType dtype) {
    Object v = leaves.get(i);
    if (v instanceof Boolean) {
      throw new IllegalArgumentException(v + " cannot be fed to a " + dtype.numpyName()
          + " tensor; write a number");
    }
    return (String) v;
  }

  private long integer(int i, DType dtype, long min, long max) {
    String s = number(i, dtype);
    if (!s.matches("-?[0-9]+")) {
      throw new IllegalArgumentException("the float " + s + " cannot be fed to a "
          + dtype.numpyName() + " tensor; write an integer (without '.' or an exponent)");
    }
    try {
      long v = Long.parseLong(s);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // out of the long range: reported below
    }
    throw new IllegalArgumentException(s + " is out of range for " + dtype.numpyName());
  }

  /** Recursive descent over JSON values, restricted to numbers, booleans and lists. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Object value(int depth) {
      skipSpace();
      if (pos >= text.length()) {
        throw error("unexpected end of the value");
      }
      char c = text.charAt(pos);
      if (c == '[') {
        if (depth >= MAX_DEPTH) {
          throw error("lists nested deeper than " + MAX_DEPTH);
        }
        return list(depth);
      }
      if (c == '-' || (c >= '0' && c <= '9') || c == 'N' || c == 'I') {
        return number();
      }
      if (text.startsWith("true", pos) || text.startsWith("false", pos)) {
        boolean b = c == 't';
        pos += b ? 4 : 5;
        return b;
      }
      if (c == '"' || c == '{' || text.startsWith("null", pos)) {
        throw error("strings, objects and null are not tensor values; write a number, true,"
            + " false or a nested list of those");
      }
      throw error("unexpected '" + c + "'");
    }

    private List<Object> list(int depth) {
      pos++; // '['
      List<Object> items = new ArrayList<>();
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ']') {
        pos++;
        return items;
      }
      while (true) {
        items.add(value(depth + 1));
        skipSpace();
        if (pos >= text.length()) {
          throw error("unclosed '['");
        }
        char c = text.charAt(pos++);
        if (c == ']') {
          return items;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']' but found '" + c + "'");
        }
      }
    }

    private String number() {
      // Python's json writes these; Java's parsers read the same spellings.
      for (String special : new String[] {"NaN", "Infinity", "-Infinity"}) {
        if (text.startsWith(special, pos)) {
          pos += special.length();
          return special;
        }
      }
      java.util.regex.Matcher m = NUMBER.matcher(text).region(pos, text.length());
      if (!m.lookingAt()) {
        throw error("malformed number");
      }
      pos = m.end();
      return m.group();
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("not a JSON literal: " + what + " at column "
          + (pos + 1));
    }
  }

  /** JSON's number grammar. */
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
}
