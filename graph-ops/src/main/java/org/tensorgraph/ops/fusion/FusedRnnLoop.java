package org.tensorgraph.ops.fusion;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.ops.EigenFloat;
import org.tensorgraph.ops.controlflow.TensorList;
import org.tensorgraph.ops.gemm.Gemm;
import org.tensorgraph.ops.gemm.Parallel;

/**
 * The kernel of a fused {@code dynamic_rnn} loop over a BasicLSTMCell or a tanh BasicRNNCell
 * (see {@link RnnLoopFusion}): every step of the {@code While} in one Java loop. The input
 * projection {@code x_t W_top} of all steps is one product before the loop (as {@link
 * StepProjection} does), reading the input items where {@code TensorListFromTensor} left them;
 * each step adds {@code h W_bottom} and the bias into one reused gates array and runs the cell's
 * arithmetic over reused arrays, and its h is copied to {@code [:, t]} of one {@code [B, n, U]}
 * array that holds the output list's items, which the batch-major stack after the loop returns
 * as is. A run allocates its outputs and a few [B, G U] arrays, no array per step.
 *
 * <pre>{@code
 * // While inputs and outputs, by role: counter, maximum_iterations, time, steps (int32 scalars),
 * // outputs and inputs (TensorLists), h (and the LSTM's c) [B, U], kernel [I + U, G U],
 * // bias [G U], with G = 4 gates for the LSTM, 1 for the basic RNN
 * }</pre>
 *
 * <p>Same bits as the loop it replaces: each gate is one FMA chain over {@code [x, h]} in k order
 * (Gemm's invariant, the projection continued by the step's product), the bias one float add,
 * every elementwise op one IEEE operation, and Sigmoid and Tanh {@link EigenFloat}'s array
 * functions over each whole [B, U] array, so the packet/tail split falls where the graph's does.
 * Anything off the fast path (a list item of another shape or dtype, an index outside a list,
 * mismatched weights, empty sizes, no iterations) runs {@code While}'s own kernel, so errors and
 * edge cases are the loop's own.
 */
final class FusedRnnLoop implements Kernel {
  private final RnnLoopFusion.Roles roles;
  private final PackCache packs = new PackCache(2);
  /**
   * The last run's projection and gathered-input arrays, for the next run's (as {@link
   * StepProjection} keeps them): megabytes a run for the large rows.
   */
  private final Spares spares = new Spares(new AtomicReference<>(), new AtomicReference<>());

  private record Spares(AtomicReference<float[]> projection, AtomicReference<float[]> inputs) {}

  FusedRnnLoop(RnnLoopFusion.Roles roles) {
    this.roles = roles;
  }

  @Override
  public void compute(KernelContext ctx) {
    Run run = Run.of(ctx, roles);
    if (run == null) {
      ctx.op().opDef().kernel().compute(ctx); // While's own kernel: the generic loop
      return;
    }
    float[] seq = run.steps(ctx, packs, spares);
    Tensor[] outs = new Tensor[ctx.numInputs()];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = ctx.input(i); // loop-invariant variables come out as they went in
    }
    outs[roles.counter()] = Tensor.of(run.counter + run.n);
    outs[roles.time()] = Tensor.of(run.t0 + run.n);
    outs[roles.outputs()] = run.out.withBatchMajorItems(run.t0, run.n, run.state, seq).toTensor();
    if (roles.lstm()) {
      outs[roles.c()] = Tensor.wrap(run.state, run.c);
    }
    outs[roles.h()] = Tensor.wrap(run.state, run.h); // the cell's own array, done with
    for (int i = 0; i < outs.length; i++) {
      ctx.setOutput(i, outs[i]);
    }
  }

  /** One invocation's checked inputs and state. */
  private static final class Run {
    final int counter;
    final int t0;
    final int n;
    final int batch;
    final int units;
    final int input;
    final RnnLoopFusion.Roles roles;
    /** The product's columns: G U. */
    final int gateCols;
    final TensorList in;
    final TensorList out;
    final float[] kernel;
    final float[] bias;
    final Shape state;
    /**
     * The LSTM's c, updated in place: a copy of the input c, so the output's array is this run's
     * own; null for the basic RNN.
     */
    final float[] c;
    float[] h;

    private Run(RnnLoopFusion.Roles roles, int counter, int t0, int n, Tensor c, Tensor h,
        Tensor kernel, Tensor bias, TensorList in, TensorList out) {
      this.roles = roles;
      this.counter = counter;
      this.t0 = t0;
      this.n = n;
      this.batch = (int) h.shape().dim(0);
      this.units = (int) h.shape().dim(1);
      this.gateCols = roles.gates() * units;
      this.input = (int) kernel.shape().dim(0) - units;
      this.in = in;
      this.out = out;
      this.kernel = (float[]) kernel.rawData();
      this.bias = (float[]) bias.rawData();
      this.state = h.shape();
      this.c = c == null ? null : ((float[]) c.rawData()).clone();
      this.h = (float[]) h.rawData();
    }

    /**
     * The run when the inputs are on the fast path, else null: the checks every node of the
     * loop would make, done once for all steps (and the gathered inputs and the projection
     * must fit in an array).
     */
    static Run of(KernelContext ctx, RnnLoopFusion.Roles r) {
      Tensor counter = ctx.input(r.counter());
      Tensor max = ctx.input(r.maxIterations());
      Tensor time = ctx.input(r.time());
      Tensor steps = ctx.input(r.steps());
      if (!intScalar(counter) || !intScalar(max) || !intScalar(time) || !intScalar(steps)) {
        return null;
      }
      long n = Math.min((long) max.intValue() - counter.intValue(),
          (long) steps.intValue() - time.intValue());
      TensorList in = list(ctx.input(r.inputs()));
      TensorList out = list(ctx.input(r.outputs()));
      Tensor h = ctx.input(r.h());
      Tensor c = r.lstm() ? ctx.input(r.c()) : h; // the state's shape: c and h are alike
      Tensor kernel = ctx.input(r.kernel());
      Tensor bias = ctx.input(r.bias());
      int t0 = time.intValue();
      if (n <= 0 || in == null || out == null || t0 < 0 || t0 + n > in.size()
          || t0 + n > out.size() || !matrix(c) || !matrix(h) || !c.shape().equals(h.shape())
          || !matrix(kernel) || bias.dtype() != DType.FLOAT32 || bias.rank() != 1) {
        return null;
      }
      long b = c.shape().dim(0);
      long u = c.shape().dim(1);
      long i = kernel.shape().dim(0) - u;
      long cols = r.gates() * u;
      if (b == 0 || u == 0 || i <= 0 || n * b * Math.max(i, cols) > Integer.MAX_VALUE - 8
          || kernel.shape().dim(1) != cols || bias.shape().dim(0) != cols
          || !out.elementShape().isCompatibleWith(c.shape())
          || !items(in, t0, (int) n, Shape.of(b, i))) {
        return null;
      }
      return new Run(r, counter.intValue(), t0, (int) n, r.lstm() ? c : null, h, kernel, bias,
          in, out);
    }

    private static boolean intScalar(Tensor t) {
      return t.dtype() == DType.INT32 && t.rank() == 0;
    }

    private static boolean matrix(Tensor t) {
      return t.dtype() == DType.FLOAT32 && t.rank() == 2;
    }

    /** The float32 TensorList a handle holds, or null. */
    private static TensorList list(Tensor handle) {
      if (handle.dtype() != DType.VARIANT || handle.rank() != 0
          || !(handle.variantValue() instanceof TensorList l)
          || l.elementDtype() != DType.FLOAT32) {
        return null;
      }
      return l;
    }

    /** True when items {@code t0 .. t0 + n - 1} are all set, float32 and of {@code shape}. */
    private static boolean items(TensorList l, int t0, int n, Shape shape) {
      for (int t = t0; t < t0 + n; t++) {
        if (!l.itemIs(t, DType.FLOAT32, shape)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Runs every step; returns the output list's new items batch-major, {@code [B, n, U]} (step
     * t's h at {@code [:, t]}), the layout the stack and transpose after the loop return as is.
     */
    float[] steps(KernelContext ctx, PackCache packs, Spares spares) {
      Gemm.Packed top = packs.get(0, false, kernel, 0, input, gateCols);
      Gemm.Packed bottom = packs.get(1, false, kernel, input * gateCols, units, gateCols);
      Executor pool = ctx.intraOpExecutor();
      int threads = ctx.intraOpParallelism();
      float[] proj = project(top, spares, pool, threads);
      StepCell cell = roles.lstm() ? new LstmCell(batch, units, roles.forgetBias(), bias)
          : new BasicCell(batch, units, bias);
      int pieces = Parallel.pieces((long) batch * units, FusedCell.PIECE_ELEMENTS, threads);
      float[] seq = new float[n * batch * units];
      for (int t = 0; t < n; t++) {
        ctx.checkCancelled();
        h = step(proj, t * batch * gateCols, bottom, cell, pieces, pool, threads, seq, t);
      }
      spares.projection().set(proj);
      return seq;
    }

    /**
     * Step t from the projection's block at {@code at}: the gates, then c in place and the new h,
     * also copied to its place in {@code seq}. A method of its own so that the JIT compiles it
     * early (a run calls it n times) rather than the whole loop by on-stack replacement.
     */
    private float[] step(float[] proj, int at, Gemm.Packed bottom, StepCell cell, int pieces,
        Executor pool, int threads, float[] seq, int t) {
      float[] gates = cell.load(proj, at);
      Gemm.sgemm(false, batch, h, 0, bottom, gates, 0, true, pool, threads);
      float[] next = cell.newH(gates); // h was read whole by the product: next may be h itself
      if (pieces == 1) {
        rows(cell, next, 0, batch, seq, t);
      } else {
        int per = (batch + pieces - 1) / pieces;
        Parallel.run(pieces, pool,
            p -> rows(cell, next, p * per, Math.min(batch, (p + 1) * per), seq, t));
      }
      return next;
    }

    /** The cell over rows {@code [r0, r1)}, their h then copied to {@code seq[r, t]}. */
    private void rows(StepCell cell, float[] next, int r0, int r1, float[] seq, int t) {
      cell.rows(c, next, r0, r1);
      for (int r = r0; r < r1; r++) {
        System.arraycopy(next, r * units, seq, (r * n + t) * units, units);
      }
    }

    /** {@code x_t W_top} for every step, in one product. */
    private float[] project(Gemm.Packed top, Spares spares, Executor pool, int threads) {
      int rows = n * batch;
      TensorList.Span span = in.span(t0, n); // the rows of TensorListFromTensor's tensor
      float[] xt = span != null ? (float[]) span.data() : gather(spares, rows);
      int xOff = span != null ? span.offset() : 0;
      int size = rows * gateCols;
      float[] p = StepProjection.take(spares.projection(), size);
      // why accumulate onto a fresh array: it is zeros, and a chain continued from +0 has the
      // bits of one begun at 0; a reused one is cleared by the product instead
      boolean fresh = p == null;
      p = fresh ? new float[size] : p;
      Gemm.sgemm(false, rows, xt, xOff, top, p, 0, fresh, pool, threads);
      if (span == null) {
        spares.inputs().set(xt);
      }
      return p;
    }

    /** The input items one after another, in a spare array when there is one. */
    private float[] gather(Spares spares, int rows) {
      // the gathered inputs overwrite every element: a spare needs no clearing
      float[] xt = StepProjection.take(spares.inputs(), rows * input);
      xt = xt != null ? xt : new float[rows * input];
      for (int t = 0; t < n; t++) {
        System.arraycopy((float[]) in.get(t0 + t).rawData(), 0, xt, t * batch * input,
            batch * input);
      }
      return xt;
    }
  }

  /** A cell's arithmetic after the step's product, over row blocks of [B, U] arrays. */
  private interface StepCell {
    /** The step's gates array, [B, G U], holding the projection's block at {@code at}. */
    float[] load(float[] proj, int at);

    /**
     * The array the step's h goes to: one reused array (the LSTM), or {@code gates} itself (the
     * basic RNN); never the input h, which belongs to the caller.
     */
    float[] newH(float[] gates);

    /** Rows {@code [r0, r1)}: the bias, the cell, c updated in place (the LSTM), h written. */
    void rows(float[] c, float[] h, int r0, int r1);
  }

  /**
   * BasicRNNCell with tanh: {@code new_h = tanh(gates + bias)}, the bias one float add as
   * BiasAdd's, Tanh {@link EigenFloat}'s array function (it has no packet/tail split). The gates
   * become h in place (a separate gates array cost BasicRNN 32, 100, 64, 128 a tenth of its time
   * in the extra pass), in two arrays taken in turn.
   */
  private static final class BasicCell implements StepCell {
    final int size;
    final int units;
    final float[] bias;
    /** The steps' gates-then-h arrays, taken in turn: the step's product reads the other. */
    final float[][] pair;
    int turn;

    BasicCell(int batch, int units, float[] bias) {
      this.size = batch * units;
      this.units = units;
      this.bias = bias;
      this.pair = new float[2][size];
    }

    @Override
    public float[] load(float[] proj, int at) {
      turn ^= 1;
      System.arraycopy(proj, at, pair[turn], 0, size);
      return pair[turn];
    }

    @Override
    public float[] newH(float[] gates) {
      return gates;
    }

    @Override
    public void rows(float[] c, float[] h, int r0, int r1) {
      for (int r = r0; r < r1; r++) {
        for (int k = 0; k < units; k++) {
          h[r * units + k] += bias[k]; // BiasAdd
        }
      }
      EigenFloat.tanh(h, h, r0 * units, r1 * units);
    }
  }

  /**
   * BasicLSTMCell's arithmetic after the product, over row blocks of [B, U] arrays: the bias,
   * the split, and {@code new_c = c * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j)}, {@code
   * new_h = tanh(new_c) * sigmoid(o)}, each op over the rows as its graph node does over the
   * whole array (Sigmoid's packet/tail split by flat index, as {@link EigenFloat#logistic(float[],
   * float[], int, int, int)} keeps it).
   */
  private static final class LstmCell implements StepCell {
    final int batch;
    final int units;
    final float forgetBias;
    final float[] bias;
    final float[] gates;
    /** i, j, f, o as [B, U] arrays, then tanh(new_c). */
    final float[][] parts;
    /** Every step's h: the step's product has read the last one before the cell writes it. */
    final float[] h;

    LstmCell(int batch, int units, float forgetBias, float[] bias) {
      this.batch = batch;
      this.units = units;
      this.forgetBias = forgetBias;
      this.bias = bias;
      this.gates = new float[batch * 4 * units];
      this.parts = new float[5][batch * units];
      this.h = new float[batch * units];
    }

    @Override
    public float[] load(float[] proj, int at) {
      System.arraycopy(proj, at, gates, 0, gates.length);
      return gates;
    }

    @Override
    public float[] newH(float[] gates) {
      return h;
    }

    @Override
    public void rows(float[] c, float[] h, int r0, int r1) {
      if (batch == 1 && units % 8 == 0) {
        single(c, h);
        return;
      }
      int n = 4 * units;
      int all = batch * units;
      for (int r = r0; r < r1; r++) {
        for (int k = 0; k < n; k++) {
          gates[r * n + k] += bias[k]; // BiasAdd
        }
        for (int p = 0; p < 4; p++) { // Split
          System.arraycopy(gates, r * n + p * units, parts[p], r * units, units);
        }
      }
      int from = r0 * units;
      int to = r1 * units;
      float[] i = parts[0];
      float[] j = parts[1];
      float[] f = parts[2];
      float[] o = parts[3];
      float[] tc = parts[4];
      for (int k = from; k < to; k++) {
        f[k] += forgetBias;
      }
      EigenFloat.logistic(f, f, from, to, all);
      EigenFloat.logistic(i, i, from, to, all);
      EigenFloat.tanh(j, j, from, to);
      for (int k = from; k < to; k++) {
        c[k] = c[k] * f[k] + i[k] * j[k]; // each op rounded to float, as the graph's nodes
      }
      EigenFloat.tanh(c, tc, from, to);
      EigenFloat.logistic(o, o, from, to, all);
      for (int k = from; k < to; k++) {
        h[k] = tc[k] * o[k];
      }
    }

    /**
     * {@link #rows} for batch 1 without a Sigmoid tail (units a multiple of 8): every element
     * takes the packet function, so the parts are computed in place in the gates, and f and o,
     * adjacent there, under one call (a batch-1 step is ~1 us; the split's copies and a call
     * were a tenth of it).
     */
    private void single(float[] c, float[] h) {
      int u = units;
      float[] g = gates;
      for (int k = 0; k < 4 * u; k++) {
        g[k] += bias[k]; // BiasAdd
      }
      for (int k = 2 * u; k < 3 * u; k++) {
        g[k] += forgetBias;
      }
      EigenFloat.logistic(g, g, 0, u, 4 * u); // i
      EigenFloat.tanh(g, g, u, 2 * u); // j
      EigenFloat.logistic(g, g, 2 * u, 4 * u, 4 * u); // f and o
      float[] tc = parts[4];
      for (int k = 0; k < u; k++) {
        c[k] = c[k] * g[2 * u + k] + g[k] * g[u + k];
      }
      EigenFloat.tanh(c, tc, 0, u);
      for (int k = 0; k < u; k++) {
        h[k] = tc[k] * g[3 * u + k];
      }
    }
  }
}
