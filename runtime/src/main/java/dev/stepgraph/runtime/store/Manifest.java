package dev.stepgraph.runtime.store;

import dev.stepgraph.runtime.run.StepStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The manifest of a run in a directory store, {@code manifest.jsonl}: JSON Lines, appended and
 * never rewritten, each line ending with the CRC-32C of what comes before it ({@code
 * ,"crc":"1a2b3c4d"}), so a damaged line is told from a good one. Format 1:
 *
 * <pre>
 * {"format":1,"connector":"cloud-inventory","run":"20261201T204512Z-3fa9","crc":"..."}
 * {"session":1,"started":"2026-12-01T20:45:12.345Z","process":4242,"crc":"..."}
 * {"session":1,"fingerprints":{"users":"9f2c...","roles":"07ab...",...},"crc":"..."}
 * {"step":"users","session":1,"status":"succeeded","attempts":1,"entities":{"user":40},
 *   "file":"steps/users.1.jsonl","bytes":5120,"checksum":"crc32c:...","crc":"..."}
 * {"session":1,"ended":"2026-12-01T20:45:13.001Z","cancelled":false,"crc":"..."}
 * </pre>
 *
 * (A step line is one line; it is wrapped here.) The first line says the format; then for each
 * start of the run (a session) its line and the fingerprints of the graph's steps as it started,
 * the record of each step as it finished ({@code "selected"} lists the steps a session was asked
 * for; a record's {@code "fingerprint"} is there only when it is not its session's; {@code
 * "reason"} is a skip's reason, {@code "error"} the class of a failure, {@code "relationships"}
 * their count), and the end of each session that ended. A last line without its newline is an
 * append that a crash cut short: it was never committed, and is left out. Any other line that does
 * not check out makes the manifest damaged.
 *
 * <p>This class writes the lines, through {@link ManifestLines}; {@link ManifestReader} reads them.
 */
final class Manifest {
  static final int FORMAT = 1;
  static final String FILE = "manifest.jsonl";

  private Manifest() {}

  static void header(ManifestLines lines, String connectorId, String runId) {
    lines.begin().field("format", FORMAT).field("connector", connectorId).field("run", runId).end();
  }

  /**
   * The start of a session, then the fingerprints of the graph's steps as it starts: a step's
   * record names its fingerprint only when it is another.
   */
  static void sessionStarted(ManifestLines lines, RecordedRun.Session session) {
    lines.begin()
        .field("session", session.number())
        .field("started", session.started().toString())
        .field("process", session.process());
    if (!session.selected().isEmpty()) {
      lines.array("selected");
      for (String step : session.selected()) {
        lines.element(step);
      }
      lines.closeArray();
    }
    lines.end();
    lines.begin().field("session", session.number()).object("fingerprints");
    for (Map.Entry<String, String> fingerprint : session.fingerprints().entrySet()) {
      lines.field(fingerprint.getKey(), fingerprint.getValue());
    }
    lines.close().end();
  }

  static void sessionEnded(ManifestLines lines, int session, Instant ended, boolean cancelled) {
    lines.begin()
        .field("session", session)
        .field("ended", ended.toString())
        .field("cancelled", cancelled)
        .end();
  }

  private static final String[] STATUS = new String[StepStatus.values().length];

  static {
    for (StepStatus status : StepStatus.values()) {
      STATUS[status.ordinal()] = status.name().toLowerCase(Locale.ROOT);
    }
  }

  /** A step's record; its fingerprint only if it is not its session's. */
  static void record(ManifestLines lines, StepRecord record, @Nullable String sessionFingerprint) {
    lines.begin()
        .field("step", record.stepId())
        .field("session", record.session())
        .field("status", STATUS[record.status().ordinal()]);
    if (!record.fingerprint().equals(sessionFingerprint)) {
      lines.field("fingerprint", record.fingerprint());
    }
    lines.field("attempts", record.attempts());
    if (!record.entityCounts().isEmpty()) {
      lines.object("entities");
      for (Map.Entry<String, Integer> count : record.entityCounts().entrySet()) {
        lines.field(count.getKey(), count.getValue());
      }
      lines.close();
    }
    if (record.relationshipCount() > 0) {
      lines.field("relationships", record.relationshipCount());
    }
    if (record.skipReason() != null) {
      lines.field("reason", record.skipReason());
    }
    if (record.errorType() != null) {
      lines.field("error", record.errorType());
    }
    StepRecord.DataFile file = record.file();
    if (file != null) {
      lines
          .field("file", file.name())
          .field("bytes", file.bytes())
          .field("checksum", file.checksum());
    }
    lines.end();
  }

  static String hex8(long crc) {
    String hex = Long.toHexString(crc);
    return "00000000".substring(hex.length()) + hex;
  }
}
