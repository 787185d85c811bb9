/**
 * Differential tests against the real TensorFlow 1.15 runtime ({@code org.tensorflow:libtensorflow}
 * and {@code libtensorflow_jni} 1.15.0, test scope only): the same computation is built in
 * TensorFlow through its Java API and in Tensorgraph, and the results are compared bit for bit.
 *
 * <p>Every test class is annotated with {@code @ExtendWith(TensorFlowAvailable.class)}, which
 * skips the class with one clear line where TF's native library cannot load (and fails instead
 * when {@code -Dtensorgraph.conformance.require=true}).
 */
package org.tensorgraph.conformance;
