package org.tensorgraph.core.errors;

/** TF's {@code DEADLINE_EXCEEDED}: the run took longer than its {@code RunOptions} timeout. */
public class DeadlineExceededException extends StatusException {
  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(String message) {
    this(message, null, null, null);
  }

  public DeadlineExceededException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.DEADLINE_EXCEEDED;
  }
}
