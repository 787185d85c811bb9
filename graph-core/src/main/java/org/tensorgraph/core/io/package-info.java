/**
 * File formats of Tensorgraph.
 *
 * <h2>Arrays: numpy's {@code .npy} and {@code .npz}</h2>
 *
 * <p>{@link org.tensorgraph.core.io.Npy} reads and writes one {@link
 * org.tensorgraph.core.Tensor} per {@code .npy} file, byte-identical to numpy's {@code np.save};
 * {@link org.tensorgraph.core.io.Npz} reads and writes a name-to-tensor map as an {@code .npz}
 * zip (the checkpoint format, {@code np.savez} / {@code np.savez_compressed}). The format is
 * numpy's ({@code numpy/lib/format.py}): magic {@code \x93NUMPY}, a version, a little-endian
 * header length, a Python dict literal header padded to 64 bytes, the raw data.
 *
 * <pre>{@code
 * Npy.write(Path.of("x.npy"), Tensor.of(new int[] {1, 2, 3}));
 * Tensor x = Npy.read(Path.of("x.npy"));          // [1 2 3]
 * Map<String, Tensor> ckpt = Npz.read(Path.of("model.npz"));
 * }</pre>
 *
 * <p>The readers are strict and hostile-input safe: on any malformed, truncated, oversized or
 * unsupported input they throw {@link org.tensorgraph.core.io.NpyFormatException} (an {@code
 * IOException} whose message names the file, the entry and the problem), never an unchecked
 * exception or an {@code OutOfMemoryError}. Sizes are checked before allocation, header dicts
 * are parsed by a small non-evaluating parser ({@code NpyHeaderParser}), and zip content is
 * capped. Writers replace their target atomically (temporary file, fsync, {@code ATOMIC_MOVE}).
 *
 * <p>Pieces: {@code Npy} and {@code Npz} (public entry points), {@code NpyReader} (stream
 * reading with bounded memory), {@code NpyHeaderParser} and {@code NpyHeader} (the header dict
 * and its meaning, and numpy's exact header padding), {@code NpyData} (element conversion,
 * Fortran-order reordering), {@code NpyWriter}, {@code NpyFiles} (atomic replacement).
 *
 * <h2>Graphs: GraphDef JSON</h2>
 *
 * <p>{@link org.tensorgraph.core.io.GraphDefJson} writes and reads a {@link
 * org.tensorgraph.core.graph.Graph} as TensorFlow's {@code GraphDef} (graph.proto, node_def.proto,
 * attr_value.proto, tensor.proto, function.proto) in protobuf's canonical JSON mapping
 * (DESIGN.md §3): lowerCamelCase fields, int64 as strings, bytes as base64, enums by name. TF's
 * {@code json_format.Parse} reads what we write; what TF's {@code MessageToJson} writes loads
 * here. Function bodies ({@code While}'s {@code cond} and {@code body}) are {@code FunctionDef}s
 * in {@code library}, with inputs named {@code node:out_arg:index}.
 *
 * <pre>{@code
 * GraphDefJson.write(graph, Path.of("rnn.graph.json"));      // atomic, MessageToJson layout
 * Graph g = GraphDefJson.read(Path.of("rnn.graph.json"));    // checked, rebuilt via OpBuilder
 * List<Object> r = GraphDefJson.importInto(other, json, "rnn.graph.json", "import",
 *     Map.of("X:0", x), List.of("outputs:0"));                // tf.import_graph_def
 * }</pre>
 *
 * <p>Loading trusts nothing: every field is known and typed, unknown ops are listed in one
 * message, nodes are rebuilt through {@code OpBuilder} (all build-time checks run) in a
 * topological order computed without recursion, cycles are reported with their path, and the
 * bounds of {@link org.tensorgraph.core.io.LoadLimits} (file size, JSON depth, nodes, function
 * nesting, tensor elements, list outputs) hold before anything large is allocated. Every problem
 * is a {@link org.tensorgraph.core.io.GraphDefFormatException} naming the source and the node.
 *
 * <p>Pieces: {@code GraphDefJson} (entry points, JSON parsing with Jackson's limits), {@code
 * GraphDefParser} (JSON tree to {@code GraphDefModel}, field by field, via {@code JsonMsg}),
 * {@code AttrJson} and {@code TensorJson} (attr values and TensorProtos both ways), {@code
 * TensorName} (input syntax), {@code GraphDefBuilder}, {@code FunctionLoader} and {@code
 * NodeFactory} (model to graph), {@code Topo} (iterative order), {@code ImportChecks}
 * (tf.import_graph_def's argument checks), {@code GraphDefWriter}. Jackson is used in this
 * package only.
 */
package org.tensorgraph.core.io;
