package org.tensorgraph.rnn;

import org.tensorgraph.core.graph.Output;

/**
 * What {@link Rnn#bidirectionalDynamicRnn} returns, as TF's {@code ((output_fw, output_bw),
 * (state_fw, state_bw))}; the outputs are not concatenated.
 *
 * @param outputFw the forward outputs
 * @param outputBw the backward outputs, reversed back to the inputs' time order
 * @param stateFw the forward cell's final state
 * @param stateBw the backward cell's final state
 */
public record BidirectionalRnnResult(Output outputFw, Output outputBw, Object stateFw,
    Object stateBw) {}
