package org.tensorgraph.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;
import org.tensorgraph.core.op.Kernel;
import org.tensorgraph.core.op.OpDef;

/**
 * What one (feeds, fetches, targets) signature needs, computed once and cached: the pruned nodes
 * in topological order and a node table of int arrays, so that a run does no hash lookups. Every
 * value of a run lives in one {@code Object[]} indexed by slot: each executed node's outputs (a
 * fused entry's root outputs, then its group's exports), then the fed tensors that no executed
 * node produces.
 */
final class Plan {
  /** The cache key. Feeds are a set: their order does not change what runs. */
  record Key(Graph graph, Set<Output> feeds, List<Output> fetches, List<Operation> targets) {}

  final Operation[] nodes;
  final Kernel[] kernels;
  final boolean[] expensive;
  /** Per node, the slot of each input. */
  final int[][] inputSlots;
  /** Per node, the slot of output 0 (outputs are consecutive). */
  final int[] outputBase;
  /** Per node, how many outputs its kernel sets: the node's own, then its group's exports. */
  final int[] numOutputs;
  /** Per node, the nodes that wait for it (data or control), each once. */
  final int[][] consumers;
  /** Per node, how many distinct executed nodes it waits for. */
  final int[] initialPending;
  /** Nodes that wait for nothing, in order. */
  final int[] roots;
  final int numSlots;
  /** Slots holding fed values: kernels' writes to them are dropped, as TF's feeds replace edges. */
  final boolean[] fedSlot;
  /** The slot of each fed tensor. */
  final Map<Output, Integer> feedSlots;
  /** The slot of each fetch, in key order. */
  final int[] fetchSlots;
  /**
   * Per node, the slots no later node reads (in plan order): the direct executor drops them once
   * the node ran, so a run holds only live intermediates, as TF's executor does.
   */
  final int[][] releaseInOrder;
  /** Per node, the slots only this node reads: the threaded executor drops them after it ran. */
  final int[][] releaseSingleUse;

  /** Per node, what its kernel reads: the node's inputs, or its fused group's. */
  private final List<Output>[] inputs;

  @SuppressWarnings("unchecked")
  private Plan(Key key, List<Operation> exec, Map<Operation, Fusion.Group> groups) {
    int n = exec.size();
    nodes = exec.toArray(new Operation[0]);
    inputs = new List[n];
    kernels = new Kernel[n];
    expensive = new boolean[n];
    inputSlots = new int[n][];
    outputBase = new int[n];
    numOutputs = new int[n];
    consumers = new int[n][];
    initialPending = new int[n];
    Map<Output, Integer> slotOf = new HashMap<>();
    Map<Output, Integer> producerOf = new HashMap<>();
    int next = 0;
    for (int i = 0; i < n; i++) {
      Fusion.Group g = groups.get(nodes[i]);
      kernels[i] = g == null ? nodes[i].opDef().kernel() : g.kernel();
      inputs[i] = g == null ? nodes[i].inputs() : g.inputs();
      expensive[i] = isExpensive(nodes[i]) || g != null
          && g.absorbed().stream().anyMatch(Plan::isExpensive);
      outputBase[i] = next;
      List<Output> outs = new ArrayList<>(nodes[i].outputs());
      if (g != null) {
        outs.addAll(g.exports());
      }
      numOutputs[i] = outs.size();
      for (Output o : outs) {
        slotOf.put(o, next++);
        producerOf.put(o, i);
      }
    }
    feedSlots = new HashMap<>();
    for (Output f : key.feeds()) {
      Integer s = slotOf.get(f);
      if (s == null) {
        s = next++;
        slotOf.put(f, s);
      }
      feedSlots.put(f, s);
    }
    numSlots = next;
    fedSlot = new boolean[numSlots];
    feedSlots.values().forEach(s -> fedSlot[s] = true);
    fetchSlots = key.fetches().stream().mapToInt(slotOf::get).toArray();
    roots = link(key.feeds(), slotOf, producerOf);
    releaseInOrder = new int[n][];
    releaseSingleUse = new int[n][];
    planReleases();
  }

  /** Fills the release lists: fetched and fed slots are never dropped. */
  private void planReleases() {
    int[] lastReader = new int[numSlots];
    int[] readers = new int[numSlots];
    Arrays.fill(lastReader, -1);
    for (int i = 0; i < nodes.length; i++) {
      for (int s : Arrays.stream(inputSlots[i]).distinct().toArray()) {
        lastReader[s] = i;
        readers[s]++;
      }
    }
    boolean[] keep = fedSlot.clone();
    for (int s : fetchSlots) {
      keep[s] = true;
    }
    List<List<Integer>> inOrder = new ArrayList<>();
    List<List<Integer>> single = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      inOrder.add(new ArrayList<>());
      single.add(new ArrayList<>());
    }
    for (int s = 0; s < numSlots; s++) {
      if (!keep[s] && lastReader[s] >= 0) {
        inOrder.get(lastReader[s]).add(s);
        if (readers[s] == 1) {
          single.get(lastReader[s]).add(s);
        }
      }
    }
    for (int i = 0; i < nodes.length; i++) {
      releaseInOrder[i] = inOrder.get(i).stream().mapToInt(Integer::intValue).toArray();
      releaseSingleUse[i] = single.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static boolean isExpensive(Operation op) {
    return op.opDef().cost() == OpDef.Cost.EXPENSIVE;
  }

  /**
   * Prunes the graph to what the key needs, fuses what the registered fusions allow (see {@link
   * PlanFusion}) and builds the node table.
   */
  static Plan build(Key key) {
    List<Operation> exec = executedNodes(key);
    Map<Operation, Fusion.Group> groups = PlanFusion.find(key, exec);
    if (!groups.isEmpty()) {
      Set<Operation> absorbed = new HashSet<>();
      groups.values().forEach(g -> absorbed.addAll(g.absorbed()));
      exec = exec.stream().filter(op -> !absorbed.contains(op)).toList();
    }
    return new Plan(key, exec, groups);
  }

  /**
   * Fills input slots, consumers and pending counts; returns the roots. A value's producer is the
   * entry that sets it ({@code producerOf}): for a fused group's export, the group's root.
   */
  private int[] link(Set<Output> feeds, Map<Output, Integer> slotOf,
      Map<Output, Integer> producerOf) {
    Map<Operation, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.length; i++) {
      index.put(nodes[i], i);
    }
    List<List<Integer>> cons = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      cons.add(new ArrayList<>());
    }
    List<Integer> rootList = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      Operation op = nodes[i];
      inputSlots[i] = inputs[i].stream().mapToInt(slotOf::get).toArray();
      Set<Integer> producers = new LinkedHashSet<>();
      for (Output in : inputs[i]) {
        Integer p = producerOf.get(in);
        if (p != null && !feeds.contains(in)) {
          producers.add(p);
        }
      }
      for (Operation c : op.controlInputs()) {
        Integer p = index.get(c);
        if (p != null) {
          producers.add(p);
        }
      }
      initialPending[i] = producers.size();
      for (int p : producers) {
        cons.get(p).add(i);
      }
      if (producers.isEmpty()) {
        rootList.add(i);
      }
    }
    for (int i = 0; i < nodes.length; i++) {
      consumers[i] = cons.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return rootList.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The nodes a run executes, in creation (topological) order: everything the fetches and
   * targets reach through data edges that are not fed and through control edges, less the fed
   * placeholders (TF redirects a fed placeholder's control edges to the feed; any other fed node
   * that a control edge reaches still runs).
   */
  static List<Operation> executedNodes(Key key) {
    Set<Operation> seen = new HashSet<>();
    Deque<Operation> work = new ArrayDeque<>(key.targets());
    for (Output f : key.fetches()) {
      if (!key.feeds().contains(f)) {
        work.push(f.op());
      }
    }
    while (!work.isEmpty()) {
      Operation op = work.pop();
      if (!seen.add(op)) {
        continue;
      }
      for (Output in : op.inputs()) {
        if (!key.feeds().contains(in)) {
          work.push(in.op());
        }
      }
      work.addAll(op.controlInputs());
    }
    List<Operation> r = new ArrayList<>();
    for (Operation op : seen) {
      if (!isFedPlaceholder(op, key.feeds())) {
        r.add(op);
      }
    }
    r.sort(Comparator.comparingInt(Operation::id));
    return r;
  }

  /** A placeholder-like node whose outputs are all fed: the feed stands in for it. */
  static boolean isFedPlaceholder(Operation op, Set<Output> feeds) {
    String t = op.type();
    if (!t.equals("Placeholder") && !t.equals("PlaceholderV2") && !t.equals("_Arg")) {
      return false;
    }
    for (Output o : op.outputs()) {
      if (!feeds.contains(o)) {
        return false;
      }
    }
    return op.numOutputs() > 0;
  }
}
