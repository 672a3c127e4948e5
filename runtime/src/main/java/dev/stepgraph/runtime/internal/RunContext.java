package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.run.RunEvent;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * What a step needs from its run, handed to it as one value: so a step reaches nothing of the
 * scheduler but this.
 *
 * @param keys the run's entity keys (duplicates fail the emitting step)
 * @param config the configuration steps read
 * @param clock the clock of event timestamps
 * @param sleeper how the backoff between attempts is waited out
 * @param jitter the random source of retry jitter, uniform in [0, 1)
 * @param threads the threads steps run on
 * @param launcher starts steps within the parallelism; a step that ends frees its slot
 * @param watchdog keeps the timeouts of attempts
 * @param events where events go
 * @param recorder records each step in the run store as it ends
 * @param cancelled whether the run was cancelled
 * @param locations finds where in the connector's code a step failed
 */
record RunContext(
    EntityKeys keys,
    Config config,
    Clock clock,
    Sleeper sleeper,
    DoubleSupplier jitter,
    StepThreads threads,
    StepLauncher launcher,
    Watchdog watchdog,
    EventDispatch events,
    Recorder recorder,
    BooleanSupplier cancelled,
    FailureLocations locations) {

  void publish(RunEvent event) {
    events.publish(event);
  }

  boolean isCancelled() {
    return cancelled.getAsBoolean();
  }
}
