package org.tensorgraph.core.print;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.Tensor;

/**
 * Python's {@code print} of the structures a session returns: a tuple of arrays prints as {@code
 * (array(...), array(...))}, a namedtuple such as {@code LSTMStateTuple} as {@code
 * LSTMStateTuple(c=array(...), h=array(...))}, a dict as {@code {'k': array(...)}} — each array by
 * numpy's {@code repr}, exactly as Python's {@code str(tuple)} does; a bare array by numpy's
 * {@code str}.
 *
 * <pre>{@code
 * PythonFormat.str(List.of(a, b));   // "(array([[...]], dtype=float32), array([[...]], dtype=float32))"
 * PythonFormat.str(a);               // numpy's str(a)
 * }</pre>
 */
public final class PythonFormat {
  private PythonFormat() {}

  /**
   * Python's {@code str(value)}: numpy's {@code str} for a tensor, {@link #repr} for anything
   * else.
   */
  public static String str(Object value) {
    return value instanceof Tensor ? NumpyPrinter.str((Tensor) value) : repr(value);
  }

  /**
   * Python's {@code repr(value)} for a tensor ({@code array(...)}), a {@code List} (a tuple), a
   * {@code Map} (a dict with string keys), a record (a namedtuple, named by the record's simple
   * name with a Java {@code Lstm} spelled TF's {@code LSTM}), {@code null} ({@code None}), or a
   * string or number.
   */
  public static String repr(Object value) {
    if (value == null) {
      return "None";
    } else if (value instanceof Tensor) {
      return NumpyPrinter.repr((Tensor) value);
    } else if (value instanceof List) {
      return tuple((List<?>) value);
    } else if (value instanceof Map) {
      return dict((Map<?, ?>) value);
    } else if (value instanceof Record) {
      return namedTuple((Record) value);
    } else if (value instanceof CharSequence) {
      return "'" + value + "'";
    } else if (value instanceof Boolean) {
      return (Boolean) value ? "True" : "False";
    }
    return String.valueOf(value);
  }

  private static String tuple(List<?> items) {
    List<String> parts = new ArrayList<>();
    for (Object o : items) {
      parts.add(repr(o));
    }
    return "(" + String.join(", ", parts) + (items.size() == 1 ? ",)" : ")");
  }

  private static String dict(Map<?, ?> map) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      parts.add(repr(e.getKey()) + ": " + repr(e.getValue()));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static String namedTuple(Record r) {
    List<String> parts = new ArrayList<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        parts.add(c.getName() + "=" + repr(c.getAccessor().invoke(r)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("Cannot read component " + c.getName() + " of "
            + r.getClass().getName(), e);
      }
    }
    return r.getClass().getSimpleName().replace("Lstm", "LSTM") + "(" + String.join(", ", parts)
        + ")";
  }
}
