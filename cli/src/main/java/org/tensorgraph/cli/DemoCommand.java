package org.tensorgraph.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph demo [NAME]}: runs a teaching demo. The article demo needs {@code
 * dynamicRnn}, which has not landed yet, so for now this says so plainly instead of printing
 * made-up numbers.
 *
 * <pre>{@code
 * $ tensorgraph demo article
 * The article demo (...) arrives with dynamicRnn ...
 * }</pre>
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Runs a demo. NAME is one of: article (the default).",
      "",
      "article: the tf.nn.dynamic_rnn walk-through this project started from (a one-layer and a"
          + " two-layer BasicRNNCell). It arrives with dynamicRnn; until then this prints what"
          + " works today."
    })
final class DemoCommand implements Callable<Integer> {
  /** The demos this version knows, the first being the default. */
  static final List<String> NAMES = List.of("article");

  static final String ARTICLE_NOT_YET = """
      The article demo (tf.nn.dynamic_rnn over a batch of sequences with a one-layer
      and a two-layer BasicRNNCell, as in the article this project started from)
      arrives with dynamicRnn in the rnn module. That is not written yet, so there
      is nothing to run here and no output is faked. What works today:
      `tensorgraph show FILE` prints a .npy or .npz file exactly as numpy prints it,
      and the Java API builds Tensors, prints them numpy-style, and reads and writes
      .npy/.npz files.""";

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      defaultValue = "article",
      description = "The demo to run (default: ${DEFAULT-VALUE}).")
  String name;

  @Override
  public Integer call() {
    if (!NAMES.contains(name)) {
      throw new ParameterException(spec.commandLine(),
          "unknown demo '" + name + "' (one of: " + String.join(", ", NAMES) + ")");
    }
    spec.commandLine().getOut().println(ARTICLE_NOT_YET);
    return Main.OK;
  }
}
