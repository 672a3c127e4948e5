package dev.stepgraph.runtime.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * Lines being written, each a JSON object ended by {@link #end()}, which adds its checksum: a
 * writer of its own rather than a generator, as a run of 10,000 steps writes 10,000 of them.
 */
final class ManifestLines {
  /** What precedes each line's checksum, which ends it: {@code ,"crc":"1a2b3c4d"}. */
  static final byte[] CRC_FIELD = ",\"crc\":\"".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final Buffer buffer = new Buffer();
  private int lineStart;
  private final boolean[] first = new boolean[4]; // per nesting level: no comma needed yet
  private int depth;

  /** Starts a line's object. */
  ManifestLines begin() {
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

  ManifestLines field(String name, String value) {
    name(name);
    string(value);
    return this;
  }

  ManifestLines field(String name, long value) {
    name(name);
    ascii(Long.toString(value));
    return this;
  }

  ManifestLines field(String name, boolean value) {
    name(name);
    ascii(value ? "true" : "false");
    return this;
  }

  /** Starts an object field; {@link #close} ends it. */
  ManifestLines object(String name) {
    name(name);
    buffer.write('{');
    first[++depth] = true;
    return this;
  }

  /** Starts an array field of texts; {@link #element} adds to it, {@link #closeArray} ends it. */
  ManifestLines array(String name) {
    name(name);
    buffer.write('[');
    first[++depth] = true;
    return this;
  }

  ManifestLines element(String value) {
    if (!first[depth]) {
      buffer.write(',');
    }
    first[depth] = false;
    string(value);
    return this;
  }

  ManifestLines close() {
    buffer.write('}');
    depth--;
    return this;
  }

  ManifestLines closeArray() {
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
}
