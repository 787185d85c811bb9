/**
 * The symbolic graph: {@link org.tensorgraph.core.graph.Graph}, {@link
 * org.tensorgraph.core.graph.Operation}, {@link org.tensorgraph.core.graph.Output}, name scopes,
 * control dependencies and the function library, named and checked as TensorFlow 1.15 does.
 */
package org.tensorgraph.core.graph;
