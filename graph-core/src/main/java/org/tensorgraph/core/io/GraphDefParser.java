package org.tensorgraph.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tensorgraph.core.io.GraphDefModel.ArgModel;
import org.tensorgraph.core.io.GraphDefModel.FunctionModel;
import org.tensorgraph.core.io.GraphDefModel.NodeModel;
import org.tensorgraph.core.io.JsonMsg.Where;

/**
 * Reads a parsed JSON tree as a {@code GraphDef} message (graph.proto, node_def.proto,
 * function.proto, versions.proto) into a {@link GraphDefModel}: every field known, every value of
 * its type, names well formed, counts within {@link LoadLimits}. Nothing here knows ops; that is
 * {@link GraphDefBuilder}'s part. Loops only: the tree's depth is already bounded by the JSON
 * parser.
 */
final class GraphDefParser {
  /** TF's {@code _VALID_OP_NAME_REGEX}, for node names. */
  static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/>]*");
  /** Function and argument names: as node names, and may start with "_" ("__inference_f_12"). */
  static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.\\-/>]*");
  /** TensorFlow 1.15's GraphDef version (TF_GRAPH_DEF_VERSION). */
  static final int GRAPH_DEF_VERSION = 134;

  private static final Set<String> GRAPH_FIELDS = Set.of("node", "versions", "version",
      "library");
  private static final Set<String> NODE_FIELDS = Set.of("name", "op", "input", "device", "attr",
      "experimentalDebugInfo");
  private static final Set<String> DEBUG_FIELDS = Set.of("originalNodeNames",
      "originalFuncNames");
  private static final Set<String> VERSION_FIELDS = Set.of("producer", "minConsumer",
      "badConsumers");
  private static final Set<String> LIBRARY_FIELDS = Set.of("function", "gradient");
  private static final Set<String> GRADIENT_FIELDS = Set.of("functionName", "gradientFunc");
  private static final Set<String> FUNCTION_FIELDS = Set.of("signature", "attr", "argAttr",
      "resourceArgUniqueId", "nodeDef", "ret", "controlRet");
  private static final Set<String> OPDEF_FIELDS = Set.of("name", "inputArg", "outputArg",
      "controlOutput", "attr", "deprecation", "summary", "description", "isCommutative",
      "isAggregate", "isStateful", "allowsUninitializedInput");
  private static final Set<String> ARG_FIELDS = Set.of("name", "description", "type",
      "typeAttr", "numberAttr", "typeListAttr", "isRef");
  private static final Set<String> ARG_ATTRS_FIELDS = Set.of("attr");

  private final String source;
  private final LoadLimits limits;

  GraphDefParser(String source, LoadLimits limits) {
    this.source = source;
    this.limits = limits;
  }

  GraphDefModel parse(JsonNode root) throws GraphDefFormatException {
    Where top = new Where(source, null);
    JsonMsg g = JsonMsg.of(root, "GraphDef", GRAPH_FIELDS, top);
    JsonMsg lib = g.message("library", "FunctionDefLibrary", LIBRARY_FIELDS);
    List<JsonNode> fns = lib == null ? List.of() : lib.array("function");
    checkNodeCount(g, fns, top);
    int producer = versions(g);
    List<FunctionModel> functions = new ArrayList<>();
    Set<String> fnNames = new HashSet<>();
    for (int i = 0; i < fns.size(); i++) {
      FunctionModel f = function(fns.get(i), i, top);
      if (!fnNames.add(f.name())) {
        throw f.where().fail("the library defines function '" + f.name() + "' twice");
      }
      functions.add(f);
    }
    if (lib != null) {
      for (JsonNode gd : lib.array("gradient")) { // checked, then ignored: no gradients yet
        JsonMsg.of(gd, "GradientDef", GRADIENT_FIELDS, top.at("library gradient")).string(
            "functionName");
      }
    }
    List<JsonNode> nodes = g.array("node");
    List<NodeModel> models = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      models.add(node(nodes.get(i), i, top, false));
    }
    return new GraphDefModel(models, functions, producer);
  }

  /** Counts every node before parsing any, so a huge file fails fast. */
  private void checkNodeCount(JsonMsg g, List<JsonNode> fns, Where top)
      throws GraphDefFormatException {
    long n = g.array("node").size();
    for (JsonNode f : fns) {
      for (String key : List.of("nodeDef", "node_def")) { // both spellings are accepted later
        JsonNode body = f.isObject() ? f.get(key) : null;
        n += body != null && body.isArray() ? body.size() : 0;
      }
    }
    if (n > limits.maxNodes()) {
      throw top.fail("the graph has " + n + " nodes (with function bodies); the limit is "
          + limits.maxNodes());
    }
  }

  private int versions(JsonMsg g) throws GraphDefFormatException {
    g.int32("version"); // deprecated field; only its type is checked
    JsonMsg v = g.message("versions", "VersionDef", VERSION_FIELDS);
    if (v == null) {
      return 0;
    }
    int producer = v.int32("producer");
    int minConsumer = v.int32("minConsumer");
    Where w = v.where().at("versions");
    if (minConsumer > GRAPH_DEF_VERSION) {
      throw w.fail("GraphDef min consumer version " + minConsumer + " above current version "
          + GRAPH_DEF_VERSION + " (TensorFlow 1.15's) that this reader implements");
    }
    List<JsonNode> bad = v.array("badConsumers");
    for (int i = 0; i < bad.size(); i++) {
      if (JsonMsg.asInt32(bad.get(i), w, "badConsumers[" + i + "]") == GRAPH_DEF_VERSION) {
        throw w.fail("GraphDef disallows consumer version " + GRAPH_DEF_VERSION);
      }
    }
    return producer;
  }

  // ---------------------------------------------------------------- nodes

  private NodeModel node(JsonNode json, int index, Where scope, boolean inFunction)
      throws GraphDefFormatException {
    // Name the node in every message, even one about its other fields, when it has a name.
    JsonNode rawName = json.isObject() ? json.get("name") : null;
    JsonNode rawOp = json.isObject() ? json.get("op") : null;
    String shownName = rawName != null && rawName.isTextual() && !rawName.textValue().isEmpty()
        ? "node '" + JsonMsg.shorten(rawName.textValue()) + "'" : "node #" + index;
    Where w0 = scope.at(shownName + (rawOp != null && rawOp.isTextual()
        && !rawOp.textValue().isEmpty() ? " (" + JsonMsg.shorten(rawOp.textValue()) + ")" : ""));
    JsonMsg nw = JsonMsg.of(json, "NodeDef", NODE_FIELDS, w0);
    String name = nw.string("name");
    if (name.isEmpty()) {
      throw w0.fail("NodeDef has no 'name'");
    }
    if (!NODE_NAME.matcher(name).matches()) {
      throw w0.fail("'" + JsonMsg.shorten(name) + "' is not a valid node name");
    }
    String op = nw.string("op");
    if (op.isEmpty()) {
      throw w0.fail("NodeDef has no 'op'");
    }
    Where w = w0;
    List<String> inputs = inputs(nw, w, inFunction);
    nw.string("device"); // accepted and dropped: Tensorgraph places nothing
    JsonMsg dbg = nw.message("experimentalDebugInfo", "NodeDef.ExperimentalDebugInfo",
        DEBUG_FIELDS);
    if (dbg != null) {
      strings(dbg, "originalNodeNames");
      strings(dbg, "originalFuncNames");
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : nw.map("attr").entrySet()) {
      String key = e.getKey();
      if (key.isEmpty()) {
        throw w.fail("attr with an empty name");
      }
      attrs.put(key, AttrJson.read(e.getValue(), w.at("attr '" + JsonMsg.shorten(key) + "'"),
          limits));
    }
    return new NodeModel(name, op, inputs, attrs, w);
  }

  private static List<String> strings(JsonMsg m, String field) throws GraphDefFormatException {
    List<String> r = new ArrayList<>();
    for (JsonNode n : m.array(field)) {
      if (!n.isTextual()) {
        throw m.where().fail("field '" + field + "' must hold strings, got "
            + JsonMsg.describe(n));
      }
      r.add(n.textValue());
    }
    return r;
  }

  /** Checks the syntax of each input; control inputs ({@code ^x}) must come last, as in TF. */
  private static List<String> inputs(JsonMsg m, Where w, boolean inFunction)
      throws GraphDefFormatException {
    List<String> r = strings(m, "input");
    boolean control = false;
    for (int i = 0; i < r.size(); i++) {
      String s = r.get(i);
      if (s.startsWith("^")) {
        control = true;
      } else if (control) {
        throw w.fail("input " + i + " '" + JsonMsg.shorten(s) + "' follows a control input; "
            + "control inputs (^name) must come after regular inputs");
      }
      TensorName.parse(s, inFunction, w, i);
    }
    return r;
  }

  // ---------------------------------------------------------------- functions

  private FunctionModel function(JsonNode json, int index, Where top)
      throws GraphDefFormatException {
    Where w0 = top.at("library function #" + index);
    JsonMsg f = JsonMsg.of(json, "FunctionDef", FUNCTION_FIELDS, w0);
    JsonMsg sig = f.message("signature", "OpDef", OPDEF_FIELDS);
    if (sig == null) {
      throw w0.fail("FunctionDef has no 'signature'");
    }
    String name = sig.requiredString("name");
    Where w = top.at("function '" + JsonMsg.shorten(name) + "'");
    if (!FUNCTION_NAME.matcher(name).matches()) {
      throw w.fail("'" + JsonMsg.shorten(name) + "' is not a valid function name");
    }
    checkSignatureExtras(sig, f, w);
    List<ArgModel> in = args(sig, "inputArg", w);
    List<ArgModel> out = args(sig, "outputArg", w);
    List<JsonNode> body = f.array("nodeDef");
    List<NodeModel> nodes = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      nodes.add(node(body.get(i), i, w, true));
    }
    List<Map<String, Object>> argAttrs = argAttrs(f, in.size(), w);
    Map<String, String> ret = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.map("ret").entrySet()) {
      if (!e.getValue().isTextual()) {
        throw w.fail("ret '" + JsonMsg.shorten(e.getKey()) + "' must be a tensor name string");
      }
      ret.put(e.getKey(), e.getValue().textValue());
    }
    return new FunctionModel(name, in, out, nodes, ret, argAttrs, w);
  }

  /**
   * {@code argAttr}: input arg index (a uint32 map key) to attrs. Private ones ({@code _...},
   * e.g. {@code _output_shapes}) go onto the {@code _Arg} node; others are checked and dropped.
   */
  private List<Map<String, Object>> argAttrs(JsonMsg f, int numArgs, Where w)
      throws GraphDefFormatException {
    List<Map<String, Object>> r = new ArrayList<>();
    for (int i = 0; i < numArgs; i++) {
      r.add(new LinkedHashMap<>());
    }
    for (Map.Entry<String, JsonNode> e : f.map("argAttr").entrySet()) {
      Where wa = w.at("argAttr '" + JsonMsg.shorten(e.getKey()) + "'");
      int index;
      try {
        index = Integer.parseInt(e.getKey());
      } catch (NumberFormatException x) {
        index = -1;
      }
      if (index < 0 || index >= numArgs) {
        throw wa.fail("argAttr key must be the index of an input argument (0.." + (numArgs - 1)
            + ")");
      }
      JsonMsg a = JsonMsg.of(e.getValue(), "FunctionDef.ArgAttrs", ARG_ATTRS_FIELDS, wa);
      for (Map.Entry<String, JsonNode> x : a.map("attr").entrySet()) {
        Object v = AttrJson.read(x.getValue(), wa.at("attr '" + JsonMsg.shorten(x.getKey())
            + "'"), limits);
        if (x.getKey().startsWith("_")) {
          r.get(index).put(x.getKey(), v);
        }
      }
    }
    return r;
  }

  /** FunctionDef fields Tensorgraph has no meaning for: checked, then refused or dropped. */
  private void checkSignatureExtras(JsonMsg sig, JsonMsg f, Where w)
      throws GraphDefFormatException {
    if (!sig.array("attr").isEmpty()) {
      throw w.fail("polymorphic functions (signature attrs) are not supported");
    }
    if (!sig.array("controlOutput").isEmpty() || !f.map("controlRet").isEmpty()) {
      throw w.fail("functions with control outputs (controlRet) are not supported");
    }
    for (String s : List.of("summary", "description")) {
      sig.string(s);
    }
    for (String b : List.of("isCommutative", "isAggregate", "isStateful",
        "allowsUninitializedInput")) {
      sig.bool(b);
    }
    for (Map.Entry<String, JsonNode> e : f.map("attr").entrySet()) {
      AttrJson.read(e.getValue(), w.at("function attr '" + JsonMsg.shorten(e.getKey()) + "'"),
          limits); // checked, then dropped (e.g. _noinline)
    }
    f.map("resourceArgUniqueId");
  }

  private static List<ArgModel> args(JsonMsg sig, String field, Where w)
      throws GraphDefFormatException {
    List<ArgModel> r = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode a : sig.array(field)) {
      JsonMsg m = JsonMsg.of(a, "OpDef.ArgDef", ARG_FIELDS, w);
      String name = m.requiredString("name");
      Where wa = w.at(field + " '" + JsonMsg.shorten(name) + "'");
      if (!FUNCTION_NAME.matcher(name).matches()) {
        throw wa.fail("'" + JsonMsg.shorten(name) + "' is not a valid argument name");
      }
      if (!names.add(name)) {
        throw wa.fail("argument '" + name + "' is declared twice");
      }
      if (!m.string("typeAttr").isEmpty() || !m.string("numberAttr").isEmpty()
          || !m.string("typeListAttr").isEmpty()) {
        throw wa.fail("arguments typed by attrs (typeAttr, numberAttr, typeListAttr) are not "
            + "supported; give a fixed 'type'");
      }
      if (m.bool("isRef")) {
        throw wa.fail("reference arguments are not supported in functions");
      }
      m.string("description");
      r.add(new ArgModel(name, m.dtype("type")));
    }
    return r;
  }
}
