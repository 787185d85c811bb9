package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.io.Npz;

/** Saving and restoring variables: round trips, the files written, keeping and latest. */
class SaverTest {
  @TempDir
  Path dir;

  /** One variable of every dtype a checkpoint holds, with awkward values. */
  private static final Map<String, Tensor> VALUES = Map.of(
      "f32", Tensor.of(Shape.of(2, 2), new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE}),
      "f64", Tensor.of(Shape.of(3), new double[] {Math.PI, -1e300, Double.NEGATIVE_INFINITY}),
      "i32", Tensor.of(Shape.of(2), new int[] {Integer.MIN_VALUE, 7}),
      "i64", Tensor.of(Shape.of(1, 2), new long[] {Long.MAX_VALUE, -3}),
      "scope/flag", Tensor.of(Shape.of(3), new boolean[] {true, false, true}),
      "scalar", Tensor.of(2.5f));

  /** A graph with a variable per entry of {@link #VALUES} and an {@code init} op. */
  static final class Model {
    final Graph g = TestOps.graph();
    final Map<String, Operation[]> vars = new java.util.LinkedHashMap<>();
    final Operation init;

    Model(Map<String, Tensor> values) {
      List<Operation> assigns = new ArrayList<>();
      for (String name : new java.util.TreeSet<>(values.keySet())) {
        Operation[] v = TestOps.variable(g, name, values.get(name));
        vars.put(name, v);
        assigns.add(v[1]);
      }
      var b = g.opBuilder("NoOp", "init");
      assigns.forEach(b::addControlInput);
      init = b.build();
    }

    Output read(String name) {
      return vars.get(name)[2].output(0);
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void roundTripsEveryDtypeIntoAFreshSession(ExecutorConfig exec) throws Exception {
    Model m = new Model(VALUES);
    Saver saver = new Saver(m.g);
    Path file;
    try (Session s = exec.open(m.g)) {
      s.run(m.init);
      file = saver.save(s, dir.resolve("model"), 7L);
    }
    assertEquals(dir.resolve("model-7.npz"), file);
    try (Session s = exec.open(m.g)) {
      saver.restore(s, file); // no init: the restore alone makes the variables usable
      for (String name : VALUES.keySet()) {
        assertEquals(VALUES.get(name), s.run(m.read(name)), name);
      }
    }
  }

  @Test
  void writesANumpyNpzKeyedByVariableName() throws Exception {
    Model m = new Model(VALUES);
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      Path file = new Saver(m.g).save(s, dir.resolve("model"));
      assertEquals(dir.resolve("model.npz"), file);
      Map<String, Tensor> read = Npz.read(file);
      // every variable, in graph order (the Model builds them sorted by name)
      assertEquals(List.of("f32", "f64", "i32", "i64", "scalar", "scope/flag"),
          List.copyOf(read.keySet()));
      for (String name : VALUES.keySet()) {
        Tensor want = VALUES.get(name);
        Tensor got = read.get(name);
        assertEquals(want.dtype(), got.dtype(), name);
        assertEquals(want.shape(), got.shape(), name);
        assertEquals(want, got, name);
      }
      // NaN and -0 survive bit for bit
      float[] f = read.get("f32").toFloatArray();
      assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f[1]));
      assertTrue(Float.isNaN(f[2]));
      // the zip entries are NAME.npy, as np.savez writes them
      try (var zip = new java.util.zip.ZipFile(file.toFile())) {
        assertTrue(zip.getEntry("scope/flag.npy") != null);
        assertEquals(java.util.zip.ZipEntry.STORED, zip.getEntry("f32.npy").getMethod());
      }
    }
  }

  @Test
  void savesOnlyTheChosenVariablesAndRestoresOnlyThose() throws Exception {
    Model m = new Model(Map.of("a", Tensor.of(1f), "b", Tensor.of(2f)));
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      Path file = new Saver(m.g, List.of("b:0")).save(s, dir.resolve("only-b"));
      assertEquals(List.of("b"), List.copyOf(Npz.read(file).keySet()));
    }
    Path both;
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      both = new Saver(m.g).save(s, dir.resolve("both"));
    }
    try (Session s = new Session(m.g)) {
      new Saver(m.g, List.of("a")).restore(s, both); // the extra key b is ignored
      assertEquals(Tensor.of(1f), s.run(m.read("a")));
      assertFalse(s.variables().find("b") != null && s.variables().find("b").isInitialized());
    }
  }

  @Test
  void restoreReplacesValuesASessionAlreadyHas() throws Exception {
    Model m = new Model(Map.of("w", Tensor.of(Shape.of(2), new float[] {1, 2})));
    Path file = dir.resolve("w.npz");
    Npz.write(file, Map.of("w", Tensor.of(Shape.of(2), new float[] {5, 6})), false);
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      new Saver(m.g).restore(s, file);
      assertEquals(Tensor.of(Shape.of(2), new float[] {5, 6}), s.run(m.read("w")));
    }
  }

  @Test
  void keepsTheNewestMaxToKeepAndDeletesTheOldestFirst() throws Exception {
    Model m = new Model(Map.of("w", Tensor.of(0f)));
    Saver saver = new Saver(m.g, null, 2);
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      Path prefix = dir.resolve("model");
      Path p1 = saver.save(s, prefix, 1L);
      Path p2 = saver.save(s, prefix, 2L);
      assertTrue(Files.exists(p1) && Files.exists(p2));
      Path p3 = saver.save(s, prefix, 3L);
      assertFalse(Files.exists(p1), "the oldest goes first");
      assertTrue(Files.exists(p2) && Files.exists(p3));
      assertEquals(List.of(p2, p3), saver.lastCheckpoints());
      saver.save(s, prefix, 2L); // saved again: step 2 becomes the newest, so 3 is now oldest
      Path p4 = saver.save(s, prefix, 4L);
      assertFalse(Files.exists(p3));
      assertTrue(Files.exists(p2) && Files.exists(p4));
      assertEquals(List.of(p2, p4), saver.lastCheckpoints());
      assertEquals("model_checkpoint_path: \"model-4.npz\"\n"
          + "all_model_checkpoint_paths: \"model-2.npz\"\n"
          + "all_model_checkpoint_paths: \"model-4.npz\"\n",
          Files.readString(dir.resolve("checkpoint")));
    }
  }

  @Test
  void defaultKeepsFiveAndZeroKeepsAll() throws Exception {
    Model m = new Model(Map.of("w", Tensor.of(0f)));
    Saver five = new Saver(m.g);
    Saver all = new Saver(m.g, null, 0);
    assertEquals(5, five.maxToKeep());
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      for (long step = 0; step < 7; step++) {
        five.save(s, dir.resolve("five"), step);
        all.save(s, dir.resolve("all"), step);
      }
    }
    try (var files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("all-0.npz", "all-1.npz", "all-2.npz", "all-3.npz", "all-4.npz",
          "all-5.npz", "all-6.npz", "checkpoint", "five-2.npz", "five-3.npz", "five-4.npz",
          "five-5.npz", "five-6.npz"), names);
    }
  }

  @Test
  void latestCheckpointNamesTheNewestSave() throws Exception {
    assertNull(Saver.latestCheckpoint(dir), "no state file yet");
    assertNull(Saver.latestCheckpoint(dir.resolve("missing")), "no directory");
    Model m = new Model(Map.of("w", Tensor.of(1f)));
    Saver saver = new Saver(m.g);
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      saver.save(s, dir.resolve("model"), 10L);
      assertEquals(dir.resolve("model-10.npz"), Saver.latestCheckpoint(dir));
      saver.save(s, dir.resolve("model"), 20L);
      assertEquals(dir.resolve("model-20.npz"), Saver.latestCheckpoint(dir));
    }
    Files.delete(dir.resolve("model-20.npz"));
    assertNull(Saver.latestCheckpoint(dir), "the named file is gone, as TF returns None");
  }

  @Test
  void aPrefixEndingInNpzIsNotDoubled() throws Exception {
    Model m = new Model(Map.of("w", Tensor.of(1f)));
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      assertEquals(dir.resolve("weights.npz"), new Saver(m.g).save(s, dir.resolve("weights.npz")));
      assertEquals(dir.resolve("weights-3.npz"),
          new Saver(m.g).save(s, dir.resolve("weights.npz"), 3L));
    }
  }

  @Test
  void aCheckpointInAnotherDirectoryIsListedByItsFullPath() throws Exception {
    Model m = new Model(Map.of("w", Tensor.of(1f)));
    Path other = Files.createDirectory(dir.resolve("other"));
    Saver saver = new Saver(m.g);
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      Path first = saver.save(s, dir.resolve("a"));
      saver.save(s, other.resolve("b"));
      String state = Files.readString(other.resolve("checkpoint"));
      assertTrue(state.startsWith("model_checkpoint_path: \"b.npz\"\n"), state);
      assertTrue(state.contains("all_model_checkpoint_paths: \"" + first + "\""), state);
      assertEquals(other.resolve("b.npz"), Saver.latestCheckpoint(other));
    }
  }

  @Test
  void sharedNameVariablesAreSavedUnderTheirNodeName() throws Exception {
    Graph g = TestOps.graph();
    // a VariableV2 whose session slot is its shared_name, as the real kernel keys it
    Operation v = g.opBuilder("VariableV2", "node_name").setAttr("shape", Shape.scalar())
        .setAttr("dtype", DType.FLOAT32).setAttr("shared_name", "slot_name").build();
    Saver saver = new Saver(g);
    try (Session s = new Session(g)) {
      s.variables().slot("slot_name", DType.FLOAT32, Shape.scalar()).assign(Tensor.of(4f));
      Path file = saver.save(s, dir.resolve("m"));
      assertEquals(Map.of("node_name", Tensor.of(4f)), Npz.read(file));
    }
    try (Session s = new Session(g)) {
      saver.restore(s, dir.resolve("m.npz"));
      assertEquals(Tensor.of(4f), s.variables().find("slot_name").value());
      assertNotEquals(null, v);
    }
  }

  @Test
  void savingWhileOtherThreadsAssignNeverTearsAValue() throws Exception {
    Graph g = TestOps.graph();
    Operation[] w = TestOps.variable(g, "w", Tensor.of(Shape.of(256), new float[256]));
    Output fed = TestOps.placeholder(g, "x", Shape.of(256));
    Operation assign = g.opBuilder("Assign", "w/set").addInput(w[0].output(0)).addInput(fed)
        .build();
    Saver saver = new Saver(g);
    AtomicBoolean stop = new AtomicBoolean();
    try (Session s = new Session(g)) {
      s.run(w[1]);
      Thread writer = new Thread(() -> {
        for (int k = 1; !stop.get(); k++) {
          float[] all = new float[256];
          java.util.Arrays.fill(all, k);
          s.run(List.of(), Map.of(fed, Tensor.of(Shape.of(256), all)), List.of(assign));
        }
      });
      writer.start();
      try {
        for (int i = 0; i < 30; i++) {
          float[] saved = Npz.read(saver.save(s, dir.resolve("m"), (long) i)).get("w")
              .toFloatArray();
          float[] same = new float[256];
          java.util.Arrays.fill(same, saved[0]);
          assertArrayEquals(same, saved, "a saved value mixes two assignments");
        }
      } finally {
        stop.set(true);
        writer.join();
      }
    }
  }
}
