package org.tensorgraph.conformance;

import java.util.Set;

/** A row of a conformance table: the op types it exercises, and the differential check. */
interface ConformanceCase {
  /** The op types this row checks against TF (counted by {@code CoverageTest}). */
  Set<String> covers();

  /** Builds and runs the row in TF and Tensorgraph and asserts that they agree. */
  void check();
}
