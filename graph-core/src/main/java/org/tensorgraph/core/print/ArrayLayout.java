package org.tensorgraph.core.print;

/**
 * numpy's {@code _formatArray} and {@code _leading_trailing}: nests formatted elements in
 * brackets, wraps rows at the line width with a hanging indent of one space per open bracket,
 * separates blocks of rank r by r-1 blank lines, and in summary mode shows only the first and last
 * {@value #EDGE_ITEMS} entries of each long axis around a {@code ...}.
 */
final class ArrayLayout {
  /** numpy's {@code edgeitems}. */
  static final int EDGE_ITEMS = 3;
  private static final String SUMMARY = "...";

  private final int[] dims;
  private final int[] strides;
  private final ElementFormat format;
  private final String separator;
  private final String lineSeparatorBase;
  private final boolean summary;

  private ArrayLayout(int[] dims, ElementFormat format, String separator, boolean summary) {
    this.dims = dims;
    this.strides = stridesOf(dims);
    this.format = format;
    this.separator = separator;
    this.lineSeparatorBase = rstrip(separator);
    this.summary = summary;
  }

  /**
   * The text of a non-empty array of any rank, as numpy's {@code _formatArray} lays it out.
   *
   * @param lineWidth the usable width (75, less the length of a suffix such as repr's ")")
   * @param prefixLength the length of the text before the first "[" ("array(" in repr)
   * @param summary whether the array is summarised (size above the threshold)
   */
  static String layout(int[] dims, ElementFormat format, String separator, int lineWidth,
      int prefixLength, boolean summary) {
    ArrayLayout l = new ArrayLayout(dims, format, separator, summary);
    String nextLinePrefix = " ".repeat(1 + prefixLength);
    return l.recurse(0, 0, nextLinePrefix, lineWidth);
  }

  /**
   * The flat indices of the elements a summary shows (all elements when not summarising), in
   * row-major order: numpy computes the element format from exactly these.
   */
  static int[] shownIndices(int[] dims, boolean summary) {
    int[] strides = stridesOf(dims);
    int[][] perAxis = new int[dims.length][];
    int count = 1;
    for (int a = 0; a < dims.length; a++) {
      perAxis[a] = axisIndices(dims[a], summary);
      count *= perAxis[a].length;
    }
    int[] out = new int[count];
    int[] pos = new int[dims.length];
    for (int k = 0; k < count; k++) {
      int flat = 0;
      for (int a = 0; a < dims.length; a++) {
        flat += perAxis[a][pos[a]] * strides[a];
      }
      out[k] = flat;
      for (int a = dims.length - 1; a >= 0 && ++pos[a] == perAxis[a].length; a--) {
        pos[a] = 0;
      }
    }
    return out;
  }

  private static int[] axisIndices(int len, boolean summary) {
    if (!summary || len <= 2 * EDGE_ITEMS) {
      int[] all = new int[len];
      for (int i = 0; i < len; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] edges = new int[2 * EDGE_ITEMS];
    for (int i = 0; i < EDGE_ITEMS; i++) {
      edges[i] = i;
      edges[EDGE_ITEMS + i] = len - EDGE_ITEMS + i;
    }
    return edges;
  }

  private static int[] stridesOf(int[] dims) {
    int[] strides = new int[dims.length];
    int s = 1;
    for (int a = dims.length - 1; a >= 0; a--) {
      strides[a] = s;
      s *= dims[a];
    }
    return strides;
  }

  private String recurse(int axis, int offset, String hangingIndent, int currWidth) {
    if (axis == dims.length) {
      return format.format(offset);
    }
    // each nesting level adds a '[' on the left and a ']' on the right
    String nextHanging = hangingIndent + " ";
    int nextWidth = currWidth - 1;
    int len = dims[axis];
    boolean showSummary = summary && 2 * EDGE_ITEMS < len;
    int leading = showSummary ? EDGE_ITEMS : 0;
    int trailing = showSummary ? EDGE_ITEMS : len;
    StringBuilder s = new StringBuilder();
    if (dims.length - axis == 1) {
      row(s, axis, offset, hangingIndent, currWidth, leading, trailing, showSummary);
    } else {
      String lineSep = lineSeparatorBase + "\n".repeat(dims.length - axis - 1);
      for (int i = 0; i < leading; i++) {
        s.append(hangingIndent).append(recurse(axis + 1, offset + i * strides[axis], nextHanging,
            nextWidth)).append(lineSep);
      }
      if (showSummary) {
        s.append(hangingIndent).append(SUMMARY).append(lineSep);
      }
      for (int i = trailing; i >= 1; i--) {
        s.append(hangingIndent).append(recurse(axis + 1, offset + (len - i) * strides[axis],
            nextHanging, nextWidth));
        if (i > 1) {
          s.append(lineSep);
        }
      }
    }
    return "[" + s.substring(hangingIndent.length()) + "]";
  }

  /** The last axis: elements joined by the separator, wrapped before the width is exceeded. */
  private void row(StringBuilder s, int axis, int offset, String hangingIndent, int currWidth,
      int leading, int trailing, boolean showSummary) {
    // room for the separator or the closing bracket after each element
    int elemWidth = currWidth - Math.max(lineSeparatorBase.length(), 1);
    StringBuilder line = new StringBuilder(hangingIndent);
    int stride = strides[axis];
    int len = dims[axis];
    for (int i = 0; i < leading; i++) {
      extendLine(s, line, format.format(offset + i * stride), elemWidth, hangingIndent);
      line.append(separator);
    }
    if (showSummary) {
      extendLine(s, line, SUMMARY, elemWidth, hangingIndent);
      line.append(separator);
    }
    for (int i = trailing; i >= 1; i--) {
      extendLine(s, line, format.format(offset + (len - i) * stride), elemWidth, hangingIndent);
      if (i > 1) {
        line.append(separator);
      }
    }
    s.append(line);
  }

  /** numpy's {@code _extendLine}: wrap unless the line holds nothing but the indent. */
  private static void extendLine(StringBuilder s, StringBuilder line, String word, int width,
      String nextLinePrefix) {
    boolean needsWrap = line.length() + word.length() > width
        && line.length() > nextLinePrefix.length();
    if (needsWrap) {
      s.append(rstrip(line)).append('\n');
      line.setLength(0);
      line.append(nextLinePrefix);
    }
    line.append(word);
  }

  private static String rstrip(CharSequence s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.subSequence(0, end).toString();
  }
}
