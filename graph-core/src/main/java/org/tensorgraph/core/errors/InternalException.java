package org.tensorgraph.core.errors;

/** TF's {@code INTERNAL}: a bug: an invariant of the runtime broke. */
public class InternalException extends StatusException {
  private static final long serialVersionUID = 1L;

  public InternalException(String message) {
    this(message, null, null, null);
  }

  public InternalException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.INTERNAL;
  }
}
