package org.tensorgraph.core.print;

/**
 * numpy's {@code IntegerFormat} and {@code BoolFormat}: integers right-aligned to the widest of
 * the printed minimum and maximum; bools as {@code " True"} / {@code "False"} (bare {@code True}
 * in a 0-d array).
 */
final class IntegerFormats {
  private IntegerFormats() {}

  /** The layout for the int32 or int64 elements at {@code indices} of {@code data}. */
  static ElementFormat integers(Object data, int[] indices) {
    int[] i32 = data instanceof int[] ? (int[]) data : null;
    long[] i64 = data instanceof long[] ? (long[]) data : null;
    long max = Long.MIN_VALUE;
    long min = Long.MAX_VALUE;
    for (int i : indices) {
      long x = i32 != null ? i32[i] : i64[i];
      max = Math.max(max, x);
      min = Math.min(min, x);
    }
    int width = indices.length == 0 ? 0
        : Math.max(Long.toString(max).length(), Long.toString(min).length());
    return i -> pad(Long.toString(i32 != null ? i32[i] : i64[i]), width);
  }

  /** The layout for bools; {@code zeroD} drops the space that aligns True with False. */
  static ElementFormat bools(boolean[] data, boolean zeroD) {
    String trueStr = zeroD ? "True" : " True";
    return i -> data[i] ? trueStr : "False";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
