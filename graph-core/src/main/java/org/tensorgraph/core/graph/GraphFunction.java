package org.tensorgraph.core.graph;

import java.util.List;
import org.tensorgraph.core.DType;

/**
 * A function in a graph's library: a body graph whose {@code _Arg} nodes are its parameters and
 * whose result tensors are its returns, as a TF {@code FunctionDef}. Control-flow ops ({@code
 * While}, {@code If}) name functions through {@link FuncAttr}s.
 *
 * @param name the function's name in the library
 * @param body the body graph (made by {@link Graph#newFunctionBody()})
 * @param args the body's {@code _Arg} operations, in parameter order
 * @param results the tensors returned, in order
 * @param resultNames the output argument names, as a FunctionDef's {@code ret} keys
 */
public record GraphFunction(String name, Graph body, List<Operation> args, List<Output> results,
    List<String> resultNames) {

  public GraphFunction {
    args = List.copyOf(args);
    results = List.copyOf(results);
    resultNames = List.copyOf(resultNames);
    if (results.size() != resultNames.size()) {
      throw new IllegalArgumentException("Function " + name + " has " + results.size()
          + " results but " + resultNames.size() + " result names");
    }
  }

  /** The parameter dtypes. */
  public List<DType> argTypes() {
    return args.stream().map(a -> a.output(0).dtype()).toList();
  }

  /** The result dtypes. */
  public List<DType> resultTypes() {
    return results.stream().map(Output::dtype).toList();
  }
}
