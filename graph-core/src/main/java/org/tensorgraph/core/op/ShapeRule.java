package org.tensorgraph.core.op;

import java.util.List;
import org.tensorgraph.core.Shape;

/**
 * An op's static shape function, run when a node is added so that a wrong call fails on the
 * user's line. It returns one shape per output (unknown dims where they depend on values it cannot
 * see) and throws {@link IllegalArgumentException} with TF's text when the inputs cannot work
 * ({@code "Dimensions must be equal, but are 3 and 4"}); the graph adds the node name and input
 * shapes, as TF's Python does.
 */
@FunctionalInterface
public interface ShapeRule {
  List<Shape> infer(InferenceContext c);
}
