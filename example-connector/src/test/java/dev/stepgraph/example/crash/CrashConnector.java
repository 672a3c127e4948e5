package dev.stepgraph.example.crash;

import dev.stepgraph.Step;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.Relationship;
import dev.stepgraph.runtime.StepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Thirty steps in five waves, for {@code ResumeAfterKillIT}: each step writes its id to the file
 * that {@code crash.counts} names when it starts (so the test counts how often each ran), waits a
 * little as an API call would, then emits entities of its own type, with properties of every kind,
 * and a relationship from each of them to the first entity of each step it depends on. Its data
 * depends only on its id, so every run collects the same inventory.
 */
public class CrashConnector {

  @Step(id = "w0-s0")
  void w0s0(StepContext ctx) throws Exception {
    collect(ctx, 46, 29, List.of());
  }

  @Step(id = "w0-s1")
  void w0s1(StepContext ctx) throws Exception {
    collect(ctx, 55, 16, List.of());
  }

  @Step(id = "w0-s2")
  void w0s2(StepContext ctx) throws Exception {
    collect(ctx, 14, 78, List.of());
  }

  @Step(id = "w0-s3")
  void w0s3(StepContext ctx) throws Exception {
    collect(ctx, 17, 56, List.of());
  }

  @Step(id = "w0-s4")
  void w0s4(StepContext ctx) throws Exception {
    collect(ctx, 79, 17, List.of());
  }

  @Step(id = "w0-s5")
  void w0s5(StepContext ctx) throws Exception {
    collect(ctx, 69, 37, List.of());
  }

  @Step(id = "w1-s0", dependsOn = "w0-s0")
  void w1s0(StepContext ctx) throws Exception {
    collect(ctx, 60, 63, List.of("w0-s0"));
  }

  @Step(id = "w1-s1", dependsOn = "w0-s1")
  void w1s1(StepContext ctx) throws Exception {
    collect(ctx, 16, 80, List.of("w0-s1"));
  }

  @Step(id = "w1-s2", dependsOn = {"w0-s0", "w0-s4", "w0-s5"})
  void w1s2(StepContext ctx) throws Exception {
    collect(ctx, 33, 90, List.of("w0-s0", "w0-s4", "w0-s5"));
  }

  @Step(id = "w1-s3", dependsOn = "w0-s4")
  void w1s3(StepContext ctx) throws Exception {
    collect(ctx, 79, 60, List.of("w0-s4"));
  }

  @Step(id = "w1-s4", dependsOn = "w0-s1")
  void w1s4(StepContext ctx) throws Exception {
    collect(ctx, 10, 81, List.of("w0-s1"));
  }

  @Step(id = "w1-s5", dependsOn = "w0-s2")
  void w1s5(StepContext ctx) throws Exception {
    collect(ctx, 58, 28, List.of("w0-s2"));
  }

  @Step(id = "w2-s0", dependsOn = "w1-s4")
  void w2s0(StepContext ctx) throws Exception {
    collect(ctx, 44, 81, List.of("w1-s4"));
  }

  @Step(id = "w2-s1", dependsOn = "w1-s0")
  void w2s1(StepContext ctx) throws Exception {
    collect(ctx, 79, 83, List.of("w1-s0"));
  }

  @Step(id = "w2-s2", dependsOn = "w1-s2")
  void w2s2(StepContext ctx) throws Exception {
    collect(ctx, 17, 80, List.of("w1-s2"));
  }

  @Step(id = "w2-s3", dependsOn = "w1-s4")
  void w2s3(StepContext ctx) throws Exception {
    collect(ctx, 12, 89, List.of("w1-s4"));
  }

  @Step(id = "w2-s4", dependsOn = "w1-s3")
  void w2s4(StepContext ctx) throws Exception {
    collect(ctx, 92, 78, List.of("w1-s3"));
  }

  @Step(id = "w2-s5", dependsOn = {"w1-s2", "w1-s3", "w1-s4"})
  void w2s5(StepContext ctx) throws Exception {
    collect(ctx, 51, 48, List.of("w1-s2", "w1-s3", "w1-s4"));
  }

  @Step(id = "w3-s0", dependsOn = "w2-s1")
  void w3s0(StepContext ctx) throws Exception {
    collect(ctx, 94, 41, List.of("w2-s1"));
  }

  @Step(id = "w3-s1", dependsOn = "w2-s4")
  void w3s1(StepContext ctx) throws Exception {
    collect(ctx, 43, 77, List.of("w2-s4"));
  }

  @Step(id = "w3-s2", dependsOn = {"w2-s2", "w2-s3", "w2-s5"})
  void w3s2(StepContext ctx) throws Exception {
    collect(ctx, 82, 19, List.of("w2-s2", "w2-s3", "w2-s5"));
  }

  @Step(id = "w3-s3", dependsOn = "w2-s4")
  void w3s3(StepContext ctx) throws Exception {
    collect(ctx, 58, 31, List.of("w2-s4"));
  }

  @Step(id = "w3-s4", dependsOn = {"w2-s1", "w2-s3"})
  void w3s4(StepContext ctx) throws Exception {
    collect(ctx, 58, 15, List.of("w2-s1", "w2-s3"));
  }

  @Step(id = "w3-s5", dependsOn = "w2-s4")
  void w3s5(StepContext ctx) throws Exception {
    collect(ctx, 78, 50, List.of("w2-s4"));
  }

  @Step(id = "w4-s0", dependsOn = {"w3-s2", "w3-s5"})
  void w4s0(StepContext ctx) throws Exception {
    collect(ctx, 81, 73, List.of("w3-s2", "w3-s5"));
  }

  @Step(id = "w4-s1", dependsOn = {"w3-s0", "w3-s2", "w3-s5"})
  void w4s1(StepContext ctx) throws Exception {
    collect(ctx, 65, 18, List.of("w3-s0", "w3-s2", "w3-s5"));
  }

  @Step(id = "w4-s2", dependsOn = "w3-s5")
  void w4s2(StepContext ctx) throws Exception {
    collect(ctx, 94, 49, List.of("w3-s5"));
  }

  @Step(id = "w4-s3", dependsOn = {"w3-s2", "w3-s3", "w3-s5"})
  void w4s3(StepContext ctx) throws Exception {
    collect(ctx, 7, 69, List.of("w3-s2", "w3-s3", "w3-s5"));
  }

  @Step(id = "w4-s4", dependsOn = {"w3-s1", "w3-s4"})
  void w4s4(StepContext ctx) throws Exception {
    collect(ctx, 19, 73, List.of("w3-s1", "w3-s4"));
  }

  @Step(id = "w4-s5", dependsOn = "w3-s1")
  void w4s5(StepContext ctx) throws Exception {
    collect(ctx, 103, 46, List.of("w3-s1"));
  }

  /** Counts the run, waits {@code millis}, emits {@code count} entities and their relationships. */
  private static void collect(StepContext ctx, int count, int millis, List<String> dependsOn)
      throws Exception {
    Path counts = Path.of(ctx.config().require("crash.counts"));
    Files.writeString(counts, ctx.stepId() + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Thread.sleep(millis);
    String type = "t-" + ctx.stepId();
    for (int i = 0; i < count; i++) {
      String key = ctx.stepId() + "-" + i;
      ctx.emit(
          Entity.of(type, key)
              .with("index", i)
              .with("big", 10_000_000_000L + i)
              .with("ratio", i / 8.0)
              .with("even", i % 2 == 0)
              .with("name", "\u00e9l\u00e9ment \"" + i + "\"\tof " + ctx.stepId())
              .with("tags", List.of("a" + i, i, i % 3 == 0)));
      for (String dependency : dependsOn) {
        Entity first = ctx.prior().entitiesByType("t-" + dependency).get(0);
        ctx.emit(Relationship.of("derived-from", key, first.key()).with("via", dependency));
      }
    }
  }
}
