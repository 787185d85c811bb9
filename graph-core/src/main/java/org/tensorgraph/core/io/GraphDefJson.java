package org.tensorgraph.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Graph files: TensorFlow's {@code GraphDef} in protobuf's canonical JSON mapping (DESIGN.md §3),
 * so that {@code google.protobuf.json_format.Parse} reads what we write and we read what TF's
 * {@code MessageToJson} writes.
 *
 * <pre>{@code
 * GraphDefJson.write(graph, Path.of("model.graph.json"));
 * Graph g = GraphDefJson.read(Path.of("model.graph.json"));
 * g.operation("rnn/while").type();                      // "While"
 *
 * // tf.import_graph_def: nodes under "import/", x:0 replaced by a tensor of this graph
 * List<Object> r = GraphDefJson.importInto(target, json, "model.graph.json", null,
 *     Map.of("X:0", myInput), List.of("outputs:0", "init"));
 * ((Output) r.get(0)).name();                           // "import/outputs:0"
 * }</pre>
 *
 * <p>Writing: nodes in creation order with every attr (defaults too), the function library as
 * {@code FunctionDef}s (an {@code _Arg} per input, inputs named {@code node:out_arg:index}),
 * {@code versions.producer} 134 (TF 1.15). Output looks like {@code MessageToJson}'s: two-space
 * indents, int64 as strings, bytes as base64, default fields omitted.
 *
 * <p>Reading validates everything and never trusts the file: unknown fields, mistyped values,
 * unknown ops (all listed in one message), attrs that do not fit the op, duplicate names,
 * dangling or cyclic inputs, dtype mismatches, and the bounds of {@link LoadLimits} each fail with
 * a {@link GraphDefFormatException} naming the source and the node. Nodes are rebuilt through
 * {@link org.tensorgraph.core.graph.OpBuilder} in a topological order (files may list nodes in
 * any order), with their names verbatim. What the graph model does not keep is dropped: {@code
 * device}, function attrs, gradient definitions, versions.
 */
public final class GraphDefJson {
  private static final ObjectWriter PRETTY = new ObjectMapper().writer(printer());

  private GraphDefJson() {}

  // ---------------------------------------------------------------- writing

  /** The graph (the top-level graph of a function body) as GraphDef JSON text. */
  public static String write(Graph g) {
    try {
      return PRETTY.writeValueAsString(GraphDefWriter.graphDef(g.root()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Writing a JSON tree failed", e);
    }
  }

  /** Writes {@link #write(Graph)}'s text (UTF-8) atomically: a temporary file, then a rename. */
  public static void write(Graph g, Path file) throws IOException {
    byte[] bytes = write(g).getBytes(StandardCharsets.UTF_8);
    NpyFiles.writeAtomically(file, out -> out.write(bytes));
  }

  /** Python's {@code json.dumps(indent=2)} layout, which MessageToJson uses. */
  private static DefaultPrettyPrinter printer() {
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    Separators seps = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("").withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(seps).withObjectIndenter(indent).withArrayIndenter(indent);
  }

  // ---------------------------------------------------------------- reading

  /** Reads a graph file with the standard op registry and default limits. */
  public static Graph read(Path file) throws IOException {
    return read(file, OpRegistry.standard(), LoadLimits.defaults());
  }

  /** Reads a graph file with the given ops and limits. */
  public static Graph read(Path file, OpRegistry registry, LoadLimits limits)
      throws IOException {
    String source = file.toString();
    return read(parse(readBounded(file, source, limits), source, limits), source, registry,
        limits);
  }

  /** Reads GraphDef JSON text; {@code sourceName} names it in messages. */
  public static Graph read(String json, String sourceName) throws GraphDefFormatException {
    return read(json, sourceName, OpRegistry.standard(), LoadLimits.defaults());
  }

  /** Reads GraphDef JSON text with the given ops and limits. */
  public static Graph read(String json, String sourceName, OpRegistry registry,
      LoadLimits limits) throws GraphDefFormatException {
    return read(parse(json, sourceName, limits), sourceName, registry, limits);
  }

  private static Graph read(JsonNode root, String source, OpRegistry registry, LoadLimits limits)
      throws GraphDefFormatException {
    GraphDefModel m = new GraphDefParser(source, limits).parse(root);
    Graph g = new Graph(registry);
    new GraphDefBuilder(source, registry, limits).build(g, m, new GraphDefBuilder.Options("",
        Map.of(), List.of()), Map.of());
    return g;
  }

  // ---------------------------------------------------------------- importing

  /**
   * {@code tf.import_graph_def}: adds the GraphDef's nodes to {@code target} under a name scope
   * and its functions to {@code target}'s library.
   *
   * <pre>{@code
   * List<Object> r = GraphDefJson.importInto(g, json, "f.json", "net",
   *     Map.of("x", feed), List.of("y:0", "init"));
   * // nodes are "net/..." ("net_1/..." if "net" is taken)
   * // r = [Output net/y:0, Operation net/init]
   * }</pre>
   *
   * @param prefix the name scope, made unique as {@code tf.name_scope} makes it; null means
   *     {@code "import"}, "" imports the names unchanged
   * @param inputMap GraphDef tensor names ({@code "x:0"}, or {@code "x"} for output 0) to tensors
   *     of {@code target} that replace them as inputs; null for none
   * @param returnElements names of GraphDef nodes ({@code "op"}, giving an {@link Operation}) or
   *     tensors ({@code "op:0"}, giving an {@link Output}); null for none
   * @return the requested elements, in order
   * @throws GraphDefFormatException if the JSON is not a valid GraphDef for the target's ops
   * @throws IllegalArgumentException with TF's ValueError texts for bad {@code inputMap} or
   *     {@code returnElements}. Problems found only while building nodes leave the nodes
   *     built so far in {@code target}.
   */
  public static List<Object> importInto(Graph target, String json, String sourceName,
      String prefix, Map<String, Output> inputMap, List<String> returnElements)
      throws GraphDefFormatException {
    return importInto(target, json, sourceName, prefix, inputMap, returnElements,
        LoadLimits.defaults());
  }

  /** {@link #importInto(Graph, String, String, String, Map, List)} with explicit limits. */
  public static List<Object> importInto(Graph target, String json, String sourceName,
      String prefix, Map<String, Output> inputMap, List<String> returnElements, LoadLimits limits)
      throws GraphDefFormatException {
    return importTree(target, parse(json, sourceName, limits), sourceName, prefix, inputMap,
        returnElements, limits);
  }

  /** {@link #importInto(Graph, String, String, String, Map, List)} from a file. */
  public static List<Object> importInto(Graph target, Path file, String prefix,
      Map<String, Output> inputMap, List<String> returnElements) throws IOException {
    LoadLimits limits = LoadLimits.defaults();
    String source = file.toString();
    return importTree(target, parse(readBounded(file, source, limits), source, limits), source,
        prefix, inputMap, returnElements, limits);
  }

  private static List<Object> importTree(Graph target, JsonNode root, String source,
      String prefix, Map<String, Output> inputMap, List<String> returnElements, LoadLimits limits)
      throws GraphDefFormatException {
    GraphDefModel m = new GraphDefParser(source, limits).parse(root);
    Map<String, Output> map = ImportChecks.normalizeInputMap(target, inputMap);
    List<String> ret = returnElements == null ? List.of() : List.copyOf(returnElements);
    Map<String, GraphFunction> same = sameFunctions(target, m, source, limits);
    String scope;
    try (var s = target.withNameScope(prefix == null ? "import" : prefix)) {
      scope = s.name();
    }
    GraphDefBuilder.Options opt = new GraphDefBuilder.Options(scope, map, ret);
    Map<String, Operation> built = new GraphDefBuilder(source, target.registry(), limits)
        .build(target, m, opt, same);
    ImportChecks.afterBuild(opt, built);
    return ImportChecks.returnElements(opt, built);
  }

  /**
   * Library functions whose names the target already defines: identical definitions (compared
   * as written JSON) are reused, different ones are an error, as in TF.
   */
  private static Map<String, GraphFunction> sameFunctions(Graph target, GraphDefModel m,
      String source, LoadLimits limits) throws GraphDefFormatException {
    Map<String, GraphFunction> same = new HashMap<>();
    if (m.functions().stream().noneMatch(f -> target.function(f.name()) != null)) {
      return same;
    }
    Graph scratch = new Graph(target.registry());
    new GraphDefBuilder(source, target.registry(), limits).build(scratch,
        new GraphDefModel(List.of(), m.functions(), m.producer()),
        new GraphDefBuilder.Options("", Map.of(), List.of()), Map.of());
    for (GraphFunction f : scratch.functions()) {
      GraphFunction have = target.function(f.name());
      if (have == null) {
        continue;
      }
      if (!GraphDefWriter.functionDef(have).equals(GraphDefWriter.functionDef(f))) {
        throw new GraphDefFormatException(source, "function '" + f.name() + "'", "the target "
            + "graph already has a different function of this name");
      }
      same.put(f.name(), have);
    }
    return same;
  }

  // ---------------------------------------------------------------- JSON text

  private static String readBounded(Path file, String source, LoadLimits limits)
      throws IOException {
    long size = Files.size(file);
    if (size > limits.maxFileBytes()) {
      throw tooLarge(source, size, limits);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
    }
    if (bytes.length > limits.maxFileBytes()) { // the file grew while we read it
      throw tooLarge(source, bytes.length, limits);
    }
    int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF ? 3 : 0; // a UTF-8 byte order mark, as some editors write
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new GraphDefFormatException(source, null, "the file is not UTF-8 text", e);
    }
  }

  private static GraphDefFormatException tooLarge(String source, long size, LoadLimits limits) {
    return new GraphDefFormatException(source, null, "file is " + size + " bytes, larger than "
        + "the limit of " + limits.maxFileBytes() + " bytes");
  }

  private static JsonNode parse(String json, String source, LoadLimits limits)
      throws GraphDefFormatException {
    if (json.length() > limits.maxFileBytes()) {
      throw new GraphDefFormatException(source, null, "input is " + json.length()
          + " characters, larger than the limit of " + limits.maxFileBytes());
    }
    try {
      JsonNode root = mapper(limits).readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new GraphDefFormatException(source, null, "invalid JSON: the input is empty");
      }
      return root;
    } catch (StreamConstraintsException e) {
      String what = e.getOriginalMessage().contains("nesting depth") ? "JSON nested deeper than "
          + limits.maxJsonDepth() + " levels" : "JSON exceeds a limit: " + e.getOriginalMessage();
      throw new GraphDefFormatException(source, null, what + location(e), e);
    } catch (JsonProcessingException e) {
      throw new GraphDefFormatException(source, null, "invalid JSON: "
          + jacksonProblem(e) + location(e), e);
    }
  }

  /** Jackson's text without its echo of the input ("[Source: ...]"), which may be huge. */
  private static String jacksonProblem(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    int cut = m.indexOf(" (start marker at [Source:");
    m = cut >= 0 ? m.substring(0, cut) : m;
    return m.length() <= 200 ? m : m.substring(0, 197) + "...";
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr() + ")";
  }

  private static ObjectMapper mapper(LoadLimits limits) {
    StreamReadConstraints c = StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxJsonDepth())
        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
        .maxDocumentLength(limits.maxFileBytes())
        .maxNumberLength(1000)
        .build();
    JsonFactory f = JsonFactory.builder().streamReadConstraints(c)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    return new ObjectMapper(f).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
