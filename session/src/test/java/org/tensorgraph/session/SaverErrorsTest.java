package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.FailedPreconditionException;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.NotFoundException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.io.Npz;
import org.tensorgraph.core.io.NpyFormatException;

/** Every bad input to Saver fails with a documented exception that names what to fix. */
class SaverErrorsTest {
  @TempDir
  Path dir;

  private final SaverTest.Model m = new SaverTest.Model(Map.of(
      "rnn/kernel", Tensor.of(Shape.of(7, 4), new float[28]),
      "rnn/bias", Tensor.of(Shape.of(4), new float[4])));
  private final Saver saver = new Saver(m.g);

  private Path checkpoint(Map<String, Tensor> entries) throws IOException {
    Path f = dir.resolve("given.npz");
    Npz.write(f, entries, false);
    return f;
  }

  /** Restoring fails and leaves the session's variables as they were. */
  private <T extends Throwable> T restoreFails(Class<T> type, Path file) {
    try (Session s = new Session(m.g)) {
      T e = assertThrows(type, () -> saver.restore(s, file));
      assertNull(s.variables().find("rnn/kernel"), "nothing may be assigned");
      return e;
    }
  }

  @Test
  void missingKey() throws Exception {
    Path f = checkpoint(Map.of("rnn/kernel", Tensor.of(Shape.of(7, 4), new float[28])));
    NotFoundException e = restoreFails(NotFoundException.class, f);
    assertEquals("Key rnn/bias not found in checkpoint " + f + " (it holds [rnn/kernel])",
        e.getMessage());
  }

  @Test
  void wrongShape() throws Exception {
    Path f = checkpoint(Map.of("rnn/kernel", Tensor.of(Shape.of(3, 4), new float[12]),
        "rnn/bias", Tensor.of(Shape.of(4), new float[4])));
    InvalidArgumentException e = restoreFails(InvalidArgumentException.class, f);
    assertEquals("Assign requires shapes of both tensors to match. lhs shape= [7,4] rhs shape= "
        + "[3,4] (restoring variable rnn/kernel from " + f + ")", e.getMessage());
  }

  @Test
  void wrongDtype() throws Exception {
    Path f = checkpoint(Map.of("rnn/kernel", Tensor.of(Shape.of(7, 4), new float[28]),
        "rnn/bias", Tensor.of(Shape.of(4), new double[4])));
    InvalidArgumentException e = restoreFails(InvalidArgumentException.class, f);
    assertEquals("tensor_name = rnn/bias; expected dtype float does not equal original dtype "
        + "double (restoring from " + f + ")", e.getMessage());
  }

  @Test
  void unreadableFile() throws Exception {
    Path f = Files.writeString(dir.resolve("junk.npz"), "not a zip at all");
    NpyFormatException e = restoreFails(NpyFormatException.class, f);
    assertEquals(f.toString(), e.source());
    assertTrue(e.problem().startsWith("not a valid zip archive"), e.problem());
  }

  @Test
  void truncatedFile() throws Exception {
    Path f = checkpoint(Map.of("rnn/kernel", Tensor.of(Shape.of(7, 4), new float[28]),
        "rnn/bias", Tensor.of(Shape.of(4), new float[4])));
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    NpyFormatException e = restoreFails(NpyFormatException.class, f);
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("nope.npz");
    NoSuchFileException e = restoreFails(NoSuchFileException.class, f);
    assertEquals(f + ": no such checkpoint file (Saver.latestCheckpoint(dir) names the newest "
        + "one in a directory)", e.getMessage());
  }

  @Test
  void aDirectoryIsNoCheckpoint() {
    FileSystemException e = restoreFails(FileSystemException.class, dir);
    assertTrue(e.getMessage().startsWith(dir + ": is a directory; restore takes a checkpoint "
        + "file"), e.getMessage());
  }

  @Test
  void savingAnUninitializedVariable() {
    try (Session s = new Session(m.g)) {
      FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
          () -> saver.save(s, dir.resolve("m")));
      assertEquals("Attempting to use uninitialized value rnn/bias", e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("m.npz")));
    assertFalse(Files.exists(dir.resolve("checkpoint")));
  }

  @Test
  void savingIntoAMissingDirectory() {
    Path prefix = dir.resolve("no/such/dir/model");
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      NoSuchFileException e = assertThrows(NoSuchFileException.class,
          () -> saver.save(s, prefix, 1L));
      assertEquals(dir.resolve("no/such/dir") + ": Parent directory of " + prefix
          + " doesn't exist, can't save.", e.getMessage());
    }
  }

  @Test
  void aSessionOnAnotherGraph() {
    Graph other = new SaverTest.Model(Map.of("rnn/bias", Tensor.of(1f))).g;
    try (Session s = new Session(other)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> saver.save(s, dir.resolve("m")));
      assertEquals("The session runs another graph than the one this Saver was built for; "
          + "build the Saver on session.graph()", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> saver.restore(s, dir.resolve("m")));
    }
  }

  @Test
  void aClosedSession() {
    Session s = new Session(m.g);
    s.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> saver.save(s, dir.resolve("m")));
    assertEquals("Attempted to use a closed Session.", e.getMessage());
  }

  @Test
  void badVariableLists() {
    assertEquals("No variable named 'w' in the graph; its variables are [rnn/bias, rnn/kernel]",
        assertThrows(IllegalArgumentException.class, () -> new Saver(m.g, List.of("w")))
            .getMessage());
    assertEquals("'rnn/bias/read' is a node of type Identity, not a variable (VariableV2); a "
        + "Saver saves variables", assertThrows(IllegalArgumentException.class,
            () -> new Saver(m.g, List.of("rnn/bias/read"))).getMessage());
    assertEquals("At least two variables have the same name: rnn/bias",
        assertThrows(IllegalArgumentException.class,
            () -> new Saver(m.g, List.of("rnn/bias", "rnn/bias:0"))).getMessage());
    assertEquals("No variables to save", assertThrows(IllegalArgumentException.class,
        () -> new Saver(m.g, List.of())).getMessage());
    assertEquals("No variables to save", assertThrows(IllegalArgumentException.class,
        () -> new Saver(TestOps.graph())).getMessage());
    assertEquals("maxToKeep must be >= 0 (0 keeps every checkpoint), got -1",
        assertThrows(IllegalArgumentException.class, () -> new Saver(m.g, null, -1))
            .getMessage());
    assertThrows(NullPointerException.class, () -> new Saver(null));
  }

  @Test
  void latestCheckpointOfAFile() throws Exception {
    Path f = Files.writeString(dir.resolve("file"), "x");
    NotDirectoryException e = assertThrows(NotDirectoryException.class,
        () -> Saver.latestCheckpoint(f));
    assertTrue(e.getMessage().contains("latestCheckpoint takes the directory"), e.getMessage());
  }

  @Test
  void malformedStateFile() throws Exception {
    Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"a.npz\"\n"
        + "model_checkpoint_path = a.npz\n");
    IOException e = assertThrows(IOException.class, () -> Saver.latestCheckpoint(dir));
    assertEquals(dir.resolve("checkpoint") + ": line 2: expected model_checkpoint_path: \"...\" "
        + "or all_model_checkpoint_paths: \"...\", got: model_checkpoint_path = a.npz",
        e.getMessage());
    Files.writeString(dir.resolve("checkpoint"), "all_model_checkpoint_paths: \"a.npz\"\n");
    assertEquals(dir.resolve("checkpoint") + ": not a checkpoint state file (no "
        + "model_checkpoint_path)", assertThrows(IOException.class,
            () -> Saver.latestCheckpoint(dir)).getMessage());
    Files.write(dir.resolve("checkpoint"), new byte[] {(byte) 0xff, (byte) 0xfe});
    assertEquals(dir.resolve("checkpoint") + ": not a checkpoint state file (not UTF-8 text)",
        assertThrows(IOException.class, () -> Saver.latestCheckpoint(dir)).getMessage());
  }
}
