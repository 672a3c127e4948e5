package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.run.RunEvent;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The logger of one step: every line becomes a {@link RunEvent.StepLog} of the run. TRACE is off;
 * DEBUG and above are events (the human sink prints INFO and above).
 */
final class StepLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient String stepId;
  private final transient Consumer<RunEvent> events;
  private final transient java.time.Clock clock;

  StepLogger(String stepId, Consumer<RunEvent> events, java.time.Clock clock) {
    this.stepId = stepId;
    this.events = events;
    this.clock = clock;
    this.name = "step." + stepId;
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  protected @Nullable String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level,
      @Nullable Marker marker,
      @Nullable String messagePattern,
      Object @Nullable [] arguments,
      @Nullable Throwable throwable) {
    if (level == Level.TRACE) {
      return;
    }
    String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
    if (message == null) {
      message = "null";
    }
    if (throwable != null) {
      message = message + ": " + Errors.summary(throwable);
    }
    events.accept(new RunEvent.StepLog(clock.instant(), stepId, level.name(), message));
  }
}
