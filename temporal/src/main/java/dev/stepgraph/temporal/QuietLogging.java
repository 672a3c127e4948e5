package dev.stepgraph.temporal;

import java.util.ServiceLoader;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The Temporal SDK logs through SLF4J. On a command line without an SLF4J binding, SLF4J would
 * print three lines of warning on every start; this makes that case the silent no-op logger it
 * falls back to anyway. A connector with a binding, or a system property of its own, is left
 * alone and gets the SDK's log.
 */
final class QuietLogging {
  private QuietLogging() {}

  static void unlessBound() {
    if (System.getProperty("slf4j.provider") != null
        || ServiceLoader.load(SLF4JServiceProvider.class).findFirst().isPresent()) {
      return;
    }
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
  }
}
