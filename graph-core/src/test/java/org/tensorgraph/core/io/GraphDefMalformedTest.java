package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorgraph.core.op.OpRegistry;

/**
 * The catalogue of malformed GraphDef JSON: each case is a small file with one problem, and the
 * exact {@link GraphDefFormatException} message the loader must give (source, place, problem).
 */
class GraphDefMalformedTest {
  private static final OpRegistry OPS = GraphDefTestOps.registry();

  /** One malformed input: JSON (with ' for "), limits, and the whole expected message. */
  record Case(String name, String json, LoadLimits limits, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, String json, String message) {
    return new Case(name, json.replace('\'', '"'), LoadLimits.defaults(), message);
  }

  private static Case c(String name, String json, LoadLimits limits, String message) {
    return new Case(name, json.replace('\'', '"'), limits, message);
  }

  private static final String PH = "{'name': 'x', 'op': 'Placeholder', 'attr': {'dtype': "
      + "{'type': 'DT_FLOAT'}}}";
  private static final String PH_INT = "{'name': 'k', 'op': 'Placeholder', 'attr': {'dtype': "
      + "{'type': 'DT_INT32'}}}";

  private static String constF(String name, String tensorBody) {
    return "{'name': '" + name + "', 'op': 'Const', 'attr': {'dtype': {'type': 'DT_FLOAT'}, "
        + "'value': {'tensor': {'dtype': 'DT_FLOAT', " + tensorBody + "}}}}";
  }

  private static String graph(String... nodes) {
    return "{'node': [" + String.join(", ", nodes) + "]}";
  }

  private static String fn(String name, String inArgs, String outArgs, String nodes,
      String ret) {
    return "{'signature': {'name': '" + name + "', 'inputArg': [" + inArgs + "], 'outputArg': ["
        + outArgs + "]}, 'nodeDef': [" + nodes + "], 'ret': {" + ret + "}}";
  }

  private static String withLib(String nodes, String... fns) {
    return "{'node': [" + nodes + "], 'library': {'function': [" + String.join(", ", fns)
        + "]}}";
  }

  static Stream<Case> cases() {
    List<Case> r = new ArrayList<>();
    structure(r);
    nodes(r);
    attrs(r);
    tensors(r);
    functions(r);
    limits(r);
    return r.stream();
  }

  private static void structure(List<Case> r) {
    r.add(c("invalid JSON", "{'node': [", "t.json: invalid JSON: Unexpected end-of-input: "
        + "expected close marker for Array (line 1, column 11)"));
    r.add(c("empty input", "", "t.json: invalid JSON: the input is empty"));
    r.add(c("trailing tokens", "{} {}", "t.json: invalid JSON: Trailing token (of type "
        + "START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): "
        + "not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS` "
        + "(line 1, column 4)"));
    r.add(c("root is not an object", "[]", "t.json: expected a JSON object (GraphDef), got an "
        + "array"));
    r.add(c("duplicate JSON key", "{'node': [], 'node': []}", "t.json: invalid JSON: Duplicate "
        + "field 'node' (line 1, column 20)"));
    r.add(c("unknown top-level field", "{'nodes': []}", "t.json: unknown field 'nodes' in "
        + "GraphDef; known fields: library, node, version, versions"));
    r.add(c("field given in both spellings", "{'versions': {'producer': 1, 'min_consumer': 1, "
        + "'minConsumer': 2}}", "t.json: field 'minConsumer' of VersionDef is given twice"));
    r.add(c("wrong JSON type for a repeated field", "{'node': {}}", "t.json: field 'node' of "
        + "GraphDef must be a JSON array, got an object"));
    r.add(c("null element", "{'node': [null]}", "t.json: field 'node' of GraphDef holds a null "
        + "element"));
    r.add(c("consumer too old", "{'versions': {'producer': 140, 'minConsumer': 135}}",
        "t.json: versions: GraphDef min consumer version 135 above current version 134 "
        + "(TensorFlow 1.15's) that this reader implements"));
  }

  private static void nodes(List<Case> r) {
    r.add(c("unknown node field", graph("{'name': 'a', 'op': 'NoOp', 'colour': 'red'}"),
        "t.json: node 'a' (NoOp): unknown field 'colour' in NodeDef; known fields: attr, "
        + "device, experimentalDebugInfo, input, name, op"));
    r.add(c("missing name", graph("{'op': 'NoOp'}"), "t.json: node #0 (NoOp): NodeDef has no "
        + "'name'"));
    r.add(c("missing op", graph("{'name': 'a'}"), "t.json: node 'a': NodeDef has no 'op'"));
    r.add(c("invalid node name", graph("{'name': 'a b', 'op': 'NoOp'}"), "t.json: node 'a b' "
        + "(NoOp): 'a b' is not a valid node name"));
    r.add(c("unknown ops listed together", graph("{'name': 'a', 'op': 'Foo'}",
        "{'name': 'b', 'op': 'Foo'}", "{'name': 'c', 'op': 'Bar'}", "{'name': 'd', 'op': 'NoOp'}"),
        "t.json: unsupported ops: Foo (nodes a, b), Bar (node c); this registry has no op of "
        + "these types"));
    r.add(c("duplicate node name", graph(PH, "{'name': 'x', 'op': 'NoOp'}"), "t.json: node 'x' "
        + "(NoOp): duplicate node name 'x'"));
    r.add(c("dangling input", graph("{'name': 'i', 'op': 'Identity', 'input': ['ghost:0'], "
        + "'attr': {'T': {'type': 'DT_FLOAT'}}}"), "t.json: node 'i' (Identity): input 0 "
        + "'ghost:0': no node named 'ghost' in the graph"));
    r.add(c("control input to a missing node", graph("{'name': 'n', 'op': 'NoOp', 'input': "
        + "['^ghost']}"), "t.json: node 'n' (NoOp): control input 0 '^ghost': no node named "
        + "'ghost' in the graph"));
    r.add(c("bad input syntax", graph(PH, "{'name': 'i', 'op': 'Identity', 'input': ['x:one'], "
        + "'attr': {'T': {'type': 'DT_FLOAT'}}}"), "t.json: node 'i' (Identity): input 0 "
        + "'x:one' is malformed: the output index must be a non-negative number"));
    r.add(c("control input before a data input", graph(PH, "{'name': 'i', 'op': 'Identity', "
        + "'input': ['^x', 'x'], 'attr': {'T': {'type': 'DT_FLOAT'}}}"), "t.json: node 'i' "
        + "(Identity): input 1 'x' follows a control input; control inputs (^name) must come "
        + "after regular inputs"));
    r.add(c("cycle", graph(PH, "{'name': 'a', 'op': 'AddV2', 'input': ['x', 'c'], 'attr': "
        + "{'T': {'type': 'DT_FLOAT'}}}", "{'name': 'b', 'op': 'Identity', 'input': ['a'], "
        + "'attr': {'T': {'type': 'DT_FLOAT'}}}", "{'name': 'c', 'op': 'Identity', 'input': "
        + "['b'], 'attr': {'T': {'type': 'DT_FLOAT'}}}"), "t.json: node 'a' (AddV2): the graph "
        + "has a cycle: a -> b -> c -> a (each node is an input of the next)"));
    r.add(c("output index out of range", graph(PH, "{'name': 'i', 'op': 'Identity', 'input': "
        + "['x:3'], 'attr': {'T': {'type': 'DT_FLOAT'}}}"), "t.json: node 'i' (Identity): input 0 "
        + "'x:3': node 'x' has 1 output(s)"));
    r.add(c("too few inputs", graph(PH, "{'name': 'm', 'op': 'MatMul', 'input': ['x'], 'attr': "
        + "{'T': {'type': 'DT_FLOAT'}}}"), "t.json: node 'm' (MatMul): the node has 1 data "
        + "input(s) but Op<name=MatMul> with these attrs expects [a, b]"));
    r.add(c("dtype mismatch between producer and consumer", graph(PH, PH_INT, "{'name': 'a', "
        + "'op': 'AddV2', 'input': ['x', 'k'], 'attr': {'T': {'type': 'DT_FLOAT'}}}"),
        "t.json: node 'a' (AddV2): Input 'y' of 'AddV2' Op has type int32 that does not match "
        + "expected type of float32 (node 'a')."));
    r.add(c("ref input from a non-ref tensor", graph(PH, "{'name': 'as', 'op': 'Assign', "
        + "'input': ['x', 'x'], 'attr': {'T': {'type': 'DT_FLOAT'}}}"), "t.json: node 'as' "
        + "(Assign): 'Assign' Op requires that input 'ref' be a mutable tensor (e.g. a "
        + "tf.Variable) (node 'as')"));
    r.add(c("list output longer than supported", graph(PH, "{'name': 'u', 'op': 'Unpack', "
        + "'input': ['x'], 'attr': {'T': {'type': 'DT_FLOAT'}, 'num': {'i': '1000000000'}}}"),
        "t.json: node 'u' (Unpack): output 'output' would be a list of 1000000000 tensors; at "
        + "most 65536 are supported"));
    r.add(c("negative list length", graph(PH, "{'name': 'u', 'op': 'Unpack', 'input': ['x'], "
        + "'attr': {'T': {'type': 'DT_FLOAT'}, 'num': {'i': '-3'}}}"), "t.json: node 'u' "
        + "(Unpack): attr 'num' is -3; a list length must be >= 0"));
    r.add(c("shape rule failure", graph(constF("a", "'tensorShape': {'dim': [{'size': '2'}, "
        + "{'size': '3'}]}"), "{'name': 'm', 'op': 'MatMul', 'input': ['a', 'a'], 'attr': {'T': "
        + "{'type': 'DT_FLOAT'}}}"), "t.json: node 'm' (MatMul): Dimensions must be equal, but "
        + "are 3 and 2 for 'm' (op: 'MatMul') with input shapes: [2,3], [2,3]."));
  }

  private static void attrs(List<Case> r) {
    r.add(c("wrong attr type", graph(PH, "{'name': 'i', 'op': 'Identity', 'input': ['x'], "
        + "'attr': {'T': {'i': '1'}}}"), "t.json: node 'i' (Identity): attr 'T' must be a type, "
        + "got an int"));
    r.add(c("missing required attr", graph("{'name': 'p', 'op': 'Placeholder'}"), "t.json: "
        + "node 'p' (Placeholder): NodeDef missing attr 'dtype' from Op<name=Placeholder>"));
    r.add(c("attr not in op", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'foo': {'b': "
        + "true}}}"), "t.json: node 'n' (NoOp): NodeDef mentions attr 'foo' not in "
        + "Op<name=NoOp>; its attrs are []"));
    r.add(c("attr with two values", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_x': {'i': "
        + "'1', 'f': 1.0}}}"), "t.json: node 'n' (NoOp), attr '_x': attr has several values "
        + "[i, f]; an AttrValue holds one"));
    r.add(c("attr with no value", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_x': {}}}"),
        "t.json: node 'n' (NoOp), attr '_x': attr has no value"));
    r.add(c("list of two kinds", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_x': {'list': "
        + "{'i': ['1'], 'b': [true]}}}}"), "t.json: node 'n' (NoOp), attr '_x': list attr has "
        + "values of two kinds, 'i' and 'b'"));
    r.add(c("attr value not in the allowed list", graph(PH, "{'name': 'b', 'op': 'BiasAdd', "
        + "'input': ['x', 'x'], 'attr': {'T': {'type': 'DT_FLOAT'}, 'data_format': {'s': "
        + "'WFla'}}}"), "t.json: node 'b' (BiasAdd): Value for attr 'data_format' of \"XYZ\" is "
        + "not in the list of allowed values: \"NHWC\", \"NCHW\"\n\t; NodeDef: {{node b}}; "
        + "Op<name=BiasAdd>"));
    r.add(c("int64 number out of range", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_x': "
        + "{'i': 99999999999999999999}}}"), "t.json: node 'n' (NoOp), attr '_x': i is out of the "
        + "64-bit integer range: 99999999999999999999"));
    r.add(c("int64 string not a number", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_x': "
        + "{'i': '12abc'}}}"), "t.json: node 'n' (NoOp), attr '_x': i must be a 64-bit integer, "
        + "got the string \"12abc\""));
    r.add(c("unknown dtype enum name", graph("{'name': 'p', 'op': 'Placeholder', 'attr': "
        + "{'dtype': {'type': 'DT_FOO'}}}"), "t.json: node 'p' (Placeholder), attr 'dtype': "
        + "type: unsupported or unknown dtype \"DT_FOO\"; supported: DT_FLOAT, DT_DOUBLE, "
        + "DT_INT32, DT_INT64, DT_BOOL, DT_VARIANT"));
    r.add(c("unsupported dtype enum number", graph("{'name': 'p', 'op': 'Placeholder', 'attr': "
        + "{'dtype': {'type': 19}}}"), "t.json: node 'p' (Placeholder), attr 'dtype': type: "
        + "unsupported or unknown dtype 19; supported: DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64, "
        + "DT_BOOL, DT_VARIANT"));
    r.add(c("negative dimension other than -1", graph("{'name': 'p', 'op': 'Placeholder', "
        + "'attr': {'dtype': {'type': 'DT_FLOAT'}, 'shape': {'shape': {'dim': [{'size': "
        + "'-2'}]}}}}"), "t.json: node 'p' (Placeholder), attr 'shape': shape dimension 0 is -2; "
        + "sizes are >= 0, or -1 for unknown"));
    r.add(c("unknown rank with dims", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_s': "
        + "{'shape': {'unknownRank': true, 'dim': [{'size': '1'}]}}}}"), "t.json: node 'n' "
        + "(NoOp), attr '_s': shape has unknownRank and 1 dims"));
    r.add(c("string attr not UTF-8", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_s': {'s': "
        + "'/w=='}}}"), "t.json: node 'n' (NoOp), attr '_s': s is not UTF-8 text (binary string "
        + "attrs are not supported)"));
    r.add(c("placeholder attr", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_p': "
        + "{'placeholder': 'T'}}}"), "t.json: node 'n' (NoOp), attr '_p': placeholder attrs (of "
        + "polymorphic functions) are not supported"));
  }

  private static void tensors(List<Case> r) {
    r.add(c("tensorContent length differs from the shape", graph(constF("c", "'tensorShape': "
        + "{'dim': [{'size': '2'}]}, 'tensorContent': 'AACAPw=='")), "t.json: node 'c' (Const), "
        + "attr 'value': tensorContent has 4 bytes but shape [2] of DT_FLOAT needs 8 (2 x 4)"));
    r.add(c("more floatVal values than elements", graph(constF("c", "'tensorShape': {'dim': "
        + "[{'size': '2'}]}, 'floatVal': [1, 2, 3]")), "t.json: node 'c' (Const), attr 'value': "
        + "floatVal has 3 values but shape [2] holds 2 (give 0, 1 or 2 values, or fewer with the "
        + "last one repeated)"));
    r.add(c("invalid base64", graph(constF("c", "'tensorShape': {'dim': [{'size': '1'}]}, "
        + "'tensorContent': 'AA*A'")), "t.json: node 'c' (Const), attr 'value': tensorContent "
        + "is not valid base64: Illegal base64 character 2a"));
    r.add(c("tensorContent and floatVal both", graph(constF("c", "'tensorContent': 'AACAPw==', "
        + "'floatVal': [1]")), "t.json: node 'c' (Const), attr 'value': tensor has both "
        + "tensorContent and floatVal; use one"));
    r.add(c("values in the field of another dtype", graph(constF("c", "'intVal': [1]")),
        "t.json: node 'c' (Const), attr 'value': tensor of dtype DT_FLOAT has values in 'intVal'; "
        + "its values belong in 'floatVal' or tensorContent"));
    r.add(c("tensor shape not fully defined", graph(constF("c", "'tensorShape': {'dim': "
        + "[{'size': '-1'}]}")), "t.json: node 'c' (Const), attr 'value': tensor shape [?] must "
        + "be fully defined (no -1, known rank)"));
    r.add(c("tensor over the element limit", graph(constF("c", "'tensorShape': {'dim': "
        + "[{'size': '65536'}, {'size': '65536'}]}, 'floatVal': [0]")), "t.json: node 'c' "
        + "(Const), attr 'value': tensor of shape [65536,65536] has more than 2147483639 "
        + "elements (the limit)"));
    r.add(c("tensor over a small element limit", graph(constF("c", "'tensorShape': {'dim': "
        + "[{'size': '4'}, {'size': '4'}]}")), LoadLimits.defaults().withMaxTensorElements(10),
        "t.json: node 'c' (Const), attr 'value': tensor of shape [4,4] has more than 10 "
        + "elements (the limit)"));
    r.add(c("int32 value out of range", "{'node': [{'name': 'c', 'op': 'Const', 'attr': "
        + "{'dtype': {'type': 'DT_INT32'}, 'value': {'tensor': {'dtype': 'DT_INT32', 'intVal': "
        + "[3000000000]}}}}]}", "t.json: node 'c' (Const), attr 'value': intVal[0] is out of the "
        + "32-bit integer range: 3000000000"));
    r.add(c("float value out of range", graph(constF("c", "'floatVal': [1e300]")), "t.json: "
        + "node 'c' (Const), attr 'value': floatVal[0] is out of the float range: 1.0E300"));
    r.add(c("variant tensor", "{'node': [{'name': 'n', 'op': 'NoOp', 'attr': {'_t': {'tensor': "
        + "{'dtype': 'DT_VARIANT'}}}}]}", "t.json: node 'n' (NoOp), attr '_t': a DT_VARIANT "
        + "tensor cannot be stored in a graph file"));
    r.add(c("value dtype differs from the dtype attr", "{'node': [{'name': 'c', 'op': 'Const', "
        + "'attr': {'dtype': {'type': 'DT_INT32'}, 'value': {'tensor': {'dtype': 'DT_FLOAT', "
        + "'floatVal': [1]}}}}]}", "t.json: node 'c' (Const): Type mismatch between value (float) "
        + "and dtype (int32) for 'c' (op: 'Const') with input shapes: ."));
  }

  private static final String COND_ARG = "{'name': 'i', 'type': 'DT_INT32'}";
  private static final String LESS = "{'name': 'Less', 'op': 'Less', 'input': ['i', 'i'], "
      + "'attr': {'T': {'type': 'DT_INT32'}}}";

  private static void functions(List<Case> r) {
    String out = "{'name': 'output', 'type': 'DT_BOOL'}";
    r.add(c("function ret missing", withLib("", fn("f", COND_ARG, out, LESS, "")), "t.json: "
        + "function 'f': Return output missing (no 'ret' entry for output argument 'output')"));
    r.add(c("function ret of the wrong type", withLib("", fn("f", COND_ARG, "{'name': 'output',"
        + " 'type': 'DT_FLOAT'}", LESS, "'output': 'Less:z:0'")), "t.json: function 'f', ret "
        + "'output': Invalid ret types output : bool vs. float"));
    r.add(c("function arg type mismatch with its consumer", withLib("", fn("f", "{'name': 'i', "
        + "'type': 'DT_FLOAT'}", out, LESS, "'output': 'Less:z:0'")), "t.json: function 'f', "
        + "node 'Less' (Less): Input 'x' of 'Less' Op has type float32 that does not match "
        + "expected type of int32 (node 'Less')."));
    r.add(c("graph-style input in a function", withLib("", fn("f", COND_ARG, out, LESS
        + ", {'name': 'n', 'op': 'Identity', 'input': ['Less:0'], 'attr': {'T': {'type': "
        + "'DT_BOOL'}}}", "'output': 'Less:z:0'")), "t.json: function 'f', node 'n' (Identity): "
        + "input 0 'Less:0': no input argument named 'Less'; a node's output is named "
        + "'node:out_arg:index' in a function body"));
    r.add(c("malformed function input", withLib("", fn("f", COND_ARG, out, LESS
        + ", {'name': 'n', 'op': 'Identity', 'input': ['Less:z:0:1'], 'attr': {'T': {'type': "
        + "'DT_BOOL'}}}", "'output': 'Less:z:0'")), "t.json: function 'f', node 'n' (Identity): "
        + "input 0 'Less:z:0:1' is malformed: a function input is 'arg', 'arg:index', "
        + "'node:out_arg', 'node:out_arg:index' or '^node'"));
    r.add(c("argument element past the first", withLib("", fn("f", COND_ARG, out, LESS
        + ", {'name': 'n', 'op': 'Identity', 'input': ['i:1'], 'attr': {'T': {'type': "
        + "'DT_INT32'}}}", "'output': 'Less:z:0'")), "t.json: function 'f', node 'n' (Identity): "
        + "input 0 'i:1': argument 'i' is one tensor; only 'i:0' exists"));
    r.add(c("unknown output arg in a function input", withLib("", fn("f", COND_ARG, out, LESS,
        "'output': 'Less:y:0'")), "t.json: function 'f', ret 'output': input 0 'Less:y:0': node "
        + "'Less' (Less) has no output argument 'y'; its outputs are [z]"));
    r.add(c("unknown function referenced", graph("{'name': 'n', 'op': 'NoOp', 'attr': {'_f': "
        + "{'func': {'name': 'nowhere'}}}}"), "t.json: node 'n' (NoOp): a func attr names "
        + "function 'nowhere', which is not in the library"));
    r.add(c("recursive functions", withLib("", fn("f", "", "", "{'name': 'n', 'op': 'NoOp', "
        + "'attr': {'_f': {'func': {'name': 'g'}}}}", ""), fn("g", "", "", "{'name': 'n', 'op': "
        + "'NoOp', 'attr': {'_f': {'func': {'name': 'f'}}}}", "")), "t.json: function 'f': "
        + "functions call each other recursively: f -> g -> f"));
    r.add(c("argAttr for a missing argument", "{'library': {'function': [{'signature': "
        + "{'name': 'f'}, 'argAttr': {'3': {'attr': {'_x': {'b': true}}}}}]}}", "t.json: "
        + "function 'f', argAttr '3': argAttr key must be the index of an input argument (0..-1)"));
    r.add(c("library function called as an op", withLib("{'name': 'call', 'op': 'g'}",
        fn("g", "", "", "", "")), "t.json: unsupported ops: g (node call; a library function, "
        + "which cannot be called as an op here); this registry has no op of this type"));
    r.add(c("duplicate function", withLib("", fn("f", "", "", "", ""), fn("f", "", "", "", "")),
        "t.json: function 'f': the library defines function 'f' twice"));
    r.add(c("polymorphic function", "{'library': {'function': [{'signature': {'name': 'f', "
        + "'attr': [{'name': 'T', 'type': 'type'}]}}]}}", "t.json: function 'f': polymorphic "
        + "functions (signature attrs) are not supported"));
    r.add(c("function node named like an argument", withLib("", fn("f", COND_ARG, "",
        "{'name': 'i', 'op': 'NoOp'}", "")), "t.json: function 'f', node 'i' (NoOp): the node has "
        + "the name of an input argument of the function"));
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i <= 33; i++) {
      String call = i < 33 ? "{'name': 'n', 'op': 'NoOp', 'attr': {'_f': {'func': {'name': 'f"
          + (i + 1) + "'}}}}" : "";
      chain.append(i == 0 ? "" : ", ").append(fn("f" + i, "", "", call, ""));
    }
    r.add(c("function nesting deeper than 32", withLib("", chain.toString()), "t.json: function "
        + "'f1': functions nest 33 deep, deeper than the limit of 32: f1 -> f2 -> f3 -> f4 -> f5 "
        + "-> f6 -> f7 -> f8 -> f9 -> f10 -> f11 -> ..."));
  }

  private static void limits(List<Case> r) {
    r.add(c("too many nodes", graph(PH, "{'name': 'a', 'op': 'NoOp'}", "{'name': 'b', 'op': "
        + "'NoOp'}"), LoadLimits.defaults().withMaxNodes(2), "t.json: the graph has 3 nodes "
        + "(with function bodies); the limit is 2"));
    r.add(c("too many nodes in function bodies", "{'library': {'function': [{'signature': "
        + "{'name': 'f'}, 'node_def': [{'name': 'a', 'op': 'NoOp'}, {'name': 'b', 'op': "
        + "'NoOp'}, {'name': 'd', 'op': 'NoOp'}]}]}, 'node': [{'name': 'c', 'op': 'NoOp'}]}",
        LoadLimits.defaults().withMaxNodes(2), "t.json: the graph has 4 nodes (with function "
        + "bodies); the limit is 2"));
    r.add(c("JSON nested deeper than 100", "{'node': " + "[".repeat(120) + "]".repeat(120) + "}",
        "t.json: JSON nested deeper than 100 levels"));
    r.add(c("input larger than the limit", graph(PH), LoadLimits.defaults().withMaxFileBytes(20),
        "t.json: input is 87 characters, larger than the limit of 20"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejected(Case k) {
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(k.json(), "t.json", OPS, k.limits()));
    assertEquals(k.message(), e.getMessage());
    assertEquals("t.json", e.source());
  }

  @Test
  void catalogueHasAtLeastThirtyDistinctCases() {
    List<Case> all = cases().toList();
    assertTrue(all.size() >= 30, "cases: " + all.size());
    assertEquals(all.size(), all.stream().map(Case::message).distinct().count(),
        "every case has its own message");
  }

  @Test
  void fileOverTheLimitIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big.graph.json");
    Files.writeString(f, " ".repeat(1000) + "{}");
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(f, OPS, LoadLimits.defaults().withMaxFileBytes(100)));
    assertEquals(f + ": file is 1002 bytes, larger than the limit of 100 bytes", e.getMessage());
    assertEquals(null, e.where());
  }

  @Test
  void fileThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.graph.json");
    Files.write(f, new byte[] {'{', '"', 'n', 'o', 'd', 'e', '"', ':', '[', ']', ',', '"',
        (byte) 0xE9, '"', ':', '1', '}'});
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(f, OPS, LoadLimits.defaults()));
    assertEquals(f + ": the file is not UTF-8 text", e.getMessage());
  }

  @Test
  void byteOrderMarkIsSkipped(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bom.graph.json");
    Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
    assertEquals(0, GraphDefJson.read(f, OPS, LoadLimits.defaults()).operations().size());
  }

  @Test
  void problemAndWhereAreSeparate() {
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(graph("{'name': 'a'}").replace('\'', '"'), "g.json", OPS,
            LoadLimits.defaults()));
    assertEquals("node 'a'", e.where());
    assertEquals("NodeDef has no 'op'", e.problem());
  }
}
