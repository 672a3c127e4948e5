package dev.stepgraph.runtime.cli;

import dev.stepgraph.runtime.graph.StepPolicy;
import dev.stepgraph.runtime.run.ConnectorRunner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Ctrl-C, SIGTERM or a step's {@code System.exit} during a run: the interrupt handler that a run
 * registers for as long as it runs and writes its output. It says first what a {@code
 * System.exit} call was, then cancels the run and waits, bounded ({@link CliIo#stopWait}), until
 * the output is written; when the wait runs out it abandons the write (its temporary file goes)
 * and says so, before the JVM halts.
 */
final class OrderlyStop implements AutoCloseable {
  private final CliIo io;
  private final ConnectorRunner runner;
  private final @Nullable Destination output;
  private final RunningSteps running;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final Interrupts.Registration registration;

  private OrderlyStop(
      CliIo io, ConnectorRunner runner, @Nullable Destination output, RunningSteps running) {
    this.io = io;
    this.runner = runner;
    this.output = output;
    this.running = running;
    // A class, not a method reference: the run path spins no lambda (RunScheduler says why)
    this.registration =
        io.interrupts()
            .onInterrupt(
                new Runnable() {
                  @Override
                  public void run() {
                    onInterrupt();
                  }
                });
  }

  /**
   * Handles interrupts from now until {@link #close}.
   *
   * @param running what tells which steps were running when a step called {@code System.exit}
   */
  static OrderlyStop register(
      CliIo io, ConnectorRunner runner, @Nullable Destination output, RunningSteps running) {
    return new OrderlyStop(io, runner, output, running);
  }

  /** Whether an interrupt came, even one that came after the run ended, while the output was written. */
  boolean interrupted() {
    return interrupted.get();
  }

  /** The run and its output are done: the handler, if it runs, waits no longer. */
  @Override
  public void close() {
    finished.countDown();
    registration.close();
  }

  private void onInterrupt() {
    interrupted.set(true);
    ExitWatch.Exit call = ExitWatch.exitCall(running);
    if (call != null) { // not a signal: a step called System.exit
      io.err().println("error: " + Formats.terminalSafe(ExitWatch.describe(call, running.now())));
      io.err().flush();
    }
    runner.cancel();
    if (output != null && output.writing()) {
      io.err().println("Interrupted while writing " + output.shown + ": waiting up to "
          + StepPolicy.formatDuration(io.stopWait()) + " for the write to finish");
      io.err().flush();
    }
    boolean done;
    try {
      done = finished.await(io.stopWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done && output != null) {
      String abandoned = output.abandon();
      if (abandoned != null) {
        io.err().println("error: " + abandoned);
        io.err().flush();
      }
    }
  }
}
