package org.tensorgraph.rnn;

import org.tensorgraph.core.graph.Output;

/**
 * What one call of a cell returns, as TF's {@code (output, new_state)} pair.
 *
 * @param output the step's output, [batch, outputSize]
 * @param state the new state: an {@code Output}, an {@link LstmStateTuple} or a {@code List} of
 *     sub-states (for {@link MultiRnnCell}), matching the cell's {@link RnnCell#stateSize()}
 */
public record CellOutput(Output output, Object state) {}
