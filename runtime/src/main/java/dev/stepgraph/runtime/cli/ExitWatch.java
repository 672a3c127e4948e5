package dev.stepgraph.runtime.cli;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tells, when the JVM shuts down during a run, why: a signal (Ctrl-C, SIGTERM) or a call to {@code
 * System.exit}, and from which step. It is told from the threads' stacks: {@code System.exit} goes
 * through {@code Runtime.exit}, the JDK's signal handler does not. The steps' own threads, virtual
 * ones too, come from {@link RunningSteps}; other threads from {@link Thread#getAllStackTraces()},
 * which leaves virtual threads out.
 *
 * <p>The status is not told: it is the process's exit status. JDK 21 and newer would log it to the
 * {@code java.lang.Runtime} logger, but listening there means starting {@code java.util.logging}
 * on every run, which cost a 1,000-step run on JDK 25 2-9 % of its time (BENCHMARKS.md).
 */
final class ExitWatch {
  private static final String STEP_THREAD = "stepgraph-";

  private ExitWatch() {}

  /**
   * How the JVM was asked to exit.
   *
   * @param threadName the thread that called {@code System.exit}
   * @param stepId the step whose attempt ran on that thread, if a step's did
   */
  record Exit(String threadName, @Nullable String stepId) {}

  /**
   * During shutdown: how the JVM was asked to exit, or null when nothing called {@code
   * System.exit} (a signal, or the last thread ending). Never throws.
   */
  static @Nullable Exit exitCall(RunningSteps running) {
    try {
      for (Map.Entry<String, List<Thread>> step : running.threads().entrySet()) {
        for (Thread thread : step.getValue()) {
          if (callsRuntimeExit(thread.getStackTrace())) {
            return new Exit(thread.getName(), step.getKey());
          }
        }
      }
      for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
        if (callsRuntimeExit(thread.getValue())) {
          String name = thread.getKey().getName();
          return new Exit(
              name, name.startsWith(STEP_THREAD) ? name.substring(STEP_THREAD.length()) : null);
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
   * {@code the JVM was asked to exit (System.exit in step 'export') while steps were running:
   * export, hosts; they are stopped as on Ctrl-C}.
   */
  static String describe(Exit exit, Collection<String> running) {
    String step = exit.stepId();
    return "the JVM was asked to exit (System.exit in "
        + (step != null ? "step '" + step + "'" : "thread '" + exit.threadName() + "'") + ")"
        + (running.isEmpty() ? "" : " while steps were running: " + String.join(", ", running))
        + "; they are stopped as on Ctrl-C";
  }
}
