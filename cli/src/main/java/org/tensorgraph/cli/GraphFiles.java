package org.tensorgraph.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.GraphDefFormatException;
import org.tensorgraph.core.io.GraphDefJson;
import org.tensorgraph.core.io.Npy;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.core.graph.Graph;

/**
 * File reading and writing shared by the graph-file commands ({@code run}, {@code inspect},
 * {@code dot}, {@code freeze}), each failure turned into a one-line {@link CliFailure} that names
 * the file (and, for a malformed graph, the node).
 *
 * <pre>{@code
 * Graph g = GraphFiles.readGraph(Path.of("model.json"));
 * // model.json: node 'mm' (MatMul): input 1 'w:0': no node named 'w'   (as a CliFailure)
 * }</pre>
 */
final class GraphFiles {
  private GraphFiles() {}

  /** Reads a GraphDef JSON file. */
  static Graph readGraph(Path file) throws CliFailure {
    try {
      return GraphDefJson.read(file);
    } catch (GraphDefFormatException e) {
      throw new CliFailure(e.getMessage(), e); // already "FILE: node 'x' (Op): problem"
    } catch (IOException e) {
      throw new CliFailure(ShowCommand.describe(file, e), e);
    } catch (UncheckedIOException e) {
      throw new CliFailure(ShowCommand.describe(file, e.getCause()), e);
    }
  }

  /** Writes a graph as GraphDef JSON, creating the parent directory. */
  static void writeGraph(Graph g, Path file) throws CliFailure {
    try {
      createParent(file);
      GraphDefJson.write(g, file);
    } catch (IOException e) {
      throw new CliFailure(file + ": cannot write: " + reason(e), e);
    }
  }

  /** Reads one {@code .npy} array. */
  static Tensor readNpy(Path file) throws CliFailure {
    try {
      return Npy.read(file);
    } catch (IOException e) {
      throw new CliFailure(ShowCommand.describe(file, e), e);
    } catch (UncheckedIOException e) {
      throw new CliFailure(ShowCommand.describe(file, e.getCause()), e);
    }
  }

  /** Reads an {@code .npz} checkpoint: arrays keyed by variable name. */
  static Map<String, Tensor> readCheckpoint(Path file) throws CliFailure {
    try {
      return Npz.read(file);
    } catch (IOException e) {
      throw new CliFailure(ShowCommand.describe(file, e), e);
    } catch (UncheckedIOException e) {
      throw new CliFailure(ShowCommand.describe(file, e.getCause()), e);
    }
  }

  /** Writes one {@code .npy} array, creating the parent directory. */
  static void writeNpy(Path file, Tensor t) throws CliFailure {
    try {
      createParent(file);
      Npy.write(file, t);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure(file + ": cannot write: " + reason(e), e);
    }
  }

  /** Writes text (UTF-8), creating the parent directory. */
  static void writeText(Path file, String text) throws CliFailure {
    try {
      createParent(file);
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new CliFailure(file + ": cannot write: " + reason(e), e);
    }
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  /** A short reason for a write failure, worded for a user. */
  static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file is in the way of a directory";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
