package dev.stepgraph.runtime.cli;

/**
 * Bad usage or bad input, found before any step runs: exit code 2, one line on stderr, {@code
 * error: MESSAGE} and where to find the usage. Thrown by the runtime's commands and by a {@link
 * CliCommandProvider}'s, so that theirs report the same way.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, one line, without a trailing period */
  public UsageException(String message) {
    super(message, null, false, false);
  }
}
