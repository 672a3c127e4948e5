package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunListener;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.Flushable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The default event sink: human-readable lines (on stderr).
 *
 * <pre>
 * Run aws-inventory 20261201T204512Z-3fa9: 6 steps in 3 waves
 * Wave 0 (parallel): users, roles, hosts
 *   users: completed in 12ms, 10 user
 *   users: [WARN] page 3 was empty
 *   hosts: attempt 2/3 after 1.1s: ApiException: HTTP 503 (at HostsApi.java:88)
 *   roles: FAILED after 3ms: NullPointerException: Cannot invoke "JsonNode.asText()" (at AwsConnector.java:64)
 *   hosts: FAILED after 3 attempts in 3.1s: ApiException: HTTP 503 (at HostsApi.java:88)
 *   users: TIMED OUT after 30s
 * Wave 1 (parallel): policies, services
 *   services: SKIPPED: dependency 'hosts' failed
 *   policies: completed in 8ms, 4 policy (partial: roles did not succeed)
 *   ...
 * Finished in 1.2s: 3 succeeded (1 partial: policies), 2 failed, 2 skipped, 1 timed out
 * </pre>
 *
 * A resumed run says so on its first line, and has a line for each step it reuses and each step
 * recorded as done that runs again:
 *
 * <pre>
 * Run aws-inventory 20261201T204512Z-3fa9 (resumed): 6 steps in 3 waves
 * Wave 0 (parallel): users, roles, hosts
 *   users: reused from run 20261201T204512Z-3fa9, 40 user
 *   hosts: changed since run 20261201T204512Z-3fa9, running it again
 *   ...
 * Finished in 400ms: 3 succeeded, 3 reused
 * </pre>
 *
 * <p>A step that succeeded although a step upstream of it did not is marked partial, in its line
 * and in the summary: what it emitted may lack what that step would have given it.
 *
 * A failure names where in the connector's code it happened ({@code (at AwsConnector.java:64)},
 * see {@link dev.stepgraph.runtime.run.StepResult#failureLocation()}); with {@code --stacktrace}
 * the line of a failed step is followed by the error's full stack trace, indented. Step logs
 * below INFO are left out. Every line is one line, whatever the step's texts hold, and
 * shows their control characters escaped ({@link Formats#terminalSafe}).
 */
final class HumanEvents implements RunListener, Flushable {
  private static final String NEWLINE = System.lineSeparator();
  /** Characters past which the lines go out without waiting for the end of a batch. */
  private static final int FLUSH_AT = 1 << 16;

  private final PrintStream out;
  private final boolean stackTraces;
  /**
   * The lines of the events taken since the last {@link #flush}: the run's event queue flushes
   * after each batch of events (at most 10 ms apart), once it has delivered every event it holds,
   * so the events of a batch are one write, and no line waits for a later event.
   */
  private final StringBuilder pending = new StringBuilder();

  HumanEvents(PrintStream out) {
    this(out, false);
  }

  /** With {@code stackTraces}, a failed step's line is followed by the full stack trace. */
  HumanEvents(PrintStream out, boolean stackTraces) {
    this.out = out;
    this.stackTraces = stackTraces;
  }

  @Override
  public void onEvent(RunEvent event) {
    String line = format(event);
    if (line != null) {
      pending.append(Formats.terminalSafe(line)).append(NEWLINE);
      if (stackTraces && event instanceof RunEvent.StepFailed failed) {
        for (String trace : failed.stackTrace().split("\n")) {
          String indented = trace.startsWith("\t") ? "    " + trace.substring(1) : trace;
          pending.append("    ").append(Formats.terminalSafe(indented)).append(NEWLINE);
        }
      }
      if (pending.length() >= FLUSH_AT) {
        flush();
      }
    }
  }

  /** Writes the lines taken since the last flush, in one write. */
  @Override
  public void flush() {
    if (pending.length() > 0) {
      out.print(pending);
      pending.setLength(0);
    }
    out.flush();
  }

  @Override
  public String toString() {
    return "human event lines (standard error)";
  }

  static @Nullable String format(RunEvent event) {
    // A big graph has one of these per step, and nothing else as often: they come first, each in
    // a small method of its own, so that the JIT compiles them and not the long tail below.
    if (event instanceof RunEvent.StepCompleted e) {
      return completed(e);
    }
    if (event instanceof RunEvent.StepStarted) {
      return null;
    }
    return formatRare(event);
  }

  /** {@code   users: completed in 12ms, 10 user}. */
  private static String completed(RunEvent.StepCompleted e) {
    StringBuilder line =
        new StringBuilder(48 + e.stepId().length())
            .append("  ")
            .append(e.stepId())
            .append(": completed in ")
            .append(Formats.duration(e.duration()));
    if (e.attempts() > 1) {
      line.append(" after ").append(e.attempts()).append(" attempts");
    }
    line.append(", ").append(emitted(e.entityCounts(), e.relationshipCount()));
    if (e.partial()) {
      line.append(" (partial: ").append(names(e.failedDependencies())).append(" did not succeed)");
    }
    return line.toString();
  }

  private static @Nullable String formatRare(RunEvent event) {
    if (event instanceof RunEvent.RunStarted e) {
      return "Run " + e.connectorId() + " " + e.runId() + (e.resumed() ? " (resumed)" : "") + ": "
          + Formats.plural(e.stepCount(), "step", "steps") + " in "
          + Formats.plural(e.waveCount(), "wave", "waves");
    }
    if (event instanceof RunEvent.StepReused e) {
      return "  " + e.stepId() + ": reused from run " + e.fromRun() + ", "
          + (e.skipReason() != null
              ? "skipped: " + e.skipReason()
              : emitted(e.entityCounts(), e.relationshipCount()));
    }
    if (event instanceof RunEvent.StepRerun e) {
      switch (e.cause()) {
        case CHANGED:
          return "  " + e.stepId() + ": changed since run " + e.fromRun() + ", running it again";
        case UPSTREAM:
          return "  " + e.stepId() + ": " + e.detail() + " runs again, so it runs again too";
        default:
          return "  " + e.stepId() + ": its recorded data is damaged, running it again";
      }
    }
    if (event instanceof RunEvent.WaveStarted e) {
      return Formats.waveLine(e.index(), e.stepIds());
    }
    if (event instanceof RunEvent.StepLog e) {
      if (e.level().equals("DEBUG") || e.level().equals("TRACE")) {
        return null;
      }
      return "  " + e.stepId() + ": [" + e.level() + "] " + e.message();
    }
    if (event instanceof RunEvent.StepRetrying e) {
      return "  " + e.stepId() + ": attempt " + e.attempt() + "/" + e.attempts() + " after "
          + StepPolicy.formatDuration(e.delay()) + ": " + e.errorSummary()
          + at(e.failureLocation());
    }
    if (event instanceof RunEvent.StepFailed e) {
      return "  " + e.stepId() + ": FAILED after "
          + (e.attempts() > 1 ? e.attempts() + " attempts in " : "")
          + Formats.duration(e.duration()) + ": " + e.errorSummary() + at(e.failureLocation());
    }
    if (event instanceof RunEvent.StepTimedOut e) {
      return "  " + e.stepId() + ": TIMED OUT after " + StepPolicy.formatDuration(e.timeout())
          + (e.attempts() > 1 ? " (" + e.attempts() + " attempts in "
              + Formats.duration(e.duration()) + ")" : "");
    }
    if (event instanceof RunEvent.StepSkipped e) {
      return "  " + e.stepId() + ": SKIPPED: " + e.reason();
    }
    if (event instanceof RunEvent.StepCancelled e) {
      return "  " + e.stepId() + ": CANCELLED after " + Formats.duration(e.duration());
    }
    if (event instanceof RunEvent.RunFinished e) {
      List<String> parts = new ArrayList<>();
      parts.add(e.count(StepStatus.SUCCEEDED) + " succeeded"
          + (e.partial().isEmpty() ? ""
              : " (" + e.partial().size() + " partial: " + names(e.partial()) + ")"));
      addIfAny(parts, e.count(StepStatus.REUSED), "reused");
      addIfAny(parts, e.count(StepStatus.FAILED), "failed");
      addIfAny(parts, e.count(StepStatus.SKIPPED), "skipped");
      addIfAny(parts, e.count(StepStatus.TIMED_OUT), "timed out");
      addIfAny(parts, e.count(StepStatus.CANCELLED), "cancelled");
      addIfAny(parts, e.count(StepStatus.NOT_RUN), "not run");
      return (e.cancelled() ? "Cancelled after " : "Finished in ")
          + Formats.duration(e.duration()) + ": " + String.join(", ", parts);
    }
    return null;
  }

  /** {@code 40 user, 3 relationships}, or {@code nothing emitted}. */
  private static String emitted(Map<String, Integer> entityCounts, int relationshipCount) {
    if (entityCounts.isEmpty() && relationshipCount == 0) {
      return "nothing emitted";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> count : entityCounts.entrySet()) {
      parts.add(count.getValue() + " " + count.getKey());
    }
    if (relationshipCount > 0) {
      parts.add(Formats.plural(relationshipCount, "relationship", "relationships"));
    }
    return parts.isEmpty() ? "nothing emitted" : String.join(", ", parts);
  }

  /** At most this many step ids in one line; the rest are counted. */
  private static final int NAMED = 5;

  /** {@code members, teams}; past {@link #NAMED}, {@code a, b, c, d, e and 7 more}. */
  static String names(java.util.Collection<String> stepIds) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (String id : stepIds) {
      if (shown == NAMED) {
        return out.append(" and ").append(stepIds.size() - NAMED).append(" more").toString();
      }
      out.append(shown++ == 0 ? "" : ", ").append(id);
    }
    return out.toString();
  }

  /** {@code " (at AwsConnector.java:64)"}, or nothing without a location. */
  private static String at(@Nullable StackTraceElement location) {
    return location == null ? "" : " (at " + Errors.location(location) + ")";
  }

  private static void addIfAny(List<String> parts, int count, String what) {
    if (count > 0) {
      parts.add(count + " " + what);
    }
  }
}
