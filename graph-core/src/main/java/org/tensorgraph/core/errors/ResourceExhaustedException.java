package org.tensorgraph.core.errors;

/** TF's {@code RESOURCE_EXHAUSTED}: a value would exceed a memory or size limit. */
public class ResourceExhaustedException extends StatusException {
  private static final long serialVersionUID = 1L;

  public ResourceExhaustedException(String message) {
    this(message, null, null, null);
  }

  public ResourceExhaustedException(String message, String nodeName, String opType, Throwable cause) {
    super(message, nodeName, opType, cause);
  }

  @Override
  public Code code() {
    return Code.RESOURCE_EXHAUSTED;
  }
}
