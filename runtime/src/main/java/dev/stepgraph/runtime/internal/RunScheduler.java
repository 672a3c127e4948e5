package dev.stepgraph.runtime.internal;

import dev.stepgraph.Schedule;
import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.run.RemoteExecution;
import dev.stepgraph.runtime.run.RunEvent;
import dev.stepgraph.runtime.run.RunReport;
import dev.stepgraph.runtime.run.StepResult;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunStoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One run of a graph: the scheduler. It starts and ends the run, waits for steps and cancels them;
 * the schedule itself is {@link WaveRun}, {@link EagerRun} or, for steps run elsewhere, {@link
 * RemoteReplay}. Waves run one after another; all steps of a wave start at once, each on a thread
 * of its own ({@link StepThreads}, one instance per run), or at most {@code parallelism} at once
 * ({@link StepLauncher}: waiting steps hold no thread). At the end of a wave
 * the emissions of its successful steps are committed, in declaration order, as immutable chunks
 * in a {@link PriorIndex}; the next wave's {@link PriorSnapshot} is a view over them. A step gets
 * what it needs of the run as one {@link RunContext}.
 *
 * <p>With a run store, each step is recorded as it ends ({@link Recorder}), and a resumed run
 * does not run the steps its {@link ResumePlan} reuses: their recorded emissions are committed in
 * their place, so that later steps see, and the report holds, what a run in one go would have.
 *
 * <p>The run path hands objects to one another, not lambdas or method references: the first call
 * of each makes the JVM spin a class at run time, a cold JVM's first one costs it several
 * milliseconds, and a lambda called first by several step threads at once is spun by each (read
 * BENCHMARKS.md, "A run without lambdas on its own path"). The example connector's {@code
 * StartupIT} holds the classes every run goes through to it.
 */
public final class RunScheduler {
  private final ConnectorGraph graph;
  private final RunSettings settings;
  private final StepLauncher launcher;
  private final Watchdog watchdog;
  private final EventDispatch events;
  private final EntityKeys keys = new EntityKeys();
  private final StepThreads threads;
  private final RunContext context;
  private final SecretMask mask;
  private final StoreSession session;
  private final Recorder recorder;
  private ResumePlan plan = ResumePlan.NONE;

  private static final long LOST_THREAD_CHECK_NANOS = 1_000_000_000L;
  private static final long OUT_OF_HEAP_BACKOFF_NANOS = 10_000_000L;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile boolean cancelled;
  private List<StepRun> running = List.of(); // guarded by lock

  /** A run of {@code graph}, as {@code settings} say, recorded through {@code session}. */
  public RunScheduler(ConnectorGraph graph, RunSettings settings, StoreSession session) {
    this.graph = graph;
    this.settings = settings;
    this.session = session;
    this.mask = SecretMask.of(graph.configKeys(), settings.config());
    this.events =
        new EventDispatch(settings.listeners(), "stepgraph-" + graph.id() + "-events", mask);
    this.threads = new StepThreads(graph.id(), settings.executor());
    this.launcher = new StepLauncher(settings.parallelism(), threads);
    this.watchdog = new Watchdog("stepgraph-" + graph.id() + "-timeouts");
    this.recorder = session.recorder(graph, mask);
    this.context =
        new RunContext(
            keys, settings.config(), settings.clock(), settings.sleeper(), settings.jitter(),
            threads, launcher, watchdog, events, recorder, new Cancelled(),
            new FailureLocations(graph.connectorType().orElse(null)));
  }

  public RunReport run() {
    try {
      return threads.coordinate("stepgraph-" + graph.id(), new Coordinator());
    } finally {
      watchdog.close();
      threads.close(); // never waits: a step abandoned while still running keeps its thread
      session.close();
    }
  }

  /**
   * Publishes the start of the run and reads what a resumed run reuses; returns the plan.
   */
  ResumePlan start() {
    events.publish(
        new RunEvent.RunStarted(
            settings.clock().instant(), graph.id(), graph.steps().size(), graph.waves().size(),
            session.runId(), session.resumed()));
    plan = session.plan(graph, keys);
    return plan;
  }

  /**
   * Ends the run: every step that ended recorded in the run store, the last event, the
   * listeners' bounded wait, the report.
   */
  RunReport finish(long start, List<StepResult> results, boolean callerInterrupted) {
    List<String> storeWarnings = new ArrayList<>(plan.warnings());
    storeWarnings.addAll(recorder.finish(settings.clock().instant(), cancelled));
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    Map<StepStatus, Integer> counts = new EnumMap<>(StepStatus.class);
    List<String> partial = new ArrayList<>();
    for (StepResult result : results) {
      Integer count = counts.get(result.status());
      counts.put(result.status(), count == null ? 1 : count + 1);
      if (result.partial()) {
        partial.add(result.stepId());
      }
    }
    events.publish(
        new RunEvent.RunFinished(settings.clock().instant(), counts, duration, cancelled, partial));
    // The listeners get a bounded time to take the rest; what they could not is reported.
    List<String> warnings = new ArrayList<>(mask.lines(storeWarnings));
    warnings.addAll(mask.lines(events.finish(settings.eventWait())));
    RunReport report = new RunReport(
        graph.id(), session.runId(), mask.results(results), duration, cancelled, warnings);
    if (callerInterrupted) {
      Thread.currentThread().interrupt();
    }
    return report;
  }

  /**
   * Ends a run that cannot go on, for {@code problem}: what ended recorded, as a stopped run that
   * a resume continues, and the listeners given their bounded wait; no {@code run-finished}, as
   * for a run that could not start. Returns {@code problem}, to throw.
   */
  RunStoreException abandon(RunStoreException problem) {
    recorder.finish(settings.clock().instant(), true);
    events.finish(settings.eventWait());
    return problem;
  }

  /**
   * Waits until every step of the wave finished; once cancelled, waits at most the grace period
   * and then abandons the steps still running. Returns whether the calling thread was interrupted
   * (which cancels the run).
   */
  boolean awaitWave(WaveTracker tracker, List<StepRun> executions) {
    boolean interrupted = await(tracker, executions);
    return graceThenAbandon(tracker, executions) | interrupted;
  }

  /**
   * Waits while {@code waiting} holds and the run is not cancelled; woken by {@link #signal()}.
   * Returns whether the calling thread was interrupted (which cancels the run).
   */
  boolean await(BooleanSupplier waiting, List<StepRun> watched) {
    boolean interrupted = false;
    lock.lock();
    try {
      while (waiting.getAsBoolean() && !cancelled) {
        try {
          // Woken by a step's end; the bounded wait is only a safety net for a step whose thread
          // died without ending it (an Error that escaped even its own handling).
          if (changed.awaitNanos(LOST_THREAD_CHECK_NANOS) <= 0) {
            for (StepRun execution : watched) { // thread gone, no outcome: failed, counts as done
              if (execution.threadLost()) {
                execution.lostThread();
              }
            }
          }
        } catch (InterruptedException e) {
          interrupted = true;
          cancelLocked();
        } catch (OutOfMemoryError e) {
          // A step is filling the heap and this wait could not allocate its node: that step gets
          // its own error soon and frees what it held. Back off without allocating, then wait on.
          LockSupport.parkNanos(OUT_OF_HEAP_BACKOFF_NANOS);
        }
      }
    } finally {
      lock.unlock();
    }
    return interrupted;
  }

  /**
   * Once cancelled: waits at most the grace period while {@code unfinished} holds, then abandons
   * the steps still running. Returns whether the calling thread was interrupted.
   */
  boolean graceThenAbandon(BooleanSupplier unfinished, List<StepRun> watched) {
    boolean interrupted = false;
    lock.lock();
    try {
      long nanos = settings.cancelGrace().toNanos();
      while (unfinished.getAsBoolean() && nanos > 0) {
        try {
          nanos = changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
          interrupted = true;
          nanos = 0;
        }
      }
    } finally {
      lock.unlock();
    }
    for (StepRun execution : watched) {
      if (!execution.isFinished()) {
        execution.abandon();
      }
    }
    return interrupted;
  }

  /** Counts down the steps of one wave; their ends wake {@link #await}. */
  WaveTracker waveTracker(int steps) {
    return new WaveTracker(steps, lock, changed);
  }

  /** Wakes {@link #await}: a step ended. */
  void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  /** The steps a cancel interrupts. */
  void running(List<StepRun> steps) {
    lock.lock();
    try {
      running = steps;
    } finally {
      lock.unlock();
    }
  }

  /** Cancels the run: no new step starts and running steps are interrupted. Idempotent. */
  public void cancel() {
    lock.lock();
    try {
      cancelLocked();
    } finally {
      lock.unlock();
    }
  }

  private void cancelLocked() {
    cancelled = true;
    launcher.cancel();
    for (StepRun execution : running) {
      execution.interrupt();
    }
    RemoteExecution remote = settings.remote();
    if (remote != null) {
      remote.cancel(); // safe before it executes: it then never starts
    }
    changed.signalAll();
  }

  /** Whether the run is cancelled, for its {@link RunContext}. */
  private final class Cancelled implements BooleanSupplier {
    @Override
    public boolean getAsBoolean() {
      return cancelled;
    }
  }

  /** The run's coordinator: its schedule, or the replay of a run on a remote engine. */
  private final class Coordinator implements Supplier<RunReport> {
    @Override
    public RunReport get() {
      RemoteExecution remoteRun = settings.remote();
      Path remoteStore = settings.remoteStore();
      if (remoteRun != null && remoteStore != null) {
        return new RemoteReplay(
                graph, context, RunScheduler.this, remoteRun, session, remoteStore)
            .run();
      }
      return graph.schedule() == Schedule.EAGER
          ? new EagerRun(graph, context, RunScheduler.this).run()
          : new WaveRun(graph, context, RunScheduler.this).run();
    }
  }
}
