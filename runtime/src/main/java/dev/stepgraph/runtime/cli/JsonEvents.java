package dev.stepgraph.runtime.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunListener;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code --events json}: one JSON object per event and line (on stdout), with an {@code event}
 * field, an ISO-8601 {@code time} and durations in milliseconds ({@code durationMs}). A failure
 * carries where in the connector's code it happened ({@code location}, {@code frame}), and a
 * {@code step-failed} event the full {@code stackTrace}. A {@code step-completed} event of a step
 * that succeeded on incomplete upstream data has {@code "partial":true} and the {@code
 * failedDependencies}; {@code run-finished} lists such steps in {@code partial}. Fields that would
 * say nothing (no location, not partial) are left out.
 */
final class JsonEvents implements RunListener {
  private final PrintStream out;
  private final JsonFactory factory = new JsonFactory();
  private volatile boolean failed;

  JsonEvents(PrintStream out) {
    this.out = out;
  }

  /**
   * Writes the event as one line. The line is rendered whole before a byte is written, so an event
   * that cannot be rendered costs only itself; a failed write (a full disk, a closed pipe) is
   * remembered ({@link #failed()}) and thrown, for the run to report.
   */
  @Override
  public void onEvent(RunEvent event) {
    StringWriter line = new StringWriter(256);
    try (JsonGenerator json = factory.createGenerator(line)) {
      write(json, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    line.write('\n');
    out.print(line);
    out.flush();
    if (out.checkError()) {
      failed = true;
      throw new UncheckedIOException(new IOException("cannot write to standard output"));
    }
  }

  /** Whether writing an event to standard output failed. */
  boolean failed() {
    return failed;
  }

  @Override
  public String toString() {
    return "--events json (standard output)";
  }

  private static void write(JsonGenerator json, RunEvent event) throws IOException {
    json.writeStartObject();
    json.writeStringField("event", name(event));
    json.writeStringField("time", event.time().toString());
    if (event instanceof RunEvent.RunStarted e) {
      json.writeStringField("connector", e.connectorId());
      json.writeStringField("run", e.runId());
      json.writeBooleanField("resumed", e.resumed());
      json.writeNumberField("steps", e.stepCount());
      json.writeNumberField("waves", e.waveCount());
    } else if (event instanceof RunEvent.WaveStarted e) {
      json.writeNumberField("wave", e.index());
      json.writeArrayFieldStart("steps");
      for (String id : e.stepIds()) {
        json.writeString(id);
      }
      json.writeEndArray();
    } else if (event instanceof RunEvent.StepStarted e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("wave", e.wave());
    } else if (event instanceof RunEvent.StepLog e) {
      json.writeStringField("step", e.stepId());
      json.writeStringField("level", e.level());
      json.writeStringField("message", e.message());
    } else if (event instanceof RunEvent.StepCompleted e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("durationMs", e.duration().toMillis());
      json.writeObjectFieldStart("entities");
      for (Map.Entry<String, Integer> count : e.entityCounts().entrySet()) {
        json.writeNumberField(count.getKey(), count.getValue());
      }
      json.writeEndObject();
      json.writeNumberField("relationships", e.relationshipCount());
      json.writeNumberField("attempts", e.attempts());
      if (e.partial()) {
        json.writeBooleanField("partial", true);
        writeStrings(json, "failedDependencies", e.failedDependencies());
      }
    } else if (event instanceof RunEvent.StepRetrying e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("attempt", e.attempt());
      json.writeNumberField("attempts", e.attempts());
      json.writeNumberField("delayMs", e.delay().toMillis());
      json.writeStringField("error", e.errorSummary());
      json.writeStringField("errorType", Errors.className(e.error()));
      writeLocation(json, e.failureLocation());
    } else if (event instanceof RunEvent.StepFailed e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("durationMs", e.duration().toMillis());
      json.writeStringField("error", e.errorSummary());
      json.writeStringField("errorType", Errors.className(e.error()));
      json.writeNumberField("attempts", e.attempts());
      writeLocation(json, e.failureLocation());
      json.writeStringField("stackTrace", e.stackTrace());
    } else if (event instanceof RunEvent.StepTimedOut e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("durationMs", e.duration().toMillis());
      json.writeNumberField("timeoutMs", e.timeout().toMillis());
      json.writeNumberField("attempts", e.attempts());
    } else if (event instanceof RunEvent.StepSkipped e) {
      json.writeStringField("step", e.stepId());
      json.writeStringField("reason", e.reason());
    } else if (event instanceof RunEvent.StepCancelled e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("durationMs", e.duration().toMillis());
    } else if (event instanceof RunEvent.StepReused e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("wave", e.wave());
      json.writeStringField("run", e.fromRun());
      json.writeObjectFieldStart("entities");
      for (Map.Entry<String, Integer> count : e.entityCounts().entrySet()) {
        json.writeNumberField(count.getKey(), count.getValue());
      }
      json.writeEndObject();
      json.writeNumberField("relationships", e.relationshipCount());
      if (e.skipReason() != null) {
        json.writeStringField("skipped", e.skipReason());
      }
    } else if (event instanceof RunEvent.StepRerun e) {
      json.writeStringField("step", e.stepId());
      json.writeStringField("run", e.fromRun());
      json.writeStringField("cause", e.cause().name().toLowerCase(Locale.ROOT));
      json.writeStringField("detail", e.detail());
    } else if (event instanceof RunEvent.RunFinished e) {
      json.writeNumberField("durationMs", e.duration().toMillis());
      json.writeBooleanField("cancelled", e.cancelled());
      json.writeObjectFieldStart("steps");
      for (StepStatus status : StepStatus.values()) {
        json.writeNumberField(status.name().toLowerCase(Locale.ROOT), e.count(status));
      }
      json.writeEndObject();
      if (!e.partial().isEmpty()) {
        writeStrings(json, "partial", e.partial());
      }
    }
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String name, Iterable<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /**
   * {@code "location":"AwsConnector.java:64","frame":"com.acme.AwsConnector.users(AwsConnector.java:64)"}:
   * where in the connector's code the step failed, short and as the stack trace has it; nothing
   * without a location.
   */
  private static void writeLocation(JsonGenerator json, @Nullable StackTraceElement location)
      throws IOException {
    if (location != null) {
      json.writeStringField("location", Errors.location(location));
      json.writeStringField("frame", location.toString());
    }
  }

  /** {@code run-started}, {@code wave-started}, {@code step-log}, ... */
  static String name(RunEvent event) {
    if (event instanceof RunEvent.RunStarted) {
      return "run-started";
    } else if (event instanceof RunEvent.WaveStarted) {
      return "wave-started";
    } else if (event instanceof RunEvent.StepStarted) {
      return "step-started";
    } else if (event instanceof RunEvent.StepLog) {
      return "step-log";
    } else if (event instanceof RunEvent.StepCompleted) {
      return "step-completed";
    } else if (event instanceof RunEvent.StepRetrying) {
      return "step-retrying";
    } else if (event instanceof RunEvent.StepFailed) {
      return "step-failed";
    } else if (event instanceof RunEvent.StepTimedOut) {
      return "step-timed-out";
    } else if (event instanceof RunEvent.StepSkipped) {
      return "step-skipped";
    } else if (event instanceof RunEvent.StepCancelled) {
      return "step-cancelled";
    } else if (event instanceof RunEvent.StepReused) {
      return "step-reused";
    } else if (event instanceof RunEvent.StepRerun) {
      return "step-rerun";
    } else if (event instanceof RunEvent.RunFinished) {
      return "run-finished";
    }
    throw new IllegalArgumentException("unknown event " + event);
  }
}
