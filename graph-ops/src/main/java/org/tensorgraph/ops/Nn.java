package org.tensorgraph.ops;

import org.tensorgraph.core.graph.Graph;
import org.tensorgraph.core.graph.Output;

/**
 * {@code tf.nn.*}: activations, {@code bias_add}, softmax and cross-entropy, reached as {@code
 * tf.nn()}.
 *
 * <pre>{@code
 * Output h = tf.nn().biasAdd(tf.matmul(x, w), b);   // "BiasAdd"
 * Output p = tf.nn().softmax(h);                      // "Softmax"
 * }</pre>
 */
public final class Nn {
  private final Ops tf;

  Nn(Ops tf) {
    this.tf = tf;
  }

  private Graph graph() {
    return tf.graph();
  }

  /** {@code tf.nn.bias_add(value, bias)}: NHWC. */
  public Output biasAdd(Output value, Output bias) {
    return tf.binaryOp("BiasAdd", "BiasAdd", value, bias);
  }

  /** {@code tf.nn.relu(x)}. */
  public Output relu(Output x) {
    return tf.unaryOp("Relu", x);
  }

  /** {@code tf.nn.relu6(x)}. */
  public Output relu6(Output x) {
    return tf.unaryOp("Relu6", x);
  }

  /** {@code tf.nn.elu(x)}. */
  public Output elu(Output x) {
    return tf.unaryOp("Elu", x);
  }

  /** {@code tf.nn.softplus(x)}. */
  public Output softplus(Output x) {
    return tf.unaryOp("Softplus", x);
  }

  /** {@code tf.nn.softmax(logits)} over the last axis. */
  public Output softmax(Output logits) {
    return tf.unaryOp("Softmax", logits);
  }

  /** {@code tf.nn.log_softmax(logits)} over the last axis. */
  public Output logSoftmax(Output logits) {
    return tf.unaryOp("LogSoftmax", logits);
  }

  /** {@code tf.nn.sigmoid(x)}. */
  public Output sigmoid(Output x) {
    return tf.sigmoid(x);
  }

  /** {@code tf.nn.tanh(x)}. */
  public Output tanh(Output x) {
    return tf.tanh(x);
  }

  /**
   * The per-example loss of {@code SoftmaxCrossEntropyWithLogits} for [batch, classes] labels and
   * logits (output 0; output 1 is the backprop).
   */
  public Output softmaxCrossEntropyWithLogits(Output labels, Output logits) {
    return graph().opBuilder("SoftmaxCrossEntropyWithLogits", null).addInput(logits)
        .addInput(labels).build().output(0);
  }

  /** The per-example loss of {@code SparseSoftmaxCrossEntropyWithLogits} (int labels). */
  public Output sparseSoftmaxCrossEntropyWithLogits(Output labels, Output logits) {
    return graph().opBuilder("SparseSoftmaxCrossEntropyWithLogits", null).addInput(logits)
        .addInput(labels).build().output(0);
  }
}
