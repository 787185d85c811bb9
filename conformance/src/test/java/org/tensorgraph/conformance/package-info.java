/**
 * Differential tests against the real TensorFlow 1.15 runtime ({@code org.tensorflow:libtensorflow}
 * and {@code libtensorflow_jni} 1.15.0, test scope only): the same graph is built in TensorFlow
 * through its Java API and in Tensorgraph, both run it, and the results are compared.
 *
 * <ul>
 *   <li>{@link org.tensorgraph.conformance.Differential} is the engine: a script builds the graph
 *       through either runtime; results must agree in dtype, shape and values (exactly for
 *       integers, bools and data movement, within 2 ulp or 1e-6 relative for float math), or
 *       both sides must reject the input with the same error kind; inferred shapes must match
 *       TF's.
 *   <li>The tables, one per op family ({@code MathConformanceTest}, {@code
 *       ArrayConformanceTest}, ...), are {@link org.tensorgraph.conformance.OpCase} rows;
 *       multi-run graphs (variables, feeds) are {@link org.tensorgraph.conformance.ScriptCase}s.
 *       {@code CoverageTest} requires a row for every issue-3 op in the registry.
 *   <li>Random ops are compared bit for bit, both as Philox kernels over many seeds and runs and
 *       as session-run graph nodes.
 *   <li>Inputs where TF 1.15 and Tensorgraph are known to differ are left out of the tables with
 *       a comment naming both values, so that the suite stays green and the difference visible.
 * </ul>
 *
 * <p>Every TF-using test class is annotated with {@code @ExtendWith(TensorFlowAvailable.class)},
 * which skips the class with one clear line where TF's native library cannot load (and fails
 * instead when {@code -Dtensorgraph.conformance.require=true}).
 */
package org.tensorgraph.conformance;
