package org.tensorgraph.conformance;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tensorflow.TensorFlow;

/**
 * Runs a test class only where TensorFlow 1.15's native library loads.
 *
 * <p>Where it cannot load (another OS or CPU, a missing system library), every test of the class
 * is reported as skipped with the reason, and one line goes to stderr for the whole JVM, so a
 * skipped run is never mistaken for a passing one. With {@code
 * -Dtensorgraph.conformance.require=true} a load failure fails the tests instead, for machines
 * where TF must be there.
 *
 * <pre>{@code
 * @ExtendWith(TensorFlowAvailable.class)
 * class MyConformanceTest { ... }
 * }</pre>
 */
public final class TensorFlowAvailable implements ExecutionCondition {
  /** System property that turns "TF cannot load" from a skip into a failure. */
  public static final String REQUIRE_PROPERTY = "tensorgraph.conformance.require";

  private static final String UNAVAILABLE = loadProblem();

  // Loading the native library is the first thing TensorFlow.version() does.
  private static String loadProblem() {
    try {
      String version = TensorFlow.version();
      return version.startsWith("1.15") ? null : "TensorFlow " + version + " is not 1.15";
    } catch (LinkageError | RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      System.err.println(
          "conformance: TensorFlow 1.15 native library did not load, tests skipped (" + reason + ")");
      return reason;
    }
  }

  /** Returns null if TF 1.15 loaded, otherwise why not. */
  static String unavailableReason() {
    return UNAVAILABLE;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (UNAVAILABLE == null) {
      return ConditionEvaluationResult.enabled("TensorFlow " + TensorFlow.version() + " loaded");
    }
    if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
      throw new IllegalStateException(
          "TensorFlow 1.15 is required (-D" + REQUIRE_PROPERTY + ") but " + UNAVAILABLE);
    }
    return ConditionEvaluationResult.disabled("TensorFlow 1.15 unavailable: " + UNAVAILABLE);
  }
}
