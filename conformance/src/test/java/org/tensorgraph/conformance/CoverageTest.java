package org.tensorgraph.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tensorgraph.core.op.OpRegistry;

/**
 * Every op of issue 3 that the standard registry holds has at least one conformance row. Runs
 * without TF: it only counts rows. With {@code -Dtensorgraph.conformance.counts=true} it prints
 * the number of rows per op.
 */
class CoverageTest {
  /** The ops issue 3 asks for, by family. */
  static final List<String> ISSUE_3_OPS = List.of(
      // state
      "Placeholder", "PlaceholderWithDefault", "Const", "Identity", "IdentityN", "NoOp",
      "VariableV2", "Assign", "AssignAdd", "AssignSub", "Assert",
      // math
      "Add", "AddV2", "AddN", "Sub", "Mul", "RealDiv", "Div", "FloorDiv", "FloorMod", "Maximum",
      "Minimum", "Neg", "Abs", "Sign", "Square", "Sqrt", "Rsqrt", "Exp", "Log", "Log1p", "Pow",
      "Tanh", "Sigmoid", "Cast", "Equal", "NotEqual", "Less", "LessEqual", "Greater",
      "GreaterEqual", "LogicalAnd", "LogicalOr", "LogicalNot", "Select", "SelectV2",
      "ClipByValue", "MatMul", "BatchMatMulV2", "BiasAdd", "Sum", "Mean", "Max", "Min", "Prod",
      "All", "Any", "ArgMax", "ArgMin",
      // array
      "Shape", "ShapeN", "Size", "Rank", "Reshape", "Transpose", "ExpandDims", "Squeeze",
      "ConcatV2", "Split", "SplitV", "Slice", "StridedSlice", "Pack", "Unpack", "Fill",
      "ZerosLike", "OnesLike", "Range", "Tile", "GatherV2", "OneHot", "ReverseV2",
      "ReverseSequence", "Pad", "BroadcastTo",
      // nn
      "Relu", "Relu6", "Elu", "Softplus", "Softmax", "LogSoftmax", "SoftmaxCrossEntropyWithLogits",
      "SparseSoftmaxCrossEntropyWithLogits",
      // random
      "RandomUniform", "RandomUniformInt", "RandomStandardNormal", "TruncatedNormal");


  static Stream<ConformanceCase> allRows() {
    return Stream.of(MathConformanceTest.cases(), MatMulConformanceTest.cases(),
            ReductionConformanceTest.cases(), NnConformanceTest.cases(),
            ArrayConformanceTest.cases(), IndexingConformanceTest.cases(),
            StateConformanceTest.cases(), RandomGraphConformanceTest.cases())
        .flatMap(s -> s.map(c -> (ConformanceCase) c));
  }

  static Map<String, Integer> rowsPerOp() {
    Map<String, Integer> counts = new TreeMap<>();
    allRows().forEach(c -> c.covers().forEach(op -> counts.merge(op, 1, Integer::sum)));
    return counts;
  }

  @Test
  void everyRegisteredIssue3OpHasARow() {
    Set<String> registered = OpRegistry.standard().all().keySet();
    Map<String, Integer> counts = rowsPerOp();
    Set<String> uncovered = ISSUE_3_OPS.stream()
        .filter(registered::contains)
        .filter(op -> !counts.containsKey(op))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), uncovered, "issue-3 ops without a conformance row");
    if (Boolean.getBoolean("tensorgraph.conformance.counts")) {
      System.out.println("conformance rows per op: " + counts);
      System.out.println("issue-3 ops not registered: " + ISSUE_3_OPS.stream()
          .filter(op -> !registered.contains(op)).toList());
    }
  }

  @Test
  void rowsNameOnlyRegisteredOrIssue3Ops() {
    Set<String> known = new TreeSet<>(ISSUE_3_OPS);
    Set<String> unknown = new TreeSet<>(rowsPerOp().keySet());
    unknown.removeAll(known);
    assertTrue(unknown.isEmpty(), "rows for ops outside issue 3: " + unknown);
  }
}
