package org.tensorgraph.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.ops.Ops;
import org.tensorgraph.ops.variables.Variable;
import org.tensorgraph.ops.variables.Variables;
import org.tensorgraph.rnn.BasicLstmCell;
import org.tensorgraph.rnn.BasicRnnCell;
import org.tensorgraph.rnn.BidirectionalRnnResult;
import org.tensorgraph.rnn.GruCell;
import org.tensorgraph.rnn.LstmCell;
import org.tensorgraph.rnn.LstmStateTuple;
import org.tensorgraph.rnn.MultiRnnCell;
import org.tensorgraph.rnn.Rnn;
import org.tensorgraph.rnn.RnnOptions;
import org.tensorgraph.rnn.RnnResult;

/**
 * The RNN graphs the interop tests write and TF 1.15 runs: the article's two programs, every cell,
 * sequence_length (with a zero length), time_major and bidirectional. Each builds into a fresh
 * graph and says what to feed ({@code X}, lengths) and what to fetch (outputs, then every state
 * tensor, depth first).
 */
final class InteropModels {
  private InteropModels() {}

  /** A model: its name in test reports, and how to build it into a graph. */
  record Model(String name, Function<Graph, Built> build) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What a built model needs fed and gives back. */
  record Built(Map<Output, Tensor> feeds, List<Output> fetches) {
    List<String> fetchNames() {
      return fetches.stream().map(Output::name).toList();
    }

    Map<String, Tensor> feedsByName() {
      Map<String, Tensor> byName = new LinkedHashMap<>();
      feeds.forEach((k, v) -> byName.put(k.name(), v));
      return byName;
    }
  }

  static List<Model> all() {
    return List.of(
        new Model("article one layer: BasicRNNCell(4)", g -> article(g,
            x -> Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32))),
        new Model("article two layers: MultiRNNCell([BasicRNNCell(4)] * 2)", g -> article(g,
            x -> Rnn.dynamicRnn(new MultiRnnCell(List.of(new BasicRnnCell(4),
                new BasicRnnCell(4))), x, DType.FLOAT32))),
        new Model("BasicLSTMCell(4), LSTMStateTuple", g -> wave(g, false,
            x -> Rnn.dynamicRnn(new BasicLstmCell(4), x, DType.FLOAT32))),
        new Model("LSTMCell(5) peepholes, cell_clip, num_proj 3, proj_clip", g -> wave(g, false,
            x -> Rnn.dynamicRnn(LstmCell.builder(5).usePeepholes(true).cellClip(0.5).numProj(3)
                .projClip(0.4).build(), x, DType.FLOAT32))),
        new Model("GRUCell(4)", g -> wave(g, false,
            x -> Rnn.dynamicRnn(new GruCell(4), x, DType.FLOAT32))),
        new Model("MultiRNNCell([LSTMCell(3) peepholes, GRUCell(4)])", g -> wave(g, false,
            x -> Rnn.dynamicRnn(new MultiRnnCell(List.of(
                LstmCell.builder(3).usePeepholes(true).build(), new GruCell(4))), x,
                DType.FLOAT32))),
        new Model("sequence_length [2,1,2,2]: BasicRNNCell(5) (the demo)", g -> {
          Output len = lengths(g);
          Built b = article(g, x -> Rnn.dynamicRnn(new BasicRnnCell(5), x,
              RnnOptions.dtype(DType.FLOAT32).sequenceLength(len)));
          return withFeed(b, len, Tensor.of(new int[] {2, 1, 2, 2}));
        }),
        new Model("sequence_length [5,3,0,4]: BasicLSTMCell(4)", g -> {
          Output len = lengths(g);
          Built b = wave(g, false, x -> Rnn.dynamicRnn(new BasicLstmCell(4), x,
              RnnOptions.dtype(DType.FLOAT32).sequenceLength(len)));
          return withFeed(b, len, Tensor.of(new int[] {5, 3, 0, 4}));
        }),
        new Model("time_major: GRUCell(4)", g -> wave(g, true,
            x -> Rnn.dynamicRnn(new GruCell(4), x, RnnOptions.dtype(DType.FLOAT32)
                .timeMajor(true)))),
        new Model("time_major, sequence_length [4,5,2,1]: LSTMCell(4) num_proj 2", g -> {
          Output len = lengths(g);
          Built b = wave(g, true, x -> Rnn.dynamicRnn(LstmCell.builder(4).numProj(2).build(), x,
              RnnOptions.dtype(DType.FLOAT32).timeMajor(true).sequenceLength(len)));
          return withFeed(b, len, Tensor.of(new int[] {4, 5, 2, 1}));
        }),
        new Model("bidirectional: BasicRNNCell(4) both ways (the demo)", g -> bidi(g, false,
            null, x -> Rnn.bidirectionalDynamicRnn(new BasicRnnCell(4), new BasicRnnCell(4), x,
                RnnOptions.dtype(DType.FLOAT32)))),
        new Model("bidirectional, sequence_length [5,3,1,4]: BasicLSTMCell fw, GRUCell bw",
            g -> {
              Output len = lengths(g);
              return bidi(g, false, len, x -> Rnn.bidirectionalDynamicRnn(new BasicLstmCell(3),
                  new GruCell(4), x, RnnOptions.dtype(DType.FLOAT32).sequenceLength(len)));
            }),
        new Model("bidirectional, time_major, sequence_length [5,3,1,4]: GRUCell both ways",
            g -> {
              Output len = lengths(g);
              return bidi(g, true, len, x -> Rnn.bidirectionalDynamicRnn(new GruCell(3),
                  new GruCell(2), x, RnnOptions.dtype(DType.FLOAT32).timeMajor(true)
                      .sequenceLength(len)));
            }));
  }

  /** The article's X [?, 2, 3] fed with its X_batch. */
  private static Built article(Graph g, Function<Output, RnnResult> model) {
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
    return built(x, Tensor.of(ARTICLE), model.apply(x));
  }

  /** A longer batch, 4 sequences of 5 steps of 3 values in (-1.5, 1.5), as X [?, ?, 3]. */
  private static Built wave(Graph g, boolean timeMajor, Function<Output, RnnResult> model) {
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(-1, -1, 3));
    return built(x, waveBatch(timeMajor), model.apply(x));
  }

  private static Built bidi(Graph g, boolean timeMajor, Output len,
      Function<Output, BidirectionalRnnResult> model) {
    Output x = Ops.create(g).withName("X").placeholder(DType.FLOAT32, Shape.of(-1, -1, 3));
    BidirectionalRnnResult r = model.apply(x);
    List<Output> fetches = new ArrayList<>(List.of(r.outputFw(), r.outputBw()));
    fetches.addAll(flatten(r.stateFw()));
    fetches.addAll(flatten(r.stateBw()));
    Map<Output, Tensor> feeds = new LinkedHashMap<>(Map.of(x, waveBatch(timeMajor)));
    if (len != null) {
      feeds.put(len, Tensor.of(new int[] {5, 3, 1, 4}));
    }
    return new Built(feeds, fetches);
  }

  private static Built built(Output x, Tensor value, RnnResult r) {
    List<Output> fetches = new ArrayList<>(List.of(r.outputs()));
    fetches.addAll(flatten(r.state()));
    return new Built(new LinkedHashMap<>(Map.of(x, value)), fetches);
  }

  private static Output lengths(Graph g) {
    return Ops.create(g).withName("seq_len").placeholder(DType.INT32, Shape.of(-1));
  }

  private static Built withFeed(Built b, Output placeholder, Tensor value) {
    b.feeds().put(placeholder, value);
    return b;
  }

  /** A state's tensors: an Output, or Lists and LSTMStateTuples of them, depth first. */
  static List<Output> flatten(Object state) {
    List<Output> out = new ArrayList<>();
    if (state instanceof Output o) {
      out.add(o);
    } else if (state instanceof LstmStateTuple<?> t) {
      out.addAll(flatten(t.c()));
      out.addAll(flatten(t.h()));
    } else {
      for (Object o : (List<?>) state) {
        out.addAll(flatten(o));
      }
    }
    return out;
  }

  /**
   * Fixed weights for every global variable of {@code g}: smooth values in (-0.6, 0.6), different
   * per variable, so no two runs or sides can disagree about them.
   */
  static Map<String, Tensor> weights(Graph g) {
    Map<String, Tensor> w = new LinkedHashMap<>();
    int k = 0;
    for (Variable v : Variables.globalVariables(g)) {
      k++;
      float[] values = new float[(int) v.shape().numElements()];
      for (int j = 0; j < values.length; j++) {
        values[j] = (float) (0.6 * Math.sin(1.1 * j + 0.37 * k * (k + 2)));
      }
      w.put(v.name(), Tensor.of(v.shape(), values));
    }
    return w;
  }

  /** The article's X_batch: 4 examples, 2 steps, 3 inputs. */
  static final float[][][] ARTICLE = {
      {{0, 1, 2}, {1, 2, 3}},
      {{3, 4, 5}, {4, 5, 6}},
      {{5, 6, 7}, {6, 7, 8}},
      {{7, 8, 9}, {8, 9, 10}}};

  private static Tensor waveBatch(boolean timeMajor) {
    int batch = 4;
    int steps = 5;
    float[][][] v = timeMajor ? new float[steps][batch][3] : new float[batch][steps][3];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        for (int d = 0; d < 3; d++) {
          float x = (float) (1.5 * Math.sin(0.9 * b + 0.5 * t + 1.7 * d + 0.3));
          if (timeMajor) {
            v[t][b][d] = x;
          } else {
            v[b][t][d] = x;
          }
        }
      }
    }
    return Tensor.of(v);
  }
}
