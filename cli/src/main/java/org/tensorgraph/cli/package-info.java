/**
 * The {@code tensorgraph} command line: {@link org.tensorgraph.cli.Main} and its subcommands,
 * built on picocli, one file each: {@code run} runs a GraphDef JSON file and prints the fetches
 * as numpy does, {@code inspect} lists what a graph file holds, {@code dot} draws it as Graphviz
 * DOT, {@code show} prints {@code .npy}/{@code .npz} files as numpy does, {@code demo} runs the
 * teaching demos. Helpers: {@code GraphFiles} (file errors as one-line failures), {@code
 * FeedValues} and {@code JsonLiteral} ({@code --feed}), {@code VariableSetup} ({@code --init},
 * {@code --checkpoint}), {@code GraphDot} (the DOT drawing).
 *
 * <pre>{@code
 * $ ./tensorgraph show weights.npy
 * [[0.5 1. ]
 *  [2.  3. ]]
 * $ ./tensorgraph run model.json --feed 'X=[[1, 2, 3]]' --fetch y
 * y:
 * [[0.5 0.25]]
 * }</pre>
 *
 * <p>Results go to stdout and diagnostics to stderr; exit codes are 0 (success), 1 (failure) and
 * 2 (usage error).
 */
package org.tensorgraph.cli;
