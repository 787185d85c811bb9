package org.tensorgraph.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.graph.Graph;

/**
 * Pins the written format: {@code everything.graph.json} is what {@link GraphDefJson#write}
 * gives for {@link GraphDefSamples#everything()}. A deliberate format change regenerates it with
 * {@code ./mvnw -pl graph-core test -Dtest=GraphDefGoldenTest -Dtg.updateGoldens=true} (run from
 * the repository root), and the diff shows the change for review.
 */
class GraphDefGoldenTest {
  private static final String NAME = "everything.graph.json";

  @Test
  void writerOutputMatchesTheGoldenFile() throws Exception {
    String written = GraphDefJson.write(GraphDefSamples.everything()) + "\n";
    if (Boolean.getBoolean("tg.updateGoldens")) {
      Files.writeString(Path.of("src/test/resources/org/tensorgraph/core/io", NAME), written,
          StandardCharsets.UTF_8);
      return; // the classpath still holds the old copy until resources are processed again
    }
    assertEquals(GraphDefTfJsonTest.resource(NAME), written);
  }

  @Test
  void goldenFileReadsBackToTheSameGraph() throws Exception {
    Graph g = GraphDefJson.read(GraphDefTfJsonTest.resource(NAME), NAME,
        GraphDefTestOps.registry(), LoadLimits.defaults());
    GraphDefSamples.assertSameGraph(GraphDefSamples.everything(), g);
  }
}
