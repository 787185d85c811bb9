package org.tensorgraph.core.errors;

/** TF's {@code CANCELLED}: the run was cancelled (the session closed, or another node failed first). */
public class CancelledException extends StatusException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String message) {
    this(message, null, null, null);
  }

  public CancelledException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.CANCELLED;
  }
}
