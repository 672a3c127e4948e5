package dev.stepgraph.runtime.run;

import dev.stepgraph.runtime.internal.Errors;
import org.jspecify.annotations.Nullable;

/**
 * The connector of a graph could not be created: its constructor threw. {@link
 * ConnectorRunner#run()} throws it before any step runs, rather than failing every step with the
 * same cause. The message is one line naming the connector class and the cause, {@code cannot
 * create connector com.acme.AwsConnector: its constructor threw IllegalStateException: api.token
 * is not set}; the cause is what the constructor threw.
 */
public final class ConnectorCreationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConnectorCreationException(Class<?> connectorClass, Throwable cause) {
    super(
        "cannot create connector " + name(connectorClass) + ": its constructor threw "
            + describe(cause),
        cause);
  }

  /** One with this message: the original's, its secrets masked. */
  ConnectorCreationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** {@code com.acme.Outer.AwsConnector}, as in the source. */
  private static String name(Class<?> type) {
    String canonical = type.getCanonicalName();
    return canonical != null ? canonical : type.getName();
  }

  /** {@code IllegalStateException: api.token is not set}; one without a message adds its cause. */
  private static String describe(Throwable cause) {
    String summary = Errors.summary(cause);
    Throwable inner = cause.getCause();
    return cause.getMessage() == null && inner != null
        ? summary + ": " + Errors.summary(inner)
        : summary;
  }

  /** The message alone, so that printed as is (the command line does) it reads as one sentence. */
  @Override
  public String toString() {
    return getMessage();
  }
}
