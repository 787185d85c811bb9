package org.tensorgraph.ops.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.GraphDefFormatException;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.core.io.LoadLimits;
import org.tensorgraph.core.op.OpRegistry;
import org.tensorgraph.ops.Ops;

/**
 * Mutants of real graph files loaded with the standard registry, whose shape rules (and the
 * constant folding they use) run on whatever a mutant holds: loading must succeed or throw
 * {@link GraphDefFormatException}, never anything else, and never hang.
 */
class GraphDefRealOpsFuzzTest {
  private static final int ITERATIONS = 3000;
  private static final LoadLimits LIMITS = LoadLimits.defaults().withMaxTensorElements(1 << 20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static String resource(String path) throws Exception {
    try (InputStream in = GraphDefRealOpsFuzzTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void mutantsOfRealGraphsLoadOrFailCleanly() throws Exception {
    List<String> seeds = List.of(resource("tf_dense_layer.graph.json"),
        resource("/org/tensorgraph/ops/controlflow/while_counter.graph.json"),
        resource("/org/tensorgraph/ops/controlflow/while_tensorlist_rnn.graph.json"),
        manyOps());
    Random rnd = new Random(1126);
    int[] outcome = new int[2];
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int it = 0; it < ITERATIONS; it++) {
        String mutant = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
        try {
          GraphDefJson.read(mutant, "fuzz.json", OpRegistry.standard(), LIMITS);
          outcome[0]++;
        } catch (GraphDefFormatException e) {
          outcome[1]++;
        } catch (Throwable t) {
          throw new AssertionError("iteration " + it + ": undocumented " + t + " for input:\n"
              + mutant, t);
        }
      }
    });
    assertTrue(outcome[0] > ITERATIONS / 20, "some mutants load: " + outcome[0]);
    assertTrue(outcome[1] > ITERATIONS / 2, "most are rejected: " + outcome[1]);
  }

  /** Array ops whose shape rules read constant inputs: the ones a hostile value hurts most. */
  private static String manyOps() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.withName("x").placeholder(DType.FLOAT32, Shape.of(-1, 3));
    Output c = tf.withName("c").constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
    Output r = tf.reshape(tf.tile(c, 2, 1), 3, 4);
    Output p = tf.pad(tf.slice(r, new int[] {0, 1}, new int[] {2, 2}),
        new int[][] {{1, 1}, {0, 2}});
    Output idx = tf.range(0, 3, 1);
    Output gth = tf.gather(tf.transpose(r, 1, 0), idx, 0);
    Output hot = tf.oneHot(idx, 4);
    Output z = tf.fill(tf.shape(x), tf.constant(2f));
    tf.concat(List.of(tf.expandDims(tf.reduceSum(gth, new int[] {1}, false), 1),
        tf.cast(tf.squeeze(tf.expandDims(hot, 0), 0), DType.FLOAT32)), 1);
    tf.stack(List.of(z, tf.zeros(Shape.of(2, 3), DType.FLOAT32)), 0);
    tf.size(p);
    tf.rank(p);
    return GraphDefJson.write(g);
  }

  private static String mutate(String s, Random rnd) throws Exception {
    JsonNode root = JSON.readTree(s);
    List<JsonNode> containers = new ArrayList<>();
    List<JsonNode> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      JsonNode n = todo.remove(todo.size() - 1);
      if (n.isContainerNode()) {
        containers.add(n);
        n.forEach(todo::add);
      }
    }
    for (int k = 1 + rnd.nextInt(2); k > 0; k--) {
      JsonNode c = containers.get(rnd.nextInt(containers.size()));
      if (c instanceof ObjectNode o && o.size() > 0) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
          keys.add(it.next());
        }
        String key = keys.get(rnd.nextInt(keys.size()));
        if (rnd.nextInt(3) == 0) {
          o.remove(key);
        } else {
          o.set(key, tweak(o.get(key), rnd));
        }
      } else if (c instanceof ArrayNode a && a.size() > 0) {
        int i = rnd.nextInt(a.size());
        switch (rnd.nextInt(3)) {
          case 0 -> a.remove(i);
          case 1 -> a.insert(i, a.get(i).deepCopy());
          default -> a.set(i, tweak(a.get(i), rnd));
        }
      }
    }
    return JSON.writeValueAsString(root);
  }

  /** Numbers and int64 strings moved to edge values; type names swapped; else a hostile value. */
  private static JsonNode tweak(JsonNode old, Random rnd) {
    long[] edges = {-1, 0, 1, 2, 3, 7, 100, 65536, 1L << 31, -(1L << 40)};
    if (old.isTextual() && old.textValue().matches("-?[0-9]+") || old.isIntegralNumber()) {
      long v = edges[rnd.nextInt(edges.length)];
      return old.isTextual() ? F.textNode(Long.toString(v)) : F.numberNode(v);
    }
    if (old.isTextual() && old.textValue().startsWith("DT_")) {
      String[] types = {"DT_FLOAT", "DT_INT32", "DT_INT64", "DT_BOOL", "DT_DOUBLE",
          "DT_VARIANT"};
      return F.textNode(types[rnd.nextInt(types.length)]);
    }
    switch (rnd.nextInt(6)) {
      case 0: return F.objectNode();
      case 1: return F.arrayNode();
      case 2: return F.numberNode(-1);
      case 3: return F.textNode("x");
      case 4: return F.booleanNode(true);
      default: return F.nullNode();
    }
  }
}
