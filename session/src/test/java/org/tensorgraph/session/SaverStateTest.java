package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code checkpoint} state file: TF's text format, strings escaped as protobuf does. */
class SaverStateTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"model-3.npz", "with \"quotes\" and \\", "tab\tnew\nline",
      "caf\u00e9/\u6a21\u578b-1.npz", "\u0001ctl", "emoji \ud83d\ude00.npz"})
  void pathsRoundTrip(String path) throws Exception {
    SaverState s = new SaverState(path, List.of("old.npz", path));
    s.write(dir);
    assertEquals(s, SaverState.read(dir));
  }

  @Test
  void readsWhatTensorFlowWrites() throws Exception {
    // TF's text_format writes non-ASCII bytes as octal escapes; comments and blank lines pass
    Files.writeString(dir.resolve("checkpoint"), "# saved by TF\n\n"
        + "model_checkpoint_path: \"caf\\303\\251-2\"\n"
        + "all_model_checkpoint_paths: 'caf\\303\\251-1'\n"
        + "all_model_checkpoint_paths: \"caf\\303\\251-2\"\n");
    assertEquals(new SaverState("caf\u00e9-2", List.of("caf\u00e9-1", "caf\u00e9-2")),
        SaverState.read(dir));
  }

  @Test
  void writesTensorFlowsLayout() {
    assertEquals("model_checkpoint_path: \"b.npz\"\nall_model_checkpoint_paths: \"a.npz\"\n"
        + "all_model_checkpoint_paths: \"b.npz\"\n",
        new SaverState("b.npz", List.of("a.npz", "b.npz")).toText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "\"x", "\"x'", "\"a\"b\"", "\"\\\"", "\"\\q\"", "\"\\777\""})
  void malformedLiterals(String lit) {
    assertNull(SaverState.unquote(lit));
  }

  @Test
  void noStateFileIsNull() throws Exception {
    assertNull(SaverState.read(dir));
  }
}
