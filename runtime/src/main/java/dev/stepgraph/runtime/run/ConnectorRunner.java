package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.Config;
import dev.stepgraph.runtime.StepContext;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.internal.ConfigCheck;
import dev.stepgraph.runtime.internal.RunIds;
import dev.stepgraph.runtime.internal.RandomJitter;
import dev.stepgraph.runtime.internal.RunScheduler;
import dev.stepgraph.runtime.internal.RunSettings;
import dev.stepgraph.runtime.internal.SecretMask;
import dev.stepgraph.runtime.internal.Sleeper;
import dev.stepgraph.runtime.internal.StoreSession;
import dev.stepgraph.runtime.store.RunStore;
import dev.stepgraph.runtime.store.RunStoreException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a connector graph: the embedding API behind the command line.
 *
 * <pre>{@code
 * RunReport report = ConnectorRunner.builder(graph)
 *     .parallelism(8)
 *     .config(Config.of(Map.of("api.base-url", url), System.getenv()))
 *     .listener(event -> System.err.println(event))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Each step runs under its {@link StepPolicy}: a timeout per attempt (the run does not wait
 * for a step past it), retries with backoff, skipping when a dependency did not succeed.
 *
 * <p>With a {@link RunStore}, the run records each step as it ends, durably, and a later run can
 * resume it: the steps it recorded as succeeded or skipped whose fingerprint is unchanged (and
 * whose upstream steps are all reused too) do not run again, and their recorded data is the
 * prior data of the steps that do, and in the report, as if the run had gone through in one go:
 *
 * <pre>{@code
 * RunStore store = RunStore.directory(Path.of(".stepgraph"));
 * RunReport first = ConnectorRunner.builder(graph).store(store).build().run();
 * // ... the process died, or some steps failed: continue where it stopped
 * RunReport resumed =
 *     ConnectorRunner.builder(graph).store(store).resume(first.runId()).build().run();
 * }</pre>
 *
 * <p>A runner runs once. {@link #cancel()} may be called from any thread, before or during the
 * run.
 */
public final class ConnectorRunner {
  /** How long {@link #cancel()} waits, by default, for running steps to stop. */
  public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(5);

  /** How long a run waits, by default, at its end for listeners to take the last events. */
  public static final Duration DEFAULT_EVENT_WAIT = Duration.ofSeconds(5);

  private final ConnectorGraph graph;
  private final RunSettings settings;
  private final @Nullable RunStore store;
  private final @Nullable String runId;
  private final @Nullable String resume;
  private final boolean resumeLatest;
  private final List<String> selected;
  private final AtomicBoolean used = new AtomicBoolean();
  private final AtomicReference<RunScheduler> execution = new AtomicReference<>();
  private volatile boolean cancelRequested;

  private ConnectorRunner(Builder builder, ConnectorGraph graph) {
    this.graph = graph;
    RunStore store = builder.store;
    RemoteExecution remote = builder.remote;
    this.settings =
        new RunSettings(
            builder.config, builder.parallelism, builder.listeners, builder.clock,
            builder.cancelGrace, builder.eventWait, builder.sleeper, builder.jitter, remote,
            remote == null || store == null ? null : store.location().orElse(null),
            builder.executor);
    this.store = store;
    this.runId = builder.runId;
    this.resume = builder.resume;
    this.resumeLatest = builder.resumeLatest;
    this.selected = List.copyOf(builder.steps);
  }

  /** Starts a runner for this graph. */
  public static Builder builder(ConnectorGraph graph) {
    return new Builder(graph);
  }

  /** The graph this runner runs: the selected steps and their upstream steps, or all of them. */
  public ConnectorGraph graph() {
    return graph;
  }

  /**
   * Runs the graph and returns what happened; blocks until the run finishes. Step failures are in
   * the report, never thrown.
   *
   * @throws IllegalStateException if this runner already ran
   * @throws ConnectorCreationException if the connector of a graph from {@code
   *     X_StepGraph.create()} cannot be created; no step has run
   * @throws RunStoreException if the {@link Builder#store store} cannot start the run: it cannot
   *     be written, another run of the connector is writing to it, there is nothing to resume, the
   *     run to resume cannot be read, or a new run's id is taken; no step has run. Or, with a
   *     {@link Builder#remote remote execution}, if its workers do not share the store ({@link
   *     RunStoreException.Problem#UNSHARED}): the run stops there, recorded as it stands, so that
   *     it can be resumed once they do
   */
  public RunReport run() {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("a ConnectorRunner runs once; build another one");
    }
    try {
      graph.createConnector();
    } catch (ConnectorCreationException e) {
      // The constructor's message may hold what it read of the configuration.
      SecretMask mask = SecretMask.of(graph.configKeys(), settings.config());
      String message = mask.text(String.valueOf(e.getMessage()));
      if (message.equals(e.getMessage())) {
        throw e;
      }
      throw new ConnectorCreationException(message, mask.error(e.getCause()));
    }
    StoreSession session =
        StoreSession.open(
            store, runId, resume, resumeLatest, graph, selected, settings.clock().instant());
    RunScheduler run = new RunScheduler(graph, settings, session);
    execution.set(run);
    if (cancelRequested) {
      run.cancel();
    }
    return run.run();
  }

  /**
   * Cancels the run: steps not started yet do not start ({@link StepStatus#NOT_RUN}), running
   * steps are interrupted and see {@link StepContext#isCancelled()}; steps that do not stop within
   * the grace period are abandoned ({@link StepStatus#CANCELLED}). {@link #run()} then returns
   * with what the succeeded steps emitted. A step waiting to retry stops at once (CANCELLED).
   * Idempotent; safe from any thread, e.g. a shutdown hook.
   */
  public void cancel() {
    cancelRequested = true;
    RunScheduler run = execution.get();
    if (run != null) {
      run.cancel();
    }
  }

  /** Configures a {@link ConnectorRunner}. */
  public static final class Builder {
    private final ConnectorGraph fullGraph;
    private Config config = Config.of(Map.of(), Map.of());
    private int parallelism;
    private final List<RunListener> listeners = new ArrayList<>();
    private Set<String> steps = Set.of();
    private Clock clock = Clock.systemUTC();
    private Duration cancelGrace = DEFAULT_CANCEL_GRACE;
    private Duration eventWait = DEFAULT_EVENT_WAIT;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier jitter = new RandomJitter();
    private @Nullable RunStore store;
    private @Nullable String runId;
    private @Nullable String resume;
    private boolean resumeLatest;
    private @Nullable RemoteExecution remote;
    private @Nullable Executor executor;

    private Builder(ConnectorGraph graph) {
      this.fullGraph = Objects.requireNonNull(graph, "graph");
    }

    /** Caps how many steps run at once; by default every step of a wave runs at once. */
    public Builder parallelism(int maxConcurrentSteps) {
      if (maxConcurrentSteps < 1) {
        throw new IllegalArgumentException(
            "parallelism must be at least 1, was " + maxConcurrentSteps);
      }
      this.parallelism = maxConcurrentSteps;
      return this;
    }

    /** The configuration steps see; by default an empty one. */
    public Builder config(Config config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Adds a listener. Each listener gets every event, one at a time and in order, on a thread of
     * its own: a slow or blocked listener holds up no step and no other listener. What a listener
     * throws changes nothing in the run; it is reported in {@link RunReport#warnings()}.
     */
    public Builder listener(RunListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Runs only these steps and everything upstream of them; by default every step. Unknown ids
     * make {@link #build()} throw.
     */
    public Builder steps(Collection<String> stepIds) {
      this.steps = new LinkedHashSet<>(stepIds);
      return this;
    }

    /** How long a cancel waits for running steps to stop before abandoning them. */
    public Builder cancelGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("cancel grace must not be negative, was " + grace);
      }
      this.cancelGrace = grace;
      return this;
    }

    /**
     * How long the run waits at its end for the listeners to take the events they have not taken
     * yet; what they did not take by then is reported in {@link RunReport#warnings()}.
     */
    public Builder eventWait(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("event wait must not be negative, was " + wait);
      }
      this.eventWait = wait;
      return this;
    }

    /**
     * Records the run in this store, each step as it ends; by default a run records nothing. Only
     * one run of a connector writes to a store at a time.
     */
    public Builder store(RunStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The id of the run, in its events, its report and the store; by default the UTC time it
     * starts and 4 random hex digits, {@code 20261201T204512Z-3fa9}. A resumed run keeps the id of
     * the run it resumes.
     *
     * @throws IllegalArgumentException unless it is letters, digits, '.', '_' and '-' (not first),
     *     at most 128 characters
     */
    public Builder runId(String id) {
      if (!RunIds.valid(Objects.requireNonNull(id, "id"))) {
        throw new IllegalArgumentException(RunIds.invalid(id));
      }
      this.runId = id;
      return this;
    }

    /**
     * Continues the run of this id that the {@link #store store} recorded, as a new session of it:
     * the steps it recorded as succeeded or skipped are reused unless they changed (their
     * fingerprint) or a step they depend on runs again; the steps selected with {@link #steps}
     * always run.
     */
    public Builder resume(String runId) {
      this.resume = Objects.requireNonNull(runId, "runId");
      this.resumeLatest = false;
      return this;
    }

    /** Continues the latest run of the connector that the {@link #store store} recorded. */
    public Builder resumeLatest() {
      this.resume = null;
      this.resumeLatest = true;
      return this;
    }

    /**
     * Runs the steps with this execution (the workers of a distributed engine) instead of in this
     * process; everything else of the run stays here: the {@link #store store}'s session and
     * lock, the resume and its reused steps, the events, the report. Needs a directory store on
     * storage the workers share ({@link RunStore#location()}). {@link ConnectorRunner#cancel()}
     * cancels the execution; {@link #parallelism} is the execution's affair.
     */
    public Builder remote(RemoteExecution execution) {
      this.remote = Objects.requireNonNull(execution, "execution");
      return this;
    }

    /**
     * Runs the steps on this executor's threads instead of threads the run starts for itself and
     * ends with it (by default a virtual thread per step on JDK 21+, platform threads on JDK 17):
     * for an embedder that runs connectors again and again, whose threads outlive each run. The
     * run never shuts it down.
     *
     * <p>Each step holds a thread for as long as its method runs, so an executor with fewer
     * threads than the run has steps running at once makes steps wait for a thread (a timeout
     * counts from when an attempt starts, not from when it waits), and a step abandoned past its
     * timeout keeps its thread until its method returns. A step the executor rejects fails, with
     * what it threw, and the run goes on; a task the executor drops without a word never runs, and
     * the run waits for it. While a step runs, its thread bears the step's name, and gets its own
     * back after.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock of event timestamps (tests). */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Retries follow each other at once instead of waiting out their backoff: virtual time for
     * tests, where a step with {@code @Retry(backoff = "10m")} must not take minutes. Everything
     * else is as in a real run; each {@link RunEvent.StepRetrying} event still carries the delay
     * the run would have waited.
     */
    public Builder skipBackoff() {
      return sleeper(duration -> {
        if (Thread.interrupted()) {
          throw new InterruptedException("cancelled during the backoff");
        }
      });
    }

    /** How the backoff between two attempts is waited out (tests: record, do not wait). */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The random source of retry jitter, uniform in [0, 1) (tests: fixed values). */
    Builder jitter(DoubleSupplier random) {
      this.jitter = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The runner. When the connector declares configuration keys ({@link
     * ConnectorGraph#configKeys()}), its configuration is checked here, before anything runs.
     *
     * @throws IllegalArgumentException for an unknown step id, e.g. {@code unknown step 'polices';
     *     did you mean 'policies'? (steps: users, roles, policies)}; or, for a connector that
     *     declares configuration keys, a required key that is not set, or a key of the
     *     configuration file that is not declared: one line naming the key, the file and the
     *     environment variable, e.g. {@code required config key 'api.token' is not set: add it to
     *     app.properties, or set environment variable API_TOKEN}
     * @throws IllegalStateException for a resume without a store, or with a {@link #runId run id};
     *     for an {@link #executor executor} with a {@link #remote remote execution}
     */
    public ConnectorRunner build() {
      if ((resume != null || resumeLatest) && store == null) {
        throw new IllegalStateException("a resume needs the store of the run: call store(...)");
      }
      if ((resume != null || resumeLatest) && runId != null) {
        throw new IllegalStateException(
            "a resumed run keeps the id of the run it resumes: call runId(...) or resume(...),"
                + " not both");
      }
      if (remote != null && (store == null || store.location().isEmpty())) {
        throw new IllegalStateException(
            "a remote execution needs a directory store its workers share: call"
                + " store(RunStore.directory(...))");
      }
      if (remote != null && executor != null) {
        throw new IllegalStateException(
            "a remote execution runs the steps on its workers: call executor(...) or remote(...),"
                + " not both");
      }
      ConnectorGraph graph = fullGraph.select(steps);
      String problem = ConfigCheck.problems(graph.id(), graph.configKeys(), config);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      return new ConnectorRunner(this, graph);
    }
  }
}
