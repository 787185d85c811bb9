/**
 * Plan-time fusions of graph-ops' kernels (see {@link org.tensorgraph.core.op.Fusion}): an RNN
 * step's {@code ConcatV2 -> MatMul -> BiasAdd -> activation} as one kernel with packed weights
 * and the input projection hoisted out of the loop, and its cell's Split and gate arithmetic as
 * one kernel with two outputs ({@link org.tensorgraph.ops.fusion.CellFusion}); and {@code
 * dynamic_rnn}'s whole BasicLSTM or BasicRNN {@code While} as one kernel ({@link
 * org.tensorgraph.ops.fusion.RnnLoopFusion}). Every fused
 * kernel gives the unfused graph's bits and errors; the reference interpreter, which never
 * fuses, is what tests compare with.
 */
package org.tensorgraph.ops.fusion;
