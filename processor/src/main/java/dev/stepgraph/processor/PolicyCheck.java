package dev.stepgraph.processor;

import java.time.Duration;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import org.jspecify.annotations.Nullable;

/**
 * Step policies: {@code @Step(timeout)}, every value of {@code @Retry} (and that it sits on a step),
 * and {@code @Connector(onDependencyFailure)}. Each error is on the offending annotation value, or
 * on the annotation when the value is left at its default.
 */
final class PolicyCheck implements ConnectorCheck {

  @Override
  public void check(ConnectorModel connector, Reporter reporter) {
    if (connector.onDependencyFailure().equals("INHERIT") && connector.annotation() != null) {
      reporter.error(
          "connector '" + connector.id() + "': @Connector(onDependencyFailure = INHERIT) has nothing to inherit from:"
              + " use RUN (the default) or SKIP",
          connector.type(), connector.annotation(), connector.onDependencyFailureValue());
    }
    for (ConnectorModel.RetryWithoutStep retry : connector.retriesWithoutStep()) {
      reportRetryWithoutStep(retry.method(), retry.annotation(), retry.signature(), reporter);
    }
    for (StepModel step : connector.steps()) {
      checkTimeout(step, reporter);
      if (step.retry() != null) {
        checkRetry(step, step.retry(), reporter);
      }
    }
  }

  /** Also used for classes that are no connector at all (a @Retry method, no @Step method). */
  static void reportRetryWithoutStep(
      ExecutableElement method, AnnotationMirror annotation, String signature, Reporter reporter) {
    reporter.error(
        "@Retry on method " + signature + " has no effect without @Step: make the method a step with @Step(id = \""
            + Ids.stepIdFor(method.getSimpleName().toString()) + "\") or remove @Retry",
        method, annotation, null);
  }

  private static void checkTimeout(StepModel step, Reporter reporter) {
    if (step.timeout().isEmpty()) {
      return;
    }
    Optional<Duration> timeout = Durations.parse(step.timeout());
    String prefix = "step '" + step.id() + "': timeout '" + step.timeout() + "'";
    if (timeout.isEmpty() && Durations.isOutOfRange(step.timeout())) {
      reporter.error(prefix + " " + Durations.OUT_OF_RANGE + ": write a shorter one, or remove timeout for no limit",
          step.method(), step.annotation(), step.timeoutValue());
    } else if (timeout.isEmpty()) {
      reporter.error(prefix + " is not a duration: " + Durations.HOW_TO_WRITE,
          step.method(), step.annotation(), step.timeoutValue());
    } else if (timeout.get().isZero() || timeout.get().isNegative()) {
      reporter.error(prefix + " must be positive: write how long one attempt may take, like \"30s\","
              + " or remove timeout for no limit",
          step.method(), step.annotation(), step.timeoutValue());
    }
  }

  private static void checkRetry(StepModel step, RetryModel retry, Reporter reporter) {
    String prefix = "step '" + step.id() + "': @Retry ";
    if (retry.attempts() < 1) {
      error(reporter, step, retry, retry.attemptsValue(),
          prefix + "attempts = " + retry.attempts() + " must be at least 1 (the first attempt counts):"
              + " write attempts = 2 or more to retry, or remove @Retry");
    } else if (retry.attempts() == 1) {
      reporter.warning(
          prefix + "attempts = 1 never retries (the first attempt counts): remove @Retry or raise attempts to 2"
              + " or more",
          step.method(), retry.annotation(), retry.attemptsValue());
    }
    Duration backoff = duration(reporter, step, retry, prefix, "backoff", retry.backoff(), retry.backoffValue(),
        "\"500ms\", or \"0ms\" to retry at once");
    Duration maxBackoff = duration(reporter, step, retry, prefix, "maxBackoff", retry.maxBackoff(),
        retry.maxBackoffValue(), "\"1m\"");
    if (backoff != null && maxBackoff != null && maxBackoff.compareTo(backoff) < 0) {
      error(reporter, step, retry, retry.maxBackoffValue(),
          prefix + "maxBackoff '" + retry.maxBackoff() + "' is shorter than backoff '" + retry.backoff()
              + "': raise maxBackoff to at least '" + retry.backoff() + "' or lower backoff");
    }
    double multiplier = retry.multiplier();
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      error(reporter, step, retry, retry.multiplierValue(),
          prefix + "multiplier " + multiplier + " must be a finite number of at least 1.0:"
              + " write 1.0 to keep the delay constant, or e.g. 2.0 to double it after each attempt");
    }
    double jitter = retry.jitter();
    if (!(jitter >= 0 && jitter <= 1)) {
      error(reporter, step, retry, retry.jitterValue(),
          prefix + "jitter " + jitter + " must be from 0 to 1: write e.g. 0.2 to spread each delay by up to 20%,"
              + " or 0 for none");
    }
  }

  /** The parsed duration, or null after reporting why it is not one. */
  private static @Nullable Duration duration(Reporter reporter, StepModel step, RetryModel retry, String prefix,
      String name, String text, @Nullable AnnotationValue value, String example) {
    Optional<Duration> duration = Durations.parse(text);
    if (duration.isEmpty() && Durations.isOutOfRange(text)) {
      error(reporter, step, retry, value,
          prefix + name + " '" + text + "' " + Durations.OUT_OF_RANGE + ": write a duration like " + example);
      return null;
    }
    if (duration.isEmpty()) {
      error(reporter, step, retry, value, prefix + name + " '" + text + "' is not a duration: " + Durations.HOW_TO_WRITE);
      return null;
    }
    if (duration.get().isNegative()) {
      error(reporter, step, retry, value,
          prefix + name + " '" + text + "' must not be negative: write a duration like " + example);
      return null;
    }
    return duration.get();
  }

  private static void error(
      Reporter reporter, StepModel step, RetryModel retry, @Nullable AnnotationValue value, String message) {
    reporter.error(message, step.method(), retry.annotation(), value);
  }
}
