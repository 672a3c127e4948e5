package dev.stepgraph.runtime.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.RunEvent;
import dev.stepgraph.runtime.RunListener;
import dev.stepgraph.runtime.StepStatus;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --events json}: one JSON object per event and line (on stdout), with an {@code event}
 * field, an ISO-8601 {@code time} and durations in milliseconds ({@code durationMs}).
 */
final class JsonEvents implements RunListener {
  private final Writer writer;
  private final JsonGenerator json;

  JsonEvents(PrintStream out) {
    this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try {
      this.json =
          new JsonFactory()
              .createGenerator(writer)
              .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
              .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.setRootValueSeparator(null);
  }

  @Override
  public void onEvent(RunEvent event) {
    try {
      write(event);
      json.flush();
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(RunEvent event) throws IOException {
    json.writeStartObject();
    json.writeStringField("event", name(event));
    json.writeStringField("time", event.time().toString());
    if (event instanceof RunEvent.RunStarted e) {
      json.writeStringField("connector", e.connectorId());
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
    } else if (event instanceof RunEvent.RunFinished) {
      return "run-finished";
    }
    throw new IllegalArgumentException("unknown event " + event);
  }
}
