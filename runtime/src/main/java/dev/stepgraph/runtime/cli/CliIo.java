package dev.stepgraph.runtime.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What the command line talks to: stdout, stderr, the environment (for the configuration) and the
 * source of Ctrl-C. Injectable so tests run the command line in-process.
 */
record CliIo(PrintStream out, PrintStream err, Map<String, String> environment, Interrupts interrupts) {

  static CliIo system() {
    return new CliIo(System.out, System.err, System.getenv(), Interrupts.shutdownHook());
  }
}
