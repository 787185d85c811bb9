package org.tensorgraph.ops;

/**
 * The packet half of {@link EigenFloat}'s array functions: {@code out[i] = f(in[i])} for {@code
 * from <= i < to} with f the packet function ({@link EigenFloat#tanh(float)}, {@link
 * EigenFloat#logistic(float)}, {@link EigenFloat#exp(float)}, {@link EigenFloat#log(float)}),
 * bit for bit. {@code in} and {@code out} may be the same array. The scalar tail is not the
 * kernel's business: {@link EigenFloat} runs it.
 */
interface EigenFloatKernel {
  /** Packet Tanh over {@code in[from..to)}. */
  void tanh(float[] in, float[] out, int from, int to);

  /** Packet Sigmoid over {@code in[from..to)}. */
  void logistic(float[] in, float[] out, int from, int to);

  /** Packet Exp over {@code in[from..to)}. */
  void exp(float[] in, float[] out, int from, int to);

  /** Packet Log over {@code in[from..to)}. */
  void log(float[] in, float[] out, int from, int to);

  /** A short name for reports and tests: {@code "java"}, {@code "vector(16)"}. */
  String name();
}
