package dev.stepgraph.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
  @TempDir Path dir;

  private static StepResult step(List<Entity> entities, List<Relationship> relationships) {
    return new StepResult(
        "s", 0, StepStatus.SUCCEEDED, Duration.ZERO, Map.of(), relationships.size(), null,
        entities, relationships);
  }

  /** {@code --output target}: checked, then written. */
  static JsonLines.Written write(Path target, List<StepResult> steps) throws Exception {
    try (Destination destination = OutputFile.open(target.toString(), System.out)) {
      return destination.write(steps, JsonLines.Progress.NONE);
    }
  }

  private List<Path> files() throws IOException {
    try (var list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  @Test
  void everyPropertyTypeIsWrittenAsJson() throws IOException {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", "web \"1\"");
    properties.put("cpus", 4);
    properties.put("bytes", 9_000_000_000L);
    properties.put("load", 0.5);
    properties.put("price", new BigDecimal("12.30"));
    properties.put("on", true);
    properties.put("tags", List.of("a", 1, false));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    JsonLines.write(
        out,
        List.of(
            step(
                List.of(new Entity("host", "h-1", properties)),
                List.of(Relationship.of("runs-on", "s-1", "h-1").with("port", 443)))));

    assertEquals(
        "{\"kind\":\"entity\",\"type\":\"host\",\"key\":\"h-1\",\"properties\":{\"name\":\"web"
            + " \\\"1\\\"\",\"cpus\":4,\"bytes\":9000000000,\"load\":0.5,\"price\":12.30,"
            + "\"on\":true,\"tags\":[\"a\",1,false]}}\n"
            + "{\"kind\":\"relationship\",\"type\":\"runs-on\",\"from\":\"s-1\",\"to\":\"h-1\","
            + "\"properties\":{\"port\":443}}\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anExistingFileIsReplacedOnSuccessWithNoTemporaryFileLeft() throws Exception {
    Path target = dir.resolve("out.jsonl");
    Files.writeString(target, "old\n");

    JsonLines.Written written =
        write(target, List.of(step(List.of(Entity.of("user", "u-1")), List.of())));

    assertEquals(new JsonLines.Written(1, 0), written);
    assertEquals(
        List.of("{\"kind\":\"entity\",\"type\":\"user\",\"key\":\"u-1\",\"properties\":{}}"),
        Files.readAllLines(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void aFailedWriteLeavesTheExistingFileAndNoTemporaryFile() throws Exception {
    Path target = dir.resolve("out.jsonl");
    Files.writeString(target, "old\n");
    List<Entity> breaksHalfWay =
        new AbstractList<>() {
          @Override
          public Entity get(int index) {
            if (index == 1) {
              throw new IllegalStateException("disk on fire");
            }
            return Entity.of("user", "u-" + index);
          }

          @Override
          public int size() {
            return 3;
          }
        };

    assertThrows(
        IllegalStateException.class,
        () -> write(target, List.of(step(breaksHalfWay, List.of()))));

    assertEquals("old\n", Files.readString(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws Exception {
    Path target = dir.resolve("out.jsonl");
    Files.writeString(target, "old\n");
    Assumptions.assumeTrue(
        Files.getFileStore(target).supportsFileAttributeView("posix"), "no POSIX permissions");
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    Files.setPosixFilePermissions(target, ownerOnly);

    write(target, List.of(step(List.of(Entity.of("user", "u-1")), List.of())));

    assertEquals(ownerOnly, Files.getPosixFilePermissions(target));
    assertEquals(1, Files.readAllLines(target).size());
  }
}
