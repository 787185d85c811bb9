package org.tensorgraph.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.io.JsonMsg.Where;

/**
 * TF's {@code AttrValue} (attr_value.proto), {@code TensorShapeProto} and {@code NameAttrList}
 * in JSON, to and from the Java attr values of {@link org.tensorgraph.core.op.AttrType}: {@code
 * {"i": "3"}} is a {@code Long}, {@code {"type": "DT_FLOAT"}} a {@link DType}, {@code {"list":
 * {"shape": [...]}}} a {@code List<Shape>}, {@code {"func": {"name": "body"}}} a {@link
 * FuncAttr}. An empty {@code {"list": {}}} is an empty list of whatever kind the op declares.
 */
final class AttrJson {
  static final Set<String> ATTR_FIELDS = Set.of("s", "i", "f", "b", "type", "shape", "tensor",
      "list", "func", "placeholder");
  static final Set<String> LIST_FIELDS = Set.of("s", "i", "f", "b", "type", "shape", "tensor",
      "func");
  static final Set<String> SHAPE_FIELDS = Set.of("dim", "unknownRank");
  static final Set<String> DIM_FIELDS = Set.of("size", "name");
  static final Set<String> FUNC_FIELDS = Set.of("name", "attr");
  /** TF's TensorShape::kMaxDims. */
  static final int MAX_RANK = 254;

  private AttrJson() {}

  // ---------------------------------------------------------------- reading

  /** One AttrValue; {@code w} names the node and attr. */
  static Object read(JsonNode node, Where w, LoadLimits limits) throws GraphDefFormatException {
    JsonMsg m = JsonMsg.of(node, "AttrValue", ATTR_FIELDS, w);
    if (m.present().size() != 1) {
      throw w.fail(m.present().isEmpty() ? "attr has no value"
          : "attr has several values " + m.present() + "; an AttrValue holds one");
    }
    String kind = m.present().iterator().next();
    JsonNode v = m.raw(kind);
    switch (kind) {
      case "list":
        return readList(JsonMsg.of(v, "AttrValue.ListValue", LIST_FIELDS, w), w, limits);
      case "placeholder":
        throw w.fail("placeholder attrs (of polymorphic functions) are not supported");
      default:
        return readOne(kind, v, w, limits, kind);
    }
  }

  private static Object readOne(String kind, JsonNode v, Where w, LoadLimits limits, String what)
      throws GraphDefFormatException {
    switch (kind) {
      case "s": return JsonMsg.asUtf8(v, w, what);
      case "i": return JsonMsg.asInt64(v, w, what);
      case "f": return JsonMsg.asFloat(v, w, what);
      case "b": return JsonMsg.asBool(v, w, what);
      case "type": return JsonMsg.asDType(v, w, what);
      case "shape": return readShape(JsonMsg.of(v, "TensorShapeProto", SHAPE_FIELDS, w));
      case "tensor": return TensorJson.read(v, w, limits);
      case "func": return readFunc(v, w, limits);
      default: throw new IllegalStateException(kind);
    }
  }

  private static List<Object> readList(JsonMsg m, Where w, LoadLimits limits)
      throws GraphDefFormatException {
    List<Object> r = new ArrayList<>();
    String kind = null;
    for (String k : m.present()) {
      List<JsonNode> items = m.array(k);
      if (items.isEmpty()) {
        continue;
      }
      if (kind != null) {
        throw w.fail("list attr has values of two kinds, '" + kind + "' and '" + k + "'");
      }
      kind = k;
      for (int i = 0; i < items.size(); i++) {
        r.add(readOne(k, items.get(i), w, limits, "list." + k + "[" + i + "]"));
      }
    }
    return Collections.unmodifiableList(r);
  }

  static Shape readShape(JsonMsg m) throws GraphDefFormatException {
    List<JsonNode> dims = m.array("dim");
    Where w = m.where();
    if (m.bool("unknownRank")) {
      if (!dims.isEmpty()) {
        throw w.fail("shape has unknownRank and " + dims.size() + " dims");
      }
      return Shape.unknown();
    }
    if (dims.size() > MAX_RANK) {
      throw w.fail("shape has rank " + dims.size() + "; at most " + MAX_RANK + " is allowed");
    }
    long[] d = new long[dims.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = JsonMsg.of(dims.get(i), "TensorShapeProto.Dim", DIM_FIELDS, w).int64("size");
      if (d[i] < -1) {
        throw w.fail("shape dimension " + i + " is " + d[i] + "; sizes are >= 0, or -1 for "
            + "unknown");
      }
    }
    return Shape.of(d);
  }

  private static FuncAttr readFunc(JsonNode v, Where w, LoadLimits limits)
      throws GraphDefFormatException {
    JsonMsg m = JsonMsg.of(v, "NameAttrList", FUNC_FIELDS, w);
    String name = m.requiredString("name");
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : m.map("attr").entrySet()) {
      attrs.put(e.getKey(), read(e.getValue(), w.at("func attr '"
          + JsonMsg.shorten(e.getKey()) + "'"), limits));
    }
    return new FuncAttr(name, attrs);
  }

  // ---------------------------------------------------------------- writing

  /** An AttrValue for a Java attr value, as MessageToJson writes it. */
  static ObjectNode write(Object v, JsonNodeFactory f) {
    ObjectNode o = f.objectNode();
    if (v instanceof List<?> l) {
      ObjectNode list = o.putObject("list");
      for (Object x : l) {
        if (x.getClass() != l.get(0).getClass()) {
          throw new IllegalArgumentException("Cannot write a list attr mixing "
              + l.get(0).getClass().getSimpleName() + " and " + x.getClass().getSimpleName());
        }
      }
      if (!l.isEmpty()) {
        ArrayNode a = list.putArray(kindOf(l.get(0)));
        for (Object x : l) {
          a.add(scalar(x, f));
        }
      }
    } else {
      o.set(kindOf(v), scalar(v, f));
    }
    return o;
  }

  private static String kindOf(Object v) {
    if (v instanceof String) {
      return "s";
    } else if (v instanceof Long) {
      return "i";
    } else if (v instanceof Float) {
      return "f";
    } else if (v instanceof Boolean) {
      return "b";
    } else if (v instanceof DType) {
      return "type";
    } else if (v instanceof Shape) {
      return "shape";
    } else if (v instanceof Tensor) {
      return "tensor";
    } else if (v instanceof FuncAttr) {
      return "func";
    }
    throw new IllegalArgumentException("Cannot write an attr value of class "
        + v.getClass().getName());
  }

  private static JsonNode scalar(Object v, JsonNodeFactory f) {
    if (v instanceof String s) {
      return f.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    } else if (v instanceof Long l) {
      return f.textNode(Long.toString(l));
    } else if (v instanceof Float x) {
      return floatNode(x, f);
    } else if (v instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (v instanceof DType t) {
      return f.textNode(t.protoName());
    } else if (v instanceof Shape s) {
      return writeShape(s, f);
    } else if (v instanceof Tensor t) {
      return TensorJson.write(t, f);
    } else if (v instanceof FuncAttr fa) {
      return writeFunc(fa, f);
    }
    throw new IllegalArgumentException("Cannot write an attr value of class "
        + v.getClass().getName());
  }

  /** {@code {}} for a scalar, {@code {"unknownRank": true}}, dims with size 0 as {@code {}}. */
  static ObjectNode writeShape(Shape s, JsonNodeFactory f) {
    ObjectNode o = f.objectNode();
    if (!s.hasRank()) {
      o.put("unknownRank", true);
      return o;
    }
    if (s.rank() > 0) {
      ArrayNode dims = o.putArray("dim");
      for (long d : s.dims()) {
        ObjectNode dim = dims.addObject();
        if (d != 0) {
          dim.put("size", Long.toString(d));
        }
      }
    }
    return o;
  }

  private static ObjectNode writeFunc(FuncAttr fa, JsonNodeFactory f) {
    ObjectNode o = f.objectNode();
    o.put("name", fa.name());
    if (!fa.attrs().isEmpty()) {
      ObjectNode attrs = o.putObject("attr");
      for (Map.Entry<String, Object> e : new TreeMap<>(fa.attrs()).entrySet()) {
        attrs.set(e.getKey(), write(e.getValue(), f));
      }
    }
    return o;
  }

  /** A float as protobuf's JSON writes it: a number, or "NaN", "Infinity", "-Infinity". */
  static JsonNode floatNode(float x, JsonNodeFactory f) {
    if (Float.isNaN(x) || Float.isInfinite(x)) {
      return f.textNode(Float.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
    }
    return f.numberNode(x);
  }

  static JsonNode doubleNode(double x, JsonNodeFactory f) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return f.textNode(Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
    }
    return f.numberNode(x);
  }
}
