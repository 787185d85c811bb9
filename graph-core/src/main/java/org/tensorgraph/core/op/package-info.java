/**
 * The op contract: {@link org.tensorgraph.core.op.OpDef} (TF's signature, a shape rule and a
 * kernel side by side), {@link org.tensorgraph.core.op.OpRegistry}, {@link
 * org.tensorgraph.core.op.Kernel} and {@link org.tensorgraph.core.op.KernelContext}, and the
 * per-session variable storage kernels see.
 */
package org.tensorgraph.core.op;
