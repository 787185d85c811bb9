package org.tensorgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensorgraph.core.graph.Graph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph dot GRAPH.json [--out FILE.dot]}: the graph as Graphviz DOT (see {@link
 * GraphDot} for the drawing), to stdout or a file.
 *
 * <pre>{@code
 * $ tensorgraph dot article.json --out article.dot && dot -Tsvg article.dot > article.svg
 * $ tensorgraph dot article.json | dot -Tpng > article.png
 * }</pre>
 */
@Command(
    name = "dot",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Writes a graph file as Graphviz DOT, for  dot -Tsvg  and friends.",
      "",
      "Nodes are boxes labelled with the last part of their name and their op type"
          + " (placeholders are ellipses, variables cylinders); data edges are solid and labelled"
          + " with dtype and shape, control edges dashed. Each name scope is a cluster (nested"
          + " scopes nested), as TensorBoard groups them; a While or If node has a cluster of its"
          + " own holding the node and, as dashed clusters labelled with the function name, the"
          + " bodies of the functions it calls (cond, body, then_branch, ...)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the graph file is missing or malformed, or FILE.dot cannot be written",
      "2:usage error"
    })
final class DotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GRAPH.json", description = "The GraphDef JSON file to draw.")
  Path graphFile;

  @Option(names = "--out", paramLabel = "FILE.dot",
      description = "Write the DOT text to FILE.dot instead of stdout.")
  Path out;

  @Override
  public Integer call() throws CliFailure {
    Graph g = GraphFiles.readGraph(graphFile);
    String dot = GraphDot.toDot(g, String.valueOf(graphFile.getFileName()));
    if (out != null) {
      GraphFiles.writeText(out, dot);
    } else {
      PrintWriter w = spec.commandLine().getOut();
      w.print(dot);
      w.flush();
    }
    return Main.OK;
  }
}
