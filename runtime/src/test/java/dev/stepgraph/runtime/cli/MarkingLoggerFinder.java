package dev.stepgraph.runtime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * A {@link System.LoggerFinder} that writes the file named by the system property {@value
 * #MARKER} when the JDK loads it: {@link ProcessEndTest} puts it on a process's class path to see
 * whether anything looked for a {@code System.Logger}, as {@code Runtime.exit} does from JDK 21 on.
 * Its loggers log nothing.
 */
public final class MarkingLoggerFinder extends System.LoggerFinder {
  static final String MARKER = "stepgraph.test.logger-finder-marker";

  public MarkingLoggerFinder() {
    String marker = System.getProperty(MARKER);
    if (marker != null) {
      try {
        Files.write(Path.of(marker), new byte[0]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new System.Logger() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public boolean isLoggable(Level level) {
        return false;
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {}

      @Override
      public void log(Level level, ResourceBundle bundle, String format, Object... params) {}

      @Override
      public void log(Level level, Supplier<String> message) {}
    };
  }
}
