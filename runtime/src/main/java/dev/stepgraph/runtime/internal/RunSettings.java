package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RunListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How a run runs, as its runner's builder set it: what a {@link RunScheduler} takes besides the
 * graph and the store session.
 *
 * @param config the configuration steps read
 * @param parallelism how many steps run at once at most; 0 for every step of a wave
 * @param listeners who hears the run's events, in order
 * @param clock the clock of event timestamps
 * @param cancelGrace how long a cancel waits for running steps before abandoning them
 * @param eventWait how long the run's end waits for listeners to take the last events
 * @param sleeper how the backoff between attempts is waited out
 * @param jitter the random source of retry jitter, uniform in [0, 1)
 * @param remote the workers that run the steps, or null to run them here
 * @param remoteStore the directory store those workers share, or null
 * @param executor the embedder's executor the steps run on, or null for the run's own threads
 */
public record RunSettings(
    Config config,
    int parallelism,
    List<RunListener> listeners,
    Clock clock,
    Duration cancelGrace,
    Duration eventWait,
    Sleeper sleeper,
    DoubleSupplier jitter,
    @Nullable RemoteExecution remote,
    @Nullable Path remoteStore,
    @Nullable Executor executor) {

  public RunSettings {
    listeners = List.copyOf(listeners);
  }
}
