package org.tensorgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.session.Freezer;
import org.tensorgraph.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph freeze GRAPH.json [--init] [--checkpoint C.npz] --output NAME[,NAME...]
 * --out FROZEN.json}: one self-contained graph file with the variables turned into constants,
 * pruned to what the outputs need (TF's {@code convert_variables_to_constants}), which {@code
 * tensorgraph run} runs without {@code --init} or {@code --checkpoint}.
 *
 * <pre>{@code
 * $ tensorgraph freeze article.json --checkpoint w.npz --output rnn/transpose_1 --out frozen.json
 * frozen.json: 40 nodes, 2 functions; variables now constants: rnn/basic_rnn_cell/kernel, ...
 * $ tensorgraph run frozen.json --feed X=x.npy --fetch rnn/transpose_1
 * }</pre>
 */
@Command(
    name = "freeze",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Writes a frozen copy of a graph file: its variables turned into constants.",
      "",
      "Variable values come from --init (the graph's initializers) and/or --checkpoint (an .npz"
          + " keyed by variable name; its entries win), set exactly as 'tensorgraph run' sets"
          + " them. The frozen graph keeps only the --output nodes and what they need (with the"
          + " While/If functions they call); each variable becomes a Const of the same name"
          + " holding its value, and initializers are dropped. So the --out FILE is one"
          + " self-contained GraphDef JSON file that 'tensorgraph run' runs"
          + " without --init or --checkpoint, and that prints the same values.",
      "",
      "On success one line goes to stdout: 'FILE: N nodes, M functions; variables now"
          + " constants: NAME, ...'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a bad file, an unknown output, a variable without a value (one line)",
      "2:usage error (a missing --output or --out)"
    })
final class FreezeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GRAPH.json", description = "The GraphDef JSON file to freeze.")
  Path graphFile;

  @Option(names = "--init", description = "Take variable values from the initializers.")
  boolean init;

  @Option(names = "--checkpoint", paramLabel = "C.npz",
      description = "Take variable values from this .npz (keyed by variable name).")
  Path checkpoint;

  @Option(names = "--output", paramLabel = "NAME", split = ",", required = true,
      description = "The nodes (or tensors 'op:i') to keep, comma-separated or repeated.")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "The frozen graph file to write (its directory is created).")
  Path out;

  @Override
  public Integer call() throws CliFailure {
    Graph g = GraphFiles.readGraph(graphFile);
    VariableSetup setup = VariableSetup.prepare(g, init, checkpoint);
    Graph frozen;
    try (Session s = new Session(g)) {
      setup.apply(s, Map.of());
      frozen = Freezer.freeze(s, outputs);
    } catch (FailedPreconditionException e) {
      throw new CliFailure(e.getMessage() + " (give --init, or a --checkpoint with an entry for"
          + " it)", e);
    } catch (StatusException | IllegalArgumentException | IllegalStateException e) {
      throw new CliFailure(e.getMessage(), e);
    }
    GraphFiles.writeGraph(frozen, out);
    PrintWriter w = spec.commandLine().getOut();
    w.print(summary(g, frozen) + "\n");
    w.flush();
    return Main.OK;
  }

  /** {@code FROZEN.json: N nodes, M functions; variables now constants: a, b}. */
  private String summary(Graph original, Graph frozen) {
    List<String> constants = new ArrayList<>();
    for (Operation v : VariableSetup.variables(original)) {
      Operation now = frozen.operation(v.name());
      if (now != null && now.type().equals("Const")) {
        constants.add(v.name());
      }
    }
    int n = frozen.operations().size();
    int f = frozen.functions().size();
    return out + ": " + n + (n == 1 ? " node, " : " nodes, ") + f
        + (f == 1 ? " function" : " functions") + "; variables now constants: "
        + (constants.isEmpty() ? "(none)" : String.join(", ", constants));
  }
}
