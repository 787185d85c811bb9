package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorgraph.conformance.Differential.GraphBuilder;
import org.tensorgraph.conformance.Differential.Inferred;
import org.tensorgraph.conformance.Differential.Node;
import org.tensorgraph.conformance.Differential.Outcome;
import org.tensorgraph.conformance.Differential.Run;
import org.tensorgraph.conformance.Differential.Script;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.Tensor;
import org.tensorgraph.core.errors.StatusException;
import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.OpBuilder;
import org.tensorgraph.core.graph.Operation;
import org.tensorgraph.core.graph.Output;
import org.tensorgraph.session.Session;

/**
 * Runs a {@link Script} on Tensorgraph: a standard-registry {@link Graph} and a {@link Session}.
 * Besides the values, every fetched tensor must have the dtype its {@code Output} declared and a
 * shape compatible with the statically inferred one — a wrong shape rule fails here even where
 * the kernel is right.
 */
final class OurSide implements GraphBuilder {
  private final Graph graph = new Graph();
  private final boolean constInputs;
  private final boolean staticShapes;
  private final Map<Output, Tensor> feeds = new LinkedHashMap<>();

  private OurSide(boolean constInputs, boolean staticShapes) {
    this.constInputs = constInputs;
    this.staticShapes = staticShapes;
  }

  @Override
  public Object input(Tensor value) {
    if (constInputs) {
      return constant(value);
    }
    Output p = (Output) op("Placeholder",
        Map.of("dtype", value.dtype(), "shape", value.shape()), List.of()).out(0);
    feeds.put(p, value);
    return p;
  }

  @Override
  public Object constant(Tensor value) {
    return graph.opBuilder("Const", null)
        .setAttr("dtype", value.dtype())
        .setAttr("value", value)
        .build()
        .output(0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Node op(String type, Map<String, Object> attrs, List<?> inputs, List<Object> controls) {
    OpBuilder b = graph.opBuilder(type, null);
    controls.forEach(c -> b.addControlInput((Operation) c));
    for (Object in : inputs) {
      if (in instanceof List<?> list) {
        b.addInputList((List<Output>) list);
      } else {
        b.addInput((Output) in);
      }
    }
    attrs.forEach(b::setAttr);
    Operation op = b.build();
    return new Node(op, new ArrayList<>(op.outputs()));
  }

  /** Builds with Const inputs; the fetches' inferred shapes, or the build-time rejection. */
  static Inferred inferred(Script script) {
    OurSide side = new OurSide(true, true);
    try {
      List<Shape> shapes = new ArrayList<>();
      for (Run r : script.build(side)) {
        for (Object f : r.fetches()) {
          shapes.add(((Output) f).shape());
        }
      }
      return new Inferred(shapes, null);
    } catch (IllegalArgumentException e) {
      return new Inferred(List.of(), e.getMessage());
    }
  }

  /** Builds and runs; build-time rejections are IllegalArgumentException, as in TF's Java API. */
  static Outcome run(Script script, boolean constInputs, boolean staticShapes) {
    OurSide side = new OurSide(constInputs, staticShapes);
    List<List<Tensor>> results = new ArrayList<>();
    List<Run> runs;
    try {
      runs = script.build(side);
    } catch (IllegalArgumentException e) {
      return new Outcome(results, "IllegalArgumentException", e.getMessage());
    }
    try (Session session = new Session(side.graph)) {
      for (Run r : runs) {
        results.add(side.runOnce(session, r));
      }
      return new Outcome(results, null, null);
    } catch (StatusException e) {
      return new Outcome(results, Differential.tfExceptionFor(e.code()), e.getMessage());
    } catch (IllegalArgumentException e) { // a feed the session refuses, as Python's client does
      return new Outcome(results, "IllegalArgumentException", e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private List<Tensor> runOnce(Session session, Run r) {
    Map<Output, Tensor> all = new LinkedHashMap<>(feeds);
    r.feeds().forEach((k, v) -> all.put((Output) k, v));
    List<Output> fetches = (List<Output>) (List<?>) r.fetches();
    List<Tensor> out =
        session.run(fetches, all, (List<Operation>) (List<?>) r.targets());
    for (int i = 0; staticShapes && i < out.size(); i++) {
      Output o = fetches.get(i);
      Tensor t = out.get(i);
      assertEquals(o.dtype(), t.dtype(), o + ": declared dtype vs computed");
      assertTrue(o.shape().isCompatibleWith(t.shape()),
          o + ": static shape " + o.shape() + " but computed " + t.shape());
    }
    return out;
  }
}
