package org.tensorgraph.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/**
 * {@code run --feed NAME=VALUE}: finds tensor NAME in the graph and makes the value to feed it,
 * from a {@code .npy} file or a {@link JsonLiteral}, in the tensor's dtype. The shape is left to
 * the session, which checks it with TF's text ({@code Cannot feed value of shape [2] for Tensor
 * 'X:0', which has shape '[?, 3]'}).
 *
 * <pre>{@code
 * FeedValues.resolve(graph, Map.of("X", "[[1, 2, 3]]", "lengths", "len.npy"));
 * }</pre>
 */
final class FeedValues {
  private FeedValues() {}

  /** The feeds by tensor, in the order given. */
  static Map<Output, Tensor> resolve(Graph g, Map<String, String> specs) throws CliFailure {
    Map<Output, Tensor> r = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : specs.entrySet()) {
      Output t = RunCommand.tensor(g, e.getKey(), "--target");
      if (r.containsKey(t)) {
        throw new CliFailure("--feed: '" + e.getKey() + "' is tensor '" + t.name()
            + "', which is already fed", null);
      }
      r.put(t, value(t, e.getKey(), e.getValue()));
    }
    return r;
  }

  private static Tensor value(Output t, String name, String text) throws CliFailure {
    String what = "--feed " + name + "=" + text;
    if (isFile(text)) {
      Tensor v = GraphFiles.readNpy(Path.of(text));
      if (v.dtype() != t.dtype()) {
        throw new CliFailure(what + ": the file holds " + v.dtype().numpyName()
            + " values but tensor '" + t.name() + "' is " + t.dtype().numpyName()
            + " (convert it, e.g. np.save(FILE, a.astype(np." + t.dtype().numpyName() + ")))",
            null);
      }
      return v;
    }
    try {
      return JsonLiteral.parse(text).toTensor(t.dtype());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(what + ": " + e.getMessage() + fileHint(text) + " (tensor '"
          + t.name() + "' is " + dtypeName(t.dtype()) + ")", e);
    }
  }

  /** numpy's name, except that a variant is not numpy's "object". */
  static String dtypeName(DType t) {
    return t == DType.VARIANT ? "variant" : t.numpyName();
  }

  /**
   * A VALUE is a file when it ends in {@code .npy} (so that a missing {@code x.npy} fails as a
   * missing file, not as bad JSON) or names an existing file; anything else is a JSON literal.
   */
  static boolean isFile(String text) {
    if (text.toLowerCase(Locale.ROOT).endsWith(".npy")) {
      return true;
    }
    try {
      return Files.isRegularFile(Path.of(text));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** For a VALUE that looks like a file name rather than JSON, say that no such file exists. */
  private static String fileHint(String text) {
    char c = text.isEmpty() ? '[' : text.charAt(0);
    boolean word = text.matches("true|false|NaN|Infinity");
    return Character.isLetter(c) && !word || c == '.' || c == '/' || c == '~'
        ? "; nor is it an existing file" : "";
  }
}
