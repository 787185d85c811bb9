package org.tensorgraph.core.errors;

/** TF's {@code FAILED_PRECONDITION}: the state does not allow the op yet (an uninitialized variable). */
public class FailedPreconditionException extends StatusException {
  private static final long serialVersionUID = 1L;

  public FailedPreconditionException(String message) {
    this(message, null, null, null);
  }

  public FailedPreconditionException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.FAILED_PRECONDITION;
  }
}
