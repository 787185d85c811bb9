package org.tensorgraph.core.errors;

/** TF's {@code INVALID_ARGUMENT}: an input or feed has a wrong value, shape or dtype. */
public class InvalidArgumentException extends StatusException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    this(message, null, null, null);
  }

  public InvalidArgumentException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.INVALID_ARGUMENT;
  }
}
