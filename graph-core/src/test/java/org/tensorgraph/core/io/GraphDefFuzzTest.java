package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Mutates valid graph files (deterministic seed) and asserts that loading each mutant either
 * succeeds or throws {@link GraphDefFormatException}: never another exception, an error, or a
 * hang. Mutations work on the text (cuts, junk, truncation) and on the JSON tree (fields removed,
 * renamed or replaced by hostile values, array elements dropped, duplicated, swapped).
 */
class GraphDefFuzzTest {
  private static final int ITERATIONS = 3000;
  private static final OpRegistry OPS = GraphDefTestOps.registry();
  /** Small tensors only, so a mutated splat never spends seconds filling memory. */
  private static final LoadLimits LIMITS = LoadLimits.defaults().withMaxTensorElements(1 << 20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void mutantsLoadOrFailWithTheDocumentedException() throws Exception {
    List<String> seeds = List.of(GraphDefJson.write(GraphDefSamples.everything()),
        GraphDefTfJsonTest.resource("while_counter.graph.json"),
        GraphDefTfJsonTest.resource("while_tensorlist_rnn.graph.json"),
        GraphDefTfJsonTest.resource("tf_dense_layer.graph.json"));
    Random rnd = new Random(20261126);
    int[] outcome = new int[2]; // loaded, rejected
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int it = 0; it < ITERATIONS; it++) {
        String seed = seeds.get(rnd.nextInt(seeds.size()));
        String mutant = rnd.nextInt(4) == 0 ? mutateText(seed, rnd) : mutateTree(seed, rnd);
        outcome[load(mutant, it)]++;
      }
    });
    assertTrue(outcome[0] > ITERATIONS / 20, "some mutants still load: " + outcome[0]);
    assertTrue(outcome[1] > ITERATIONS / 2, "most mutants are rejected: " + outcome[1]);
  }

  private static int load(String json, int it) {
    try {
      GraphDefJson.read(json, "fuzz.json", OPS, LIMITS);
      return 0;
    } catch (GraphDefFormatException e) {
      if (!e.getMessage().startsWith("fuzz.json: ")) {
        fail("iteration " + it + ": message does not name the source: " + e.getMessage());
      }
      return 1;
    } catch (Throwable t) {
      throw new AssertionError("iteration " + it + ": undocumented " + t + " for input:\n"
          + json.substring(0, Math.min(json.length(), 4000)), t);
    }
  }

  // ---------------------------------------------------------------- text mutations

  private static String mutateText(String s, Random rnd) {
    int i = rnd.nextInt(s.length());
    int j = Math.min(s.length(), i + 1 + rnd.nextInt(40));
    switch (rnd.nextInt(4)) {
      case 0: return s.substring(0, i) + s.substring(j);
      case 1: return s.substring(0, i) + "\"{[]},:-0e\\".charAt(rnd.nextInt(11)) + s.substring(i);
      case 2: return s.substring(0, i);
      default: return s.substring(0, j) + s.substring(i, j) + s.substring(j);
    }
  }

  // ---------------------------------------------------------------- tree mutations

  private static String mutateTree(String s, Random rnd) throws Exception {
    JsonNode root = JSON.readTree(s);
    List<JsonNode> containers = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    collect(root, containers, strings);
    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
      JsonNode c = containers.get(rnd.nextInt(containers.size()));
      if (c instanceof ObjectNode o) {
        mutateObject(o, rnd, strings);
      } else if (c instanceof ArrayNode a) {
        mutateArray(a, rnd, strings);
      }
    }
    return JSON.writeValueAsString(root);
  }

  /** Every object and array, and every string value, without recursion. */
  private static void collect(JsonNode root, List<JsonNode> containers, List<String> strings) {
    List<JsonNode> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      JsonNode n = todo.remove(todo.size() - 1);
      if (n.isContainerNode()) {
        containers.add(n);
        n.forEach(todo::add);
      } else if (n.isTextual()) {
        strings.add(n.textValue());
      }
    }
  }

  private static void mutateObject(ObjectNode o, Random rnd, List<String> strings) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    if (keys.isEmpty()) {
      o.set("x" + rnd.nextInt(3), hostile(rnd, strings));
      return;
    }
    String key = keys.get(rnd.nextInt(keys.size()));
    switch (rnd.nextInt(4)) {
      case 0 -> o.remove(key);
      case 1 -> o.set(key + (rnd.nextBoolean() ? "_" : "X"), o.remove(key));
      default -> o.set(key, tweak(o.get(key), rnd, strings));
    }
  }

  private static void mutateArray(ArrayNode a, Random rnd, List<String> strings) {
    if (a.isEmpty()) {
      a.add(hostile(rnd, strings));
      return;
    }
    int i = rnd.nextInt(a.size());
    switch (rnd.nextInt(5)) {
      case 0 -> a.remove(i);
      case 1 -> a.insert(i, a.get(i).deepCopy());
      case 2 -> {
        int j = rnd.nextInt(a.size());
        JsonNode t = a.get(i);
        a.set(i, a.get(j));
        a.set(j, t);
      }
      default -> a.set(i, tweak(a.get(i), rnd, strings));
    }
  }

  /** A value near the old one (numbers and int64 strings shifted) or a hostile one. */
  private static JsonNode tweak(JsonNode old, Random rnd, List<String> strings) {
    if (rnd.nextBoolean() && old.isTextual() && old.textValue().matches("-?[0-9]+")) {
      long v = Long.parseLong(old.textValue());
      long[] deltas = {1, -1, -2, 1000, 1L << 31, -v - 2, v * 1000};
      return F.textNode(Long.toString(v + deltas[rnd.nextInt(deltas.length)]));
    }
    if (rnd.nextBoolean() && old.isNumber()) {
      double[] vals = {-1, 0, 2, 3e9, 1e300, 0.5, -7};
      return F.numberNode(vals[rnd.nextInt(vals.length)]);
    }
    return hostile(rnd, strings);
  }

  private static JsonNode hostile(Random rnd, List<String> strings) {
    switch (rnd.nextInt(14)) {
      case 0: return F.textNode("");
      case 1: return F.textNode("99999999999999999999");
      case 2: return F.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
      case 3: return F.numberNode(-1);
      case 4: return F.booleanNode(rnd.nextBoolean());
      case 5: return F.nullNode();
      case 6: return F.objectNode();
      case 7: return F.arrayNode();
      case 8: return F.textNode(new String[] {"NaN", "DT_FOO", "DT_VARIANT", "DT_HALF",
          "^x", "a:b:c", "!!", "Infinity"}[rnd.nextInt(8)]);
      case 9: return F.textNode("AAAAAAAA");
      case 10: return F.numberNode(2147483648L);
      default: return strings.isEmpty() ? F.textNode("x")
          : F.textNode(strings.get(rnd.nextInt(strings.size())));
    }
  }
}
