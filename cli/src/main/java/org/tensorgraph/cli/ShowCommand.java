package org.tensorgraph.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.Npy;
import org.tensorgraph.core.io.NpyFormatException;
import org.tensorgraph.core.io.Npz;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensorgraph show FILE [--repr]}: prints the arrays of a {@code .npy} or {@code .npz}
 * file exactly as numpy prints them.
 *
 * <pre>{@code
 * $ tensorgraph show x.npy          # print(np.load("x.npy"))
 * [[0. 1. 2.]
 *  [3. 4. 5.]]
 * $ tensorgraph show --repr x.npy   # print(repr(np.load("x.npy")))
 * array([[0., 1., 2.],
 *        [3., 4., 5.]], dtype=float32)
 * }</pre>
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Prints the arrays in a .npy or .npz file exactly as numpy prints them.",
      "",
      "For a .npy file the output is what  print(np.load(FILE))  prints, or with --repr what"
          + "  print(repr(np.load(FILE)))  prints.",
      "",
      "For a .npz file, each array in archive order prints as its name and a colon on a line"
          + " of its own, then the array as above:",
      "",
      "  weights:",
      "  [[1. 2.]",
      "   [3. 4.]]",
      "  bias:",
      "  [0.5 0.5]",
      "",
      "which is what  for k, v in np.load(FILE).items(): print(k + \":\"); print(v)  prints"
          + " (print(repr(v)) with --repr).",
      "",
      "Like np.load, the content decides the format, whatever the name: a zip archive is read"
          + " as npz, a file that starts with numpy's magic string as npy. Any other file is"
          + " read by its name: npz if it ends in .npz, else npy."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the file is missing, unreadable or malformed",
      "2:usage error (unknown option, missing FILE)"
    })
final class ShowCommand implements Callable<Integer> {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The .npy or .npz file to print.")
  Path file;

  @Option(names = "--repr", description = "Print numpy's repr (array([...], dtype=...)) "
      + "instead of its str.")
  boolean repr;

  @Override
  public Integer call() throws CliFailure {
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (isNpz(file)) {
        for (Map.Entry<String, Tensor> e : Npz.read(file).entrySet()) {
          out.print(e.getKey() + ":\n");
          out.print(format(e.getValue()) + "\n");
        }
      } else {
        out.print(format(Npy.read(file)) + "\n");
      }
    } catch (IOException e) {
      throw new CliFailure(describe(file, e), e);
    } catch (UncheckedIOException e) {
      throw new CliFailure(describe(file, e.getCause()), e);
    }
    out.flush();
    return Main.OK;
  }

  private String format(Tensor t) {
    return repr ? t.repr() : t.toString();
  }

  /**
   * As np.load decides, by the first bytes (zip or npy magic); when they are neither, by the
   * name, so that the error comes from the reader the user expected.
   */
  private static boolean isNpz(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(NPY_MAGIC.length);
      }
      if (startsWith(head, ZIP_MAGIC) || startsWith(head, NPY_MAGIC)) {
        return startsWith(head, ZIP_MAGIC);
      }
    }
    return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".npz");
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    return head.length >= magic.length
        && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
  }

  /** {@code FILE: what went wrong}, worded for a user, not a developer. */
  static String describe(Path file, IOException e) {
    if (e instanceof NpyFormatException) {
      return e.getMessage(); // already "FILE: problem" or "FILE, entry 'x.npy': problem"
    }
    return file + ": " + reason(file, e);
  }

  private static String reason(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (Files.isDirectory(file)) {
      return "is a directory";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
