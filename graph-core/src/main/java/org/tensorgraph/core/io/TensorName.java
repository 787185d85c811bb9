package org.tensorgraph.core.io;

import org.tensorgraph.core.io.JsonMsg.Where;

/**
 * One entry of a NodeDef's {@code input} list. In a graph: {@code "x"} (output 0), {@code
 * "x:1"}, {@code "^x"} (control). In a function body (FunctionDef syntax, function.proto): {@code
 * "arg"} or {@code "arg:0"} (an input argument), {@code "node:out_arg:2"} (element 2 of output
 * argument {@code out_arg} of {@code node}), {@code "node:out_arg"} (all its elements), {@code
 * "^node"} or {@code "^arg"}.
 *
 * @param node the node (or function argument) name
 * @param outArg the output argument name in function syntax, else null
 * @param index the output index (graph: flat; function: within {@code outArg} or the argument),
 *     or {@link #WHOLE} for a whole argument
 * @param control true for {@code ^node}
 */
record TensorName(String node, String outArg, int index, boolean control) {
  /** The index of a function-syntax name without one: the whole argument. */
  static final int WHOLE = -1;

  /** True for a bare name inside a function body: a function input argument. */
  boolean isFunctionArg() {
    return outArg == null && !control;
  }

  static TensorName parse(String s, boolean inFunction, Where w, int inputIndex)
      throws GraphDefFormatException {
    if (s.startsWith("^")) {
      String name = checkName(s.substring(1), s, w, inputIndex, inFunction);
      return new TensorName(name, null, 0, true);
    }
    String[] parts = s.split(":", -1);
    if (!inFunction && parts.length <= 2) {
      int index = parts.length == 2 ? index(parts[1], s, w, inputIndex) : 0;
      return new TensorName(checkName(parts[0], s, w, inputIndex, false), null, index, false);
    }
    if (inFunction && parts.length == 1) {
      return new TensorName(checkName(s, s, w, inputIndex, true), null, WHOLE, false);
    }
    if (inFunction && parts.length == 2 && !parts[1].isEmpty()) {
      String name = checkName(parts[0], s, w, inputIndex, true);
      return Character.isDigit(parts[1].charAt(0))
          ? new TensorName(name, null, index(parts[1], s, w, inputIndex), false)
          : new TensorName(name, parts[1], WHOLE, false);
    }
    if (inFunction && parts.length == 3 && !parts[1].isEmpty()) {
      return new TensorName(checkName(parts[0], s, w, inputIndex, true), parts[1],
          index(parts[2], s, w, inputIndex), false);
    }
    throw bad(s, w, inputIndex, inFunction ? "a function input is 'arg', 'arg:index', "
        + "'node:out_arg', 'node:out_arg:index' or '^node'"
        : "an input is 'node', 'node:index' or '^node'");
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
    String base = outArg != null ? node + ":" + outArg : node;
    return index == WHOLE ? base : base + ":" + index;
  }
}
