package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.core.op.Fusion;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Fused groups with exports through the planner and every executor: an export's slot, its
 * readers waiting for the fused entry, fetches of it, and the groups the planner must refuse.
 */
class PlanFusionTest {
  /**
   * {@code b = -x; c = b + x; root = c * c}, fused at root with the given absorbed nodes and
   * exports; the kernel computes all three and sets root then the exports.
   */
  private record Case(Graph g, Output x, Output b, Output c, Output root) {}

  private static Case build(List<String> absorbed, List<String> exports, boolean earlyReader) {
    OpRegistry r = new OpRegistry();
    TestOps.REGISTRY.all().values().forEach(r::register);
    Graph g = new Graph(r);
    Output x = TestOps.placeholder(g, "x", Shape.of(2));
    Output b = TestOps.op(g, "Neg", "b", x);
    Output c = TestOps.op(g, "AddV2", "c", b, x);
    if (earlyReader) {
      TestOps.op(g, "Neg", "early", c);
    }
    Output root = TestOps.op(g, "Mul", "root", c, c);
    r.registerFusion((op, scope) -> op != root.op() ? null : new Fusion.Group(
        absorbed.stream().map(g::operation).toList(), List.of(x), ctx -> {
          Tensor bv = TestOps.map(ctx.input(0), v -> -v);
          Tensor cv = TestOps.zip(bv, ctx.input(0), Float::sum);
          ctx.setOutput(0, TestOps.zip(cv, cv, (p, q) -> p * q));
          for (int i = 0; i < exports.size(); i++) {
            ctx.setOutput(1 + i, exports.get(i).equals("b") ? bv : cv);
          }
        }, exports.stream().map(n -> g.operation(n).output(0)).toList()));
    return new Case(g, x, b, c, root);
  }

  private static List<String> planned(Case k, Set<Output> feeds, List<Output> fetches,
      List<Operation> targets) {
    Plan p = Plan.build(new Plan.Key(k.g, feeds, fetches, targets));
    return Arrays.stream(p.nodes).map(Operation::name).toList();
  }

  private static final Tensor X = Tensor.of(new float[] {1.5f, -2f});

  @Test
  void exportsGetSlotsAfterTheRootsOutputsAndAreFetched() {
    Case k = build(List.of("b", "c"), List.of("c", "b"), false);
    Output after = TestOps.op(k.g, "Neg", "after", k.c);
    Plan p = Plan.build(new Plan.Key(k.g, Set.of(k.x), List.of(after, k.b, k.root),
        List.of()));
    assertEquals(List.of("root", "after"), Arrays.stream(p.nodes).map(Operation::name).toList());
    assertEquals(3, p.numOutputs[0]);
    assertEquals(1, p.numOutputs[1]);
    // root's output, then c, then b; after reads c and waits for the fused entry
    assertEquals(p.outputBase[0] + 1, p.inputSlots[1][0]);
    assertEquals(List.of(p.outputBase[1], p.outputBase[0] + 2, p.outputBase[0]),
        Arrays.stream(p.fetchSlots).boxed().toList());
    assertEquals(1, p.initialPending[1]);
    assertEquals(List.of(1), Arrays.stream(p.consumers[0]).boxed().toList());
    Set<String> ran = ExecutorConfig.sameOnEveryExecutor(k.g, List.of(after, k.b, k.root, k.c),
        Map.of(k.x, X));
    assertEquals(Set.of("root", "after"), ran);
  }

  @Test
  void aGroupWithAnAbsorbedOutputReadOutsideAndNotExportedIsIgnored() {
    Case k = build(List.of("b", "c"), List.of("c"), false);
    // b is fetched but not exported
    assertEquals(List.of("b", "c", "root"), planned(k, Set.of(k.x), List.of(k.root, k.b),
        List.of()));
    assertEquals(List.of("root"), planned(k, Set.of(k.x), List.of(k.root), List.of()));
    Output after = TestOps.op(k.g, "Neg", "after", k.b);
    assertTrue(ExecutorConfig.sameOnEveryExecutor(k.g, List.of(after, k.root), Map.of(k.x, X))
        .contains("b"));
  }

  @Test
  void anExportReadBeforeTheRootIsRefused() {
    Case k = build(List.of("b", "c"), List.of("c"), true);
    Output early = k.g.operation("early").output(0);
    assertEquals(List.of("b", "c", "early", "root"), planned(k, Set.of(k.x),
        List.of(k.root, early), List.of()));
    Set<String> ran = ExecutorConfig.sameOnEveryExecutor(k.g, List.of(early, k.root),
        Map.of(k.x, X));
    assertTrue(ran.contains("c"), ran.toString());
  }

  @Test
  void fedExportsTargetsAndExportsOfTheRootAreRefused() {
    Case k = build(List.of("b", "c"), List.of("c"), false);
    // a fed c does not run: b runs (fetched), the group is refused
    assertEquals(List.of("b", "root"), planned(k, Set.of(k.x, k.c), List.of(k.root, k.b),
        List.of()));
    assertEquals(List.of("b", "c", "root"), planned(k, Set.of(k.x), List.of(k.root),
        List.of(k.b.op())));
    Case rootExport = build(List.of("b", "c"), List.of("root"), false);
    assertEquals(List.of("b", "c", "root"), planned(rootExport, Set.of(rootExport.x),
        List.of(rootExport.root), List.of()));
    Case doubled = build(List.of("b", "c"), List.of("c", "c"), false);
    assertEquals(List.of("b", "c", "root"), planned(doubled, Set.of(doubled.x),
        List.of(doubled.root), List.of()));
  }

  @Test
  void aGroupWithControlEdgesOnAnAbsorbedNodeIsRefused() {
    Case k = build(List.of("b", "c"), List.of(), false);
    Operation noop = k.g.opBuilder("NoOp", "gate").addControlInput(k.b.op()).build();
    List<String> names = new ArrayList<>(planned(k, Set.of(k.x), List.of(k.root),
        List.of(noop)));
    assertTrue(names.contains("b"), names.toString());
    assertFalse(planned(k, Set.of(k.x), List.of(k.root), List.of()).contains("b"));
  }
}
