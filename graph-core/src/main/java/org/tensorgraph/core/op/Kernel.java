package org.tensorgraph.core.op;

/**
 * The computation of one op: reads inputs and attrs from the context and sets every output.
 * Kernels are stateless functions; per-session state (a random generator) lives in {@link
 * KernelContext#kernelState}. Errors are thrown as {@link org.tensorgraph.core.errors
 * StatusException}s with TF's text; the executor adds the node's name.
 *
 * <pre>{@code
 * Kernel neg = ctx -> ctx.setOutput(0, Elementwise.neg(ctx.input(0)));
 * }</pre>
 */
@FunctionalInterface
public interface Kernel {
  void compute(KernelContext ctx);
}
