package dev.stepgraph.testing;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one step of a tester run ended: its status, what it emitted (only if it succeeded, as in a
 * real run), its attempts, its log lines and the retry delays that virtual time skipped. Its
 * {@link #toString()} says all of that, so it makes a useful assertion message.
 */
public final class StepTestResult {
  private final StepResult result;
  private final List<LogLine> logs;
  private final List<Duration> backoffs;

  StepTestResult(StepResult result, List<LogLine> logs, List<Duration> backoffs) {
    this.result = result;
    this.logs = logs;
    this.backoffs = backoffs;
  }

  /** The step id. */
  public String stepId() {
    return result.stepId();
  }

  /** How the step ended. */
  public StepStatus status() {
    return result.status();
  }

  /** Whether it succeeded. */
  public boolean succeeded() {
    return result.status() == StepStatus.SUCCEEDED;
  }

  /** The entities the step emitted, in order; empty unless it succeeded. */
  public List<Entity> entities() {
    return result.entities();
  }

  /** The entities of this type the step emitted, in order; empty unless it succeeded. */
  public List<Entity> entities(String type) {
    return result.entities().stream().filter(entity -> entity.type().equals(type)).toList();
  }

  /** The relationships the step emitted, in order; empty unless it succeeded. */
  public List<Relationship> relationships() {
    return result.relationships();
  }

  /** The relationships of this type the step emitted, in order; empty unless it succeeded. */
  public List<Relationship> relationships(String type) {
    return result.relationships().stream().filter(r -> r.type().equals(type)).toList();
  }

  /** How many times the step was attempted, retries included; 0 if it never ran. */
  public int attempts() {
    return result.attempts();
  }

  /** Why the last attempt failed, timed out or was cancelled; empty if it succeeded or skipped. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(result.error());
  }

  /**
   * Where in the connector's code the last attempt failed ({@code GithubConnector.java:64}), if it
   * failed by throwing.
   */
  public Optional<StackTraceElement> failureLocation() {
    return Optional.ofNullable(result.failureLocation());
  }

  /**
   * The steps upstream of this one that did not succeed, as {@code ctx.failedDependencies()} gave
   * them; empty when the test gives the step its prior data, which stands for upstream steps that
   * all succeeded.
   */
  public java.util.Set<String> failedDependencies() {
    return result.failedDependencies();
  }

  /** Whether the step succeeded on incomplete upstream data: some of its upstream steps did not. */
  public boolean partial() {
    return result.partial();
  }

  /** Why the step was skipped ({@code ctx.skip(reason)}, or a failed dependency), if it was. */
  public Optional<String> skipReason() {
    return result.status() == StepStatus.SKIPPED
        ? Optional.ofNullable(result.skipReason())
        : Optional.empty();
  }

  /** The lines the step logged through {@code ctx.log()}, in order, over all its attempts. */
  public List<LogLine> logs() {
    return logs;
  }

  /** The messages of {@link #logs()}, without their levels. */
  public List<String> logMessages() {
    return logs.stream().map(LogLine::message).toList();
  }

  /**
   * The backoff delays the step would have waited before each retry: virtual time skips them, so
   * a step with {@code @Retry(attempts = 3, backoff = "10m")} that fails twice ends at once.
   */
  public List<Duration> backoffs() {
    return backoffs;
  }

  /** The runtime's own result of the step, for what this class does not spell out. */
  public StepResult result() {
    return result;
  }

  /**
   * For assertion messages, e.g.:
   *
   * <pre>
   * step 'users': FAILED after 3 attempts: IllegalStateException: HTTP 503
   *   emitted: nothing (a step's emissions count only if it succeeds)
   *   backoffs skipped: PT10M, PT20M
   *   log: INFO fetching page 1
   * </pre>
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("step '").append(stepId()).append("': ")
        .append(status());
    out.append(result.attempts() == 1 ? " after 1 attempt" : " after " + result.attempts() + " attempts");
    String reason = result.reason();
    if (!reason.isEmpty()) {
      out.append(": ").append(reason);
    }
    if (result.failureLocation() != null) {
      StackTraceElement at = result.failureLocation();
      out.append(" (at ").append(at.getFileName() == null ? at.getClassName() + "." + at.getMethodName()
          : at.getFileName() + (at.getLineNumber() >= 0 ? ":" + at.getLineNumber() : "")).append(')');
    }
    if (result.partial()) {
      out.append(" (partial: ").append(String.join(", ", result.failedDependencies()))
          .append(" did not succeed)");
    }
    if (succeeded()) {
      out.append("\n  emitted: ").append(counts(result.entityCounts())).append(", ")
          .append(result.relationshipCount())
          .append(result.relationshipCount() == 1 ? " relationship" : " relationships");
    } else {
      out.append("\n  emitted: nothing (a step's emissions count only if it succeeds)");
    }
    if (!backoffs.isEmpty()) {
      out.append("\n  backoffs skipped: ");
      for (int i = 0; i < backoffs.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(backoffs.get(i));
      }
    }
    for (LogLine line : logs) {
      out.append("\n  log: ").append(line);
    }
    return out.toString();
  }

  private static String counts(Map<String, Integer> byType) {
    if (byType.isEmpty()) {
      return "no entities";
    }
    StringBuilder out = new StringBuilder();
    byType.forEach((type, count) ->
        out.append(out.length() == 0 ? "" : ", ").append(count).append(' ').append(type));
    return out.toString();
  }
}
