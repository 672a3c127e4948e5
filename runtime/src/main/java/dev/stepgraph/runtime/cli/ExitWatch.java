package dev.stepgraph.runtime.cli;

import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Tells, when the JVM shuts down during a run, why: a signal (Ctrl-C, SIGTERM) or a call to {@code
 * System.exit} from a step, with the status and the step. The status comes from the JDK's own
 * {@code Runtime.exit} logging (JDK 21 and newer log it to the {@code java.lang.Runtime} logger at
 * DEBUG, on the exiting thread, before the shutdown hooks run); on JDK 17 only the calling thread
 * is found, from its stack. A signal is told from a call by the stack too: the JDK's signal
 * handler exits through {@code Shutdown.exit} (which JDK 21 logs as well), {@code System.exit}
 * through {@code Runtime.exit}.
 */
final class ExitWatch {
  private static final String EXIT_CALL = "Runtime.exit(";
  private static final String STEP_THREAD = "stepgraph-";

  /** How the JVM was asked to exit. */
  record Exit(@Nullable Integer status, @Nullable String threadName) {
    /** The step whose thread asked, if a step's did. */
    @Nullable String stepId() {
      return threadName != null && threadName.startsWith(STEP_THREAD)
          ? threadName.substring(STEP_THREAD.length())
          : null;
    }
  }

  // Held: JUL keeps loggers weakly. Null on JDK 17, which does not log Runtime.exit: the stack
  // tells the thread there, and starting java.util.logging would only slow every run's start.
  private final @Nullable Logger logger;
  private final @Nullable Handler handler;
  private volatile @Nullable Exit logged;

  private ExitWatch(boolean logs) {
    logger = logs ? Logger.getLogger("java.lang.Runtime") : null;
    handler = logs ? new ExitRecords() : null;
  }

  /** Takes the status from the record JDK 21+ logs in Runtime.exit. */
  private final class ExitRecords extends Handler {
    @Override
    public void publish(LogRecord record) {
      Throwable thrown = record.getThrown();
      Integer status = thrown == null ? null : status(String.valueOf(thrown.getMessage()));
      if (status != null && callsRuntimeExit(thrown.getStackTrace())) {
        logged = new Exit(status, Thread.currentThread().getName());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * N from a message that says {@code Runtime.exit(N)}, or null. Read by hand: a regular
   * expression would be compiled on every run's path.
   */
  static @Nullable Integer status(String message) {
    for (int call = message.indexOf(EXIT_CALL); call >= 0;
        call = message.indexOf(EXIT_CALL, call + 1)) {
      int start = call + EXIT_CALL.length();
      int end = message.indexOf(')', start);
      Integer status = end < 0 ? null : integer(message.substring(start, end));
      if (status != null) {
        return status;
      }
    }
    return null;
  }

  /** The int that {@code -?[0-9]+} spells, or null (out of range too). */
  private static @Nullable Integer integer(String text) {
    try {
      return text.startsWith("+") ? null : Integer.valueOf(text);
    } catch (NumberFormatException notAnInt) {
      return null;
    }
  }

  /** Starts watching for {@code System.exit}; never throws. */
  static ExitWatch start() {
    ExitWatch watch = new ExitWatch(Runtime.version().feature() >= 21);
    Logger logger = watch.logger;
    if (logger == null) {
      return watch;
    }
    try {
      Level level = logger.getLevel();
      if (level == null || level.intValue() > Level.FINE.intValue()) {
        logger.setLevel(Level.FINE);
      }
      logger.addHandler(watch.handler);
    } catch (RuntimeException | LinkageError e) {
      // no logging module, or a security policy: the status stays unknown
    }
    return watch;
  }

  /** Stops watching. */
  void stop() {
    if (logger == null) {
      return;
    }
    try {
      logger.removeHandler(handler);
    } catch (RuntimeException e) {
      // nothing to undo
    }
  }

  /**
   * During shutdown: how the JVM was asked to exit, or null when nothing called {@code
   * System.exit} (a signal, or the last thread ending).
   */
  @Nullable Exit exitCall() {
    Exit exit = logged;
    if (exit != null) {
      return exit;
    }
    try {
      for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
        if (callsRuntimeExit(thread.getValue())) {
          return new Exit(null, thread.getKey().getName());
        }
      }
    } catch (RuntimeException | Error e) {
      // out of heap, say: say nothing rather than something wrong
    }
    return null;
  }

  /** Whether the stack is in {@code Runtime.exit}, where {@code System.exit} goes; a signal is not. */
  private static boolean callsRuntimeExit(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals("java.lang.Runtime") && frame.getMethodName().equals("exit")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code the JVM was asked to exit with status 3 (System.exit in step 'export') while steps were
   * running: export, hosts; they are stopped as on Ctrl-C}.
   */
  static String describe(Exit exit, java.util.Collection<String> running) {
    String step = exit.stepId();
    return "the JVM was asked to exit"
        + (exit.status() == null ? "" : " with status " + exit.status())
        + " (System.exit in " + (step != null ? "step '" + step + "'" : "thread '" + exit.threadName() + "'")
        + ")" + (running.isEmpty() ? "" : " while steps were running: " + String.join(", ", running))
        + "; they are stopped as on Ctrl-C";
  }
}
