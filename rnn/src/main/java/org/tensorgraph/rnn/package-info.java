/**
 * TF1's recurrent networks as graph builders: the cells ({@link org.tensorgraph.rnn.BasicRnnCell},
 * {@link org.tensorgraph.rnn.BasicLstmCell}, {@link org.tensorgraph.rnn.LstmCell}, {@link
 * org.tensorgraph.rnn.GruCell}), the combinators ({@link org.tensorgraph.rnn.MultiRnnCell}, {@link
 * org.tensorgraph.rnn.DropoutWrapper}, {@link org.tensorgraph.rnn.ResidualWrapper}) and the
 * drivers in {@link org.tensorgraph.rnn.Rnn} ({@code dynamicRnn}, {@code bidirectionalDynamicRnn},
 * {@code staticRnn}). Variables and ops get the names TF 1.15's Python gives them.
 *
 * <pre>{@code
 * Graph g = new Graph();
 * Ops tf = Ops.create(g);
 * Output x = tf.withName("X").placeholder(DType.FLOAT32, Shape.of(-1, 2, 3));
 * RnnResult r = Rnn.dynamicRnn(new BasicRnnCell(4), x, DType.FLOAT32);
 * r.outputs();   // "rnn/transpose_1:0", shape [?,2,4]
 * r.state();     // shape [?,4]; variables rnn/basic_rnn_cell/kernel [7,4] and .../bias [4]
 * }</pre>
 */
package org.tensorgraph.rnn;
