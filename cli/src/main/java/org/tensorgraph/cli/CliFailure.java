package org.tensorgraph.cli;

/**
 * A command that was understood but could not be done, such as a missing or malformed input
 * file. {@link Main} prints its message as one line {@code tensorgraph: MESSAGE} and exits with
 * {@link Main#FAILURE}; the cause's stack trace only with {@code --verbose}.
 *
 * <pre>{@code
 * throw new CliFailure("x.npy: bad magic string", cause);
 * // stderr: tensorgraph: x.npy: bad magic string
 * }</pre>
 */
public final class CliFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure whose message already says what failed and where, e.g. {@code FILE: reason}. */
  public CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
