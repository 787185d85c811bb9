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
 * <p>(To come: TensorFlow's {@code GraphDef} in protobuf's JSON mapping, read with Jackson; see
 * DESIGN.md §3.)
 */
package org.tensorgraph.core.io;
