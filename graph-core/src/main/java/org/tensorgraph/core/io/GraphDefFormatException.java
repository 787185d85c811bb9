package org.tensorgraph.core.io;

import java.io.IOException;

/**
 * A GraphDef JSON input that the loader refuses: malformed JSON, an unknown or mistyped field, an
 * op this registry does not know, a node that does not fit its op, a dangling or cyclic input, a
 * limit of {@link LoadLimits} exceeded. The message names the source, where in the graph the
 * problem is (node, function, attr) and what it is:
 *
 * <pre>{@code
 * try {
 *   GraphDefJson.read(Path.of("model.graph.json"));
 * } catch (GraphDefFormatException e) {
 *   e.getMessage();  // "model.graph.json: node 'mm' (MatMul): input 1 'w:0': no node named 'w'"
 *   e.source();      // "model.graph.json"
 *   e.where();       // "node 'mm' (MatMul)"
 *   e.problem();     // "input 1 'w:0': no node named 'w'"
 * }
 * }</pre>
 *
 * <p>It is the only exception the readers throw for bad content; other {@link IOException}s mean
 * the file could not be read at all ({@link java.nio.file.NoSuchFileException}, a disk error).
 */
public class GraphDefFormatException extends IOException {
  private final String source;
  private final String where;
  private final String problem;

  /**
   * An exception whose message is {@code source + ": " + where + ": " + problem}, or {@code
   * source + ": " + problem} when {@code where} is null (a problem of the whole file).
   */
  public GraphDefFormatException(String source, String where, String problem, Throwable cause) {
    super(source + ": " + (where == null ? "" : where + ": ") + problem, cause);
    this.source = source;
    this.where = where;
    this.problem = problem;
  }

  /** As {@link #GraphDefFormatException(String, String, String, Throwable)} without a cause. */
  public GraphDefFormatException(String source, String where, String problem) {
    this(source, where, problem, null);
  }

  /** The file name (or the caller's name for a string) that was being read. */
  public String source() {
    return source;
  }

  /**
   * Where in the graph: {@code "node 'mm' (MatMul)"}, {@code "function 'body', node 'add'"},
   * {@code "node 'c', attr 'value'"}; null for a problem of the whole file.
   */
  public String where() {
    return where;
  }

  /** What was wrong, without the source and place. */
  public String problem() {
    return problem;
  }
}
