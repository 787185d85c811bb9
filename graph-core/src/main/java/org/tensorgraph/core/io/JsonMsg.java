package org.tensorgraph.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorgraph.core.DType;

/**
 * One JSON object read as a protobuf message under the canonical JSON mapping: field names in
 * lowerCamelCase or as in the .proto (both are accepted, as protobuf's parsers do), unknown
 * fields rejected, {@code null} meaning the default, int64 as a string or a number, bytes as
 * base64, enums by name or number. Every failure is a {@link GraphDefFormatException} naming the
 * place ({@link Where}).
 */
final class JsonMsg {
  /** A place in the file, for messages: the source and e.g. "node 'x' (MatMul), attr 'T'". */
  record Where(String source, String where) {
    Where at(String more) {
      return new Where(source, where == null ? more : where + ", " + more);
    }

    GraphDefFormatException fail(String problem) {
      return new GraphDefFormatException(source, where, problem);
    }

    GraphDefFormatException fail(String problem, Throwable cause) {
      return new GraphDefFormatException(source, where, problem, cause);
    }
  }

  /** A JSON number's syntax, which protobuf also accepts inside a string. */
  private static final java.util.regex.Pattern NUMERAL =
      java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String type;
  private final Map<String, JsonNode> fields;
  private final Where where;

  private JsonMsg(String type, Map<String, JsonNode> fields, Where where) {
    this.type = type;
    this.fields = fields;
    this.where = where;
  }

  /**
   * Reads {@code node} as a message of {@code type} whose fields (lowerCamelCase) are {@code
   * known}.
   */
  static JsonMsg of(JsonNode node, String type, Set<String> known, Where w)
      throws GraphDefFormatException {
    if (node == null || !node.isObject()) {
      throw w.fail("expected a JSON object (" + type + "), got " + describe(node));
    }
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = camel(e.getKey());
      if (!known.contains(name)) {
        throw w.fail("unknown field '" + shorten(e.getKey()) + "' in " + type + "; known fields: "
            + String.join(", ", new java.util.TreeSet<>(known)));
      }
      if (fields.containsKey(name)) {
        throw w.fail("field '" + name + "' of " + type + " is given twice");
      }
      if (!e.getValue().isNull()) {
        fields.put(name, e.getValue());
      }
    }
    return new JsonMsg(type, fields, w);
  }

  Where where() {
    return where;
  }

  boolean has(String field) {
    return fields.containsKey(field);
  }

  Set<String> present() {
    return fields.keySet();
  }

  JsonNode raw(String field) {
    return fields.get(field);
  }

  String string(String field) throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    if (n == null) {
      return "";
    }
    if (!n.isTextual()) {
      throw fieldFail(field, "a string", n);
    }
    return n.textValue();
  }

  /** A required, non-empty string field. */
  String requiredString(String field) throws GraphDefFormatException {
    String s = string(field);
    if (s.isEmpty()) {
      throw where.fail(type + " has no '" + field + "'");
    }
    return s;
  }

  boolean bool(String field) throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    if (n == null) {
      return false;
    }
    return asBool(n, where, type + "." + field);
  }

  long int64(String field) throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    return n == null ? 0 : asInt64(n, where, type + "." + field);
  }

  int int32(String field) throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    return n == null ? 0 : asInt32(n, where, type + "." + field);
  }

  JsonMsg message(String field, String msgType, Set<String> known)
      throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    return n == null ? null : of(n, msgType, known, where);
  }

  /** A repeated field's elements (empty when absent); nulls inside are rejected. */
  List<JsonNode> array(String field) throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw fieldFail(field, "a JSON array", n);
    }
    List<JsonNode> r = new ArrayList<>(n.size());
    for (JsonNode e : n) {
      if (e.isNull()) {
        throw where.fail("field '" + field + "' of " + type + " holds a null element");
      }
      r.add(e);
    }
    return r;
  }

  /** A map field (a JSON object with arbitrary keys), in file order. */
  Map<String, JsonNode> map(String field) throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    if (n == null) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw fieldFail(field, "a JSON object", n);
    }
    Map<String, JsonNode> r = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        throw where.fail("map field '" + field + "' of " + type + " has a null value for key '"
            + shorten(e.getKey()) + "'");
      }
      r.put(e.getKey(), e.getValue());
    }
    return r;
  }

  DType dtype(String field) throws GraphDefFormatException {
    JsonNode n = fields.get(field);
    if (n == null) {
      throw where.fail(type + " has no '" + field + "' (DT_INVALID)");
    }
    return asDType(n, where, type + "." + field);
  }

  private GraphDefFormatException fieldFail(String field, String want, JsonNode got) {
    return where.fail("field '" + field + "' of " + type + " must be " + want + ", got "
        + describe(got));
  }

  // ---------------------------------------------------------------- scalar conversions

  static boolean asBool(JsonNode n, Where w, String what) throws GraphDefFormatException {
    if (!n.isBoolean()) {
      throw w.fail(what + " must be true or false, got " + describe(n));
    }
    return n.booleanValue();
  }

  /** int64: a JSON string of digits (as protobuf writes it) or an integral JSON number. */
  static long asInt64(JsonNode n, Where w, String what) throws GraphDefFormatException {
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.textValue().trim());
      } catch (NumberFormatException e) {
        throw w.fail(what + " must be a 64-bit integer, got " + describe(n));
      }
    }
    if (n.isIntegralNumber()) {
      if (!n.canConvertToLong()) {
        throw w.fail(what + " is out of the 64-bit integer range: " + shorten(n.asText()));
      }
      return n.longValue();
    }
    if (n.isFloatingPointNumber()) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return (long) d;
      }
    }
    throw w.fail(what + " must be a 64-bit integer, got " + describe(n));
  }

  static int asInt32(JsonNode n, Where w, String what) throws GraphDefFormatException {
    long v = asInt64(n, w, what);
    if (v != (int) v) {
      throw w.fail(what + " is out of the 32-bit integer range: " + v);
    }
    return (int) v;
  }

  /** A double: a JSON number, or the strings "NaN", "Infinity", "-Infinity" (or a numeral). */
  static double asDouble(JsonNode n, Where w, String what) throws GraphDefFormatException {
    if (n.isNumber()) {
      double d = n.doubleValue();
      if (Double.isInfinite(d)) {
        throw w.fail(what + " is out of the double range: " + shorten(n.asText()));
      }
      return d;
    }
    if (n.isTextual()) {
      switch (n.textValue()) {
        case "NaN": return Double.NaN;
        case "Infinity": return Double.POSITIVE_INFINITY;
        case "-Infinity": return Double.NEGATIVE_INFINITY;
        default:
          if (NUMERAL.matcher(n.textValue()).matches()) {
            double d = Double.parseDouble(n.textValue());
            if (!Double.isInfinite(d)) {
              return d;
            }
          }
      }
    }
    throw w.fail(what + " must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got "
        + describe(n));
  }

  /** A float: as {@link #asDouble}, and finite values must fit a float. */
  static float asFloat(JsonNode n, Where w, String what) throws GraphDefFormatException {
    double d = asDouble(n, w, what);
    if (!Double.isInfinite(d) && !Double.isNaN(d) && Math.abs(d) > Float.MAX_VALUE) {
      throw w.fail(what + " is out of the float range: " + d);
    }
    return (float) d;
  }

  /** A DataType enum value by name ({@code "DT_FLOAT"}) or number (1). */
  static DType asDType(JsonNode n, Where w, String what) throws GraphDefFormatException {
    try {
      if (n.isTextual()) {
        if (!n.textValue().startsWith("DT_")) {
          throw new IllegalArgumentException();
        }
        return DType.fromName(n.textValue());
      }
      if (n.isIntegralNumber() && n.canConvertToInt()) {
        return DType.fromProtoEnum(n.intValue());
      }
    } catch (IllegalArgumentException e) {
      throw w.fail(what + ": unsupported or unknown dtype " + shorten(n.toString())
          + "; supported: DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, DT_BOOL, DT_VARIANT");
    }
    throw w.fail(what + " must be a DataType name such as \"DT_FLOAT\", got " + describe(n));
  }

  /** protobuf {@code bytes}: standard or URL-safe base64, padding optional. */
  static byte[] asBytes(JsonNode n, Where w, String what) throws GraphDefFormatException {
    if (!n.isTextual()) {
      throw w.fail(what + " must be a base64 string, got " + describe(n));
    }
    String s = n.textValue();
    try {
      return s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(s)
          : Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw w.fail(what + " is not valid base64: " + e.getMessage(), e);
    }
  }

  /** A string attr: base64 bytes that must be UTF-8 text (Java attrs are Strings). */
  static String asUtf8(JsonNode n, Where w, String what) throws GraphDefFormatException {
    byte[] b = asBytes(n, w, what);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw w.fail(what + " is not UTF-8 text (binary string attrs are not supported)", e);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** proto field name to its JSON name: {@code tensor_shape} to {@code tensorShape}. */
  static String camel(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    boolean up = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }

  static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    String kind = n.isObject() ? "an object" : n.isArray() ? "an array" : n.isTextual()
        ? "the string " + shorten(n.toString()) : n.isBoolean() ? n.toString() : n.isNumber()
        ? "the number " + shorten(n.toString()) : n.isNull() ? "null" : n.getNodeType().toString();
    return kind;
  }

  /** Keeps messages short when a hostile file puts megabytes in a name. */
  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
