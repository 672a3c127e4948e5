package dev.stepgraph.runtime.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunListener;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --events json}: one JSON object per event and line (on stdout), with an {@code event}
 * field, an ISO-8601 {@code time} and durations in milliseconds ({@code durationMs}).
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
    } else if (event instanceof RunEvent.StepRetrying e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("attempt", e.attempt());
      json.writeNumberField("attempts", e.attempts());
      json.writeNumberField("delayMs", e.delay().toMillis());
      json.writeStringField("error", e.errorSummary());
      json.writeStringField("errorType", e.error().getClass().getName());
    } else if (event instanceof RunEvent.StepFailed e) {
      json.writeStringField("step", e.stepId());
      json.writeNumberField("durationMs", e.duration().toMillis());
      json.writeStringField("error", e.errorSummary());
      json.writeStringField("errorType", e.error().getClass().getName());
      json.writeNumberField("attempts", e.attempts());
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
    }
    json.writeEndObject();
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
