package org.tensorgraph.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  // Loading the native library is the first thing TensorFlow.version() does. TF prints its own
  // stack trace when that fails; it is held back so that a skip costs one line of output.
  private static String loadProblem() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream held = new ByteArrayOutputStream();
    System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
    try {
      String version = TensorFlow.version();
      stderr.print(held.toString(StandardCharsets.UTF_8));
      return version.startsWith("1.15") ? null : "TensorFlow " + version + " is not 1.15";
    } catch (LinkageError | RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) { // ExceptionInInitializerError wraps the real reason
        root = root.getCause();
      }
      String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
      String outcome = Boolean.getBoolean(REQUIRE_PROPERTY) ? "tests fail" : "tests skipped";
      stderr.println(
          "conformance: TensorFlow 1.15 native library did not load, "
              + outcome
              + " ("
              + reason
              + ")");
      return reason;
    } finally {
      System.setErr(stderr);
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
