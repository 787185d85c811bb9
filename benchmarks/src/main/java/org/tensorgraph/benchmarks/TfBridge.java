package org.tensorgraph.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import org.tensorflow.TensorFlow;
import org.tensorflow.framework.ConfigProto;
import org.tensorflow.framework.GraphDef;
import org.tensorflow.framework.GraphOptions;
import org.tensorflow.framework.RewriterConfig;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.io.GraphDefJson;

/**
 * The way into TensorFlow 1.15: whether its native library loads, our graphs as TF graphs (our
 * GraphDef JSON, parsed by protobuf's {@link JsonFormat} into TF's own {@link GraphDef}, imported
 * with {@code Graph.importGraphDef}), session configs and tensors.
 *
 * <pre>{@code
 * if (TfBridge.unavailableReason() == null) {
 *   org.tensorflow.Graph tfGraph = TfBridge.importGraph(ourGraph);
 * }
 * }</pre>
 */
public final class TfBridge {
  private static final String UNAVAILABLE = loadProblem();

  private TfBridge() {}

  /** Null if TF 1.15's native library loaded in this JVM, otherwise why it did not. */
  public static String unavailableReason() {
    return UNAVAILABLE;
  }

  // TF prints its own stack trace when loading fails; it is held back so that a skip is one line.
  private static String loadProblem() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream held = new ByteArrayOutputStream();
    System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
    try {
      String version = TensorFlow.version();
      stderr.print(held.toString(StandardCharsets.UTF_8));
      return version.startsWith("1.15") ? null : "TensorFlow " + version + " is not 1.15";
    } catch (LinkageError | RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return root.getClass().getSimpleName() + ": " + root.getMessage();
    } finally {
      System.setErr(stderr);
    }
  }

  /** Throws with the reason when TF cannot run here. */
  static void requireTf() {
    if (UNAVAILABLE != null) {
      throw new IllegalStateException("TensorFlow 1.15 native library did not load: "
          + UNAVAILABLE);
    }
  }

  /** Our graph's GraphDef as TF's protobuf message, through protobuf's JSON parser. */
  public static GraphDef graphDef(Graph ours) {
    GraphDef.Builder b = GraphDef.newBuilder();
    try {
      JsonFormat.parser().merge(GraphDefJson.write(ours), b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("protobuf's JSON parser rejects our GraphDef JSON: "
          + e.getMessage(), e);
    }
    return b.build();
  }

  /** A new TF graph holding our graph's nodes and functions under their own names. */
  public static org.tensorflow.Graph importGraph(Graph ours) {
    return importGraphDef(graphDef(ours));
  }

  /**
   * A new TF graph holding {@code def}'s nodes. TF's importer accepts the cycles of v1 loops
   * (a {@code Merge} whose input is its frame's {@code NextIteration}, written before it).
   */
  public static org.tensorflow.Graph importGraphDef(GraphDef def) {
    requireTf();
    org.tensorflow.Graph g = new org.tensorflow.Graph();
    try {
      g.importGraphDef(def.toByteArray());
    } catch (RuntimeException e) {
      g.close();
      throw new IllegalStateException("TensorFlow 1.15 rejects our GraphDef: " + e.getMessage(),
          e);
    }
    return g;
  }

  /**
   * A serialized {@code ConfigProto}: TF's defaults (its thread pools sized to the machine), with
   * Grappler's graph rewriting off when {@code optimize} is false.
   */
  static byte[] config(boolean optimize) {
    ConfigProto.Builder c = ConfigProto.newBuilder();
    if (!optimize) {
      c.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
          RewriterConfig.newBuilder().setDisableMetaOptimizer(true)));
    }
    return c.build().toByteArray();
  }

  /** A TF tensor with our tensor's shape and values (float32 or int32). */
  static org.tensorflow.Tensor<?> toTf(Tensor t) {
    long[] shape = t.shape().dims();
    if (t.dtype() == DType.FLOAT32) {
      return org.tensorflow.Tensor.create(shape, FloatBuffer.wrap((float[]) t.rawData()));
    }
    if (t.dtype() == DType.INT32) {
      return org.tensorflow.Tensor.create(shape, IntBuffer.wrap((int[]) t.rawData()));
    }
    throw new IllegalArgumentException("Benchmarks feed float32 or int32, not " + t.dtype());
  }
}
