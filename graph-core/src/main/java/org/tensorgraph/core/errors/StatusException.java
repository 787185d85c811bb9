package org.tensorgraph.core.errors;

/**
 * A runtime failure with TensorFlow's status code and text, as TF's {@code OpError} subclasses
 * carry them. Kernels throw the subclass for the code and TF's message; the executor then adds the
 * node, producing TF's {@code "...\n\t [[node NAME (OP)]]"}.
 *
 * <pre>{@code
 * try {
 *   session.run(y);
 * } catch (InvalidArgumentException e) {
 *   e.getMessage();  // "You must feed a value for placeholder tensor 'X' with dtype float ..."
 *   e.nodeName();    // "X"
 * }
 * }</pre>
 */
public abstract class StatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** TF's status codes (tensorflow/core/lib/core/error_codes.proto). */
  public enum Code {
    CANCELLED(1), UNKNOWN(2), INVALID_ARGUMENT(3), DEADLINE_EXCEEDED(4), NOT_FOUND(5),
    ALREADY_EXISTS(6), PERMISSION_DENIED(7), RESOURCE_EXHAUSTED(8), FAILED_PRECONDITION(9),
    ABORTED(10), OUT_OF_RANGE(11), UNIMPLEMENTED(12), INTERNAL(13), UNAVAILABLE(14),
    DATA_LOSS(15);

    private final int value;

    Code(int value) {
      this.value = value;
    }

    public int value() {
      return value;
    }
  }

  private final String rawMessage;
  private final String nodeName;
  private final String opType;

  protected StatusException(String message, String nodeName, String opType, Throwable cause) {
    super(format(message, nodeName, opType), cause);
    this.rawMessage = message;
    this.nodeName = nodeName;
    this.opType = opType;
  }

  /** The status code. */
  public abstract Code code();

  /** The message without the node suffix. */
  public String rawMessage() {
    return rawMessage;
  }

  /** The node that failed, or null when the error is not a node's. */
  public String nodeName() {
    return nodeName;
  }

  /** The failed node's op type, or null. */
  public String opType() {
    return opType;
  }

  /**
   * The same error attributed to a node. Keeps an existing attribution: the innermost node
   * (inside a loop body, say) is the one a user needs.
   */
  public StatusException withNode(String node, String op) {
    if (nodeName != null) {
      return this;
    }
    return create(code(), rawMessage, node, op, this);
  }

  /** Creates the subclass for {@code code}. */
  public static StatusException create(Code code, String message, String node, String op,
      Throwable cause) {
    switch (code) {
      case CANCELLED: return new CancelledException(message, node, op, cause);
      case INVALID_ARGUMENT: return new InvalidArgumentException(message, node, op, cause);
      case DEADLINE_EXCEEDED: return new DeadlineExceededException(message, node, op, cause);
      case NOT_FOUND: return new NotFoundException(message, node, op, cause);
      case RESOURCE_EXHAUSTED: return new ResourceExhaustedException(message, node, op, cause);
      case FAILED_PRECONDITION: return new FailedPreconditionException(message, node, op, cause);
      case OUT_OF_RANGE: return new OutOfRangeException(message, node, op, cause);
      case UNIMPLEMENTED: return new UnimplementedException(message, node, op, cause);
      default: return new InternalException(message, node, op, cause);
    }
  }

  private static String format(String message, String node, String op) {
    if (node == null) {
      return message;
    }
    return message + "\n\t [[node " + node + (op == null ? "" : " (" + op + ")") + "]]";
  }
}
