package org.tensorgraph.conformance;

import java.util.Set;
import org.tensorgraph.conformance.Differential.Script;
import org.tensorgraph.conformance.Differential.Tolerance;

/**
 * A row that needs more than one node or more than one run (variables, feeds, control inputs):
 * a {@link Script} and the op types it checks.
 */
record ScriptCase(String name, Set<String> covers, Script script, Tolerance tolerance,
    boolean staticShapes) implements ConformanceCase {
  ScriptCase(String name, Set<String> covers, Script script) {
    this(name, covers, script, Tolerance.EXACT, true);
  }

  /** This row without the check of inferred shapes (see {@link Differential#check}). */
  ScriptCase withoutStaticShapes() {
    return new ScriptCase(name, covers, script, tolerance, false);
  }

  ScriptCase withTolerance(Tolerance t) {
    return new ScriptCase(name, covers, script, t, staticShapes);
  }

  @Override
  public void check() {
    Differential.check(name, script, tolerance, staticShapes);
  }

  @Override
  public String toString() {
    return name;
  }
}
