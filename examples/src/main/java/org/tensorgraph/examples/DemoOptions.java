package org.tensorgraph.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.io.GraphDefJson;

/**
 * What a user can change about a demo run: TensorFlow's weights to use instead of the
 * initializers' ({@code --checkpoint}, keyed by TF variable name), the graph seed ({@code
 * --seed}), and a file to export the graph to ({@code --export}).
 *
 * @param checkpoint values by variable name, applied after {@code init}; empty for none
 * @param seed the graph-level seed ({@code tf.set_random_seed}), or null
 * @param export where to write the demo's graph as GraphDef JSON, or null
 */
public record DemoOptions(Map<String, Tensor> checkpoint, Long seed, Path export) {
  public DemoOptions {
    checkpoint = Map.copyOf(checkpoint);
  }

  /** No checkpoint, no seed, no export. */
  public static DemoOptions none() {
    return new DemoOptions(Map.of(), null, null);
  }

  /** Sets the graph seed, when one was given. */
  void applySeed(Graph g) {
    if (seed != null) {
      g.setSeed(seed);
    }
  }

  /**
   * Writes the graph when {@code --export} was given; a demo with several programs writes {@code
   * NAME-1.json}, {@code NAME-2.json} beside the given name for all but the first.
   */
  void export(Graph g, int programIndex) {
    if (export == null) {
      return;
    }
    Path target = export;
    if (programIndex > 0) {
      String file = export.getFileName().toString();
      int dot = file.lastIndexOf('.');
      String stem = dot < 0 ? file : file.substring(0, dot);
      String ext = dot < 0 ? "" : file.substring(dot);
      target = export.resolveSibling(stem + "-" + (programIndex + 1) + ext);
    }
    try {
      GraphDefJson.write(g, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the graph to " + target + ": " + e.getMessage(),
          e);
    }
  }
}
