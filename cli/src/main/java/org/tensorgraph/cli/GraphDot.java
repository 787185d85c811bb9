package org.tensorgraph.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;

/**
 * A graph as Graphviz DOT, drawn the way TensorBoard groups it: one {@code subgraph cluster_...}
 * per name scope (nested scopes nested), and each function a {@code While} or {@code If} calls
 * drawn as a dashed cluster, labelled with the function's name, inside the cluster of its calling
 * node.
 *
 * <pre>{@code
 * String dot = GraphDot.toDot(graph, "article.json");
 * // digraph "article.json" {
 * //   ...
 * //   subgraph "cluster_rnn" {
 * //     label="rnn";
 * //     "rnn/transpose" [label="transpose\nTranspose"];
 * //     subgraph "cluster_rnn/while" { ... subgraph "cluster_rnn/while::body_fn" {...} }
 * }</pre>
 *
 * <p>Node ids are node names; a function body's nodes are prefixed with {@code CALLER::FUNCTION::}
 * (a name cannot contain ':'), so a body drawn under two callers stays two drawings. Nodes are
 * labelled with the last part of their name and their op type; data edges are solid and labelled
 * with dtype and shape (and {@code :i} for an output other than 0), control edges dashed. All
 * edges come after all clusters, so that an edge never pulls a node into another cluster.
 */
final class GraphDot {
  private final Graph library;
  private final StringBuilder nodes = new StringBuilder();
  private final StringBuilder edges = new StringBuilder();
  private final Map<Operation, String> ids = new IdentityHashMap<>();
  private final Deque<String> calling = new ArrayDeque<>(); // functions being drawn, for recursion

  private GraphDot(Graph library) {
    this.library = library;
  }

  /** The DOT text of {@code g}; {@code title} names the digraph (the file name). */
  static String toDot(Graph g, String title) {
    GraphDot d = new GraphDot(g.root());
    d.draw(g, "", "", "  ");
    return "digraph " + quote(title) + " {\n"
        + "  graph [rankdir=TB, compound=true, fontname=\"Helvetica\", labeljust=l];\n"
        + "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
        + "  edge [fontname=\"Helvetica\", fontsize=8];\n"
        + d.nodes + d.edges + "}\n";
  }

  /** A name scope: the nodes directly in it and its sub-scopes, in order of appearance. */
  private static final class Scope {
    final String name; // full name, e.g. "rnn/while"
    final Map<String, Scope> children = new LinkedHashMap<>();
    final List<Operation> ops = new ArrayList<>();

    Scope(String name) {
      this.name = name;
    }
  }

  /**
   * Draws one graph (the top level or a function body) at {@code indent}: its scope tree, then
   * (into {@link #edges}) its edges. {@code strip} is the caller's name plus '/', which body
   * names repeat ({@code rnn/while/basic_rnn_cell/MatMul} under {@code rnn/while}).
   */
  private void draw(Graph g, String idPrefix, String strip, String indent) {
    Scope root = new Scope(strip.isEmpty() ? "" : strip.substring(0, strip.length() - 1));
    for (Operation op : g.operations()) {
      ids.put(op, idPrefix + op.name());
      scopeOf(root, op, strip).ops.add(op);
    }
    drawScope(root, idPrefix, strip, indent);
    for (Operation op : g.operations()) {
      drawEdges(op);
    }
  }

  /**
   * The scope an op is drawn in: its name's scope, or for an op that calls functions its own
   * cluster (so that the bodies sit beside it).
   */
  private static Scope scopeOf(Scope root, Operation op, String strip) {
    String name = op.name().startsWith(strip) ? op.name().substring(strip.length()) : op.name();
    String[] parts = name.split("/");
    int depth = functionsOf(op).isEmpty() ? parts.length - 1 : parts.length;
    Scope s = root;
    StringBuilder full = new StringBuilder(root.name);
    for (int i = 0; i < depth; i++) {
      full.append(full.length() == 0 ? "" : "/").append(parts[i]);
      String key = full.toString();
      s = s.children.computeIfAbsent(key, Scope::new);
    }
    return s;
  }

  private void drawScope(Scope s, String idPrefix, String strip, String indent) {
    for (Operation op : s.ops) {
      drawNode(op, indent);
      for (Map.Entry<String, String> f : functionsOf(op).entrySet()) {
        drawFunction(op, f.getValue(), indent);
      }
    }
    for (Scope child : s.children.values()) {
      nodes.append(indent).append("subgraph ").append(quote("cluster_" + idPrefix + child.name))
          .append(" {\n").append(indent).append("  label=").append(quote(child.name))
          .append("; style=rounded; color=\"#888888\";\n");
      drawScope(child, idPrefix, strip, indent + "  ");
      nodes.append(indent).append("}\n");
    }
  }

  private void drawNode(Operation op, String indent) {
    String[] parts = op.name().split("/");
    nodes.append(indent).append(quote(ids.get(op))).append(" [label=")
        .append(quoteLabel(parts[parts.length - 1], op.type())).append(", tooltip=")
        .append(quote(op.name())).append(style(op)).append("];\n");
  }

  private static String style(Operation op) {
    return switch (op.type()) {
      case "Placeholder", "_Arg" -> ", shape=ellipse";
      case "VariableV2" -> ", shape=cylinder";
      case "Const" -> ", style=\"rounded,filled\", fillcolor=\"#eeeeee\"";
      case "NoOp" -> ", shape=octagon";
      default -> functionsOf(op).isEmpty() ? "" : ", shape=box3d";
    };
  }

  /** A called function: a dashed cluster labelled with its name, holding its body. */
  private void drawFunction(Operation caller, String fname, String indent) {
    String prefix = ids.get(caller) + "::" + fname + "::";
    nodes.append(indent).append("subgraph ").append(quote("cluster_" + prefix)).append(" {\n")
        .append(indent).append("  label=").append(quote(fname))
        .append("; style=dashed; color=\"#3366cc\";\n");
    GraphFunction f = library.function(fname);
    if (f == null || calling.contains(fname)) {
      String why = f == null ? "not in the library" : "recursive call";
      nodes.append(indent).append("  ").append(quote(prefix)).append(" [label=")
          .append(quoteLabel(fname, why)).append(", shape=note];\n");
    } else {
      calling.push(fname);
      draw(f.body(), prefix, caller.name() + "/", indent + "  ");
      drawResults(f, prefix, indent + "  ");
      calling.pop();
    }
    nodes.append(indent).append("}\n");
  }

  /** The function's returns, as TF draws its {@code _Retval} nodes. */
  private void drawResults(GraphFunction f, String prefix, String indent) {
    for (int i = 0; i < f.results().size(); i++) {
      String id = prefix + "return:" + i;
      nodes.append(indent).append(quote(id)).append(" [label=")
          .append(quoteLabel(f.resultNames().get(i), "_Retval")).append(", shape=ellipse,"
              + " style=dashed];\n");
      edge(f.results().get(i), id);
    }
  }

  private void drawEdges(Operation op) {
    String to = ids.get(op);
    for (Output in : op.inputs()) {
      edge(in, to);
    }
    for (Operation c : op.controlInputs()) {
      String from = ids.get(c);
      if (from != null) {
        edges.append("  ").append(quote(from)).append(" -> ").append(quote(to))
            .append(" [style=dashed];\n");
      }
    }
  }

  private void edge(Output from, String to) {
    String id = ids.get(from.op());
    if (id == null) {
      return; // a tensor of another graph: not drawn here
    }
    String label = (from.index() > 0 ? ":" + from.index() + " " : "")
        + FeedValues.dtypeName(from.dtype()) + " " + from.shape();
    edges.append("  ").append(quote(id)).append(" -> ").append(quote(to)).append(" [label=")
        .append(quote(label)).append("];\n");
  }

  /** The functions an op calls: attr name to function name (a While's cond and body). */
  static Map<String, String> functionsOf(Operation op) {
    Map<String, String> r = new LinkedHashMap<>();
    for (Map.Entry<String, Object> a : op.attrs().entrySet()) {
      if (a.getValue() instanceof FuncAttr f) {
        r.put(a.getKey(), f.name());
      } else if (a.getValue() instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          if (l.get(i) instanceof FuncAttr f) {
            r.put(a.getKey() + "[" + i + "]", f.name());
          }
        }
      }
    }
    return r;
  }

  /** A DOT quoted string: '"' and '\' escaped, line breaks as \n. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** A two-line label: {@code name\nOpType}. */
  private static String quoteLabel(String first, String second) {
    String q1 = quote(first);
    String q2 = quote(second);
    return q1.substring(0, q1.length() - 1) + "\\n" + q2.substring(1);
  }
}
