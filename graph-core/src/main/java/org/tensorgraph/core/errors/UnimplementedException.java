package org.tensorgraph.core.errors;

/** TF's {@code UNIMPLEMENTED}: the op, dtype or attribute combination is not supported. */
public class UnimplementedException extends StatusException {
  private static final long serialVersionUID = 1L;

  public UnimplementedException(String message) {
    this(message, null, null, null);
  }

  public UnimplementedException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.UNIMPLEMENTED;
  }
}
