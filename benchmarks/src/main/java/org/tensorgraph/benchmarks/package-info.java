/**
 * JMH benchmarks that measure Tensorgraph and TensorFlow 1.15 side by side in the same run, on the
 * same graph: each benchmark builds its graph with Tensorgraph, and the TF side imports that
 * graph's GraphDef JSON (parsed by protobuf's own JSON mapping) into TF's runtime.
 *
 * <pre>{@code
 * $ ./mvnw -B -pl benchmarks -am package -DskipTests
 * $ java -jar benchmarks/target/benchmarks.jar RnnBench -p rnn=lstm-32-100-64-128
 * ...
 * | case | ours median (p10–p90) | TF 1.15 median (p10–p90) | TF ÷ ours | ours alloc/run | ...
 * | BasicLSTM 32, 100, 64, 128 | 252 ms (123–568) | 38.0 ms (26.2–42.7) | 0.15 | 42.1 MB | ...
 * }</pre>
 *
 * <p>The RNN benchmark also times TF on the graph its own {@code tf.nn.dynamic_rnn} builds in a
 * TF1 program (v1 control flow over {@code TensorArrayV3}, {@link
 * org.tensorgraph.benchmarks.TfV1Rnn}), with our weights: its {@code tfNative} column.
 *
 * <p>{@link org.tensorgraph.benchmarks.Compare} is the runner; every JMH option works with it.
 * Nothing depends on this module, and it is the only one besides {@code conformance}'s tests that
 * loads TensorFlow.
 */
package org.tensorgraph.benchmarks;
