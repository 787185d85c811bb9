package org.tensorgraph.ops.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;

/**
 * Fuses an RNN cell's whole post-matmul step into one {@link FusedCell} with two outputs: a DAG
 * of float32 {@code Add}/{@code AddV2}/{@code Sub}/{@code Mul}/{@code Tanh}/{@code Sigmoid} nodes
 * over the parts of a last-axis {@code Split}. BasicLSTMCell's (and LSTMCell's without peephole,
 * clip or projection)
 *
 * <pre>{@code
 * i, j, f, o = split(gates, 4, axis=1)
 * new_c = c * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j)   // exported: a loop result
 * new_h = tanh(new_c) * sigmoid(o)                              // the root
 * }</pre>
 *
 * <p>becomes one plan entry instead of a Split and two {@link ElementwiseFusion} trees, and
 * allocates three arrays a step instead of four parts and the trees' results. The group grows
 * from the root backward, in reverse plan order, so every reader of a node is decided before the
 * node: a node read only inside the group joins it ({@link Fusion.Scope#readOnlyBy}), one read
 * outside too joins as an export ({@link Fusion.Scope#mayExport}), a Split joins when all its
 * parts are read inside. A group with no Split is left to {@link ElementwiseFusion}. Registered
 * after {@link MatMulFusion} and before {@link ElementwiseFusion}. The system property {@code
 * tensorgraph.cellfusion=false} turns it off (for comparisons).
 */
public final class CellFusion implements Fusion {
  static final boolean ENABLED = !"false".equals(System.getProperty("tensorgraph.cellfusion"));
  /** Groups stop growing here. */
  static final int MAX_NODES = 32;

  @Override
  public Group match(Operation root, Scope scope) {
    if (!ENABLED || !ElementwiseFusion.fusible(root)) {
      return null;
    }
    Set<Operation> group = new HashSet<>();
    group.add(root);
    List<Output> exports = new ArrayList<>();
    PriorityQueue<Operation> work =
        new PriorityQueue<>(Comparator.comparingInt(Operation::id).reversed());
    Set<Operation> queued = new HashSet<>();
    enqueueInputs(root, work, queued);
    boolean split = false;
    while (!work.isEmpty() && group.size() < MAX_NODES) {
      Operation p = work.poll(); // the latest candidate: all its possible readers are decided
      if (ElementwiseFusion.fusible(p)) {
        if (!scope.readOnlyBy(p, group)) {
          if (!scope.mayExport(p.output(0), group, root)) {
            continue;
          }
          exports.add(p.output(0));
        }
        group.add(p);
        enqueueInputs(p, work, queued);
      } else if (lastAxisSplit(p) && scope.readOnlyBy(p, group)) {
        group.add(p); // its inputs are leaves: the kernel reads the parts out of its value
        split = true;
      }
    }
    return split ? group(root, group, exports) : null;
  }

  private static void enqueueInputs(Operation op, PriorityQueue<Operation> work,
      Set<Operation> queued) {
    for (Output in : op.inputs()) {
      if (queued.add(in.op())) {
        work.add(in.op());
      }
    }
  }

  /**
   * A float32 {@code Split} whose axis is a Const 1 or -1 (the last axis of the rank-2 value the
   * fast path takes; the kernel checks the rank, and the axis again in case it is fed).
   */
  static boolean lastAxisSplit(Operation op) {
    if (!op.type().equals("Split") || op.attr("T") != DType.FLOAT32
        || op.numOutputs() > FusedCell.MAX_PARTS) {
      return false;
    }
    Operation axis = op.inputs().get(0).op();
    return axis.type().equals("Const") && axis.attr("value") instanceof Tensor t
        && t.dtype() == DType.INT32 && t.rank() == 0 && Math.abs(t.intValue()) == 1;
  }

  private static Group group(Operation root, Set<Operation> members, List<Output> exports) {
    List<Operation> ops = new ArrayList<>(members);
    ops.sort(Comparator.comparingInt(Operation::id)); // topological: the root is last
    FusedCell.Program program = program(ops, exports);
    List<Operation> absorbed = ops.subList(0, ops.size() - 1);
    return new Group(absorbed, program.leaves(), new FusedCell(program), exports);
  }

  /** The kernel's program of the group {@code ops}, in topological order. */
  static FusedCell.Program program(List<Operation> ops, List<Output> exports) {
    Map<Output, Integer> leaves = new LinkedHashMap<>();
    Map<Operation, Integer> nodeIndex = new LinkedHashMap<>();
    Map<Operation, Integer> splitIndex = new LinkedHashMap<>();
    List<int[]> splits = new ArrayList<>(); // per split: axis leaf, value leaf, num_split
    List<Operation> nodes = new ArrayList<>();
    List<int[]> operands = new ArrayList<>();
    for (Operation op : ops) {
      if (op.type().equals("Split")) {
        splitIndex.put(op, splits.size());
        splits.add(new int[] {leaf(leaves, op.inputs().get(0)), leaf(leaves, op.inputs().get(1)),
            op.numOutputs()});
        continue;
      }
      int[] refs = new int[op.inputs().size()];
      for (int i = 0; i < refs.length; i++) {
        Output in = op.inputs().get(i);
        Integer node = nodeIndex.get(in.op());
        Integer s = splitIndex.get(in.op());
        refs[i] = node != null ? FusedCell.node(node)
            : s != null ? FusedCell.part(s, in.index()) : leaf(leaves, in);
      }
      nodeIndex.put(op, nodes.size());
      nodes.add(op);
      operands.add(refs);
    }
    int[] exportNodes = exports.stream().mapToInt(e -> nodeIndex.get(e.op())).toArray();
    int[] codes = nodes.stream().mapToInt(op -> ElementwiseFusion.OPS.get(op.type())).toArray();
    return new FusedCell.Program(ops, List.copyOf(leaves.keySet()), splits.toArray(new int[0][]),
        codes, operands.toArray(new int[0][]), exportNodes, exports);
  }

  private static int leaf(Map<Output, Integer> leaves, Output o) {
    return leaves.computeIfAbsent(o, k -> leaves.size());
  }
}
