package org.tensorgraph.ops.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tensorgraph.ops.controlflow.CfTesting.constant;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.InvalidArgumentException;
import org.tensorgraph.core.errors.NotFoundException;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.FuncAttr;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.GraphFunction;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.ExecutorConfig;
import org.tensorgraph.session.Session;

/**
 * A raw functional {@code While} whose functions do not fit its loop variables: each executor's
 * function call (the plan executors' positional one, the reference interpreter's map) checks the
 * arguments on every call with TF's texts, and looks a function up only when it is called.
 */
class WhileCallTest {
  /** {@code i < 3} over one int32. */
  private static void addCond(Graph g) {
    Graph b = g.newFunctionBody();
    Operation i = arg(b, "i", DType.INT32, 0);
    Output lt = b.opBuilder("Less", "lt").addInput(i.output(0)).addInput(constant(b, 3)).build()
        .output(0);
    g.addFunction(new GraphFunction("cond", b, List.of(i), List.of(lt), List.of("lt")));
  }

  /** {@code i + 1} over parameters of {@code types}; the first is the counter, others pass. */
  private static void addBody(Graph g, String name, DType... types) {
    Graph b = g.newFunctionBody();
    List<Operation> args = new ArrayList<>();
    for (int k = 0; k < types.length; k++) {
      args.add(arg(b, "a" + k, types[k], k));
    }
    Output first = args.get(0).output(0);
    Output next = types[0] == DType.INT32 ? b.opBuilder("AddV2", "add").addInput(first)
        .addInput(constant(b, 1)).build().output(0) : first;
    List<Output> results = new ArrayList<>(List.of(next));
    List<String> names = new ArrayList<>(List.of("r0"));
    for (int k = 1; k < types.length; k++) {
      results.add(args.get(k).output(0));
      names.add("r" + k);
    }
    g.addFunction(new GraphFunction(name, b, args, results, names));
  }

  private static Operation arg(Graph b, String name, DType t, long index) {
    return b.opBuilder("_Arg", name).setAttr("T", t).setAttr("index", index).build();
  }

  private static Output loop(Graph g, String name, String body, int start) {
    return g.opBuilder("While", name).addInputList(List.of(constant(g, start)))
        .setAttr("cond", FuncAttr.of("cond")).setAttr("body", FuncAttr.of(body)).build()
        .output(0);
  }

  @ParameterizedTest
  @EnumSource(ExecutorConfig.class)
  void callsCheckTheirArgumentsWithTfsTexts(ExecutorConfig exec) {
    Graph g = new Graph();
    addCond(g);
    addBody(g, "good", DType.INT32);
    addBody(g, "floats", DType.FLOAT32);
    addBody(g, "pair", DType.INT32, DType.INT32);
    Output good = loop(g, "good_loop", "good", 0);
    Output floats = loop(g, "float_loop", "floats", 0);
    Output pair = loop(g, "pair_loop", "pair", 0);
    Output ghost = loop(g, "ghost_loop", "ghost", 0);
    Output ghostNeverCalled = loop(g, "idle_loop", "ghost", 5);
    try (Session s = exec.open(g)) {
      assertEquals(Tensor.of(3), s.run(good));
      assertEquals(Tensor.of(3), s.run(good), "a second run gives the same");
      StatusException e = assertThrows(InvalidArgumentException.class, () -> s.run(floats));
      assertEquals("Expects arg[0] to be float but int32 is provided", e.rawMessage());
      assertEquals("float_loop", e.nodeName());
      e = assertThrows(InvalidArgumentException.class, () -> s.run(pair));
      assertEquals("Expects 2 arguments, but 1 is provided", e.rawMessage());
      e = assertThrows(NotFoundException.class, () -> s.run(ghost));
      assertEquals("Function ghost is not defined.", e.rawMessage());
      assertEquals(Tensor.of(5), s.run(ghostNeverCalled), "a body never called is never looked up");
    }
  }
}
