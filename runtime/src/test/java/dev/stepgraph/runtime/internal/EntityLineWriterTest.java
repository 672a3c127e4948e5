package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line writer writes what Jackson writes through {@link EntityLines#write}, byte for byte. */
class EntityLineWriterTest {

  @Test
  void commonLinesAreWrittenAsJacksonWritesThem() throws IOException {
    List<Object> lines =
        List.of(
            new Entity("host", "h-1", Map.of()),
            new Entity("host", "h-2", Map.of("name", "web-1", "cores", 8, "up", true)),
            new Entity("user", "u-1",
                ordered("name", "José Müller", "city", "東京", "n", Long.MIN_VALUE, "m", -7,
                    "s", (short) 300, "b", (byte) -2, "off", false, "max", Integer.MAX_VALUE)),
            new Relationship("runs-on", "s-1", "h-1", Map.of()),
            new Relationship("member-of", "u-1", "g-1", Map.of("since", 2019L, "via", "ldap")),
            new Entity("t", "k\u007f\u0080\u07ff\u0800\uffff", Map.of("e", "")));
    assertEquals(jackson(lines), ours(lines));
  }

  @Test
  void linesThatNeedEscapesOrOtherNumbersGoThroughJacksonInTheirPlace() throws IOException {
    List<Object> lines =
        List.of(
            new Entity("host", "h-1", Map.of("n", 1)),
            new Entity("host", "say \"hi\"", Map.of()),
            new Entity("host", "h-3", Map.of("path", "C:\\x", "tab", "a\tb\nc\u0001")),
            new Entity("host", "h-4", Map.of("emoji", "\ud83d\ude00", "lone", "x\ud800y")),
            new Entity("host", "h-5", ordered("d", 1.5, "f", 2.25f, "bd", new BigDecimal("1.10"),
                "bi", new BigInteger("123456789012345678901234567890"), "list", List.of(1, "a", true))),
            new Relationship("r", "a\"b", "c", Map.of()),
            new Entity("host", "h-6", Map.of("n", 6)));
    assertEquals(jackson(lines), ours(lines));
  }

  @Test
  void randomLinesAreWrittenAsJacksonWritesThem() throws IOException {
    Random random = new Random(20261202);
    for (int round = 0; round < 200; round++) {
      List<Object> lines = new ArrayList<>();
      for (int i = 0, n = random.nextInt(60); i < n; i++) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int p = 0, m = random.nextInt(5); p < m; p++) {
          properties.put("p" + p + text(random, 4), value(random));
        }
        lines.add(random.nextInt(4) == 0
            ? new Relationship(type(random), "f" + text(random, 8), "t" + text(random, 8), properties)
            : new Entity(type(random), "k" + text(random, 12), properties));
      }
      assertEquals(jackson(lines), ours(lines), "round " + round);
    }
  }

  @Test
  void linesLongerThanTheBufferAreWrittenWhole() throws IOException {
    String big = "x".repeat(100_000) + "é".repeat(30_000);
    List<Object> lines = List.of(
        new Entity("host", "h-1", Map.of("big", big)), new Entity("host", "h-2", Map.of("n", 2)));
    assertEquals(jackson(lines), ours(lines));
  }

  private static String type(Random random) {
    return random.nextBoolean() ? "host" : "t" + text(random, 3);
  }

  private static Object value(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> random.nextInt();
      case 1 -> random.nextLong();
      case 2 -> random.nextInt(10);
      case 3 -> random.nextBoolean();
      case 4 -> random.nextDouble() * 1000;
      default -> text(random, 20);
    };
  }

  /** Mostly ASCII, sometimes a quote, backslash, control, two- or three-byte char or surrogate. */
  private static String text(Random random, int max) {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = random.nextInt(max + 1); i < n; i++) {
      int kind = random.nextInt(40);
      char c =
          switch (kind) {
            case 0 -> '"';
            case 1 -> '\\';
            case 2 -> (char) random.nextInt(0x20);
            case 3 -> (char) (0x80 + random.nextInt(0x780));
            case 4 -> (char) (0x800 + random.nextInt(0xd000));
            case 5 -> (char) (0xd800 + random.nextInt(0x800));
            default -> (char) (0x20 + random.nextInt(0x5f));
          };
      s.append(c);
    }
    return s.toString();
  }

  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static String ours(List<Object> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EntityLineWriter writer = new EntityLineWriter(bytes);
    for (Object line : lines) {
      if (line instanceof Entity entity) {
        writer.write(entity);
      } else {
        writer.write((Relationship) line);
      }
    }
    writer.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String jackson(List<Object> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
      json.setRootValueSeparator(null);
      for (Object line : lines) {
        if (line instanceof Entity entity) {
          EntityLines.write(json, entity);
        } else {
          EntityLines.write(json, (Relationship) line);
        }
        json.writeRaw('\n');
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
