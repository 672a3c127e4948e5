package dev.stepgraph.runtime.cli;

import java.time.Duration;

/**
 * Where Ctrl-C comes from: a JVM shutdown hook in production, a hand-held trigger in tests.
 */
interface Interrupts {

  /** A registration; closing it unregisters the handler. Never throws. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Calls {@code handler} on SIGINT (or SIGTERM, or when the JVM shuts down). The handler cancels
   * the run and waits, bounded, for the command to finish writing; when the wait runs out it
   * abandons the write (removing its temporary file) and says so, and the JVM then halts.
   */
  Registration onInterrupt(Runnable handler);

  /**
   * The production source: a shutdown hook (SIGINT, SIGTERM). Classes, not lambdas, because every
   * command registers one: see {@link StepgraphCli}'s start-up note.
   */
  static Interrupts shutdownHook() {
    return new Interrupts() {
      @Override
      public Registration onInterrupt(Runnable handler) {
        Thread hook = new Thread(handler, "stepgraph-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Registration() {
          @Override
          public void close() {
            try {
              Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
              // The hook is running or has run: nothing to remove.
            }
          }
        };
      }
    };
  }

  /**
   * How long the interrupt handler waits for the cancelled run to write its output, after the
   * steps' grace ({@link CliIo#STOP_WAIT} is the sum).
   */
  Duration WRITE_WAIT = Duration.ofSeconds(15);
}
