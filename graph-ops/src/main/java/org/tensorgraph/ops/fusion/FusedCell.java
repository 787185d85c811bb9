package org.tensorgraph.ops.fusion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.KernelContext;
import org.tensorgraph.ops.EigenFloat;
import org.tensorgraph.ops.gemm.Parallel;

/**
 * The kernel of a fused cell step (see {@link CellFusion}): the group's elementwise nodes one
 * after another over whole [B, U] arrays, reading the Split parts straight out of the split value
 * (part p of row b starts at {@code b * q * U + p * U}), and setting the root's value as output 0
 * and each export as output {@code 1 + i}.
 *
 * <pre>{@code
 * // BasicLSTMCell: inputs c, gates [B, 4U], forget_bias; 3 arrays a step, 2 of them the outputs
 * }</pre>
 *
 * <p>Same bits as the unfused graph: binary nodes are one IEEE operation per element, operands in
 * the graph's order; Tanh and Sigmoid are {@link EigenFloat}'s array functions over each node's
 * whole flat [B, U] array, so the packet/tail split (the last {@code B * U % 8} elements of a
 * Sigmoid take the scalar function) falls where it falls unfused: a unary node reading a part
 * first copies it into its own array. Arrays are assigned at plan time: a node writes over an
 * operand that it is the last to read, or over an array no longer read; leaves and exports are
 * never written once final. The fast path takes rank-2 float32 split values whose last dim the
 * split divides, leaves of the parts' shape or rank 0, and every node with a non-scalar operand;
 * anything else runs the original kernels ({@link SubgraphRun}), with their errors.
 */
final class FusedCell implements Kernel {
  private static final int PART_BASE = -(1 << 24);
  /** Splits of more parts are left unfused. */
  static final int MAX_PARTS = 1 << 12;
  /**
   * Elements per thread below which a step is not split: a cell's element costs a few ns (two or
   * three transcendental functions and as many products), and a hand-off about 0.5 us.
   */
  static final long PIECE_ELEMENTS = 1024;

  /**
   * A fused cell as the kernel reads it: the group's nodes ({@code ops}, topological, the root
   * last), its leaves (the kernel's inputs), per Split its axis leaf, value leaf and number of
   * parts, and per elementwise node (in order, the root last) its op code and operand refs: a
   * leaf index, {@link #node} or {@link #part}; the exported nodes and outputs.
   */
  record Program(List<Operation> ops, List<Output> leaves, int[][] splits, int[] codes,
      int[][] operands, int[] exportNodes, List<Output> exports) {}

  static int node(int k) {
    return -1 - k;
  }

  static int part(int split, int p) {
    if (p >= MAX_PARTS) {
      throw new IllegalArgumentException("Split of more than " + MAX_PARTS + " parts");
    }
    return PART_BASE - (split * MAX_PARTS + p);
  }

  private static boolean isNode(int ref) {
    return ref < 0 && ref > PART_BASE;
  }

  private final Program program;
  private final int[] codes;
  private final int[][] operands;
  private final int[][] splits;
  /** Per node, the array (register) it writes. */
  private final int[] reg;
  private final int numRegs;
  /** Leaves that elementwise nodes read: each is rank 0 or of the parts' shape. */
  private final int[] operandLeaves;
  /** Nodes all of whose operands are leaves: one must be non-scalar. */
  private final int[] leafOnly;

  FusedCell(Program program) {
    this.program = program;
    this.codes = program.codes();
    this.operands = program.operands();
    this.splits = program.splits();
    this.reg = new int[codes.length];
    this.numRegs = assignRegisters(program, reg);
    this.operandLeaves = Arrays.stream(operands).flatMapToInt(Arrays::stream)
        .filter(r -> r >= 0).distinct().toArray();
    List<Integer> only = new ArrayList<>();
    for (int k = 0; k < codes.length; k++) {
      if (Arrays.stream(operands[k]).allMatch(r -> r >= 0)) {
        only.add(k);
      }
    }
    this.leafOnly = only.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Fills {@code reg} and returns the number of registers: a node takes the register of an
   * operand it reads last (in place), else a free one, else a new one; exports and the root keep
   * theirs.
   */
  static int assignRegisters(Program p, int[] reg) {
    int n = p.codes().length;
    int[] lastUse = new int[n];
    Arrays.fill(lastUse, -1);
    for (int k = 0; k < n; k++) {
      for (int ref : p.operands()[k]) {
        if (isNode(ref)) {
          lastUse[-1 - ref] = k;
        }
      }
    }
    boolean[] kept = new boolean[n];
    kept[n - 1] = true;
    for (int e : p.exportNodes()) {
      kept[e] = true;
    }
    Deque<Integer> free = new ArrayDeque<>();
    int regs = 0;
    for (int k = 0; k < n; k++) {
      int r = -1;
      int[] refs = p.operands()[k];
      for (int ref : refs) {
        if (r < 0 && isNode(ref) && lastUse[-1 - ref] == k && !kept[-1 - ref]) {
          r = reg[-1 - ref];
        }
      }
      if (r < 0) {
        r = free.isEmpty() ? regs++ : free.pop();
      }
      reg[k] = r;
      for (int ref : Arrays.stream(refs).distinct().toArray()) {
        if (isNode(ref) && lastUse[-1 - ref] == k && !kept[-1 - ref] && reg[-1 - ref] != r) {
          free.push(reg[-1 - ref]);
        }
      }
    }
    return regs;
  }

  @Override
  public void compute(KernelContext ctx) {
    long dims = fastDims(ctx);
    if (dims < 0) {
      SubgraphRun.run(ctx, program.ops(), program.leaves(), program.exports());
      return;
    }
    int rows = (int) (dims >>> 32);
    int cols = (int) dims;
    int n = rows * cols;
    float[][] regs = new float[numRegs][];
    for (int k = 0; k < codes.length; k++) {
      if (regs[reg[k]] == null) {
        regs[reg[k]] = new float[n];
      }
    }
    // why rows split: every node is elementwise, so row blocks are independent; each block runs
    // the whole program, and the Sigmoid tail rule is by flat index, the same in every block
    int pieces = Parallel.pieces(n, PIECE_ELEMENTS, ctx.intraOpParallelism());
    int per = (rows + pieces - 1) / pieces;
    Parallel.run(pieces, ctx.intraOpExecutor(),
        p -> evaluate(ctx, regs, rows, cols, p * per, Math.min(rows, (p + 1) * per)));
    Shape shape = Shape.of(rows, cols);
    ctx.setOutput(0, Tensor.wrap(shape, regs[reg[codes.length - 1]]));
    int[] exports = program.exportNodes();
    for (int i = 0; i < exports.length; i++) {
      ctx.setOutput(1 + i, Tensor.wrap(shape, regs[reg[exports[i]]]));
    }
  }

  /** Every node over rows {@code [r0, r1)} of the [rows, cols] arrays. */
  private void evaluate(KernelContext ctx, float[][] regs, int rows, int cols, int r0, int r1) {
    for (int k = 0; r0 < r1 && k < codes.length; k++) {
      float[] dst = regs[reg[k]];
      int[] refs = operands[k];
      if (refs.length == 1) {
        unary(ctx, codes[k], refs[0], dst, regs, rows, cols, r0, r1);
      } else {
        binary(codes[k], ctx, refs[0], refs[1], dst, regs, cols, r0, r1);
      }
    }
  }

  /**
   * The parts' shape as {@code rows << 32 | cols}, or -1 when the inputs need the original
   * kernels: a split value that is not a rank-2 float32 its split divides along the last axis
   * (the axis checked again: a fed Const may change it), parts of different shapes, an operand
   * leaf of another shape or dtype, or a node whose operands are all rank-0 leaves.
   */
  private long fastDims(KernelContext ctx) {
    long rows = -1;
    long cols = -1;
    for (int[] s : splits) {
      Tensor axis = ctx.input(s[0]);
      Tensor value = ctx.input(s[1]);
      if (axis.dtype() != DType.INT32 || axis.rank() != 0 || Math.abs(axis.intValue()) != 1
          || value.dtype() != DType.FLOAT32 || value.rank() != 2
          || value.shape().dim(1) % s[2] != 0) {
        return -1;
      }
      long r = value.shape().dim(0);
      long c = value.shape().dim(1) / s[2];
      if (rows >= 0 && (r != rows || c != cols)) {
        return -1;
      }
      rows = r;
      cols = c;
    }
    for (int i : operandLeaves) {
      Tensor t = ctx.input(i);
      if (t.dtype() != DType.FLOAT32 || t.rank() != 0 && (t.rank() != 2
          || t.shape().dim(0) != rows || t.shape().dim(1) != cols)) {
        return -1;
      }
    }
    for (int k : leafOnly) {
      boolean scalar = true;
      for (int r : operands[k]) {
        scalar &= ctx.input(r).rank() == 0;
      }
      if (scalar) {
        return -1;
      }
    }
    return rows << 32 | cols;
  }

  /**
   * A Tanh or Sigmoid into rows {@code [r0, r1)} of {@code dst}, a [rows, cols] array: a part is
   * first copied into {@code dst}, so that the flat index, as unfused, decides packet or tail.
   */
  private void unary(KernelContext ctx, int code, int ref, float[] dst, float[][] regs, int rows,
      int cols, int r0, int r1) {
    float[] src;
    if (isNode(ref)) {
      src = regs[reg[-1 - ref]];
    } else if (ref >= 0) {
      src = (float[]) ctx.input(ref).rawData();
    } else {
      float[] value = array(ctx, ref, regs);
      int off = offset(ref, cols);
      int stride = stride(ctx, ref, cols);
      for (int row = r0; row < r1; row++) {
        System.arraycopy(value, off + row * stride, dst, row * cols, cols);
      }
      src = dst;
    }
    if (code == FusedElementwise.TANH) {
      EigenFloat.tanh(src, dst, r0 * cols, r1 * cols);
    } else {
      EigenFloat.logistic(src, dst, r0 * cols, r1 * cols, rows * cols);
    }
  }

  /**
   * Rows {@code [r0, r1)} of {@code dst = a op b}, row by row (a part's rows are strided), a
   * rank-0 leaf broadcast.
   */
  private void binary(int code, KernelContext ctx, int ra, int rb, float[] dst, float[][] regs,
      int cols, int r0, int r1) {
    int rows = r1 - r0;
    if (rows * cols == 0) {
      return;
    }
    float[] a = array(ctx, ra, regs);
    float[] b = array(ctx, rb, regs);
    int as = stride(ctx, ra, cols);
    int bs = stride(ctx, rb, cols);
    int ai = offset(ra, cols) + r0 * as;
    int bi = offset(rb, cols) + r0 * bs;
    int ri = r0 * cols;
    if ((as == cols || as == 0) && (bs == cols || bs == 0)) {
      cols *= rows; // both contiguous: one row
      rows = 1;
    }
    for (int row = 0; row < rows; row++, ai += as, bi += bs, ri += cols) {
      if (as == 0) {
        scalarLeft(code, a[ai], b, bi, dst, ri, cols);
      } else if (bs == 0) {
        scalarRight(code, a, ai, b[bi], dst, ri, cols);
      } else {
        both(code, a, ai, b, bi, dst, ri, cols);
      }
    }
  }

  private float[] array(KernelContext ctx, int ref, float[][] regs) {
    if (ref >= 0) {
      return (float[]) ctx.input(ref).rawData();
    }
    if (isNode(ref)) {
      return regs[reg[-1 - ref]];
    }
    return (float[]) ctx.input(splits[(PART_BASE - ref) / MAX_PARTS][1]).rawData();
  }

  /** Row stride: 0 for a rank-0 leaf, the split value's row for a part, else cols. */
  private int stride(KernelContext ctx, int ref, int cols) {
    if (ref >= 0) {
      return ctx.input(ref).rank() == 0 ? 0 : cols;
    }
    return isNode(ref) ? cols : splits[(PART_BASE - ref) / MAX_PARTS][2] * cols;
  }

  private static int offset(int ref, int cols) {
    return ref < 0 && !isNode(ref) ? (PART_BASE - ref) % MAX_PARTS * cols : 0;
  }

  private static void both(int code, float[] a, int ai, float[] b, int bi, float[] r, int ri,
      int n) {
    switch (code) {
      case FusedElementwise.ADD -> {
        for (int j = 0; j < n; j++) {
          r[ri + j] = a[ai + j] + b[bi + j];
        }
      }
      case FusedElementwise.SUB -> {
        for (int j = 0; j < n; j++) {
          r[ri + j] = a[ai + j] - b[bi + j];
        }
      }
      default -> {
        for (int j = 0; j < n; j++) {
          r[ri + j] = a[ai + j] * b[bi + j];
        }
      }
    }
  }

  private static void scalarLeft(int code, float x, float[] b, int bi, float[] r, int ri,
      int n) {
    for (int j = 0; j < n; j++) {
      float y = b[bi + j];
      r[ri + j] = code == FusedElementwise.ADD ? x + y : code == FusedElementwise.SUB ? x - y
          : x * y;
    }
  }

  private static void scalarRight(int code, float[] a, int ai, float y, float[] r, int ri,
      int n) {
    switch (code) {
      case FusedElementwise.ADD -> {
        for (int j = 0; j < n; j++) {
          r[ri + j] = a[ai + j] + y;
        }
      }
      case FusedElementwise.SUB -> {
        for (int j = 0; j < n; j++) {
          r[ri + j] = a[ai + j] - y;
        }
      }
      default -> {
        for (int j = 0; j < n; j++) {
          r[ri + j] = a[ai + j] * y;
        }
      }
    }
  }
}
