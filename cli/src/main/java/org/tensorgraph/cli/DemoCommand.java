package org.tensorgraph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.examples.DemoOptions;
import org.tensorgraph.examples.Demos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph demo [NAME] [--checkpoint W.npz] [--seed N] [--export GRAPH.json]}: runs a
 * teaching demo; {@code --list} (or no NAME) lists them.
 *
 * <pre>{@code
 * $ tensorgraph demo article
 * == one layer: BasicRNNCell(num_units=4) ==
 * outputs: [[[...]]]
 * states: [[...]]
 * ...
 * }</pre>
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Runs a demo and prints what it prints. Without NAME, or with --list, lists the demos.",
      "",
      "article runs the two programs of the tf.nn.dynamic_rnn walk-through this project started"
          + " from (one BasicRNNCell(4), then two stacked) on X of shape [4, 2, 3] and prints"
          + " outputs and states as the article does. Weights are random unless --seed or"
          + " --checkpoint is given: with TensorFlow's weights (an .npz keyed by TF variable"
          + " name, e.g. rnn/basic_rnn_cell/kernel) it prints TensorFlow's numbers."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The demo to run.")
  String name;

  @Option(names = "--list", description = "List the demos and exit.")
  boolean list;

  @Option(names = "--checkpoint", paramLabel = "W.npz",
      description = "Variable values keyed by TF variable name, applied after init.")
  Path checkpoint;

  @Option(names = "--seed", paramLabel = "N", description = "The graph-level random seed.")
  Long seed;

  @Option(names = "--export", paramLabel = "GRAPH.json",
      description = "Also write the demo's graph as GraphDef JSON (a second program of the demo"
          + " goes to GRAPH-2.json).")
  Path export;

  @Override
  public Integer call() throws CliFailure {
    PrintWriter out = spec.commandLine().getOut();
    if (list || name == null) {
      for (Demos.Demo d : Demos.all()) {
        out.printf("%-20s %s%n", d.name(), d.summary());
      }
      return Main.OK;
    }
    Demos.Demo demo = find();
    DemoOptions options = new DemoOptions(readCheckpoint(), seed, export);
    try (java.io.PrintStream ps = new java.io.PrintStream(new WriterStream(out), true,
        java.nio.charset.StandardCharsets.UTF_8)) {
      demo.run(options, ps);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CliFailure("demo " + name + ": " + e.getMessage(), e);
    }
    return Main.OK;
  }

  private Demos.Demo find() {
    try {
      return Demos.find(name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "unknown demo '" + name + "' (one of: "
          + String.join(", ", Demos.all().stream().map(Demos.Demo::name).toList()) + ")");
    }
  }

  private Map<String, Tensor> readCheckpoint() throws CliFailure {
    if (checkpoint == null) {
      return Map.of();
    }
    try {
      return Npz.read(checkpoint);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new CliFailure(msg.startsWith(checkpoint.toString()) ? msg
          : checkpoint + ": " + msg, e);
    }
  }

  /** Lets the demos print to picocli's writer (so tests capture it) through a PrintStream. */
  private static final class WriterStream extends java.io.OutputStream {
    private final PrintWriter w;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterStream(PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public void flush() {
      w.print(line.toString(java.nio.charset.StandardCharsets.UTF_8));
      w.flush();
      line.reset();
    }
  }
}
