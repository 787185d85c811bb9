/**
 * Tensorgraph's values: {@link org.tensorgraph.core.DType} (TF's and numpy's type names), {@link
 * org.tensorgraph.core.Shape} (known and unknown dimensions, as TF tracks them) and {@link
 * org.tensorgraph.core.Tensor} (an immutable dense array that prints as numpy prints it).
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[][] {{0, 1, 2}, {3, 4, 5}});
 * x.shape();             // [2,3]
 * System.out.println(x); // [[0. 1. 2.]
 *                        //  [3. 4. 5.]]
 * }</pre>
 */
package org.tensorgraph.core;
