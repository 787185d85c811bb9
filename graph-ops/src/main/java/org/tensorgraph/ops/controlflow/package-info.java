/**
 * Functional control flow, as TF 1.15's control flow v2: {@code While} and {@code If} nodes (the
 * {@code Stateless} forms load from TF 2 graphs) whose cond, body and branches are graph functions
 * ({@code _Arg} parameters, result tensors), the builders {@link
 * org.tensorgraph.ops.controlflow.ControlFlow#whileLoop} and {@link
 * org.tensorgraph.ops.controlflow.ControlFlow#cond}, TensorList ops on a {@code DT_VARIANT}
 * {@link org.tensorgraph.ops.controlflow.TensorList} updated in place when no one else holds it,
 * and {@link org.tensorgraph.ops.controlflow.TensorArray} over them.
 *
 * <pre>{@code
 * List<Output> r = ControlFlow.whileLoop(g, cond, body, List.of(i0),
 *     WhileOptions.defaults().maximumIterations(100));
 * }</pre>
 *
 * <p>Kernels run functions through {@code KernelContext.function} handles (resolved once per
 * kernel invocation, called once per iteration), so this package never knows the session.
 */
package org.tensorgraph.ops.controlflow;
