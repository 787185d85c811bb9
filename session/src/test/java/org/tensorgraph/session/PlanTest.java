package org.tensorgraph.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tensorgraph.session.TestOps.constant;
import static org.tensorgraph.session.TestOps.op;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/** The node table a plan precomputes, and what a run keeps alive. */
class PlanTest {
  @Test
  void tablesOfAPrunedDiamond() {
    Graph g = TestOps.graph();
    Output a = constant(g, "a", 1);
    constant(g, "unused", 2);
    Output b = op(g, "Neg", "b", a);
    Output c = op(g, "Neg", "c", a);
    Output d = op(g, "AddV2", "d", b, c);
    Plan p = Plan.build(new Plan.Key(g, Set.of(), List.of(d), List.of()));
    assertEquals(List.of("a", "b", "c", "d"),
        Arrays.stream(p.nodes).map(o -> o.name()).toList());
    assertArrayEquals(new int[] {0, 1, 1, 2}, p.initialPending);
    assertArrayEquals(new int[] {0}, p.roots);
    assertArrayEquals(new int[] {1, 2}, p.consumers[0]);
    assertArrayEquals(new int[] {1, 2}, p.inputSlots[3]);
    assertArrayEquals(new int[] {3}, p.fetchSlots);
  }

  @Test
  void runsDropIntermediatesNoLaterNodeReads() {
    Graph g = TestOps.graph();
    Output a = constant(g, "a", 1);
    Output b = op(g, "Neg", "b", a);
    Output c = op(g, "AddV2", "c", b, b);
    Output d = op(g, "AddV2", "d", c, a);
    Output e = op(g, "Neg", "e", d);
    SessionState st = new SessionState(g, Runnable::run, 1);
    Plan p = st.plans.get(new Plan.Key(g, Set.of(), List.of(e, b), List.of()));
    for (Executor pool : new Executor[] {null, Runnable::run}) {
      PlanRun run = new PlanRun(st, p, new RunControl(0), null, pool);
      Object[] out = run.execute(Map.of());
      assertEquals(List.of(Tensor.of(1f), Tensor.of(-1f)), List.of(out));
      // a is read by two nodes (kept by the threaded run, dropped by the direct one), b is
      // fetched, c and d have one reader each
      long live = Arrays.stream(run.values).filter(Objects::nonNull).count();
      assertEquals(pool == null ? 2 : 3, live, Arrays.toString(run.values));
    }
  }
}
