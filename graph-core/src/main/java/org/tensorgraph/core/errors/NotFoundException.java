package org.tensorgraph.core.errors;

/** TF's {@code NOT_FOUND}: a named tensor, op, function or file does not exist. */
public class NotFoundException extends StatusException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    this(message, null, null, null);
  }

  public NotFoundException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.NOT_FOUND;
  }
}
