package dev.stepgraph.runtime.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stepgraph.runtime.internal.Errors;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
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
import java.util.zip.CRC32C;
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
 * their count), and the end of each session that ended. A last line without its newline is an append that a crash cut short: it was never
 * committed, and is left out. Any other line that does not check out makes the manifest damaged.
 */
final class Manifest {
  static final int FORMAT = 1;
  static final String FILE = "manifest.jsonl";
  private static final byte[] CRC_FIELD = ",\"crc\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final int SUFFIX = CRC_FIELD.length + 8 + 2; // ,"crc":"xxxxxxxx"}
  private static final JsonFactory JSON = new JsonFactory();

  private Manifest() {}

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

  // ---- writing

  /**
   * Lines being written, each a JSON object ended by {@link #end()}, which adds its checksum: a
   * writer of its own rather than a generator, as a run of 10,000 steps writes 10,000 of them.
   */
  static final class Lines {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final Buffer buffer = new Buffer();
    private int lineStart;
    private final boolean[] first = new boolean[4]; // per nesting level: no comma needed yet
    private int depth;

    /** Starts a line's object. */
    Lines begin() {
      lineStart = buffer.size();
      buffer.write('{');
      depth = 0;
      first[0] = true;
      return this;
    }

    private void name(String name) {
      if (!first[depth]) {
        buffer.write(',');
      }
      first[depth] = false;
      string(name);
      buffer.write(':');
    }

    Lines field(String name, String value) {
      name(name);
      string(value);
      return this;
    }

    Lines field(String name, long value) {
      name(name);
      ascii(Long.toString(value));
      return this;
    }

    Lines field(String name, boolean value) {
      name(name);
      ascii(value ? "true" : "false");
      return this;
    }

    /** Starts an object field; {@link #close} ends it. */
    Lines object(String name) {
      name(name);
      buffer.write('{');
      first[++depth] = true;
      return this;
    }

    /** Starts an array field of texts; {@link #element} adds to it, {@link #closeArray} ends it. */
    Lines array(String name) {
      name(name);
      buffer.write('[');
      first[++depth] = true;
      return this;
    }

    Lines element(String value) {
      if (!first[depth]) {
        buffer.write(',');
      }
      first[depth] = false;
      string(value);
      return this;
    }

    Lines close() {
      buffer.write('}');
      depth--;
      return this;
    }

    Lines closeArray() {
      buffer.write(']');
      depth--;
      return this;
    }

    /** Ends the line: its checksum field, the object's end, the newline. */
    void end() {
      CRC32C crc = new CRC32C();
      crc.update(buffer.array(), lineStart, buffer.size() - lineStart);
      buffer.write(CRC_FIELD, 0, CRC_FIELD.length);
      long value = crc.getValue();
      for (int shift = 28; shift >= 0; shift -= 4) {
        buffer.write(HEX[(int) (value >>> shift) & 0xf]);
      }
      buffer.write('"');
      buffer.write('}');
      buffer.write('\n');
    }

    /** Text known to be ASCII: digits, true, false, an escape. */
    private void ascii(String text) {
      buffer.writeAscii(text);
    }

    /** A JSON string, in UTF-8: quotes, backslashes and control characters escaped. */
    private void string(String text) {
      buffer.write('"');
      int plain = buffer.writePlainAscii(text);
      if (plain == text.length()) {
        buffer.write('"');
        return;
      }
      for (int i = plain; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
          buffer.write(c);
        } else if (c == '"' || c == '\\') {
          buffer.write('\\');
          buffer.write(c);
        } else if (c < 0x20 || c == 0x7f) {
          ascii(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else if (Character.isSurrogate(c)) {
          int end = i + (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1);
          byte[] bytes = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
          buffer.write(bytes, 0, bytes.length);
          i = end - 1;
        } else {
          byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          buffer.write(bytes, 0, bytes.length);
        }
      }
      buffer.write('"');
    }

    byte[] bytes() {
      return buffer.toByteArray();
    }

    int size() {
      return buffer.size();
    }

    void reset() {
      buffer.reset();
    }
  }

  /** A growing byte array; not synchronized (a ByteArrayOutputStream is, byte by byte). */
  private static final class Buffer {
    private byte[] bytes = new byte[1024];
    private int count;

    void write(int b) {
      if (count == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[count++] = (byte) b;
    }

    void write(byte[] b, int offset, int length) {
      if (count + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + length));
      }
      System.arraycopy(b, offset, bytes, count, length);
      count += length;
    }

    /**
     * Copies the text's leading printable ASCII characters other than quote and backslash (all
     * of a step id, a fingerprint, a time) in one pass, and returns how many it copied.
     */
    int writePlainAscii(String text) {
      int n = text.length();
      if (count + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + n));
      }
      byte[] b = bytes;
      int at = count;
      int i = 0;
      for (; i < n; i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
          break;
        }
        b[at + i] = (byte) c;
      }
      count = at + i;
      return i;
    }

    void writeAscii(String text) {
      int n = text.length();
      if (count + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + n));
      }
      for (int i = 0; i < n; i++) {
        bytes[count + i] = (byte) text.charAt(i);
      }
      count += n;
    }

    byte[] array() {
      return bytes;
    }

    int size() {
      return count;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, count);
    }

    void reset() {
      count = 0;
    }
  }

  static void header(Lines lines, String connectorId, String runId) {
    lines.begin().field("format", FORMAT).field("connector", connectorId).field("run", runId).end();
  }

  /**
   * The start of a session, then the fingerprints of the graph's steps as it starts: a step's
   * record names its fingerprint only when it is another.
   */
  static void sessionStarted(Lines lines, RecordedRun.Session session) {
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

  static void sessionEnded(Lines lines, int session, Instant ended, boolean cancelled) {
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
  static void record(Lines lines, StepRecord record, @Nullable String sessionFingerprint) {
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
      lines.field("file", file.name()).field("bytes", file.bytes()).field("checksum", file.checksum());
    }
    lines.end();
  }

  static String hex8(long crc) {
    String hex = Long.toHexString(crc);
    return "00000000".substring(hex.length()) + hex;
  }

  // ---- reading

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
    if (version > FORMAT) {
      throw new Unreadable(
          RunStoreException.Problem.NEWER_FORMAT,
          shown + " is of format " + version + ", newer than this runtime reads (format "
              + FORMAT + ")");
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
          throw damaged(shown, number, "the fingerprints of session " + session + " are out of place");
        }
        sessions.set(
            session - 1,
            sessions.get(session - 1).withFingerprints(texts(line, "fingerprints", shown, number)));
      } else if (line.containsKey("started")) {
        int session = integer(line, "session", shown, number);
        if (session != sessions.size() + 1) {
          throw damaged(shown, number, "session " + session + " follows session " + sessions.size());
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

  /**
   * Parses one line into a map (strings, longs, booleans, maps, lists of strings); with {@code
   * check}, first checks the line's checksum.
   */
  private static Map<String, Object> parse(
      byte[] bytes, int[] line, String shown, int number, boolean check) throws Unreadable {
    int start = line[0];
    int end = line[1];
    if (check) {
      int fieldAt = end - SUFFIX;
      if (fieldAt < start + 1 || !matches(bytes, fieldAt, CRC_FIELD) || bytes[end - 1] != '}'
          || bytes[end - 2] != '"') {
        throw damaged(shown, number, "it has no checksum");
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, start, fieldAt - start);
      String recorded = new String(bytes, fieldAt + CRC_FIELD.length, 8, StandardCharsets.US_ASCII);
      if (!recorded.equals(hex8(crc.getValue()))) {
        throw damaged(shown, number, "it fails its checksum");
      }
    }
    try (JsonParser json = JSON.createParser(bytes, start, end - start)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw damaged(shown, number, "it is not a JSON object");
      }
      Map<String, Object> object = readObject(json);
      if (json.nextToken() != null) {
        throw damaged(shown, number, "it holds more than one object");
      }
      return object;
    } catch (IOException e) {
      throw damaged(shown, number, "it is not JSON: " + Errors.line(firstLine(e.getMessage())));
    }
  }

  private static String firstLine(@Nullable String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static boolean matches(byte[] bytes, int at, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[at + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> readObject(JsonParser json) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
      String name = json.currentName();
      object.put(name, readValue(json, json.nextToken()));
    }
    return object;
  }

  private static Object readValue(JsonParser json, @Nullable JsonToken token) throws IOException {
    if (token == null) {
      throw new IOException("unexpected end of line");
    }
    switch (token) {
      case START_OBJECT:
        return readObject(json);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken element = json.nextToken();
            element != JsonToken.END_ARRAY;
            element = json.nextToken()) {
          list.add(readValue(json, element));
        }
        return list;
      case VALUE_STRING:
        return json.getText();
      case VALUE_NUMBER_INT:
        return json.getLongValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return json.getText(); // a float or null: no field of format 1 holds one
    }
  }

  private static Unreadable damaged(String shown, int line, String why) {
    return new Unreadable(
        RunStoreException.Problem.DAMAGED_MANIFEST,
        shown + " is damaged at line " + line + ": " + why);
  }

  private static String text(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    if (line.get(field) instanceof String text) {
      return text;
    }
    throw damaged(shown, number, "it has no text '" + field + "'");
  }

  private static @Nullable String optionalText(
      Map<String, Object> line, String field, String shown, int number) throws Unreadable {
    return line.containsKey(field) ? text(line, field, shown, number) : null;
  }

  private static long number(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    if (line.get(field) instanceof Long value && value >= 0) {
      return value;
    }
    throw damaged(shown, number, "it has no number '" + field + "'");
  }

  private static int integer(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    long value = number(line, field, shown, number);
    if (value > Integer.MAX_VALUE) {
      throw damaged(shown, number, "it has no number '" + field + "'");
    }
    return (int) value;
  }

  private static boolean bool(Map<String, Object> line, String field) {
    return Boolean.TRUE.equals(line.get(field));
  }

  private static Instant instant(Map<String, Object> line, String field, String shown, int number)
      throws Unreadable {
    try {
      return Instant.parse(text(line, field, shown, number));
    } catch (DateTimeException e) {
      throw damaged(shown, number, "it has no time '" + field + "'");
    }
  }

  private static Map<String, String> texts(
      Map<String, Object> line, String field, String shown, int number) throws Unreadable {
    if (!(line.get(field) instanceof Map<?, ?> map)) {
      throw damaged(shown, number, "'" + field + "' is not an object");
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getValue() instanceof String text)) {
        throw damaged(shown, number, "'" + field + "' holds a value that is not a text");
      }
      texts.put((String) entry.getKey(), text);
    }
    return texts;
  }

  private static List<String> strings(
      Map<String, Object> line, String field, String shown, int number) throws Unreadable {
    Object value = line.get(field);
    if (value == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!(element instanceof String text)) {
          throw damaged(shown, number, "'" + field + "' is not a list of texts");
        }
        strings.add(text);
      }
      return strings;
    }
    throw damaged(shown, number, "'" + field + "' is not a list of texts");
  }
}
