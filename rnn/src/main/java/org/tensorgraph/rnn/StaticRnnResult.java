package org.tensorgraph.rnn;

import java.util.List;
import org.tensorgraph.core.graph.Output;

/**
 * What {@link Rnn#staticRnn} returns, as TF's {@code (outputs, state)}.
 *
 * @param outputs one [batch, outputSize] tensor per time step
 * @param state the final state
 */
public record StaticRnnResult(List<Output> outputs, Object state) {}
