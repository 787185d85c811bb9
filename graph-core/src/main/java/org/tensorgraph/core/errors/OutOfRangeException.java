package org.tensorgraph.core.errors;

/** TF's {@code OUT_OF_RANGE}: an index or iteration went past the end. */
public class OutOfRangeException extends StatusException {
  private static final long serialVersionUID = 1L;

  public OutOfRangeException(String message) {
    this(message, null, null, null);
  }

  public OutOfRangeException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.OUT_OF_RANGE;
  }
}
