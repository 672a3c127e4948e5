package dev.stepgraph.runtime.cli;

/** Bad usage or bad input, found before any step runs: exit code 2, one line on stderr. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
