package org.tensorgraph.core.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;

/** Parses the argument and attr specs of TF's {@code REGISTER_OP} into {@link ArgDef}/{@link AttrDef}. */
final class OpDefSyntax {
  private static final Pattern ARG = Pattern.compile(
      "\\s*([a-z][a-z0-9_]*)\\s*:\\s*(?:Ref\\(\\s*([A-Za-z0-9_]+)\\s*\\)|"
          + "([A-Za-z][A-Za-z0-9_]*)\\s*\\*\\s*([A-Za-z][A-Za-z0-9_]*)|([A-Za-z][A-Za-z0-9_]*))\\s*");
  private static final Pattern ATTR = Pattern.compile(
      "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(\\{[^}]*\\}|list\\(\\s*\\w+\\s*\\)|\\w+)"
          + "\\s*(?:>=\\s*(-?\\d+))?\\s*(?:=\\s*(.+?))?\\s*");

  private OpDefSyntax() {}

  static ArgDef parseArg(String op, String spec, Map<String, AttrDef> attrs) {
    Matcher m = ARG.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException("Op " + op + ": bad argument spec '" + spec + "'");
    }
    String name = m.group(1);
    if (m.group(3) != null) {
      requireAttr(op, spec, attrs, m.group(3), AttrType.INT);
      String t = m.group(4);
      DType fixed = dtypeOrNull(t);
      if (fixed == null) {
        requireAttr(op, spec, attrs, t, AttrType.TYPE);
      }
      return new ArgDef(name, fixed, fixed == null ? t : null, m.group(3), null, false);
    }
    boolean ref = m.group(2) != null;
    String t = ref ? m.group(2) : m.group(5);
    DType fixed = dtypeOrNull(t);
    if (fixed != null) {
      return new ArgDef(name, fixed, null, null, null, ref);
    }
    AttrDef a = attrs.get(t);
    if (a == null || (a.type() != AttrType.TYPE && a.type() != AttrType.LIST_TYPE)) {
      throw new IllegalArgumentException("Op " + op + ": argument '" + spec
          + "' names '" + t + "', which is neither a dtype nor a type attr declared before it");
    }
    return a.type() == AttrType.TYPE
        ? new ArgDef(name, null, t, null, null, ref)
        : new ArgDef(name, null, null, null, t, ref);
  }

  static AttrDef parseAttr(String op, String spec) {
    Matcher m = ATTR.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException("Op " + op + ": bad attr spec '" + spec + "'");
    }
    String kind = m.group(2).replace(" ", "");
    List<Object> allowed = new ArrayList<>();
    AttrType type;
    if (kind.startsWith("{")) {
      type = parseAllowed(kind, allowed);
    } else {
      type = AttrType.fromSpelling(kind);
    }
    long min = m.group(3) == null ? Long.MIN_VALUE : Long.parseLong(m.group(3));
    Object def = m.group(4) == null ? null : parseDefault(op, type, m.group(4).trim());
    return new AttrDef(m.group(1), type, def, allowed, min);
  }

  /** {@code {float, double}} restricts a type attr; {@code {'SAME', 'VALID'}} a string attr. */
  private static AttrType parseAllowed(String kind, List<Object> allowed) {
    String body = kind.substring(1, kind.length() - 1);
    boolean strings = body.contains("'") || body.contains("\"");
    for (String item : body.split(",")) {
      String s = item.trim();
      if (strings) {
        allowed.add(s.substring(1, s.length() - 1));
      } else {
        DType t = dtypeOrNull(s);
        if (t != null) { // TF types we do not support (half, complex64, ...) are left out
          allowed.add(t);
        }
      }
    }
    return strings ? AttrType.STRING : AttrType.TYPE;
  }

  private static Object parseDefault(String op, AttrType type, String s) {
    switch (type) {
      case INT: return Long.parseLong(s);
      case FLOAT: return Float.parseFloat(s);
      case BOOL: return Boolean.parseBoolean(s);
      case STRING: return unquote(s);
      case TYPE: return DType.fromName(s);
      case SHAPE:
        if (s.replace(" ", "").equals("{unknown_rank:true}")) {
          return Shape.unknown();
        }
        return Shape.of(parseLongs(s));
      case LIST_INT: return boxed(parseLongs(s));
      case LIST_TYPE: case LIST_SHAPE: case LIST_FLOAT: case LIST_STRING:
        if (s.replace(" ", "").equals("[]")) {
          return List.of();
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException("Op " + op + ": unsupported default '" + s + "' for "
        + type.spelling());
  }

  private static long[] parseLongs(String s) {
    String body = s.replaceAll("[\\[\\]\\s]", "");
    if (body.isEmpty()) {
      return new long[0];
    }
    String[] parts = body.split(",");
    long[] r = new long[parts.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Long.parseLong(parts[i]);
    }
    return r;
  }

  private static List<Long> boxed(long[] v) {
    List<Long> r = new ArrayList<>();
    for (long x : v) {
      r.add(x);
    }
    return List.copyOf(r);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static void requireAttr(String op, String spec, Map<String, AttrDef> attrs, String name,
      AttrType want) {
    AttrDef a = attrs.get(name);
    if (a == null || a.type() != want) {
      throw new IllegalArgumentException("Op " + op + ": argument '" + spec + "' needs a "
          + want.spelling() + " attr '" + name + "' declared before it");
    }
  }

  /** The dtype TF's op registrations spell {@code s}, or null for a name that is not one of ours. */
  static DType dtypeOrNull(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "float": case "dt_float": return DType.FLOAT32;
      case "double": case "dt_double": return DType.FLOAT64;
      case "int32": case "dt_int32": return DType.INT32;
      case "int64": case "dt_int64": return DType.INT64;
      case "bool": case "dt_bool": return DType.BOOL;
      case "variant": case "dt_variant": return DType.VARIANT;
      default: return null;
    }
  }
}
