package org.tensorgraph.core.io;

import java.util.List;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.io.JsonMsg.Where;

/**
 * A GraphDef as parsed from JSON and checked field by field, before any node is built: the
 * plain data between {@link GraphDefParser} and {@link GraphDefBuilder}.
 *
 * @param nodes the graph's nodes in file order
 * @param functions the library's functions in file order
 * @param producer {@code versions.producer}
 */
record GraphDefModel(List<NodeModel> nodes, List<FunctionModel> functions, int producer) {

  /**
   * One NodeDef.
   *
   * @param name the node's name
   * @param op its op type
   * @param inputs data inputs, then control inputs ({@code "^x"}), as written
   * @param attrs attr values as Java values ({@link AttrJson})
   * @param where "node 'x' (Op)" or "function 'f', node 'x' (Op)", for messages
   */
  record NodeModel(String name, String op, List<String> inputs, Map<String, Object> attrs,
      Where where) {}

  /** One input or output argument of a function signature. */
  record ArgModel(String name, DType type) {}

  /**
   * One FunctionDef.
   *
   * @param name the function's name
   * @param inputs its input args, which become {@code _Arg} nodes named after them
   * @param outputs its output args
   * @param nodes its body
   * @param ret output arg name to a tensor in function syntax ({@code "add:z:0"} or an arg name)
   * @param argAttrs per input arg, the private attrs of {@code argAttr} (such as {@code
   *     _output_shapes}) that its {@code _Arg} node gets
   * @param where "function 'f'"
   */
  record FunctionModel(String name, List<ArgModel> inputs, List<ArgModel> outputs,
      List<NodeModel> nodes, Map<String, String> ret, List<Map<String, Object>> argAttrs,
      Where where) {}
}
