package org.tensorgraph.core.io;

import org.tensorgraph.core.io.JsonMsg.Where;

/**
 * One entry of a NodeDef's {@code input} list. In a graph: {@code "x"} (output 0), {@code
 * "x:1"}, {@code "^x"} (control). In a function body (FunctionDef syntax): {@code "arg"} (an
 * input argument), {@code "node:out_arg:2"} (element 2 of output argument {@code out_arg} of
 * {@code node}), {@code "^node"}.
 *
 * @param node the node (or function argument) name
 * @param outArg the output argument name in function syntax, else null
 * @param index the output index (graph: flat; function: within {@code outArg})
 * @param control true for {@code ^node}
 */
record TensorName(String node, String outArg, int index, boolean control) {

  /** True for a bare name inside a function body: a function input argument. */
  boolean isFunctionArg() {
    return outArg == null && !control;
  }

  static TensorName parse(String s, boolean inFunction, Where w, int inputIndex)
      throws GraphDefFormatException {
    if (s.startsWith("^")) {
      return new TensorName(checkName(s.substring(1), s, w, inputIndex, inFunction), null, 0, true);
    }
    String[] parts = s.split(":", -1);
    if (!inFunction && parts.length <= 2) {
      int index = parts.length == 2 ? index(parts[1], s, w, inputIndex) : 0;
      return new TensorName(checkName(parts[0], s, w, inputIndex, inFunction), null, index, false);
    }
    if (inFunction && parts.length == 1) {
      return new TensorName(checkName(s, s, w, inputIndex, inFunction), null, 0, false);
    }
    if (inFunction && parts.length == 3 && !parts[1].isEmpty()) {
      return new TensorName(checkName(parts[0], s, w, inputIndex, inFunction), parts[1],
          index(parts[2], s, w, inputIndex), false);
    }
    throw bad(s, w, inputIndex, inFunction ? "a function input is 'arg', 'node:out_arg:index' "
        + "or '^node'" : "an input is 'node', 'node:index' or '^node'");
  }

  private static String checkName(String name, String s, Where w, int inputIndex,
      boolean inFunction) throws GraphDefFormatException {
    if (!(inFunction ? GraphDefParser.FUNCTION_NAME : GraphDefParser.NODE_NAME).matcher(name)
        .matches()) {
      throw bad(s, w, inputIndex, "'" + JsonMsg.shorten(name) + "' is not a valid node name");
    }
    return name;
  }

  private static int index(String digits, String s, Where w, int inputIndex)
      throws GraphDefFormatException {
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
      throw bad(s, w, inputIndex, "the output index must be a non-negative number");
    }
    long v = Long.parseLong(digits);
    if (v > Integer.MAX_VALUE) {
      throw bad(s, w, inputIndex, "the output index is too large");
    }
    return (int) v;
  }

  private static GraphDefFormatException bad(String s, Where w, int inputIndex, String why) {
    return w.fail("input " + inputIndex + " '" + JsonMsg.shorten(s) + "' is malformed: " + why);
  }

  @Override
  public String toString() {
    if (control) {
      return "^" + node;
    }
    return outArg != null ? node + ":" + outArg + ":" + index : node + ":" + index;
  }
}
