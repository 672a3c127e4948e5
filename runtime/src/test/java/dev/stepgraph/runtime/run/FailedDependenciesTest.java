package dev.stepgraph.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.Entity;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A step can tell which steps upstream of it did not succeed, directly or transitively, and a step
 * that succeeded anyway is reported as partial: in its result, its event and the run's last
 * event. The same in both schedules.
 */
@Timeout(120)
class FailedDependenciesTest {

  /** members fails, teams skips itself, slow times out; the rest see what did not succeed above them. */
  private static ConnectorGraph graph(Schedule schedule, Map<String, Set<String>> seen, CountDownLatch never) {
    StepPolicy skip = StepPolicy.DEFAULT.withSkipOnDependencyFailure(true);
    return ConnectorGraph.builder("github", "")
        .schedule(schedule)
        .step("members", "", List.of(), record(seen, ctx -> {
          throw new IllegalStateException("HTTP 502");
        }))
        .step("orgs", "", List.of(), record(seen, ctx -> ctx.emit(Entity.of("org", "acme"))))
        .step("teams", "", List.of(), record(seen, ctx -> ctx.skip("no teams in this plan")))
        .step("slow", "", List.of(), StepPolicy.DEFAULT.withTimeout(Duration.ofMillis(20)),
            record(seen, ctx -> never.await()))
        .step("collaborators", "", List.of("orgs", "members"), record(seen, ctx -> ctx.emit(Entity.of("user", "u-1"))))
        .step("repos", "", List.of("orgs"), record(seen, ctx -> ctx.emit(Entity.of("repo", "r-1"))))
        .step("audit", "", List.of("teams", "collaborators"), record(seen, ctx -> {}))
        .step("member-teams", "", List.of("members"), skip, record(seen, ctx -> {}))
        .step("member-report", "", List.of("member-teams"), record(seen, ctx -> {}))
        .step("after-slow", "", List.of("slow", "repos"), record(seen, ctx -> {}))
        .build();
  }

  /** The body, recording first what the step's context says. */
  private static dev.stepgraph.runtime.graph.StepBody record(
      Map<String, Set<String>> seen, dev.stepgraph.runtime.graph.StepBody body) {
    return ctx -> {
      seen.put(ctx.stepId(), ctx.failedDependencies());
      body.run(ctx);
    };
  }

  @ParameterizedTest
  @EnumSource(Schedule.class)
  void eachStepSeesTheStepsUpstreamOfItThatDidNotSucceed(Schedule schedule) {
    Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    Recorder events = new Recorder();

    RunReport report = ConnectorRunner.builder(graph(schedule, seen, never)).listener(events).build().run();
    never.countDown();

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("members", List.of());
    expected.put("orgs", List.of());
    expected.put("teams", List.of());
    expected.put("slow", List.of());
    expected.put("collaborators", List.of("members"));
    expected.put("repos", List.of());
    expected.put("audit", List.of("members", "teams"));
    expected.put("member-report", List.of("members", "member-teams"));
    expected.put("after-slow", List.of("slow"));
    Map<String, List<String>> actual = new LinkedHashMap<>();
    for (String step : expected.keySet()) {
      actual.put(step, List.copyOf(seen.get(step)));
    }
    assertEquals(expected, actual, "what each step's context said, in graph order");
    assertFalse(seen.containsKey("member-teams"), "skipped without running: member-teams depends on members");

    Map<String, List<String>> reported = new LinkedHashMap<>();
    for (StepResult step : report.steps()) {
      if (!step.failedDependencies().isEmpty()) {
        reported.put(step.stepId(), List.copyOf(step.failedDependencies()));
      }
    }
    Map<String, List<String>> nonEmpty = new LinkedHashMap<>();
    expected.forEach((step, failed) -> {
      if (!failed.isEmpty()) {
        nonEmpty.put(step, failed);
      }
    });
    nonEmpty.put("member-teams", List.of("members"));
    assertEquals(
        Set.copyOf(nonEmpty.entrySet()), Set.copyOf(reported.entrySet()), "the report says the same");
  }

  @ParameterizedTest
  @EnumSource(Schedule.class)
  void succeededStepsWithFailedDependenciesArePartialInTheReportAndTheEvents(Schedule schedule) {
    CountDownLatch never = new CountDownLatch(1);
    Recorder events = new Recorder();

    RunReport report =
        ConnectorRunner.builder(graph(schedule, new ConcurrentHashMap<>(), never)).listener(events).build().run();
    never.countDown();

    List<String> partial = report.steps().stream().filter(StepResult::partial).map(StepResult::stepId).toList();
    assertEquals(List.of("collaborators", "audit", "member-report", "after-slow"), partial);
    assertFalse(report.step("repos").orElseThrow().partial(), "its one dependency succeeded");
    assertFalse(report.step("member-teams").orElseThrow().partial(), "skipped, not succeeded");
    assertEquals(StepStatus.SKIPPED, report.step("member-teams").orElseThrow().status());

    for (RunEvent.StepCompleted completed : events.of(RunEvent.StepCompleted.class)) {
      assertEquals(
          report.step(completed.stepId()).orElseThrow().failedDependencies(), completed.failedDependencies(),
          completed.stepId());
      assertEquals(partial.contains(completed.stepId()), completed.partial(), completed.stepId());
    }
    RunEvent.RunFinished finished = events.of(RunEvent.RunFinished.class).get(0);
    assertEquals(partial, finished.partial());
    assertTrue(report.hasFailures());
  }

  @ParameterizedTest
  @EnumSource(Schedule.class)
  void aRunWithoutFailuresHasNoPartialStep(Schedule schedule) {
    Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    ConnectorGraph graph =
        ConnectorGraph.builder("fine", "")
            .schedule(schedule)
            .step("a", "", List.of(), record(seen, ctx -> {}))
            .step("b", "", List.of("a"), record(seen, ctx -> {}))
            .build();

    RunReport report = ConnectorRunner.builder(graph).build().run();

    assertEquals(Map.of("a", Set.of(), "b", Set.of()), seen);
    assertTrue(report.steps().stream().noneMatch(StepResult::partial));
  }

  /** The context's answer cannot be changed by the step. */
  @ParameterizedTest
  @EnumSource(Schedule.class)
  void theSetIsUnmodifiable(Schedule schedule) {
    Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    ConnectorRunner.builder(graph(schedule, seen, never)).build().run();
    never.countDown();
    Set<String> failed = seen.get("collaborators");
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> failed.add("x"));
  }
}
