package dev.stepgraph.runtime.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.run.RemoteFailure;
import dev.stepgraph.runtime.run.RunEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The attempt logs of a run's steps, {@code logs/STEP.SESSION.aATTEMPT.jsonl} in the run's
 * directory: JSON Lines, one per line the attempt logged ({@code {"time":...,"level":"INFO",
 * "message":...}}), then, for an attempt that failed, one of its failure ({@code
 * {"failed":"java.io.IOException","message":...,"where":"Class|method|File.java|12",
 * "time":...,"retried":true}}). Written whole or not at all (temporary file, rename), not synced:
 * a log is what a person reads, not what a resume needs, and a crash may lose it.
 */
final class StepLogs {
  static final String DIRECTORY = "logs";
  private static final JsonFactory JSON = new JsonFactory();

  private StepLogs() {}

  static void write(Path run, String stepId, int session, RunFiles.AttemptLog log)
      throws IOException {
    Path logs = run.resolve(DIRECTORY);
    Files.createDirectories(logs);
    String name = prefix(stepId, session) + log.attempt() + ".jsonl";
    Path temp = Durable.temporary(logs, name);
    try {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
          JsonGenerator json = JSON.createGenerator(out)) {
        json.setRootValueSeparator(null);
        for (RunEvent.StepLog line : log.lines()) {
          json.writeStartObject();
          json.writeStringField("time", line.time().toString());
          json.writeStringField("level", line.level());
          json.writeStringField("message", line.message());
          json.writeEndObject();
          json.writeRaw('\n');
        }
        RemoteFailure failure = log.failure();
        if (failure != null) {
          json.writeStartObject();
          json.writeStringField("failed", failure.type());
          if (failure.message() != null) {
            json.writeStringField("message", failure.message());
          }
          StackTraceElement where = failure.where();
          if (where != null) {
            json.writeStringField("where", RemoteFailure.frameText(where));
          }
          json.writeStringField("time", String.valueOf(log.failedAt()));
          json.writeBooleanField("retried", log.retried());
          json.writeEndObject();
          json.writeRaw('\n');
        }
      }
      Durable.rename(temp, logs.resolve(name));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static boolean exists(Path run, String stepId, int session, int attempt) {
    try {
      return Files.exists(
          run.resolve(DIRECTORY).resolve(prefix(stepId, session) + attempt + ".jsonl"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The logs of a step's attempts after {@code afterAttempt} in a session, in attempt order (the
   * earlier ones are not read). A log that cannot be read is one warning line in its place,
   * naming the file.
   */
  static List<RunFiles.AttemptLog> read(Path run, String stepId, int session, int afterAttempt) {
    Path logs = run.resolve(DIRECTORY);
    String prefix = prefix(stepId, session);
    Map<Integer, Path> files = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(logs, prefix + "*.jsonl")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String number = name.substring(prefix.length(), name.length() - ".jsonl".length());
        if (!number.isEmpty() && number.length() < 9
            && number.chars().allMatch(Character::isDigit)
            && Integer.parseInt(number) > afterAttempt) {
          files.put(Integer.parseInt(number), entry);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of(unreadable(stepId, afterAttempt + 1, logs, e));
    }
    List<RunFiles.AttemptLog> read = new ArrayList<>(files.size());
    for (Map.Entry<Integer, Path> file : files.entrySet()) {
      try {
        read.add(parse(stepId, file.getKey(), file.getValue()));
      } catch (IOException | RuntimeException e) {
        read.add(unreadable(stepId, file.getKey(), file.getValue(), e));
      }
    }
    return read;
  }

  private static RunFiles.AttemptLog parse(String stepId, int attempt, Path file)
      throws IOException {
    List<RunEvent.StepLog> lines = new ArrayList<>();
    RemoteFailure failure = null;
    Instant failedAt = null;
    boolean retried = false;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        Map<String, Object> fields = fields(line);
        Object type = fields.get("failed");
        if (type instanceof String failedType) {
          failure = new RemoteFailure(
              failedType, (String) fields.get("message"), attempt,
              RemoteFailure.frame(fields.get("where") instanceof String where ? where : null));
          failedAt = fields.get("time") instanceof String time ? Instant.parse(time) : null;
          retried = Boolean.TRUE.equals(fields.get("retried"));
        } else {
          lines.add(new RunEvent.StepLog(
              Instant.parse(string(fields, "time")), stepId, string(fields, "level"),
              string(fields, "message")));
        }
      }
    }
    return new RunFiles.AttemptLog(attempt, lines, failure, failedAt, retried);
  }

  /** One flat JSON object's fields: strings and booleans. */
  private static Map<String, Object> fields(String line) throws IOException {
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT;
          token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          fields.put(name, parser.getText());
        } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
          fields.put(name, value == JsonToken.VALUE_TRUE);
        } else if (value == null || value.isStructStart()) {
          throw new IOException("unexpected " + value + " in field '" + name + "'");
        }
      }
    }
    return fields;
  }

  private static String string(Map<String, Object> fields, String name) throws IOException {
    if (fields.get(name) instanceof String value) {
      return value;
    }
    throw new IOException("a line has no field '" + name + "'");
  }


  private static RunFiles.AttemptLog unreadable(
      String stepId, int attempt, Path file, Exception e) {
    return new RunFiles.AttemptLog(
        attempt,
        List.of(new RunEvent.StepLog(Instant.now(), stepId, "WARN",
            "the worker's log " + file + " cannot be read: " + Errors.reason(e))),
        null, null, false);
  }

  private static String prefix(String stepId, int session) {
    return DirectoryRunStore.safeName(stepId) + "." + session + ".a";
  }
}
