package org.tensorgraph.core.print;

/**
 * Formats one element of a flat row-major buffer, all elements of an array to one width: numpy's
 * per-array {@code format_function}.
 */
interface ElementFormat {
  /** The text of element {@code flatIndex}, already padded to the array's common width. */
  String format(int flatIndex);
}
