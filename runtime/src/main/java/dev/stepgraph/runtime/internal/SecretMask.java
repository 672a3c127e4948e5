package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.ConfigKeyDefinition;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.StepResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The values of a run's secret configuration keys ({@code @ConfigKey(secret = true)}), and what
 * masks them as {@value #MASK} wherever the run would show them: the lines steps log, skip
 * reasons, the messages of errors (of a step, a retry, the connector's constructor) in the events
 * and the report, and the report's warnings. One per run, built before its first step.
 *
 * <p>What steps emit is data, not a message: it is left as emitted.
 */
public final class SecretMask {
  /** What a secret value reads as. */
  public static final String MASK = "****";

  /** A run without secrets. */
  static final SecretMask NONE = new SecretMask(List.of());

  /** Longest first, so that a secret holding another is masked whole. */
  private final List<String> values;

  private SecretMask(List<String> values) {
    this.values = values;
  }

  /** The mask of the secret keys' values that this configuration sets. */
  public static SecretMask of(List<ConfigKeyDefinition> keys, Config config) {
    Set<String> values = new LinkedHashSet<>();
    for (ConfigKeyDefinition key : keys) {
      if (!key.secret()) {
        continue;
      }
      Optional<String> value = config.get(key.name());
      if (value.isPresent()) {
        // As set, and as a step would likely use it, trimmed.
        for (String form : List.of(value.get(), value.get().strip())) {
          if (!form.isEmpty()) {
            values.add(form);
          }
        }
      }
    }
    if (values.isEmpty()) {
      return NONE;
    }
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new SecretMask(List.copyOf(sorted));
  }

  /** Whether there is nothing to mask. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The text with every secret value replaced by {@value #MASK}. */
  public String text(String text) {
    String masked = text;
    for (String value : values) {
      if (masked.contains(value)) {
        masked = masked.replace(value, MASK);
      }
    }
    return masked;
  }

  private boolean reveals(@Nullable String text) {
    if (text == null) {
      return false;
    }
    for (String value : values) {
      if (text.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The error itself when no message of it, its causes or suppressed errors holds a secret; else
   * a copy of the whole chain with the secrets masked, each link reading as the class it copies
   * ({@link Errors#summary}, {@link Errors#className}), with its stack trace.
   */
  public @Nullable Throwable error(@Nullable Throwable error) {
    if (error == null || values.isEmpty() || !reveals(error, new IdentityHashMap<>())) {
      return error;
    }
    return copy(error, new IdentityHashMap<>());
  }

  private boolean reveals(Throwable error, Map<Throwable, Boolean> seen) {
    if (seen.put(error, Boolean.TRUE) != null) {
      return false;
    }
    if (reveals(message(error))) {
      return true;
    }
    Throwable cause = error.getCause();
    if (cause != null && reveals(cause, seen)) {
      return true;
    }
    for (Throwable suppressed : error.getSuppressed()) {
      if (reveals(suppressed, seen)) {
        return true;
      }
    }
    return false;
  }

  private Throwable copy(Throwable error, Map<Throwable, Throwable> copies) {
    Throwable done = copies.get(error);
    if (done != null) {
      return done;
    }
    String message = message(error);
    MaskedThrowable copy =
        new MaskedThrowable(
            Errors.className(error),
            Errors.typeName(error),
            message == null ? null : text(message));
    copies.put(error, copy);
    copy.setStackTrace(error.getStackTrace());
    Throwable cause = error.getCause();
    if (cause != null) {
      copy.initCause(copy(cause, copies));
    }
    for (Throwable suppressed : error.getSuppressed()) {
      copy.addSuppressed(copy(suppressed, copies));
    }
    return copy;
  }

  private static @Nullable String message(Throwable error) {
    try {
      return error.getMessage();
    } catch (Throwable broken) {
      return null; // Errors.summary says so of the original; a copy has no message
    }
  }

  /** The event with its message, reason or error masked; the event itself if nothing changes. */
  public RunEvent event(RunEvent event) {
    if (values.isEmpty()) {
      return event;
    }
    if (event instanceof RunEvent.StepLog log) {
      String message = text(log.message());
      return message.equals(log.message())
          ? event
          : new RunEvent.StepLog(log.time(), log.stepId(), log.level(), message);
    }
    if (event instanceof RunEvent.StepSkipped skipped) {
      String reason = text(skipped.reason());
      return reason.equals(skipped.reason())
          ? event
          : new RunEvent.StepSkipped(skipped.time(), skipped.stepId(), reason);
    }
    if (event instanceof RunEvent.StepReused reused && reused.skipReason() != null) {
      String reason = text(reused.skipReason());
      return reason.equals(reused.skipReason())
          ? event
          : new RunEvent.StepReused(
              reused.time(), reused.stepId(), reused.wave(), reused.fromRun(),
              reused.entityCounts(), reused.relationshipCount(), reason);
    }
    if (event instanceof RunEvent.StepRerun rerun) {
      String detail = text(rerun.detail());
      return detail.equals(rerun.detail())
          ? event
          : new RunEvent.StepRerun(
              rerun.time(), rerun.stepId(), rerun.fromRun(), rerun.cause(), detail);
    }
    if (event instanceof RunEvent.StepFailed failed) {
      Throwable error = error(failed.error());
      return error == failed.error()
          ? event
          : new RunEvent.StepFailed(
              failed.time(), failed.stepId(), failed.duration(), error, failed.attempts(),
              failed.failureLocation());
    }
    if (event instanceof RunEvent.StepRetrying retrying) {
      Throwable error = error(retrying.error());
      return error == retrying.error()
          ? event
          : new RunEvent.StepRetrying(
              retrying.time(), retrying.stepId(), retrying.attempt(), retrying.attempts(),
              retrying.delay(), error, retrying.failureLocation());
    }
    return event;
  }

  /** {@code results} with their errors and skip reasons masked; the same list if nothing is. */
  List<StepResult> results(List<StepResult> results) {
    if (values.isEmpty()) {
      return results;
    }
    List<StepResult> shown = new ArrayList<>(results.size());
    for (StepResult result : results) {
      shown.add(result(result));
    }
    return shown;
  }

  /** The result with its error and skip reason masked; the result itself if nothing changes. */
  public StepResult result(StepResult result) {
    if (values.isEmpty()) {
      return result;
    }
    Throwable error = error(result.error());
    String reason = result.skipReason() == null ? null : text(result.skipReason());
    if (error == result.error() && Objects.equals(reason, result.skipReason())) {
      return result;
    }
    return new StepResult(
        result.stepId(), result.wave(), result.status(), result.duration(), result.entityCounts(),
        result.relationshipCount(), error, result.entities(), result.relationships(),
        result.attempts(), reason, result.failureLocation(), result.failedDependencies());
  }

  /** Every line masked. */
  public List<String> lines(List<String> lines) {
    if (values.isEmpty()) {
      return lines;
    }
    List<String> masked = new ArrayList<>(lines.size());
    for (String line : lines) {
      masked.add(text(line));
    }
    return masked;
  }
}
