package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.graph.StepDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An attempt whose timeout fires before its step method has begun (a loaded machine, a short
 * timeout) still interrupts that method once it begins: the timeout found no thread to interrupt
 * yet, so the method must not run on as if nothing had happened.
 */
@Timeout(60)
class TimeoutBeforeBodyTest {

  @Test
  void anAttemptGivenUpBeforeItsBodyBeganRunsTheBodyInterrupted() throws Exception {
    StepThreads threads = new StepThreads("t", null);
    Watchdog watchdog = new Watchdog("t-timeouts");
    EventDispatch events = new EventDispatch(List.of(), "t-events");
    EntityKeys keys = new EntityKeys();
    RunContext run =
        new RunContext(
            keys, Config.of(Map.of(), Map.of()), Clock.systemUTC(), Sleeper.SYSTEM, () -> 0.5,
            threads, new StepLauncher(0, threads), watchdog, events, Recorder.NONE, () -> false,
            new FailureLocations(null));
    try {
      StepDefinition definition = new StepDefinition("stuck", "", List.of(), 0, ctx -> {});
      StepRun step =
          new StepRun(definition, 0, run, ended -> {}, new PriorIndex(keys).snapshot(0), Set.of());
      AttemptContext attempt = new AttemptContext(step, run);
      AtomicBoolean interrupted = new AtomicBoolean();

      attempt.giveUp(); // the timeout, before the body began
      InterruptibleTask task =
          new InterruptibleTask(
              "stuck", self -> attempt.runBody(ctx -> interrupted.set(Thread.interrupted()), self));
      Thread thread = new Thread(task);
      thread.start();
      thread.join();

      assertTrue(interrupted.get(), "the body began interrupted");
    } finally {
      watchdog.close();
      events.finish(Duration.ZERO);
      threads.close();
    }
  }
}
