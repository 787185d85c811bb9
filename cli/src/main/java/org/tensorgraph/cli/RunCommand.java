package org.tensorgraph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph run GRAPH.json [--init] [--checkpoint C.npz] [--feed NAME=VALUE]...
 * --fetch NAME[:i]... [--target OP]... [--out DIR]}: loads a GraphDef JSON file, feeds it, runs
 * it once in a fresh session and prints each fetched tensor as numpy prints it.
 *
 * <pre>{@code
 * $ tensorgraph run model.json --feed 'X=[[1,2,3]]' --fetch y --fetch h:1 --out results
 * y:
 * [[0.5 0.25]]
 * h:1:
 * [1 2]
 * $ ls results
 * h_1.npy  y.npy
 * }</pre>
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Runs a graph file once and prints the fetched tensors as numpy prints them.",
      "",
      "GRAPH.json is a TensorFlow GraphDef in protobuf's JSON mapping, as MessageToJson writes"
          + " it or as tensorgraph writes it. It runs once in a new session; each fetch prints"
          + " as its NAME as given and a colon on a line of its own, then the value as"
          + " print(value) prints the numpy array, in the order of the --fetch options.",
      "",
      "Order of work: --init runs the graph's variable initializers (the 'init' NoOp when the"
          + " graph has one, else every variable's <name>/Assign); --checkpoint then assigns the"
          + " saved values (a checkpoint entry wins over its initializer); then one run computes"
          + " the fetches and targets with the feeds.",
      "",
      "A feed VALUE is a .npy file when it ends in .npy or names an existing file (its dtype"
          + " must be the tensor's), else a JSON literal: a number, true/false or a nested list,"
          + " converted to the tensor's dtype (integers fit any numeric dtype, numbers with a"
          + " fraction or exponent only float32/float64, true/false only bool). Quote it for the"
          + " shell: --feed 'X=[[1, 2], [3, 4]]'. Values are never evaluated as code.",
      "",
      "NAME is 'op:i' or 'op' (output 0), as in tensorflow/java's Session.Runner. --out DIR"
          + " writes each fetch to DIR/<NAME with '/' and ':' replaced by '_'>.npy, e.g."
          + " rnn/transpose_1:0 -> DIR/rnn_transpose_1_0.npy."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a bad file, an unknown name or a failed run (one line naming the node)",
      "2:usage error (unknown option, no --fetch or --target, a --feed without '=')"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GRAPH.json", description = "The GraphDef JSON file to run.")
  Path graphFile;

  @Option(names = "--init", description = "Run the variable initializers first.")
  boolean init;

  @Option(names = "--checkpoint", paramLabel = "C.npz",
      description = "Variable values keyed by variable name (an .npz file, np.savez's format),"
          + " assigned before the run (after --init).")
  Path checkpoint;

  @Option(names = "--feed", paramLabel = "NAME=VALUE",
      description = "Feed tensor NAME: VALUE is FILE.npy or a JSON literal. Repeatable.")
  List<String> feeds = new ArrayList<>();

  @Option(names = "--fetch", paramLabel = "NAME[:i]",
      description = "Compute and print tensor NAME. Repeatable; printed in this order.")
  List<String> fetches = new ArrayList<>();

  @Option(names = "--target", paramLabel = "OP",
      description = "Also run operation OP for its effects (an assignment, a NoOp). Repeatable.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write each fetch to DIR/<NAME, '/' and ':' made '_'>.npy (DIR is"
          + " created).")
  Path outDir;

  @Override
  public Integer call() throws CliFailure {
    if (fetches.isEmpty() && targets.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "nothing to run: give at least one --fetch NAME or --target OP");
    }
    Map<String, Path> outFiles = outFiles();
    Map<String, String> feedSpecs = feedSpecs();
    Graph g = GraphFiles.readGraph(graphFile);
    Map<Output, Tensor> fed = FeedValues.resolve(g, feedSpecs);
    List<Output> fetched = fetchOutputs(g);
    List<Operation> ran = targetOps(g);
    checkOut(fetched);
    VariableSetup setup = VariableSetup.prepare(g, init, checkpoint);
    List<Tensor> values = run(g, setup, fed, fetched, ran);
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < fetches.size(); i++) {
      out.print(fetches.get(i) + ":\n" + values.get(i) + "\n");
    }
    out.flush();
    for (int i = 0; i < fetches.size(); i++) {
      if (outDir != null) {
        GraphFiles.writeNpy(outFiles.get(fetches.get(i)), values.get(i));
      }
    }
    return Main.OK;
  }

  /** One session: variables set up, then the fetches and targets in one run. */
  static List<Tensor> run(Graph g, VariableSetup setup, Map<Output, Tensor> fed,
      List<Output> fetched, List<Operation> ran) throws CliFailure {
    try (Session s = new Session(g)) {
      setup.apply(s, fed);
      return s.run(fetched, fed, ran);
    } catch (StatusException e) {
      // TF's "message\n\t [[node NAME (OP)]]"; Main joins it into one line.
      throw new CliFailure(e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CliFailure(e.getMessage(), e); // a feed's shape or dtype, in Python's words
    }
  }

  /** NAME=VALUE pairs by NAME, in order; a NAME fed twice is a usage error. */
  private Map<String, String> feedSpecs() {
    Map<String, String> r = new LinkedHashMap<>();
    for (String f : feeds) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(),
            "--feed '" + f + "': expected NAME=FILE.npy or NAME=<JSON literal>");
      }
      if (r.put(f.substring(0, eq), f.substring(eq + 1)) != null) {
        throw new ParameterException(spec.commandLine(),
            "--feed: '" + f.substring(0, eq) + "' is fed twice");
      }
    }
    return r;
  }

  private List<Output> fetchOutputs(Graph g) throws CliFailure {
    List<Output> r = new ArrayList<>();
    for (String name : fetches) {
      r.add(tensor(g, name, "--target"));
    }
    return r;
  }

  private List<Operation> targetOps(Graph g) throws CliFailure {
    List<Operation> r = new ArrayList<>();
    for (String name : targets) {
      Operation op = g.operation(name);
      if (op == null) {
        throw new CliFailure("The name '" + name + "' refers to an Operation not in the graph.",
            null); // TF's as_graph_element text
      }
      r.add(op);
    }
    return r;
  }

  /**
   * The tensor {@code name} ("op:i" or "op"), with TF's text when there is none; an operation
   * without outputs gets a hint at {@code hint}.
   */
  static Output tensor(Graph g, String name, String hint) throws CliFailure {
    try {
      return g.output(name);
    } catch (IllegalArgumentException e) {
      Operation op = g.operation(name);
      String more = op != null && op.numOutputs() == 0
          ? " Run an operation without outputs with " + hint + " " + name + "." : "";
      throw new CliFailure(e.getMessage() + more, e);
    }
  }

  /**
   * Each fetch's {@code --out} file, checked before anything runs: two fetches must not share a
   * file (e.g. {@code a/b} and {@code a_b}).
   */
  private Map<String, Path> outFiles() {
    Map<String, Path> r = new HashMap<>();
    if (outDir == null) {
      return r;
    }
    Map<String, String> byFile = new HashMap<>();
    for (String name : fetches) {
      String file = fileName(name);
      String other = byFile.put(file.toLowerCase(Locale.ROOT), name);
      if (other != null && !other.equals(name)) {
        throw new ParameterException(spec.commandLine(), "--out: fetches '" + other + "' and '"
            + name + "' would both be written to " + file);
      }
      r.put(name, outDir.resolve(file));
    }
    return r;
  }

  /**
   * Fails before the run, not after printing, when {@code --out} cannot hold a fetch: a variant
   * (a TensorList has no {@code .npy} form) or a DIR that cannot be created.
   */
  private void checkOut(List<Output> fetched) throws CliFailure {
    if (outDir == null) {
      return;
    }
    for (int i = 0; i < fetched.size(); i++) {
      if (fetched.get(i).dtype() == DType.VARIANT) {
        throw new CliFailure("--out: fetch '" + fetches.get(i) + "' is a variant (an opaque"
            + " value such as a TensorList), which has no .npy form; fetch it without --out", null);
      }
    }
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new CliFailure(outDir + ": cannot create the --out directory: "
          + GraphFiles.reason(e), e);
    }
  }

  /** {@code rnn/transpose_1:0} -> {@code rnn_transpose_1_0.npy}. */
  static String fileName(String tensorName) {
    return tensorName.replace('/', '_').replace(':', '_') + ".npy";
  }
}
