package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.io.Npz;

/**
 * A save that fails or dies half-way never damages what was saved before: the previous
 * checkpoint, the state file and {@code latestCheckpoint} stay as they were, and nothing is
 * deleted to make room for a checkpoint that was not written.
 */
class SaverCrashTest {
  @TempDir
  Path dir;

  private final SaverTest.Model m = new SaverTest.Model(Map.of("w", Tensor.of(Shape.of(3),
      new float[] {1, 2, 3})));
  /** What the sink does next; the real files unless a test says otherwise. */
  private Saver.Sink next = Saver.FILES;
  private final Saver saver = new Saver(m.g, null, 1, new Saver.Sink() {
    @Override
    public void writeArrays(Path file, Map<String, Tensor> arrays) throws IOException {
      next.writeArrays(file, arrays);
    }

    @Override
    public void writeState(Path d, SaverState state) throws IOException {
      next.writeState(d, state);
    }
  });
  private Session session;
  private Path first;
  private byte[] firstBytes;
  private String firstState;

  @BeforeEach
  void saveOnce() throws IOException {
    session = new Session(m.g);
    session.run(m.init);
    first = saver.save(session, dir.resolve("model"), 1L);
    firstBytes = Files.readAllBytes(first);
    firstState = Files.readString(dir.resolve("checkpoint"));
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    session.close();
  }

  private void assertPreviousIntact() throws IOException {
    assertArrayEquals(firstBytes, Files.readAllBytes(first), "the previous checkpoint changed");
    assertEquals(firstState, Files.readString(dir.resolve("checkpoint")));
    assertEquals(first, Saver.latestCheckpoint(dir));
    assertEquals(List.of(first), saver.lastCheckpoints());
    assertEquals(Tensor.of(Shape.of(3), new float[] {1, 2, 3}), Npz.read(first).get("w"));
  }

  @Test
  void dyingHalfWayThroughTheArraysLeavesThePreviousCheckpoint() throws IOException {
    next = new Saver.Sink() {
      @Override
      public void writeArrays(Path file, Map<String, Tensor> arrays) throws IOException {
        // what a process killed mid-write leaves: half a temporary file beside the target
        Path tmp = dir.resolve(".model-2.npz.dead.tmp");
        Files.write(tmp, new byte[] {'P', 'K', 3, 4, 0});
        throw new IOException("No space left on device");
      }

      @Override
      public void writeState(Path d, SaverState state) {
        throw new AssertionError("the state must not be written after a failed write");
      }
    };
    IOException e = assertThrows(IOException.class,
        () -> saver.save(session, dir.resolve("model"), 2L));
    assertEquals("No space left on device", e.getMessage());
    assertPreviousIntact(); // with maxToKeep 1, model-1 must not have been deleted

    next = Saver.FILES; // the next save works and then replaces model-1
    Path second = saver.save(session, dir.resolve("model"), 2L);
    assertEquals(second, Saver.latestCheckpoint(dir));
    assertTrue(Files.notExists(first));
  }

  @Test
  void failingToWriteTheStateKeepsTheOldStateAndTheOldCheckpoint() throws IOException {
    next = new Saver.Sink() {
      @Override
      public void writeArrays(Path file, Map<String, Tensor> arrays) throws IOException {
        Saver.FILES.writeArrays(file, arrays);
      }

      @Override
      public void writeState(Path d, SaverState state) throws IOException {
        throw new IOException("Input/output error");
      }
    };
    assertThrows(IOException.class, () -> saver.save(session, dir.resolve("model"), 2L));
    assertPreviousIntact();
    // the new file is complete, only not yet named by the state
    assertEquals(Tensor.of(Shape.of(3), new float[] {1, 2, 3}),
        Npz.read(dir.resolve("model-2.npz")).get("w"));
  }

  @Test
  void aRealWriteFailureLeavesNoTemporaryFiles() throws IOException {
    // A non-empty directory where the new checkpoint should go: Npz writes the whole temporary
    // file, then its atomic rename fails (root or not, unlike a read-only directory).
    Path blocker = Files.createDirectory(dir.resolve("model-2.npz"));
    Files.writeString(blocker.resolve("keep"), "x");
    assertThrows(IOException.class, () -> saver.save(session, dir.resolve("model"), 2L));
    assertPreviousIntact();
    try (var files = Files.list(dir)) {
      assertEquals(List.of("checkpoint", "model-1.npz", "model-2.npz"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void theStateFileIsReplacedAtomically() throws IOException {
    Path state = dir.resolve("checkpoint");
    SaverState.writeAtomically(state, "model_checkpoint_path: \"x.npz\"\n".getBytes());
    assertEquals("model_checkpoint_path: \"x.npz\"\n", Files.readString(state));
    // a failure (here: no such directory) leaves no temporary file and no target
    Path missing = dir.resolve("gone/checkpoint");
    assertThrows(IOException.class, () -> SaverState.writeAtomically(missing, new byte[1]));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("checkpoint", "model-1.npz"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
