/**
 * TF1 variables: {@link org.tensorgraph.ops.variables.Variables#getVariable} under {@code
 * variable_scope}s with TF's reuse rules and names, {@code tf.Variable}, the initializers of
 * {@code init_ops.py}, and {@code global_variables_initializer}.
 */
package org.tensorgraph.ops.variables;
