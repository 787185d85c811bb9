/**
 * The float32 matrix product behind {@code MatMul} and {@code BatchMatMulV2}: a packed,
 * cache-blocked kernel in plain Java that C2 vectorizes ({@link org.tensorgraph.ops.gemm.Gemm}),
 * a register-tiled Vector API kernel chosen automatically when {@code jdk.incubator.vector} is
 * in the boot layer ({@code --add-modules jdk.incubator.vector}), and the split of one large
 * product across the session's intra-op pool.
 */
package org.tensorgraph.ops.gemm;
