package org.tensorgraph.ops.variables;

import org.tensorgraph.core.DType;

/**
 * A variable scope, as TF1's {@code VariableScope}: the prefix of variable names, the reuse
 * setting, a default initializer and the name scope its ops were first opened in.
 *
 * @param name the full scope name, "" at the root: {@code "rnn/multi_rnn_cell/cell_0"}
 * @param reuse TRUE or AUTO_REUSE when variables are reused; INHERIT means "create" here (the
 *     stored value is already resolved against the enclosing scopes)
 * @param initializer the default initializer for variables created here, or null
 * @param originalNameScope the name scope opened with the scope, with a trailing slash
 * @param dtype the default dtype of variables created here
 */
public record VariableScope(String name, Reuse reuse, Initializer initializer,
    String originalNameScope, DType dtype) {

  static VariableScope root() {
    return new VariableScope("", Reuse.INHERIT, null, "", DType.FLOAT32);
  }

  /** True when this scope reuses variables (TRUE or AUTO_REUSE). */
  public boolean reuses() {
    return reuse != Reuse.INHERIT;
  }
}
