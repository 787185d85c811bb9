/**
 * JMH benchmarks that measure Tensorgraph and TensorFlow 1.15 side by side in the same run, on the
 * same graph: each benchmark builds its graph with Tensorgraph, and the TF side imports that
 * graph's GraphDef JSON (parsed by protobuf's own JSON mapping) into TF's runtime.
 *
 * <pre>{@code
 * $ ./mvnw -B -pl benchmarks -am package -DskipTests
 * $ java -jar benchmarks/target/benchmarks.jar RnnBench -p shape=lstm-32-100-64-128
 * | case                          | ours ms (p10–p90)   | TF 1.15 ms (p10–p90) | TF ÷ ours | ...
 * }</pre>
 *
 * <p>{@link org.tensorgraph.benchmarks.Compare} is the runner; every JMH option works with it.
 * Nothing depends on this module, and it is the only one besides {@code conformance}'s tests that
 * loads TensorFlow.
 */
package org.tensorgraph.benchmarks;
