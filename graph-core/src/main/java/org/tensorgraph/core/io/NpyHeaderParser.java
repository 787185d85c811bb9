package org.tensorgraph.core.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict parser for the Python dict literal of a {@code .npy} header, such as {@code {'descr':
 * '<f4', 'fortran_order': False, 'shape': (2, 3), }}: no eval, one linear pass, no recursion.
 *
 * <p>It accepts what numpy writes and what {@code ast.literal_eval} reads for our dtypes: the
 * three keys in any order, single or double quotes, optional trailing commas, any Python
 * whitespace between tokens, and (for version 1.0/2.0 headers, as numpy does) a Python 2 {@code
 * L} after a dimension. It is stricter than numpy where numpy's leniency only hides damage: a
 * duplicate key (Python keeps the last) is an error, and the header must end with a newline.
 */
final class NpyHeaderParser {
  private static final int SHOWN_HEADER_CHARS = 160;

  private final String text;
  private final String source;
  private final boolean allowLongSuffix;
  private int pos;

  private String descr;
  private Boolean fortranOrder;
  private long[] dims;

  private NpyHeaderParser(String text, String source, int majorVersion) {
    this.text = text;
    this.source = source;
    this.allowLongSuffix = majorVersion <= 2;
  }

  /** Parses and checks a decoded header; {@code majorVersion} is the file's format version. */
  static NpyHeader parse(String text, String source, int majorVersion)
      throws NpyFormatException {
    return new NpyHeaderParser(text, source, majorVersion).parse();
  }

  private NpyHeader parse() throws NpyFormatException {
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
      throw fail("the header does not end with a newline");
    }
    skipWhitespace();
    expect('{', "the header is not a dict: expected '{'");
    skipWhitespace();
    while (peek() != '}') {
      parseEntry();
      skipWhitespace();
      if (peek() == ',') {
        pos++;
        skipWhitespace();
      } else if (peek() != '}') {
        throw failAt("expected ',' or '}' after the value");
      }
    }
    pos++;
    skipWhitespace();
    if (pos != text.length()) {
      throw failAt("unexpected text after the header dict");
    }
    requireKey("descr", descr);
    requireKey("fortran_order", fortranOrder);
    requireKey("shape", dims);
    return NpyHeader.of(source, descr, fortranOrder, dims);
  }

  private void parseEntry() throws NpyFormatException {
    int keyPos = pos;
    String key = parseString("a quoted key");
    skipWhitespace();
    expect(':', "expected ':' after key '" + key + "'");
    skipWhitespace();
    boolean duplicate;
    switch (key) {
      case "descr":
        duplicate = descr != null;
        descr = parseDescr();
        break;
      case "fortran_order":
        duplicate = fortranOrder != null;
        fortranOrder = parseBool();
        break;
      case "shape":
        duplicate = dims != null;
        dims = parseShape();
        break;
      default:
        pos = keyPos;
        throw failAt("unexpected key '" + key
            + "'; a header has exactly the keys 'descr', 'fortran_order' and 'shape'");
    }
    if (duplicate) {
      pos = keyPos;
      throw failAt("duplicate key '" + key + "'");
    }
  }

  private String parseDescr() throws NpyFormatException {
    int c = peek();
    if (c == '[' || c == '(') {
      throw new NpyFormatException(source, "unsupported dtype: a structured or subarray dtype "
          + "(descr " + (c == '[' ? "list" : "tuple") + "); supported: " + NpyHeader.SUPPORTED);
    }
    return parseString("descr to be a quoted dtype string");
  }

  private boolean parseBool() throws NpyFormatException {
    int start = pos;
    while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    if (word.equals("True") || word.equals("False")) {
      return word.equals("True");
    }
    pos = start;
    throw failAt("fortran_order is not True or False");
  }

  private long[] parseShape() throws NpyFormatException {
    expect('(', "shape is not a tuple: expected '('");
    skipWhitespace();
    List<Long> list = new ArrayList<>();
    boolean trailingComma = false;
    while (peek() != ')') {
      if (list.size() == NpyHeader.MAX_RANK) {
        throw failAt("shape has more than " + NpyHeader.MAX_RANK
            + " dimensions (numpy's maximum)");
      }
      list.add(parseDim());
      skipWhitespace();
      trailingComma = peek() == ',';
      if (trailingComma) {
        pos++;
        skipWhitespace();
      } else if (peek() != ')') {
        throw failAt("expected ',' or ')' in shape");
      }
    }
    pos++;
    if (list.size() == 1 && !trailingComma) {
      throw failAt("shape (" + list.get(0) + ") is a number in parentheses, not a tuple; "
          + "a 1-d shape is written (" + list.get(0) + ",)");
    }
    return list.stream().mapToLong(Long::longValue).toArray();
  }

  private long parseDim() throws NpyFormatException {
    int start = pos;
    if (peek() == '-') {
      pos++;
      while (isDigit(peek())) {
        pos++;
      }
      String neg = text.substring(start, pos);
      pos = start;
      throw failAt("negative dimension " + neg + " in shape");
    }
    while (isDigit(peek())) {
      pos++;
    }
    String digits = text.substring(start, pos);
    if (digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0')) {
      pos = start;
      throw failAt("shape dimension is not a non-negative decimal integer");
    }
    long v = 0;
    try {
      for (int i = 0; i < digits.length(); i++) {
        v = Math.addExact(Math.multiplyExact(v, 10), digits.charAt(i) - '0');
      }
    } catch (ArithmeticException e) {
      pos = start;
      throw failAt("dimension " + digits + " in shape does not fit in 64 bits");
    }
    if (allowLongSuffix && peek() == 'L') {
      pos++; // Python 2 wrote long dims as 3L; numpy still reads v1/v2 files that have them
    }
    return v;
  }

  /** A '...' or "..." literal without escapes (no supported header value needs one). */
  private String parseString(String what) throws NpyFormatException {
    int quote = peek();
    if (quote != '\'' && quote != '"') {
      throw failAt("expected " + what);
    }
    int start = pos + 1;
    int end = start;
    while (end < text.length() && text.charAt(end) != quote) {
      char c = text.charAt(end);
      if (c == '\n' || c == '\r') {
        pos = end;
        throw failAt("unterminated string literal");
      } else if (c == '\\') {
        pos = end;
        throw failAt("unsupported character in a string literal");
      }
      end++;
    }
    if (end == text.length()) {
      throw failAt("unterminated string literal");
    }
    pos = end + 1;
    return text.substring(start, end);
  }

  private void requireKey(String key, Object value) throws NpyFormatException {
    if (value == null) {
      throw fail("missing key '" + key + "'");
    }
  }

  private void expect(char c, String problem) throws NpyFormatException {
    if (peek() != c) {
      throw failAt(problem);
    }
    pos++;
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\n\r\f".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private NpyFormatException fail(String problem) {
    return new NpyFormatException(source, "bad header: " + problem + " in " + shown());
  }

  private NpyFormatException failAt(String problem) {
    return new NpyFormatException(source, "bad header: " + problem + " at offset " + pos
        + " in " + shown());
  }

  /** The header as a readable, bounded Java-escaped string, without its padding. */
  private String shown() {
    String t = text.stripTrailing();
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < t.length() && i < SHOWN_HEADER_CHARS; i++) {
      char c = t.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.append(t.length() > SHOWN_HEADER_CHARS ? "...\"" : "\"").toString();
  }
}
