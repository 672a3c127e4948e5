package dev.stepgraph.runtime.run;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a step run by a {@link RemoteExecution} did not succeed, as its worker reported it.
 *
 * @param type the fully qualified class name of the error, {@code java.io.IOException}
 * @param message the error's message, if it had one
 * @param attempts the attempts the step made
 * @param where the frame of the connector's code it failed in, if known
 */
public record RemoteFailure(
    String type, @Nullable String message, int attempts, @Nullable StackTraceElement where) {
  public RemoteFailure {
    Objects.requireNonNull(type, "type");
  }
}
