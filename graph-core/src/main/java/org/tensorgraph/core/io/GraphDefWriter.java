package org.tensorgraph.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.ArgDef;

/**
 * A graph as a GraphDef JSON tree, field for field as protobuf's {@code MessageToJson} writes it
 * (fields in .proto order, defaults omitted, int64 as strings), except that every attr of a node
 * is written, defaults included, as TF writes graph nodes.
 */
final class GraphDefWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private GraphDefWriter() {}

  static ObjectNode graphDef(Graph g) {
    ObjectNode o = F.objectNode();
    List<Operation> ops = g.operations();
    if (!ops.isEmpty()) {
      ArrayNode nodes = o.putArray("node");
      for (Operation op : ops) {
        nodes.add(nodeDef(op, GraphDefWriter::graphInput));
      }
    }
    if (!g.functions().isEmpty()) {
      ArrayNode fns = o.putObject("library").putArray("function");
      for (GraphFunction f : g.functions()) {
        fns.add(functionDef(f));
      }
    }
    o.putObject("versions").put("producer", GraphDefParser.GRAPH_DEF_VERSION);
    return o;
  }

  /** {@code x} for output 0, else {@code x:1}, as TF names inputs. */
  private static String graphInput(Output o) {
    return o.index() == 0 ? o.op().name() : o.name();
  }

  static ObjectNode nodeDef(Operation op, Function<Output, String> inputName) {
    ObjectNode n = F.objectNode();
    n.put("name", op.name());
    n.put("op", op.type());
    if (op.numInputs() > 0 || !op.controlInputs().isEmpty()) {
      ArrayNode in = n.putArray("input");
      for (Output x : op.inputs()) {
        in.add(inputName.apply(x));
      }
      for (Operation c : op.controlInputs()) {
        in.add("^" + c.name());
      }
    }
    if (!op.attrs().isEmpty()) {
      ObjectNode attrs = n.putObject("attr");
      for (Map.Entry<String, Object> e : new TreeMap<>(op.attrs()).entrySet()) {
        attrs.set(e.getKey(), AttrJson.write(e.getValue(), F));
      }
    }
    return n;
  }

  /** A FunctionDef: the {@code _Arg}s as the signature's inputs, the other body nodes, ret. */
  static ObjectNode functionDef(GraphFunction f) {
    ObjectNode o = F.objectNode();
    ObjectNode sig = o.putObject("signature");
    sig.put("name", f.name());
    Set<Operation> args = new HashSet<>(f.args());
    if (!f.args().isEmpty()) {
      ArrayNode in = sig.putArray("inputArg");
      for (Operation a : f.args()) {
        in.addObject().put("name", a.name()).put("type", a.output(0).dtype().protoName());
      }
    }
    if (!f.results().isEmpty()) {
      ArrayNode out = sig.putArray("outputArg");
      for (int i = 0; i < f.results().size(); i++) {
        out.addObject().put("name", f.resultNames().get(i))
            .put("type", f.results().get(i).dtype().protoName());
      }
    }
    Function<Output, String> names = x -> functionInput(x, args);
    ArrayNode body = F.arrayNode();
    for (Operation op : f.body().operations()) {
      if (!args.contains(op)) {
        body.add(nodeDef(op, names));
      }
    }
    if (!body.isEmpty()) {
      o.set("nodeDef", body);
    }
    if (!f.results().isEmpty()) {
      ObjectNode ret = o.putObject("ret");
      for (int i = 0; i < f.results().size(); i++) {
        ret.put(f.resultNames().get(i), names.apply(f.results().get(i)));
      }
    }
    writeArgAttrs(f, o);
    return o;
  }

  /** Private attrs of the {@code _Arg}s (e.g. {@code _output_shapes}), as TF keeps them. */
  private static void writeArgAttrs(GraphFunction f, ObjectNode o) {
    ObjectNode argAttr = F.objectNode();
    for (int i = 0; i < f.args().size(); i++) {
      ObjectNode attrs = F.objectNode();
      for (Map.Entry<String, Object> e : new TreeMap<>(f.args().get(i).attrs()).entrySet()) {
        if (e.getKey().startsWith("_")) {
          attrs.set(e.getKey(), AttrJson.write(e.getValue(), F));
        }
      }
      if (!attrs.isEmpty()) {
        argAttr.putObject(Integer.toString(i)).set("attr", attrs);
      }
    }
    if (!argAttr.isEmpty()) {
      o.set("argAttr", argAttr);
    }
  }

  /** An argument's name, or {@code node:out_arg:index} (index within the output argument). */
  private static String functionInput(Output x, Set<Operation> args) {
    Operation p = x.op();
    if (args.contains(p)) {
      return p.name();
    }
    for (ArgDef a : p.opDef().outputs()) {
      int[] r = p.outputRange(a.name());
      if (x.index() >= r[0] && x.index() < r[1]) {
        return p.name() + ":" + a.name() + ":" + (x.index() - r[0]);
      }
    }
    throw new IllegalStateException("Output " + x.index() + " of " + p + " is in no output "
        + "argument of its op");
  }
}
