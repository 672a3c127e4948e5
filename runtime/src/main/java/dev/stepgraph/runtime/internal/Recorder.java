package dev.stepgraph.runtime.internal;

import dev.stepgraph.runtime.graph.ConnectorGraph;
import dev.stepgraph.runtime.graph.StepDefinition;
import dev.stepgraph.runtime.run.StepStatus;
import dev.stepgraph.runtime.store.RunRecording;
import dev.stepgraph.runtime.store.RunStoreException;
import dev.stepgraph.runtime.store.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Records each step of a run in the run store as it ends, not when its wave ends: a step's thread
 * hands its outcome over ({@link #ended}, which never blocks); what it emitted, if anything, is
 * written at once by one of up to {@value #MAX_WRITERS} writer threads (started as steps with data
 * end), several steps' files at a time: each file is synced before it is renamed into place, and
 * syncs issued together cost the file system about one (it commits them in one journal
 * transaction), where one after another 10,000 small files cost 10,000. The recorder's own thread
 * commits the records, in the order the steps ended. The steps that end while a commit is
 * under way, or within {@link #COMMIT_INTERVAL_NANOS} of its start, go together into the next one
 * (group commit), so many small steps cost a few syncs, not one each, and a step that ended is
 * durable once its file is written and the commit before it and its own are done: at most the
 * interval after the commit under way.
 *
 * <p>A step's skip reason is recorded with the run's secret configuration values masked, as the
 * run shows it: the store never holds a secret value. (What steps emit is data, recorded as
 * emitted, as {@code --output} writes it.)
 *
 * <p>A write that fails (a full disk, say) ends the recording, not the run: the steps that ended
 * after it are not recorded, and {@link #finish} says so.
 */
final class Recorder implements Runnable {
  /** The recorder of a run without a store: records nothing. */
  static final Recorder NONE = new Recorder();

  /**
   * At most this many records per commit: bounds what one commit holds (a few MB of lines), and
   * is far above what a run's end leaves queued, which one commit takes.
   */
  private static final int MAX_BATCH = 65_536;

  /**
   * At least this long between the starts of two commits, the run's last aside: the steps that
   * end meanwhile go into the next one. Without it a stream of small steps keeps a sync under way
   * at all times, one every millisecond or two, and each sync costs the processors too; with it a
   * run pays a sync per interval at most, and a step that ended is durable at most this long after
   * the commit under way is done.
   */
  static final long COMMIT_INTERVAL_NANOS = 20_000_000L;

  /**
   * Or as soon as this many steps wait for a commit: so that a short run of many steps does not
   * leave all its records to the last commit, which the run's end waits for.
   */
  static final int COMMIT_BACKLOG = 2_000;

  private final @Nullable RunRecording recording;
  private final @Nullable ConnectorGraph graph;
  private final @Nullable Thread thread;
  private final SecretMask mask;
  private final ConcurrentLinkedQueue<EndedStep> queue = new ConcurrentLinkedQueue<>();
  private volatile boolean closing;
  // Parked with nothing to commit: only then does a step that ends wake the recorder.
  private volatile boolean idle;
  private final AtomicInteger waiting = new AtomicInteger(); // ended, not taken into a batch yet
  private volatile @Nullable String failure;
  /** What ended after the last commit, once closing: committed with the session's end. */
  private List<StepRecord> last = List.of();

  private static final int MAX_WRITERS = 16; // mostly waiting on syncs, not on processors
  private final LazyThreadPool writers; // started by the first step with data

  private Recorder() {
    this.recording = null;
    this.graph = null;
    this.thread = null;
    this.mask = SecretMask.NONE;
    this.writers = new LazyThreadPool("stepgraph-store-writer-", MAX_WRITERS); // never started
  }

  private Recorder(RunRecording recording, ConnectorGraph graph, SecretMask mask) {
    this.recording = recording;
    this.graph = graph;
    this.mask = mask;
    Thread writer = new Thread(this, "stepgraph-" + graph.id() + "-store");
    writer.setDaemon(true);
    this.thread = writer;
    this.writers = new LazyThreadPool(writer.getName() + "-writer-", MAX_WRITERS);
  }

  /**
   * Records the steps of a run of {@code graph} in {@code recording}, from now on, with what
   * {@code mask} masks masked.
   */
  static Recorder start(RunRecording recording, ConnectorGraph graph, SecretMask mask) {
    Recorder recorder = new Recorder(recording, graph, mask);
    recorder.thread.start();
    return recorder;
  }

  /** A step ended with this outcome; called once per step, on any thread; never blocks. */
  void ended(StepDefinition step, StepOutcome outcome) {
    if (thread == null || failure != null) {
      return;
    }
    StepStatus status = outcome.status;
    if (status == StepStatus.NOT_RUN) {
      return;
    }
    Throwable error = outcome.error;
    StepEmissions output = status == StepStatus.SUCCEEDED ? outcome.output : null;
    CompletableFuture<StepRecord.DataFile> file = null;
    if (output != null && (!output.entities.isEmpty() || !output.relationships.isEmpty())) {
      RunRecording into = recording;
      file =
          CompletableFuture.supplyAsync(
              () -> into.write(step.id(), output.entities, output.relationships), writers.get());
    }
    queue.add(
        new EndedStep(
            step,
            graph.fingerprint(step.id()),
            status,
            outcome.attempts,
            status == StepStatus.SKIPPED && outcome.skipReason != null
                ? mask.text(outcome.skipReason)
                : null,
            status == StepStatus.SUCCEEDED || error == null ? null : Errors.className(error),
            output,
            file,
            null));
    wake(thread);
  }

  /**
   * A step that ran elsewhere ended so; what it emitted, if anything, is already in its file,
   * written durably by the process that ran it. Called once per step; never blocks.
   */
  void endedRemotely(
      StepDefinition step,
      StepStatus status,
      int attempts,
      @Nullable String skipReason,
      @Nullable String errorType,
      Map<String, Integer> entityCounts,
      int relationships,
      StepRecord.@Nullable DataFile file) {
    RunRecording into = recording;
    if (thread == null || into == null || failure != null || status == StepStatus.NOT_RUN) {
      return;
    }
    StepRecord record =
        new StepRecord(
            step.id(),
            into.session(),
            status,
            graph.fingerprint(step.id()),
            attempts,
            entityCounts,
            relationships,
            skipReason == null ? null : mask.text(skipReason),
            errorType,
            file);
    queue.add(
        new EndedStep(step, record.fingerprint(), status, attempts, null, null, null, null, record));
    wake(thread);
  }

  /** Wakes the recorder if it waits for work; one waiting out the interval finds it when done. */
  private void wake(Thread recorder) {
    if (waiting.incrementAndGet() == COMMIT_BACKLOG || idle) {
      LockSupport.unpark(recorder);
    }
  }

  @Override
  public void run() {
    RunRecording into = recording;
    List<EndedStep> batch = new ArrayList<>();
    List<StepRecord> records = new ArrayList<>();
    long nextCommit = System.nanoTime(); // no commit starts before, unless the run is ending
    while (true) {
      boolean closingNow = closing; // read first: once closing, no step ends any more
      long wait = nextCommit - System.nanoTime();
      if (!closingNow && wait > 0 && waiting.get() < COMMIT_BACKLOG) {
        LockSupport.parkNanos(this, wait); // finish(), or the backlog's step, wakes it at once
        continue;
      }
      EndedStep next;
      while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
        batch.add(next);
      }
      waiting.addAndGet(-batch.size());
      if (batch.isEmpty()) {
        if (closingNow) {
          return;
        }
        idle = true; // then look again: a step that ended before this saw idle false
        if (queue.isEmpty() && !closing) {
          LockSupport.park(this);
        }
        idle = false;
        continue;
      }
      try {
        for (EndedStep step : batch) {
          records.add(step.record(into.session()));
        }
        if (closingNow && queue.isEmpty()) {
          last = List.copyOf(records); // goes with the session's end: one sync for both
          return;
        }
        nextCommit = System.nanoTime() + COMMIT_INTERVAL_NANOS;
        into.commit(records);
      } catch (RuntimeException | Error e) {
        failure =
            e instanceof RunStoreException
                ? e.getMessage()
                : "cannot record the run's steps: " + Errors.summary(e);
        queue.clear();
        return;
      } finally {
        batch.clear();
        records.clear();
      }
    }
  }

  /**
   * Waits until every step that ended is recorded, then ends the session in the store. Returns
   * what went wrong, one line each (nothing for a run without a store).
   */
  List<String> finish(Instant ended, boolean cancelled) {
    Thread writer = thread;
    RunRecording into = recording;
    if (writer == null || into == null) {
      return List.of();
    }
    closing = true;
    LockSupport.unpark(writer);
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join(); // durability is the point: a cancelled run waits for it too
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    writers.shutdownNow(); // after a failure, what is still being written is not needed
    if (failure == null) {
      try {
        into.finish(last, ended, cancelled);
      } catch (RunStoreException e) {
        failure = e.getMessage();
      }
    }
    String failed = failure;
    return failed == null
        ? List.of()
        : List.of(
            "the run store stopped recording: " + failed + "; a resume runs the steps that"
                + " ended after that again");
  }
}
