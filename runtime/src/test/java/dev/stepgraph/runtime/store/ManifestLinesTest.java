package dev.stepgraph.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest's own line writer writes JSON that reads back as what was written. */
class ManifestLinesTest {
  private static final String FP = "0123456789abcdef";

  @Test
  void anyTextOfARecordReadsBackAsWritten() throws Exception {
    List<String> reasons =
        List.of(
            "plain reason",
            "say \"no\" to C:\\temp",
            "tab\tnew\nline\rcontrol\u0001\u001f del\u007f",
            "José, 東京, \ud83d\ude00",
            "\"leading quote",
            "trailing backslash\\",
            "");
    for (String reason : reasons) {
      ManifestLines lines = new ManifestLines();
      Manifest.header(lines, "inventory", "r1");
      Manifest.sessionStarted(
          lines,
          new RecordedRun.Session(1, Instant.EPOCH, null, false, 42, List.of(), Map.of("users", FP)));
      Manifest.record(
          lines,
          new StepRecord("users", 1, StepStatus.SKIPPED, FP, 1, Map.of(), 0, reason, null, null),
          FP);
      byte[] bytes = lines.bytes();

      StepRecord read =
          ManifestReader.read(bytes, "manifest.jsonl").run().steps().get("users");
      assertEquals(reason, read.skipReason());
      String last = new String(bytes, StandardCharsets.UTF_8).lines().reduce((a, b) -> b).get();
      assertEquals(reason, jacksonReads(last, "reason"));
    }
  }

  private static String jacksonReads(String line, String field) throws IOException {
    try (JsonParser json = new JsonFactory().createParser(line)) {
      for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
        if (token == JsonToken.FIELD_NAME && json.currentName().equals(field)) {
          json.nextToken();
          return json.getText();
        }
      }
    }
    throw new AssertionError("no " + field + " in " + line);
  }
}
