package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.op.OpRegistry;

/** Inputs built to exhaust a naive loader's stack, time or memory. */
class GraphDefHostileTest {
  private static final OpRegistry OPS = GraphDefTestOps.registry();
  private static final String PH = "{\"name\": \"n0\", \"op\": \"Placeholder\", \"attr\": "
      + "{\"dtype\": {\"type\": \"DT_FLOAT\"}}}";

  private static String identity(int i, String input) {
    return "{\"name\": \"n" + i + "\", \"op\": \"Identity\", \"input\": [\"" + input + "\"], "
        + "\"attr\": {\"T\": {\"type\": \"DT_FLOAT\"}}}";
  }

  /** A chain n0 <- n1 <- ... listed last-first: a recursive sort would overflow the stack. */
  @Test
  void longChainInReverseOrderLoadsWithoutRecursion() {
    int n = 50_000;
    StringBuilder sb = new StringBuilder("{\"node\": [");
    for (int i = n; i >= 1; i--) {
      sb.append(identity(i, "n" + (i - 1))).append(", ");
    }
    sb.append(PH).append("]}");
    Graph g = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> GraphDefJson.read(sb.toString(), "chain.json", OPS, LoadLimits.defaults()));
    assertEquals(n + 1, g.operations().size());
    assertEquals("n0", g.operations().get(0).name());
    assertEquals("n49999:0", g.operation("n50000").input(0).name());
  }

  @Test
  void longCycleIsReportedShortened() {
    int n = 20_000;
    StringBuilder sb = new StringBuilder("{\"node\": [");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(identity(i, "n" + ((i + 1) % n)));
    }
    sb.append("]}");
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(sb.toString(), "cycle.json", OPS, LoadLimits.defaults()));
    assertTrue(e.getMessage().startsWith("cycle.json: node 'n0' (Identity): the graph has a "
        + "cycle: n0 -> n19999 -> n19998 -> "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" -> ... (19990 more) -> n0 (each node is an input of the "
        + "next)"), e.getMessage());
  }

  /** One node with a control input on each of 50,000 others: linear work, not quadratic. */
  @Test
  void manyControlInputsLoadQuickly() {
    int n = 50_000;
    StringBuilder nodes = new StringBuilder("{\"node\": [");
    StringBuilder ctrl = new StringBuilder();
    for (int i = 0; i < n; i++) {
      nodes.append("{\"name\": \"a").append(i).append("\", \"op\": \"NoOp\"}, ");
      ctrl.append(i == 0 ? "" : ", ").append("\"^a").append(i).append('"');
    }
    nodes.append("{\"name\": \"all\", \"op\": \"NoOp\", \"input\": [").append(ctrl)
        .append("]}]}");
    Graph g = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> GraphDefJson.read(nodes.toString(), "ctrl.json", OPS, LoadLimits.defaults()));
    assertEquals(n, g.operation("all").controlInputs().size());
  }

  /** A splat of a huge shape is refused before allocation when the heap cannot hold it. */
  @Test
  void hugeSplatIsRefusedWithoutOutOfMemory() {
    String json = "{\"node\": [{\"name\": \"c\", \"op\": \"Const\", \"attr\": {\"dtype\": "
        + "{\"type\": \"DT_DOUBLE\"}, \"value\": {\"tensor\": {\"dtype\": \"DT_DOUBLE\", "
        + "\"tensorShape\": {\"dim\": [{\"size\": \"2147483000\"}]}, \"doubleVal\": [1]}}}}]}";
    assumeTrue(Runtime.getRuntime().maxMemory() < 17_179_864_000L, "needs a heap below 16 GiB");
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(json, "big.json", OPS, LoadLimits.defaults()));
    assertTrue(e.getMessage().startsWith("big.json: node 'c' (Const), attr 'value': tensor "
        + "needs 17179864000 bytes but only "), e.getMessage());
  }

  @Test
  void outputsAreBudgetedAgainstTheNodeLimit() {
    StringBuilder sb = new StringBuilder("{\"node\": [" + PH);
    for (int i = 1; i <= 3; i++) {
      sb.append(", {\"name\": \"u").append(i).append("\", \"op\": \"Unpack\", \"input\": "
          + "[\"n0\"], \"attr\": {\"T\": {\"type\": \"DT_FLOAT\"}, \"num\": {\"i\": \"30000\"}}}");
    }
    sb.append("]}");
    GraphDefFormatException e = assertThrows(GraphDefFormatException.class,
        () -> GraphDefJson.read(sb.toString(), "u.json", OPS,
            LoadLimits.defaults().withMaxNodes(10)));
    assertEquals("u.json: node 'u3' (Unpack): the graph would have more outputs than its node "
        + "limit allows (4 per node, at least 65536)", e.getMessage());
  }
}
