package dev.stepgraph.runtime.cli;

/**
 * The exit codes of the command line, and which wins when several apply: a signal's (130, 143),
 * then 3, then 1.
 */
final class ExitCodes {
  private ExitCodes() {}

  /** No step failed or timed out (skipped steps are fine). */
  static final int OK = 0;
  /** One or more steps failed or timed out, or the connector's constructor threw. */
  static final int STEPS_FAILED = 1;
  /** Bad usage or bad input, found before any step runs. */
  static final int USAGE = 2;
  /**
   * The run's results could not be written ({@code --output}, {@code --events json}, or the
   * standard output of {@code plan} and {@code graph}); wins over {@link #STEPS_FAILED}.
   */
  static final int OUTPUT_FAILED = 3;
  /**
   * Cancelled (Ctrl-C), as the JVM's own status on SIGINT; wins over every other. A process
   * stopped by a signal exits with the JVM's status for it, 128 + the signal's number: 130 for
   * SIGINT, 143 for SIGTERM.
   */
  static final int CANCELLED = 130;

  /** The exit code of a run, from what happened to it. */
  static int ofRun(boolean cancelled, boolean resultsNotWritten, boolean stepsFailed) {
    if (cancelled) {
      return CANCELLED;
    }
    if (resultsNotWritten) {
      return OUTPUT_FAILED;
    }
    return stepsFailed ? STEPS_FAILED : OK;
  }

  /**
   * {@link #OK} if standard output took what was printed on it, else {@link #OUTPUT_FAILED} with
   * one line on stderr (stdout closed, a full disk, a reader gone): a command must not claim a
   * plan nobody got.
   */
  static int printed(CliIo io, String what) {
    io.out().flush();
    if (io.out().checkError()) {
      io.err().println("error: cannot write " + what + " to standard output");
      io.err().flush();
      return OUTPUT_FAILED;
    }
    return OK;
  }
}
