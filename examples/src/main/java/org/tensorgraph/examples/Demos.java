package org.tensorgraph.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.tensorgraph.core.graph.Graph;

/**
 * The demos {@code tensorgraph demo} runs: the article's programs and the lessons, by name.
 *
 * <pre>{@code
 * Demos.find("article").run(DemoOptions.none(), System.out);
 * Demos.all();   // article, article-one-layer, ..., seeds
 * }</pre>
 */
public final class Demos {
  /** One program of a demo: how to build its graph, and how to run it and print. */
  record Program(Function<DemoOptions, RnnProgram> build,
      BiConsumer<List<Object>, PrintStream> print, String title) {}

  /**
   * A demo.
   *
   * @param name what {@code tensorgraph demo NAME} calls it
   * @param summary one line for {@code --list}
   */
  public record Demo(String name, String summary, List<Program> programs,
      Consumer<PrintStream> lesson) {

    /** True when the demo's graphs have variables that {@code --checkpoint} can set. */
    public boolean takesCheckpoint() {
      return !programs.isEmpty();
    }

    /**
     * Runs the demo and prints what it prints.
     *
     * @throws IllegalArgumentException if {@code --checkpoint}/{@code --export} are given to a
     *     lesson without variables, or the checkpoint names a variable no program has, or an
     *     entry's shape or dtype is wrong
     */
    public void run(DemoOptions options, PrintStream out) {
      if (lesson != null) {
        if (!options.checkpoint().isEmpty() || options.export() != null) {
          throw new IllegalArgumentException("demo " + name + " has no RNN variables; "
              + "--checkpoint and --export apply to the article and RNN demos");
        }
        lesson.accept(out);
        return;
      }
      List<RnnProgram> built = new ArrayList<>();
      for (Program p : programs) {
        built.add(p.build().apply(options));
      }
      checkNames(options, built);
      for (int i = 0; i < built.size(); i++) {
        if (programs.size() > 1) {
          out.println("== " + programs.get(i).title() + " ==");
        }
        programs.get(i).print().accept(built.get(i).run(options, i), out);
      }
    }

    private void checkNames(DemoOptions options, List<RnnProgram> built) {
      List<Graph> graphs = built.stream().map(p -> p.graph).toList();
      Set<String> unknown = new java.util.TreeSet<>(options.checkpoint().keySet());
      graphs.forEach(g -> RnnProgram.variableNames(g).forEach(unknown::remove));
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("The checkpoint has entries that are not variables of"
            + " demo " + name + ": " + String.join(", ", unknown) + " (its variables: "
            + String.join(", ", variableNames(graphs)) + ")");
      }
    }

    private static List<String> variableNames(List<Graph> graphs) {
      List<String> names = new ArrayList<>();
      for (Graph g : graphs) {
        org.tensorgraph.ops.variables.Variables.globalVariables(g)
            .forEach(v -> names.add(v.name() + " " + v.shape().toPythonString()));
      }
      return names;
    }
  }

  private Demos() {}

  /** Every demo, the article first. */
  public static List<Demo> all() {
    Program one = new Program(Example07_ArticleOneLayer::program,
        Example07_ArticleOneLayer::print, "one layer: BasicRNNCell(num_units=4)");
    Program two = new Program(Example08_ArticleTwoLayers::program,
        Example08_ArticleTwoLayers::print, "two layers: MultiRNNCell([BasicRNNCell(4)] * 2)");
    return List.of(
        rnn("article", "the article's two programs: one BasicRNNCell, then two stacked",
            List.of(one, two)),
        rnn("article-one-layer", "the article, part 1: dynamic_rnn over one BasicRNNCell(4)",
            List.of(one)),
        rnn("article-two-layers", "the article, part 2: MultiRNNCell of two BasicRNNCell(4)",
            List.of(two)),
        rnn("basic-lstm", "BasicLSTMCell(4) on the article's X: LSTMStateTuple(c, h)",
            List.of(new Program(Example09_BasicLstm::program, Example09_BasicLstm::print, ""))),
        rnn("sequence-length", "BasicRNNCell(5) with sequence_length=[2, 1, 2, 2] on a padded "
            + "batch", List.of(new Program(Example10_VariableLengthSequences::program,
                Example10_VariableLengthSequences::print, ""))),
        rnn("bidirectional", "bidirectional_dynamic_rnn with two BasicRNNCell(4)",
            List.of(new Program(Example11_Bidirectional::program, Example11_Bidirectional::print,
                ""))),
        lesson("while-loop", "tf.while_loop: sum 1..n in one While node",
            Example06_WhileLoop::run),
        lesson("placeholders", "placeholders and feeds: a graph runs on fed values",
            Example01_PlaceholdersAndFeeds::run),
        lesson("variables", "variables, initializers and init; values live in the session",
            Example02_VariablesAndInitializers::run),
        lesson("scopes", "name scopes vs variable scopes, and reuse",
            Example03_NameAndVariableScopes::run),
        lesson("dense-softmax", "a dense layer, softmax and cross-entropy by hand",
            Example04_DenseLayerAndSoftmax::run),
        lesson("seeds", "random ops, seeds and TensorFlow's Philox numbers",
            Example05_RandomSeeds::run));
  }

  /**
   * The demo called {@code name}.
   *
   * @throws IllegalArgumentException naming the known demos
   */
  public static Demo find(String name) {
    for (Demo d : all()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("Unknown demo '" + name + "'; known demos: "
        + String.join(", ", all().stream().map(Demo::name).toList()));
  }

  private static Demo rnn(String name, String summary, List<Program> programs) {
    return new Demo(name, summary, programs, null);
  }

  private static Demo lesson(String name, String summary, Consumer<PrintStream> run) {
    return new Demo(name, summary, List.of(), run);
  }
}
