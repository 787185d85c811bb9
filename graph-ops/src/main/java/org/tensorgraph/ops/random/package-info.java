/**
 * TensorFlow 1.15's counter-based random numbers, bit for bit: the Philox4x32-10 generator, the
 * per-op stateful generator that random ops keep across runs, and the CPU fill routines of
 * {@code RandomUniform}, {@code RandomUniformInt}, {@code RandomStandardNormal} and {@code
 * TruncatedNormal}.
 *
 * <p>The pieces mirror TF's C++ sources: {@link org.tensorgraph.ops.random.PhiloxRandom}
 * ({@code core/lib/random/philox_random.h}), {@link
 * org.tensorgraph.ops.random.GuardedPhiloxRandom} ({@code core/util/guarded_philox_random.cc}),
 * {@link org.tensorgraph.ops.random.RandomDistributions} ({@code
 * core/lib/random/random_distributions.h}) and {@link org.tensorgraph.ops.random.PhiloxFill}
 * ({@code core/kernels/random_op_cpu.h}). A random op kernel does what TF's {@code
 * PhiloxRandomOp::Compute} does:
 *
 * <pre>{@code
 * GuardedPhiloxRandom state = GuardedPhiloxRandom.create(seed, seed2); // once per op per session
 * float[] out = new float[6];                                          // every run:
 * PhiloxFill.uniformFloat(state.reserveRandomOutputs(out.length, 256), out);
 * // seed=1, seed2=2, first run: out = [0.40639675, 0.8575996, 0.05539584, 0.08587229, ...]
 * }</pre>
 *
 * <p>Uniform floats, doubles and integers are bit-exact with TF everywhere. Normal and
 * truncated-normal floats go through {@code logf} and {@code sincosf}; this package ports glibc's
 * algorithms for them (which TF's Linux build calls), so float normals match TF on Linux bit for
 * bit. Float64 normals call {@link java.lang.Math}'s {@code log}, {@code sin} and {@code cos},
 * which agree with glibc's on almost every input but not all, so they may differ from TF's in
 * the last bits.
 */
package org.tensorgraph.ops.random;
