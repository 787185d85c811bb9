/**
 * The {@code tensorgraph} command line: {@link org.tensorgraph.cli.Main} and its subcommands
 * ({@code show} prints {@code .npy}/{@code .npz} files as numpy does, {@code demo} runs the
 * teaching demos), built on picocli.
 *
 * <pre>{@code
 * $ ./tensorgraph show weights.npy
 * [[0.5 1. ]
 *  [2.  3. ]]
 * }</pre>
 *
 * <p>Results go to stdout and diagnostics to stderr; exit codes are 0 (success), 1 (failure) and
 * 2 (usage error).
 */
package org.tensorgraph.cli;
