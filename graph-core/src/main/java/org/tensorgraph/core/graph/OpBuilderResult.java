package org.tensorgraph.core.graph;

import java.util.List;
import java.util.Map;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Shape;
import org.tensorgraph.core.op.OpDef;

/** A checked node, ready to be added to its graph. */
record OpBuilderResult(OpDef def, List<Output> inputs, List<Operation> controlInputs,
    Map<String, Object> attrs, DType[] outputTypes, boolean[] refOutputs, Shape[] outputShapes) {}
