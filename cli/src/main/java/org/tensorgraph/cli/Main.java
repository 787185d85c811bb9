package org.tensorgraph.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code tensorgraph} command: the entry point that parses arguments and dispatches to a
 * subcommand ({@code show}, {@code demo}, {@code help}).
 *
 * <pre>{@code
 * $ tensorgraph show weights.npy
 * [[0.5 1. ]
 *  [2.  3. ]]
 * $ tensorgraph show --bogus
 * tensorgraph: Unknown option: '--bogus'
 * Try 'tensorgraph show --help' for more information.
 * }</pre>
 *
 * <p>Results go to stdout, diagnostics to stderr. Exit codes: {@value #OK} on success,
 * {@value #FAILURE} when the work fails (a missing or malformed file), {@value #USAGE} for a usage
 * error (unknown option or command, missing argument).
 */
@Command(
    name = "tensorgraph",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Tensorgraph, a TensorFlow-1-style graph and session framework in pure Java.",
    subcommands = {RunCommand.class, InspectCommand.class, DotCommand.class, FreezeCommand.class,
        ShowCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure (a missing or malformed file, ...)",
      "2:usage error (unknown option or command, missing argument)"
    })
public final class Main implements Callable<Integer> {
  /** Exit code of a successful run. */
  public static final int OK = 0;
  /** Exit code when the command was understood but failed. */
  public static final int FAILURE = 1;
  /** Exit code of a usage error. */
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  // Inherited so that it may be written before or after the subcommand name.
  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace too.")
  boolean verbose;

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command in-process, writing results to {@code out} and diagnostics to {@code err}.
   *
   * <pre>{@code
   * int code = Main.run(new String[] {"show", "x.npy"}, System.out, System.err);
   * }</pre>
   *
   * @return the exit code: {@link #OK}, {@link #FAILURE} or {@link #USAGE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CommandLine cmd = new CommandLine(new Main())
        .setOut(outWriter)
        .setErr(errWriter)
        .setParameterExceptionHandler(usageErrors())
        .setExecutionExceptionHandler(failures());
    try {
      return cmd.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** With no subcommand there is nothing to do: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
  }

  /** Usage errors: one line naming the problem, one line pointing at --help, exit 2. */
  private static IParameterExceptionHandler usageErrors() {
    return (ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("tensorgraph: " + oneLine(usageMessage(ex)));
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return USAGE;
    };
  }

  private static String usageMessage(ParameterException ex) {
    CommandLine cmd = ex.getCommandLine();
    // picocli calls an unknown subcommand an "unmatched argument"; say what the user meant.
    if (ex instanceof UnmatchedArgumentException && !cmd.getSubcommands().isEmpty()) {
      var unmatched = ((UnmatchedArgumentException) ex).getUnmatched();
      if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
        return "unknown command '" + unmatched.get(0) + "' (one of: "
            + String.join(", ", cmd.getSubcommands().keySet()) + ")";
      }
    }
    return ex.getMessage();
  }

  /**
   * Failures: one line {@code tensorgraph: FILE: what went wrong}, exit 1; the stack trace only
   * with --verbose.
   */
  private static IExecutionExceptionHandler failures() {
    return (ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      boolean verbose = verbose(parseResult);
      if (ex instanceof CliFailure) {
        err.println("tensorgraph: " + oneLine(ex.getMessage()));
      } else {
        // A bug, not bad input; still one line unless the user asks for more.
        err.println("tensorgraph: internal error: " + oneLine(String.valueOf(ex))
            + (verbose ? "" : " (run with --verbose for the stack trace)"));
      }
      if (verbose) {
        ex.printStackTrace(err);
      }
      return FAILURE;
    };
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** Keeps a diagnostic on one line even when an exception message spans several. */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** {@code --version}: the project version, filtered into a resource at build time. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
      }
      return new String[] {
        "tensorgraph " + p.getProperty("version", "(unknown version)"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
