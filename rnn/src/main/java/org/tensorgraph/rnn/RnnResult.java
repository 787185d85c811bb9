package org.tensorgraph.rnn;

import org.tensorgraph.core.graph.Output;

/**
 * What {@link Rnn#dynamicRnn} returns, as TF's {@code (outputs, state)}.
 *
 * @param outputs [batch, time, outputSize] ([time, batch, outputSize] when time-major)
 * @param state the final state, structured as the cell's state
 */
public record RnnResult(Output outputs, Object state) {}
