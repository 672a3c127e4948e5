package dev.stepgraph.runtime.store;

import static dev.stepgraph.runtime.store.ManifestFields.bool;
import static dev.stepgraph.runtime.store.ManifestFields.damaged;
import static dev.stepgraph.runtime.store.ManifestFields.instant;
import static dev.stepgraph.runtime.store.ManifestFields.integer;
import static dev.stepgraph.runtime.store.ManifestFields.number;
import static dev.stepgraph.runtime.store.ManifestFields.optionalText;
import static dev.stepgraph.runtime.store.ManifestFields.parse;
import static dev.stepgraph.runtime.store.ManifestFields.strings;
import static dev.stepgraph.runtime.store.ManifestFields.text;
import static dev.stepgraph.runtime.store.ManifestFields.texts;

import dev.stepgraph.runtime.run.StepStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a manifest ({@link Manifest} gives its format): every line checked against its CRC-32C,
 * the records and sessions rebuilt, and any damage told with its line number.
 */
final class ManifestReader {
  private ManifestReader() {}

  /** What a manifest holds, and how much of the file is whole lines. */
  record Contents(RecordedRun run, long validLength) {}

  /** The manifest cannot be read; the message says why, the problem whether it is newer. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    final RunStoreException.Problem problem;

    Unreadable(RunStoreException.Problem problem, String message) {
      super(message, null, false, false);
      this.problem = problem;
    }
  }

  /**
   * When the run of this manifest started, read from its first two lines only (what retention and
   * choosing the latest run need, for runs of any size); null if they do not check out.
   */
  static @Nullable Instant startedAt(Path file) throws IOException {
    byte[] head;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // until the head is read, or the file ends
      }
      head = Arrays.copyOf(buffer.array(), buffer.position());
    }
    int first = indexOf(head, 0);
    if (first < 0) {
      return null;
    }
    // The session line starts {"session":1,"started":"...": enough to order runs by.
    Matcher started =
        SESSION_START.matcher(
            new String(head, first + 1, head.length - first - 1, StandardCharsets.UTF_8));
    if (!started.lookingAt()) {
      return null;
    }
    try {
      return Instant.parse(started.group(1));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static final Pattern SESSION_START =
      Pattern.compile("\\{\"session\":1,\"started\":\"([^\"]{1,64})\"");

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads a manifest's bytes.
   *
   * @param shown the file, as messages name it
   * @throws Unreadable if it is truncated before its first line ends, of a newer format, or a
   *     line does not check out
   */
  static Contents read(byte[] bytes, String shown) throws Unreadable {
    List<int[]> lines = new ArrayList<>(); // start, end (exclusive of the newline)
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(new int[] {start, i});
        start = i + 1;
      }
    }
    long validLength = start; // a last line without its newline was never committed
    if (lines.isEmpty()) {
      // The first line is made whole before the manifest takes its name, so this is damage.
      throw new Unreadable(
          RunStoreException.Problem.DAMAGED_MANIFEST,
          shown + " is truncated: it holds no complete line");
    }
    Map<String, Object> header = parse(bytes, lines.get(0), shown, 1, false);
    Object format = header.get("format");
    if (!(format instanceof Long version) || version < 1) {
      throw damaged(shown, 1, "it does not start with the format version");
    }
    if (version > Manifest.FORMAT) {
      throw new Unreadable(
          RunStoreException.Problem.NEWER_FORMAT,
          shown + " is of format " + version + ", newer than this runtime reads (format "
              + Manifest.FORMAT + ")");
    }
    parse(bytes, lines.get(0), shown, 1, true);
    String connectorId = text(header, "connector", shown, 1);
    String runId = text(header, "run", shown, 1);
    List<RecordedRun.Session> sessions = new ArrayList<>();
    List<StepRecord> records = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      int number = n + 1;
      Map<String, Object> line = parse(bytes, lines.get(n), shown, number, true);
      if (line.containsKey("step")) {
        records.add(record(line, shown, number, sessions));
      } else if (line.containsKey("fingerprints")) {
        int session = integer(line, "session", shown, number);
        if (session != sessions.size() || !sessions.get(session - 1).fingerprints().isEmpty()) {
          throw damaged(
              shown, number, "the fingerprints of session " + session + " are out of place");
        }
        sessions.set(
            session - 1,
            sessions.get(session - 1).withFingerprints(texts(line, "fingerprints", shown, number)));
      } else if (line.containsKey("started")) {
        int session = integer(line, "session", shown, number);
        if (session != sessions.size() + 1) {
          throw damaged(
              shown, number, "session " + session + " follows session " + sessions.size());
        }
        sessions.add(
            new RecordedRun.Session(
                session,
                instant(line, "started", shown, number),
                null,
                false,
                number(line, "process", shown, number),
                strings(line, "selected", shown, number),
                Map.of()));
      } else if (line.containsKey("ended")) {
        int session = integer(line, "session", shown, number);
        if (session != sessions.size() || sessions.get(session - 1).ended() != null) {
          throw damaged(shown, number, "the end of session " + session + " is out of place");
        }
        sessions.set(
            session - 1,
            sessions.get(session - 1)
                .endedAt(instant(line, "ended", shown, number), bool(line, "cancelled")));
      } else {
        throw damaged(shown, number, "it is neither a session nor a step record");
      }
    }
    if (sessions.isEmpty()) {
      throw damaged(shown, 1, "it records no session");
    }
    return new Contents(new RecordedRun(connectorId, runId, sessions, records), validLength);
  }

  private static StepRecord record(
      Map<String, Object> line, String shown, int number, List<RecordedRun.Session> sessions)
      throws Unreadable {
    String stepId = text(line, "step", shown, number);
    int session = integer(line, "session", shown, number);
    if (session < 1 || session > sessions.size()) {
      throw damaged(shown, number, "step '" + stepId + "' is of unknown session " + session);
    }
    String fingerprint =
        line.containsKey("fingerprint")
            ? text(line, "fingerprint", shown, number)
            : sessions.get(session - 1).fingerprints().get(stepId);
    if (fingerprint == null) {
      throw damaged(shown, number, "step '" + stepId + "' has no fingerprint");
    }
    String statusName = text(line, "status", shown, number);
    StepStatus status;
    try {
      status = StepStatus.valueOf(statusName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw damaged(shown, number, "unknown status '" + statusName + "'");
    }
    if (status == StepStatus.REUSED || status == StepStatus.NOT_RUN) {
      throw damaged(shown, number, "unknown status '" + statusName + "'");
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    Object entities = line.get("entities");
    if (entities instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getValue() instanceof Long count) || count < 0 || count > Integer.MAX_VALUE) {
          throw damaged(shown, number, "entity count of '" + entry.getKey() + "' is not a count");
        }
        counts.put((String) entry.getKey(), count.intValue());
      }
    } else if (entities != null) {
      throw damaged(shown, number, "'entities' is not an object");
    }
    StepRecord.DataFile file = null;
    if (line.containsKey("file")) {
      file =
          new StepRecord.DataFile(
              text(line, "file", shown, number),
              number(line, "bytes", shown, number),
              text(line, "checksum", shown, number));
    }
    return new StepRecord(
        stepId,
        session,
        status,
        fingerprint,
        integer(line, "attempts", shown, number),
        counts,
        line.containsKey("relationships") ? integer(line, "relationships", shown, number) : 0,
        optionalText(line, "reason", shown, number),
        optionalText(line, "error", shown, number),
        file);
  }
}
