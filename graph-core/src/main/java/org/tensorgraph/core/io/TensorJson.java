package org.tensorgraph.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.JsonMsg.Where;

/**
 * TF's {@code TensorProto} (tensorflow/core/framework/tensor.proto) in JSON: {@code dtype},
 * {@code tensorShape}, and the values either as little-endian {@code tensorContent} bytes or in
 * the typed field of the dtype ({@code floatVal}, {@code doubleVal}, {@code intVal}, {@code
 * int64Val}, {@code boolVal}).
 *
 * <p>Typed fields follow TF's rule (Tensor::FromProto): no values means all zeros, fewer values
 * than elements repeat the last one (a single value is a "splat"; grappler's
 * CompressTensorProtoInPlace drops a repeated tail the same way); more values than elements is an
 * error here (TF silently ignores the surplus).
 */
final class TensorJson {
  static final Set<String> FIELDS = Set.of("dtype", "tensorShape", "versionNumber",
      "tensorContent", "halfVal", "floatVal", "doubleVal", "intVal", "stringVal", "scomplexVal",
      "int64Val", "boolVal", "dcomplexVal", "resourceHandleVal", "variantVal", "uint32Val",
      "uint64Val");
  private static final List<String> VALUE_FIELDS = List.of("halfVal", "floatVal", "doubleVal",
      "intVal", "stringVal", "scomplexVal", "int64Val", "boolVal", "dcomplexVal",
      "resourceHandleVal", "variantVal", "uint32Val", "uint64Val");

  private TensorJson() {}

  // ---------------------------------------------------------------- reading

  static Tensor read(JsonNode node, Where w, LoadLimits limits) throws GraphDefFormatException {
    JsonMsg m = JsonMsg.of(node, "TensorProto", FIELDS, w);
    DType dtype = m.dtype("dtype");
    if (dtype == DType.VARIANT) {
      throw w.fail("a DT_VARIANT tensor cannot be stored in a graph file");
    }
    JsonMsg shapeMsg = m.message("tensorShape", "TensorShapeProto", AttrJson.SHAPE_FIELDS);
    Shape shape = shapeMsg == null ? Shape.scalar() : AttrJson.readShape(shapeMsg);
    int n = elementCount(shape, w, limits);
    String field = typedField(dtype);
    checkValueFields(m, field, dtype);
    boolean hasContent = m.has("tensorContent") && !m.string("tensorContent").isEmpty();
    List<JsonNode> vals = m.array(field);
    if (hasContent && !vals.isEmpty()) {
      throw w.fail("tensor has both tensorContent and " + field + "; use one");
    }
    checkHeap((long) n * Math.max(1, dtype.byteSize()), w);
    try {
      return hasContent ? fromContent(m, dtype, shape, n) : fromValues(vals, field, dtype, shape,
          n, w);
    } catch (OutOfMemoryError e) {
      throw w.fail("tensor of shape " + shape + " does not fit in memory");
    }
  }

  /** The element count, checked against the limit before anything is allocated. */
  private static int elementCount(Shape shape, Where w, LoadLimits limits)
      throws GraphDefFormatException {
    if (!shape.isFullyDefined()) {
      throw w.fail("tensor shape " + shape + " must be fully defined (no -1, known rank)");
    }
    long n = 1;
    boolean over = false;
    for (long d : shape.dims()) {
      if (d == 0) {
        return 0;
      }
      if (n > limits.maxTensorElements() / d) {
        over = true; // keep scanning: a later 0 makes the tensor empty
      } else {
        n *= d;
      }
    }
    if (over || n > limits.maxTensorElements()) {
      throw w.fail("tensor of shape " + shape + " has more than " + limits.maxTensorElements()
          + " elements (the limit)");
    }
    return (int) n;
  }

  /** Refuses a tensor that cannot fit in the free heap, rather than dying of OutOfMemoryError. */
  private static void checkHeap(long bytes, Where w) throws GraphDefFormatException {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > free) {
      throw w.fail("tensor needs " + bytes + " bytes but only " + free + " are free in the heap");
    }
  }

  private static String typedField(DType dtype) {
    switch (dtype) {
      case FLOAT32: return "floatVal";
      case FLOAT64: return "doubleVal";
      case INT32: return "intVal";
      case INT64: return "int64Val";
      case BOOL: return "boolVal";
      default: throw new IllegalStateException(dtype.toString());
    }
  }

  private static void checkValueFields(JsonMsg m, String field, DType dtype)
      throws GraphDefFormatException {
    for (String f : VALUE_FIELDS) {
      if (!f.equals(field) && !m.array(f).isEmpty()) {
        throw m.where().fail("tensor of dtype " + dtype.protoName() + " has values in '" + f
            + "'; its values belong in '" + field + "' or tensorContent");
      }
    }
  }

  private static Tensor fromContent(JsonMsg m, DType dtype, Shape shape, int n)
      throws GraphDefFormatException {
    byte[] bytes = JsonMsg.asBytes(m.raw("tensorContent"), m.where(), "tensorContent");
    long want = (long) n * dtype.byteSize();
    if (bytes.length != want) {
      throw m.where().fail("tensorContent has " + bytes.length + " bytes but shape " + shape
          + " of " + dtype.protoName() + " needs " + want + " (" + n + " x "
          + dtype.byteSize() + ")");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case FLOAT32: {
        float[] a = new float[n];
        b.asFloatBuffer().get(a);
        return Tensor.wrap(shape, a);
      }
      case FLOAT64: {
        double[] a = new double[n];
        b.asDoubleBuffer().get(a);
        return Tensor.wrap(shape, a);
      }
      case INT32: {
        int[] a = new int[n];
        b.asIntBuffer().get(a);
        return Tensor.wrap(shape, a);
      }
      case INT64: {
        long[] a = new long[n];
        b.asLongBuffer().get(a);
        return Tensor.wrap(shape, a);
      }
      default: {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = bytes[i] != 0;
        }
        return Tensor.wrap(shape, a);
      }
    }
  }

  private static Tensor fromValues(List<JsonNode> vals, String field, DType dtype, Shape shape,
      int n, Where w) throws GraphDefFormatException {
    if (vals.size() > n) {
      throw w.fail(field + " has " + vals.size() + " values but shape " + shape + " holds " + n
          + " (give 0, 1 or " + n + " values, or fewer with the last one repeated)");
    }
    Object a = switch (dtype) {
      case FLOAT32 -> new float[n];
      case FLOAT64 -> new double[n];
      case INT32 -> new int[n];
      case INT64 -> new long[n];
      default -> new boolean[n];
    };
    for (int i = 0; i < vals.size(); i++) {
      set(a, i, vals.get(i), dtype, w, field + "[" + i + "]");
    }
    if (!vals.isEmpty() && vals.size() < n) {
      fillTail(a, vals.size(), n);
    }
    return Tensor.wrap(shape, a);
  }

  private static void set(Object a, int i, JsonNode v, DType dtype, Where w, String what)
      throws GraphDefFormatException {
    switch (dtype) {
      case FLOAT32 -> ((float[]) a)[i] = JsonMsg.asFloat(v, w, what);
      case FLOAT64 -> ((double[]) a)[i] = JsonMsg.asDouble(v, w, what);
      case INT32 -> ((int[]) a)[i] = JsonMsg.asInt32(v, w, what);
      case INT64 -> ((long[]) a)[i] = JsonMsg.asInt64(v, w, what);
      default -> ((boolean[]) a)[i] = JsonMsg.asBool(v, w, what);
    }
  }

  /** TF's splat rule: elements past the given values repeat the last given value. */
  private static void fillTail(Object a, int from, int n) {
    if (a instanceof float[] f) {
      java.util.Arrays.fill(f, from, n, f[from - 1]);
    } else if (a instanceof double[] d) {
      java.util.Arrays.fill(d, from, n, d[from - 1]);
    } else if (a instanceof int[] x) {
      java.util.Arrays.fill(x, from, n, x[from - 1]);
    } else if (a instanceof long[] x) {
      java.util.Arrays.fill(x, from, n, x[from - 1]);
    } else {
      boolean[] x = (boolean[]) a;
      java.util.Arrays.fill(x, from, n, x[from - 1]);
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * A TensorProto as TF's Python writes one: one element in its typed field, a tensor whose
   * elements are all equal as a single typed value (a splat), others as {@code tensorContent}
   * (bool tensors, which TF never packs, list every value in {@code boolVal}).
   */
  static ObjectNode write(Tensor t, JsonNodeFactory f) {
    if (t.dtype() == DType.VARIANT) {
      throw new IllegalArgumentException("A DT_VARIANT tensor cannot be written to a graph file");
    }
    ObjectNode o = f.objectNode();
    o.put("dtype", t.dtype().protoName());
    o.set("tensorShape", AttrJson.writeShape(t.shape(), f));
    int n = t.size();
    if (n == 0) {
      return o;
    }
    Object data = t.rawData();
    String field = typedField(t.dtype());
    if (n == 1 || allEqual(data, n)) {
      o.set(field, f.arrayNode().add(value(data, 0, f)));
    } else if (t.dtype() == DType.BOOL) {
      ArrayNode a = o.putArray(field);
      for (int i = 0; i < n; i++) {
        a.add(((boolean[]) data)[i]);
      }
    } else {
      o.put("tensorContent", Base64.getEncoder().encodeToString(content(data, t.dtype(), n)));
    }
    return o;
  }

  private static boolean allEqual(Object data, int n) {
    for (int i = 1; i < n; i++) {
      boolean same;
      if (data instanceof float[] a) {
        same = Float.floatToRawIntBits(a[i]) == Float.floatToRawIntBits(a[0]);
      } else if (data instanceof double[] a) {
        same = Double.doubleToRawLongBits(a[i]) == Double.doubleToRawLongBits(a[0]);
      } else if (data instanceof int[] a) {
        same = a[i] == a[0];
      } else if (data instanceof long[] a) {
        same = a[i] == a[0];
      } else {
        same = ((boolean[]) data)[i] == ((boolean[]) data)[0];
      }
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode value(Object data, int i, JsonNodeFactory f) {
    if (data instanceof float[] a) {
      return AttrJson.floatNode(a[i], f);
    } else if (data instanceof double[] a) {
      return AttrJson.doubleNode(a[i], f);
    } else if (data instanceof int[] a) {
      return f.numberNode(a[i]);
    } else if (data instanceof long[] a) {
      return f.textNode(Long.toString(a[i]));
    }
    return f.booleanNode(((boolean[]) data)[i]);
  }

  private static byte[] content(Object data, DType dtype, int n) {
    ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, dtype.byteSize()))
        .order(ByteOrder.LITTLE_ENDIAN);
    if (data instanceof float[] a) {
      b.asFloatBuffer().put(a);
    } else if (data instanceof double[] a) {
      b.asDoubleBuffer().put(a);
    } else if (data instanceof int[] a) {
      b.asIntBuffer().put(a);
    } else {
      b.asLongBuffer().put((long[]) data);
    }
    return b.array();
  }
}
