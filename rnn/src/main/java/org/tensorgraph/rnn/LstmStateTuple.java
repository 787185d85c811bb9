package org.tensorgraph.rnn;

/**
 * TF's {@code LSTMStateTuple(c, h)}: an LSTM's cell state and hidden state (its output). Generic in
 * its element so the same record holds sizes ({@code Integer}), graph tensors ({@code Output}) and
 * run results ({@code Tensor}): {@code Session.run} rebuilds it with Tensors.
 *
 * <pre>{@code
 * LstmStateTuple<Output> s = (LstmStateTuple<Output>) lstmResult.state();
 * LstmStateTuple<Tensor> v = session.run(s, feeds);   // v.c(), v.h()
 * }</pre>
 *
 * @param c the cell state, [batch, units]
 * @param h the hidden state and output, [batch, num_proj or units]
 */
public record LstmStateTuple<T>(T c, T h) {
  @Override
  public String toString() {
    return "LSTMStateTuple(c=" + c + ", h=" + h + ")";
  }
}
