package dev.stepgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The one-line texts of errors: events and report ({@code summary}), the command line ({@code reason}, {@code line}). */
class ErrorsTest {

  @Test
  void summaryIsTheSimpleNameAndTheMessageOnOneLine() {
    assertEquals("IllegalStateException: multi line", Errors.summary(new IllegalStateException("multi\nline")));
    assertEquals("IllegalStateException", Errors.summary(new IllegalStateException(" ")));
    assertEquals(
        "ErrorsTest$1: (its getMessage() threw UnsupportedOperationException)",
        Errors.summary(
            new RuntimeException() {
              private static final long serialVersionUID = 1L;

              @Override
              public String getMessage() {
                throw new UnsupportedOperationException();
              }
            }).replace(ErrorsTest.class.getName(), "ErrorsTest"));
  }

  @Test
  void reasonSaysWhatAFileSystemErrorMeantAndSummarisesAnythingElse() {
    assertEquals("no such file or directory", Errors.reason(new NoSuchFileException("/x")));
    assertEquals("permission denied", Errors.reason(new AccessDeniedException("/x")));
    assertEquals("Is a directory", Errors.reason(new FileSystemException("/x", null, "Is a directory")));
    assertEquals("No space left on device", Errors.reason(new IOException("No space left on device\n")));
    assertEquals("IOException", Errors.reason(new IOException()));
    assertEquals("IllegalStateException: boom here", Errors.reason(new IllegalStateException("boom\r\nhere\n")));
  }

  @Test
  void lineIsOneTrimmedLine() {
    assertEquals("a b c", Errors.line("  a\nb\r\nc\n"));
    assertEquals("null", Errors.line(null));
    assertEquals("a b ", Errors.oneLine("a\nb\n"), "oneLine keeps the white space around");
  }
}
