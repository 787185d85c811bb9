package org.tensorgraph.ops.variables;

/**
 * A variable scope's {@code reuse} setting, as TF1's {@code variable_scope(reuse=...)}.
 *
 * <ul>
 *   <li>{@link #INHERIT} ({@code None} or {@code False} in TF): take the enclosing scope's setting;
 *       at the root that is "create, never reuse".
 *   <li>{@link #TRUE}: only reuse; asking for a missing variable is an error. Sticky for sub-scopes.
 *   <li>{@link #AUTO_REUSE}: reuse when present, create when missing. Sticky for sub-scopes.
 * </ul>
 */
public enum Reuse {
  INHERIT, TRUE, AUTO_REUSE
}
