package dev.stepgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Exact diagnostics: kind, full message text, file, line and column. */
final class Diagnostics {
  private Diagnostics() {}

  /**
   * Asserts a diagnostic of this kind with exactly this message in {@code source}, on the line
   * containing {@code line} and at the column where {@code at} starts in that line.
   */
  static void assertDiagnostic(
      Compilation compilation, Diagnostic.Kind kind, String message, JavaFileObject source, String line, String at) {
    List<String> lines;
    try {
      lines = source.getCharContent(false).toString().lines().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    int lineNumber = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(line)) {
        if (lineNumber != -1) {
          fail("more than one line contains " + line);
        }
        lineNumber = i + 1;
      }
    }
    assertTrue(lineNumber > 0, "no line contains " + line);
    int column = lines.get(lineNumber - 1).indexOf(at) + 1;
    assertTrue(column > 0, "line " + lineNumber + " does not contain " + at);
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (d.getKind() == kind && d.getMessage(Locale.ROOT).equals(message)) {
        assertEquals(source.toUri(), d.getSource() == null ? null : d.getSource().toUri(), "file of " + message);
        assertEquals(lineNumber, d.getLineNumber(), "line of " + message);
        assertEquals(column, d.getColumnNumber(), "column of " + message);
        return;
      }
    }
    fail("no " + kind + " with message\n  " + message + "\nbut:\n" + describe(compilation));
  }

  static void assertError(Compilation compilation, String message, JavaFileObject source, String line, String at) {
    assertDiagnostic(compilation, Diagnostic.Kind.ERROR, message, source, line, at);
  }

  /** Asserts that this is the only error of the compilation, as {@link #assertError} places it. */
  static void assertOnlyError(Compilation compilation, String message, JavaFileObject source, String line, String at) {
    assertEquals(1, compilation.errors().size(), "errors:\n" + describe(compilation));
    assertError(compilation, message, source, line, at);
  }

  /** The messages of all errors, in order. */
  static List<String> errors(Compilation compilation) {
    return compilation.errors().stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }

  static String describe(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(d -> "  " + d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }
}
