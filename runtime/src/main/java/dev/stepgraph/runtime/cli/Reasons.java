package dev.stepgraph.runtime.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** What went wrong, in a few words for an error line: the reason, not the exception's class. */
final class Reasons {
  private Reasons() {}

  /** {@code No space left on device}, {@code permission denied}, {@code IllegalStateException: boom}. */
  static String of(Throwable e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "no such file or directory";
    } else if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof FileAlreadyExistsException) {
      reason = "it already exists";
    } else if (e instanceof NotDirectoryException) {
      reason = "not a directory";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      reason = f.getReason();
    } else if (e instanceof IOException && e.getMessage() != null) {
      reason = e.getMessage();
    } else {
      reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return StepgraphCli.oneLine(reason);
  }
}
